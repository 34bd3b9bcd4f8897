package dev.jfilter.frontend.lower;

import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.frontend.ast.Arith;
import dev.jfilter.frontend.ast.ArithOp;
import dev.jfilter.frontend.ast.ProtoQualifier;
import dev.jfilter.frontend.ast.RelOp;
import dev.jfilter.frontend.ast.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Relations over arithmetic: libpcap's {@code gen_loadi}, {@code gen_loadlen}, {@code gen_load}, {@code gen_arth},
 * {@code gen_neg} and {@code gen_relation} (gencode.c). Every value lives in a scratch word; statements compute it
 * and store it, and a relation is one block that computes both sides and compares them.
 *
 * <p>Like libpcap, a packet index {@code proto[i]} carries a guard (the packet is of that protocol, and for
 * transport protocols IPv4 and not a later fragment) that the relation tests first; the guard of the right-hand
 * operand of an arithmetic operator is dropped, as libpcap drops it.
 */
final class Arithmetic {
    private final LoweringContext ctx;
    private final Protocols protocols;

    Arithmetic(LoweringContext ctx, Protocols protocols) {
        this.ctx = ctx;
        this.protocols = protocols;
    }

    /** libpcap's {@code struct arth}: statements that leave the value in scratch word {@code reg}, and a guard. */
    private static final class Value {
        final List<Stmt> statements = new ArrayList<>();
        int reg;
        Pred guard;

        Value(int reg) {
            this.reg = reg;
        }
    }

    /** {@code left op right}. */
    Pred relation(Arith left, RelOp op, Arith right) {
        Value a0 = value(left);
        Value a1 = value(right);
        JumpOp code = switch (op) {
            case GT, LE -> JumpOp.JGT;
            case GE, LT -> JumpOp.JGE;
            case EQ, NE -> JumpOp.JEQ;
        };
        boolean reversed = op == RelOp.LE || op == RelOp.LT || op == RelOp.NE;
        List<Stmt> s = new ArrayList<>(a0.statements);
        s.addAll(a1.statements);
        s.add(new Stmt.LoadScratch(Register.X, a1.reg));
        s.add(new Stmt.LoadScratch(Register.A, a0.reg));
        Pred b = new Pred.Test(s, Condition.ofX(code));
        if (reversed) {
            b = Pred.not(b);
        }
        ctx.registers.free(a0.reg);
        ctx.registers.free(a1.reg);
        if (a0.guard != null) {
            b = Pred.and(a0.guard, b);
        }
        if (a1.guard != null) {
            b = Pred.and(a1.guard, b);
        }
        return b;
    }

    private Value value(Arith a) {
        try {
            return switch (a) {
                case Arith.Literal l -> constant(l.value());
                case Arith.PacketLength p -> length();
                case Arith.PacketIndex p -> index(p.proto(), value(p.index()), p.size(), p.protoSpan(), p.sizeSpan());
                case Arith.Binary b -> binary(b.op(), value(b.left()), value(b.right()), b.right().span());
                case Arith.Negate n -> negate(value(n.operand()));
            };
        } catch (LoweringException e) {
            throw e.orAt(a.span());
        }
    }

    private Value constant(long v) {
        Value a = new Value(ctx.registers.allocate());
        a.statements.add(new Stmt.LoadConstant(Register.A, (int) v));
        a.statements.add(new Stmt.Store(Register.A, a.reg));
        return a;
    }

    private Value length() {
        Value a = new Value(ctx.registers.allocate());
        a.statements.add(new Stmt.LoadLength(Register.A));
        a.statements.add(new Stmt.Store(Register.A, a.reg));
        return a;
    }

    /** {@code proto[inst : size]} ({@code gen_load_internal}). */
    private Value index(ProtoQualifier proto, Value inst, int size, Span protoSpan, Span sizeSpan) {
        int regno = ctx.registers.allocate();
        ctx.registers.free(inst.reg);
        LoadSize loadSize = switch (size) {
            case 1 -> LoadSize.BYTE;
            case 2 -> LoadSize.HALF;
            case 4 -> LoadSize.WORD;
            default -> throw new LoweringException(sizeSpan, "data size must be 1, 2, or 4");
        };
        IndexBase base = switch (proto) {
            case RADIO -> {
                if (!ctx.link().hasRadioHeader()) {
                    throw new LoweringException(protoSpan, "radio information not present in capture");
                }
                // From the start of the packet, where the radio header is.
                yield new IndexBase(null, List.of(), 0);
            }
            case LINK -> {
                List<Stmt> variable = ctx.variablePart(ctx.layout.linkHeader);
                yield new IndexBase(null, variable, ctx.layout.linkHeader.constant);
            }
            case IP, ARP, RARP, ATALK, DECNET, SCA, LAT, MOPRC, MOPDL, IPV6 -> {
                List<Stmt> variable = ctx.variablePart(ctx.layout.linkPayload);
                int constant = ctx.networkStart();
                yield new IndexBase(protocols.abbreviation(proto), variable, constant);
            }
            case SCTP, TCP, UDP, ICMP, IGMP, IGRP, PIM, VRRP, CARP -> {
                List<Stmt> variable = ctx.ipv4HeaderLength();
                int constant = ctx.networkStart();
                // IPv4 only, this protocol, and the first or only fragment.
                Pred ipv4 = Pred.and(protocols.abbreviation(ProtoQualifier.IP),
                        protocols.ipProto(Protocols.ipProtocol(proto)));
                yield new IndexBase(Pred.and(ipv4, protocols.ipFirstFragment()), variable, constant);
            }
            case ICMPV6 -> {
                // The fixed header's next header only: no extension headers before ICMPv6.
                Pred guard = Pred.and(protocols.abbreviation(ProtoQualifier.IPV6),
                        protocols.ip6Proto(Protocols.IPPROTO_ICMPV6));
                List<Stmt> variable = ctx.variablePart(ctx.layout.linkPayload);
                yield new IndexBase(guard, variable, ctx.networkStart() + 40);
            }
            case DEFAULT, AH, ESP, AARP, ISO, ESIS, ISIS, CLNP, STP, IPX, NETBEUI, ISIS_L1, ISIS_L2, ISIS_IIH,
                    ISIS_SNP, ISIS_CSNP, ISIS_PSNP, ISIS_LSP -> throw new LoweringException(protoSpan,
                    "'" + Keywords.proto(proto) + "' does not support the index operation");
        };
        Pred guard = base.guard();
        List<Stmt> variablePart = base.variablePart();
        int constantPart = base.constantPart();
        if (guard != null) {
            inst.guard = inst.guard != null ? Pred.and(inst.guard, guard) : guard;
        }
        if (variablePart.isEmpty()) {
            inst.statements.add(new Stmt.LoadScratch(Register.X, inst.reg));
        } else {
            inst.statements.addAll(variablePart);
            inst.statements.add(new Stmt.LoadScratch(Register.A, inst.reg));
            inst.statements.add(new Stmt.AluX(AluOp.ADD));
            inst.statements.add(new Stmt.Tax());
        }
        inst.statements.add(new Stmt.LoadIndirect(loadSize, constantPart));
        inst.reg = regno;
        inst.statements.add(new Stmt.Store(Register.A, regno));
        return inst;
    }

    /**
     * Where {@code proto[...]} indexes from: a guard for the protocol (null for {@code link}), statements that load the
     * variable part of the offset into {@code X} (none if it has none), and a constant offset
     * ({@code gen_load_absoffsetarthrel}).
     */
    private record IndexBase(Pred guard, List<Stmt> variablePart, int constantPart) {}

    /** {@code a0 op a1} ({@code gen_arth}). */
    private Value binary(ArithOp op, Value a0, Value a1, Span rightSpan) {
        // libpcap looks at the first statement of the right operand: a constant there is checked, whatever follows.
        if (!a1.statements.isEmpty() && a1.statements.getFirst() instanceof Stmt.LoadConstant c
                && c.dst() == Register.A) {
            long k = Integer.toUnsignedLong(c.value());
            switch (op) {
                case DIV -> {
                    if (k == 0) {
                        throw new LoweringException(rightSpan, "division by zero");
                    }
                }
                case MOD -> {
                    if (k == 0) {
                        throw new LoweringException(rightSpan, "modulus by zero");
                    }
                }
                case LSH, RSH -> {
                    if (k > 31) {
                        throw new LoweringException(rightSpan, "shift by more than 31 bits");
                    }
                }
                case ADD, SUB, MUL, AND, OR, XOR -> { }
            }
        }
        AluOp alu = switch (op) {
            case ADD -> AluOp.ADD;
            case SUB -> AluOp.SUB;
            case MUL -> AluOp.MUL;
            case DIV -> AluOp.DIV;
            case MOD -> AluOp.MOD;
            case AND -> AluOp.AND;
            case OR -> AluOp.OR;
            case XOR -> AluOp.XOR;
            case LSH -> AluOp.LSH;
            case RSH -> AluOp.RSH;
        };
        a0.statements.addAll(a1.statements);
        a0.statements.add(new Stmt.LoadScratch(Register.X, a1.reg));
        a0.statements.add(new Stmt.LoadScratch(Register.A, a0.reg));
        a0.statements.add(new Stmt.AluX(alu));
        ctx.registers.free(a0.reg);
        ctx.registers.free(a1.reg);
        a0.reg = ctx.registers.allocate();
        a0.statements.add(new Stmt.Store(Register.A, a0.reg));
        return a0;
    }

    /** {@code -a} ({@code gen_neg}). */
    private Value negate(Value a) {
        a.statements.add(new Stmt.LoadScratch(Register.A, a.reg));
        a.statements.add(new Stmt.Negate());
        a.statements.add(new Stmt.Store(Register.A, a.reg));
        return a;
    }
}
