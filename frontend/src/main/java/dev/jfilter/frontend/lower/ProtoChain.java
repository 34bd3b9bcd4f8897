package dev.jfilter.frontend.lower;

import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.CfgBuilder;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import dev.jfilter.frontend.ast.ProtoQualifier;
import dev.jfilter.frontend.link.LinkProtocols;
import java.util.List;

/**
 * {@code [ip|ip6] protochain P}: is {@code P} the protocol of the IP header or of a header its chain of extension
 * headers leads to? libpcap's {@code gen_protochain} walks the chain with a backward jump, which the kernel refuses
 * and which switches libpcap's optimizer off. Here the same walk is unrolled into an acyclic graph of
 * {@link #MAX_HEADERS} steps, each step the statements of libpcap's loop body, so the result is libpcap's on every
 * packet whose chain has at most that many headers to skip.
 *
 * <p>Why 8: RFC 8200 section 4.1 allows each extension header once, Destination Options twice; a conforming IPv6
 * chain therefore skips at most six headers before its upper layer (Hop-by-Hop, Destination Options, Routing,
 * Fragment, AH, Destination Options), and IPv4 has only AH. Eight leaves room for two more (a repeated AH, a
 * future header) at about 30 instructions a step. A chain still unfinished after eight headers does not match.
 *
 * <p>Like libpcap, the walk skips Hop-by-Hop, Destination Options, Routing and Fragment headers (IPv6 only) and AH,
 * stops at "no next header", and computes the offset after an AH header as {@code (length + 2) * 4} from the start
 * of the IP header rather than from the AH header: a libpcap quirk kept so the verdicts agree.
 */
final class ProtoChain {
    /** How many extension headers the unrolled walk skips at most. */
    static final int MAX_HEADERS = 8;

    private final LoweringContext ctx;

    ProtoChain(LoweringContext ctx) {
        this.ctx = ctx;
    }

    /** {@code [proto] protochain v}. */
    Pred chain(long v, ProtoQualifier proto) {
        // libpcap allocates its scratch word first, and the default case never gives it back.
        int slot = ctx.registers.allocate();
        switch (proto) {
            case IP, IPV6 -> Limits.atMost("protocol number", v, 0xff);
            case DEFAULT -> {
                Pred b0 = chain(v, ProtoQualifier.IP);
                Pred b = chain(v, ProtoQualifier.IPV6);
                return Pred.or(b0, b);
            }
            case LINK, ARP, RARP, SCTP, TCP, UDP, ICMP, IGMP, IGRP, ATALK, DECNET, LAT, SCA, MOPRC, MOPDL,
                    ICMPV6, AH, ESP, PIM, VRRP, AARP, ISO, ESIS, ISIS, CLNP, STP, IPX, NETBEUI, ISIS_L1,
                    ISIS_L2, ISIS_IIH, ISIS_SNP, ISIS_CSNP, ISIS_PSNP, ISIS_LSP, RADIO, CARP -> throw LoweringException.qualifier(Keywords.invalidQualifier(Keywords.proto(proto), "protochain"));
        }
        if (ctx.layout.linkPayload.variable) {
            throw new LoweringException("'protochain' not supported with variable length headers");
        }
        boolean ipv6 = proto == ProtoQualifier.IPV6;
        Pred b0 = ctx.linkType(ipv6 ? LinkProtocols.ETHERTYPE_IPV6 : LinkProtocols.ETHERTYPE_IP);
        int nl = ctx.networkStart();
        List<Stmt> prelude = new java.util.ArrayList<>();
        if (ipv6) {
            prelude.add(new Stmt.LoadAbsolute(LoadSize.BYTE, nl + 6));
            prelude.add(new Stmt.LoadConstant(Register.X, 40));
        } else {
            prelude.add(new Stmt.LoadAbsolute(LoadSize.BYTE, nl + 9));
            prelude.addAll(ctx.ipv4HeaderLength());
        }
        int value = (int) v;
        Pred walk = new Pred.SubGraph((ipv6 ? "ip6" : "ip") + " protochain " + v,
                (cfg, ifTrue, ifFalse) -> emit(cfg, ifTrue, ifFalse, prelude, value, ipv6, nl, slot));
        ctx.registers.free(slot);
        return Pred.and(b0, walk);
    }

    private static BlockId emit(CfgBuilder cfg, BlockId ifTrue, BlockId ifFalse, List<Stmt> prelude, int v,
            boolean ipv6, int nl, int slot) {
        // The final check: A holds the last next-header value seen.
        BlockId end = cfg.addBranch(List.of(), Condition.of(JumpOp.JEQ, v), ifTrue, ifFalse);
        // The last step only compares: a chain longer than MAX_HEADERS does not match.
        BlockId again = cfg.addBranch(List.of(), Condition.of(JumpOp.JEQ, v), end, ifFalse);
        for (int step = MAX_HEADERS - 1; step >= 0; step--) {
            BlockId ahAdvance = cfg.add(List.of(
                    new Stmt.LoadIndirect(LoadSize.BYTE, nl),
                    new Stmt.Store(Register.A, slot),
                    new Stmt.Txa(),
                    new Stmt.AluConstant(AluOp.ADD, 1),
                    new Stmt.Tax(),
                    new Stmt.LoadIndirect(LoadSize.BYTE, nl),
                    new Stmt.AluConstant(AluOp.ADD, 2),
                    new Stmt.AluConstant(AluOp.MUL, 4),
                    new Stmt.Tax(),
                    new Stmt.LoadScratch(Register.A, slot)), new Terminator.Jump(again));
            BlockId ahCheck = cfg.addBranch(List.of(),
                    Condition.of(JumpOp.JEQ, Protocols.IPPROTO_AH), ahAdvance, end);
            BlockId next = ahCheck;
            if (ipv6) {
                BlockId v6Advance = cfg.add(List.of(
                        new Stmt.LoadIndirect(LoadSize.BYTE, nl),
                        new Stmt.Store(Register.A, slot),
                        new Stmt.LoadIndirect(LoadSize.BYTE, nl + 1),
                        new Stmt.AluConstant(AluOp.ADD, 1),
                        new Stmt.AluConstant(AluOp.MUL, 8),
                        new Stmt.AluX(AluOp.ADD),
                        new Stmt.Tax(),
                        new Stmt.LoadScratch(Register.A, slot)), new Terminator.Jump(again));
                int[] skipped = {Protocols.IPPROTO_FRAGMENT, Protocols.IPPROTO_ROUTING, Protocols.IPPROTO_DSTOPTS, 0};
                for (int header : skipped) {
                    next = cfg.addBranch(List.of(), Condition.of(JumpOp.JEQ, header), v6Advance, next);
                }
            }
            BlockId none = cfg.addBranch(List.of(), Condition.of(JumpOp.JEQ, Protocols.IPPROTO_NONE), end, next);
            again = cfg.addBranch(List.of(), Condition.of(JumpOp.JEQ, v), end, none);
        }
        return cfg.add(prelude, new Terminator.Jump(again));
    }
}
