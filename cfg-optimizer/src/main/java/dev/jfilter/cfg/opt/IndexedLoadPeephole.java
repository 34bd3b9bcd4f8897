package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code tcp[k]} idiom: {@code ld #c; ldxb 4*([n]&0xf); add x; tax; ld [x + j]} becomes
 * {@code ldxb 4*([n]&0xf); ld [x + j + c]} (libpcap's {@code opt_peep} does the same), when the sum {@code c + x}
 * is read by nothing after the load; so does {@code ld #c; add x; tax; ld [x + j]}, where X already holds the
 * header's offset (after a link header of variable length, such as pflog's). Afterwards {@code X} holds the header length itself, so the next load from the
 * same header needs no arithmetic, and value numbering sees equal loads as equal.
 *
 * <p>The rewrite keeps the program's value only if {@code c + x} does not wrap around 32 bits: {@code bpf_filter}
 * adds the two with wrap-around, then refuses an indexed load whose {@code x + k} would wrap. So without the
 * {@code ldxb} (which bounds X by 60), X must be known small enough: a 32-bit length read at run time (AVS's) is not.
 */
final class IndexedLoadPeephole implements OptimizerPass {
    @Override
    public String name() {
        return "indexed-load peephole";
    }

    @Override
    public Cfg run(Cfg cfg, Reasoning reasoning) {
        Liveness liveness = Liveness.of(cfg);
        ValueAnalysis analysis = ValueAnalysis.of(cfg, reasoning);
        return cfg.map(block -> analysis.reachable(block.id()) ? rewrite(block, liveness, analysis) : block);
    }

    private static Block rewrite(Block block, Liveness liveness, ValueAnalysis analysis) {
        List<Stmt> stmts = block.statements();
        for (int i = 3; i < stmts.size(); i++) {
            // The ldxb is optional: after a header of variable length (pflog), X already holds the header's offset.
            int headerLength = stmts.get(i - 3) instanceof Stmt.LoadIpHeaderLength ? i - 3 : -1;
            int constant = headerLength >= 0 ? i - 4 : i - 3;
            if (constant >= 0 && stmts.get(constant) instanceof Stmt.LoadConstant c && c.dst() == Register.A
                    && stmts.get(i - 2) instanceof Stmt.AluX add && add.op() == AluOp.ADD
                    && stmts.get(i - 1) instanceof Stmt.Tax
                    && stmts.get(i) instanceof Stmt.LoadIndirect load
                    && Integer.toUnsignedLong(load.offset()) + Integer.toUnsignedLong(c.value()) <= 0xffff_ffffL
                    && !xReadLater(block, i, liveness)
                    && (headerLength >= 0 || xBound(block, i - 2, analysis) + Integer.toUnsignedLong(c.value())
                            <= 0xffff_ffffL)) {
                List<Stmt> out = new ArrayList<>(stmts.subList(0, constant));
                if (headerLength >= 0) {
                    out.add(stmts.get(headerLength));
                }
                out.add(new Stmt.LoadIndirect(load.size(), load.offset() + c.value()));
                out.addAll(stmts.subList(i + 1, stmts.size()));
                return rewrite(block.withStatements(out), liveness, analysis);
            }
        }
        return block;
    }

    /** An upper bound of X's value (unsigned) before statement {@code i} of {@code block}. */
    private static long xBound(Block block, int i, ValueAnalysis analysis) {
        MachineState s = analysis.entry(block.id());
        for (Stmt st : block.statements().subList(0, i)) {
            Transfer.apply(st, s, analysis.values);
        }
        return bound(s.x, analysis.values, 8);
    }

    /** An upper bound of value {@code v}, from its expression ({@code depth} levels deep). */
    private static long bound(int v, ValueTable values, int depth) {
        long top = 0xffff_ffffL;
        if (depth == 0) {
            return top;
        }
        return switch (values.expr(v)) {
            case ValueExpr.Constant c -> Integer.toUnsignedLong(c.value());
            case ValueExpr.PacketLoad l -> sizeBound(l.size());
            case ValueExpr.IndirectLoad l -> sizeBound(l.size());
            case ValueExpr.IpHeaderLength l -> 60;
            case ValueExpr.Arithmetic a -> {
                long l = bound(a.left(), values, depth - 1);
                long r = bound(a.right(), values, depth - 1);
                yield switch (a.op()) {
                    case ADD -> Math.min(l + r, top);
                    case AND -> Math.min(l, r);
                    case OR, XOR -> {
                        // At most every bit up to the highest one of the larger bound.
                        long m = Math.max(l, r);
                        yield m == 0 ? 0 : Math.min(top, Long.highestOneBit(m) * 2 - 1);
                    }
                    case RSH -> values.constantValue(a.right()).isPresent() ? l >>> (r & 31) : l;
                    case LSH -> values.constantValue(a.right()).isPresent() ? Math.min(top, l << (r & 31)) : top;
                    case MUL -> l != 0 && r > top / l ? top : l * r;
                    case DIV -> l;
                    case MOD -> r == 0 ? l : Math.min(l, r - 1);
                    case SUB -> top;
                };
            }
            case ValueExpr.WireLength w -> top;
            case ValueExpr.AncillaryLoad l -> top;
            case ValueExpr.Negation n -> top;
            case ValueExpr.Opaque o -> top;
        };
    }

    private static long sizeBound(dev.jfilter.cfg.LoadSize size) {
        return switch (size) {
            case BYTE -> 0xff;
            case HALF -> 0xffff;
            case WORD -> 0xffff_ffffL;
        };
    }

    /** Whether the value of {@code X} after statement {@code i} is read before {@code X} is written again. */
    private static boolean xReadLater(Block block, int i, Liveness liveness) {
        int live = liveness.liveOut(block);
        List<Stmt> stmts = block.statements();
        for (int j = stmts.size() - 1; j > i; j--) {
            live = (live & ~Liveness.defs(stmts.get(j))) | Liveness.uses(stmts.get(j));
        }
        return (live & Liveness.X) != 0;
    }
}
