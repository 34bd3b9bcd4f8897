package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.Operand;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.ArrayList;
import java.util.List;

/**
 * Statement-level rewrites from value numbering: a statement whose destination already holds the value it computes
 * goes (a reload of a value every path already loaded cannot fail); arithmetic on known constants becomes a constant
 * load; a scratch load of a known constant becomes an immediate; an indirect load with a known {@code X} becomes an
 * absolute load; a scratch load of the value the other register holds becomes {@code tax} or {@code txa}; a branch
 * against a known {@code X} tests the constant.
 */
final class StatementSimplification implements OptimizerPass {
    @Override
    public String name() {
        return "value numbering";
    }

    @Override
    public Cfg run(Cfg cfg, Reasoning reasoning) {
        ValueAnalysis analysis = ValueAnalysis.of(cfg, reasoning);
        ValueTable values = analysis.values;
        return cfg.map(block -> {
            if (!analysis.reachable(block.id())) {
                return block;
            }
            MachineState s = analysis.entry(block.id());
            List<Stmt> out = new ArrayList<>(block.statements().size());
            for (Stmt st : block.statements()) {
                if (Transfer.isRedundant(st, s, values)) {
                    continue;
                }
                Stmt rewritten = rewrite(st, s, values);
                Transfer.apply(rewritten, s, values);
                out.add(rewritten);
            }
            Terminator t = block.terminator();
            if (t instanceof Terminator.Branch b && b.condition().operand() instanceof Operand.IndexRegister) {
                var x = values.constantValue(s.x);
                if (x.isPresent()) {
                    t = new Terminator.Branch(Condition.of(b.condition().op(), x.getAsInt()), b.ifTrue(), b.ifFalse());
                }
            }
            Block result = new Block(block.id(), out, t);
            return result.equals(block) ? block : result;
        });
    }

    private static Stmt rewrite(Stmt st, MachineState s, ValueTable values) {
        var x = values.constantValue(s.x);
        switch (st) {
            case Stmt.LoadScratch l -> {
                int v = s.mem[l.slot()];
                var c = v == MachineState.UNWRITTEN ? java.util.OptionalInt.empty() : values.constantValue(v);
                if (c.isPresent()) {
                    return new Stmt.LoadConstant(l.dst(), c.getAsInt());
                }
                // The other register holds the value already (st M[k]; ldx M[k]): copy it, so the store may die.
                if (v != MachineState.UNWRITTEN && l.dst() == Register.X && s.a == v) {
                    return new Stmt.Tax();
                }
                if (v != MachineState.UNWRITTEN && l.dst() == Register.A && s.x == v) {
                    return new Stmt.Txa();
                }
            }
            case Stmt.LoadIndirect l -> {
                if (x.isPresent()) {
                    long offset = Integer.toUnsignedLong(x.getAsInt()) + Integer.toUnsignedLong(l.offset());
                    // Only where the two loads mean the same to the kernel: an absolute offset of 2^31 or more is
                    // an ancillary field or a link/network-relative load there (SKF_AD_OFF, SKF_NET_OFF), and the
                    // kernel refuses unknown ancillary offsets; the indirect load just fails, as in bpf_filter.
                    if (offset < 0x8000_0000L) {
                        return new Stmt.LoadAbsolute(l.size(), (int) offset);
                    }
                }
            }
            case Stmt.AluX op -> {
                if (x.isPresent() && !(op.op().trapsOnZero() && x.getAsInt() == 0)) {
                    return foldedOrSelf(new Stmt.AluConstant(op.op(), x.getAsInt()), s, values);
                }
            }
            case Stmt.AluConstant op -> {
                return foldedOrSelf(op, s, values);
            }
            case Stmt.Negate n -> {
                return foldedOrSelf(n, s, values);
            }
            case Stmt.Tax t -> {
                var a = values.constantValue(s.a);
                if (a.isPresent()) {
                    return new Stmt.LoadConstant(Register.X, a.getAsInt());
                }
            }
            case Stmt.Txa t -> {
                if (x.isPresent()) {
                    return new Stmt.LoadConstant(Register.A, x.getAsInt());
                }
            }
            case Stmt.LoadAbsolute l -> {}
            case Stmt.LoadConstant l -> {}
            case Stmt.LoadLength l -> {}
            case Stmt.LoadAncillary l -> {}
            case Stmt.LoadIpHeaderLength l -> {}
            case Stmt.Store st2 -> {}
        }
        return st;
    }

    /** Arithmetic whose result is a known constant becomes {@code ld #c}, unless it can fail. */
    private static Stmt foldedOrSelf(Stmt arithmetic, MachineState s, ValueTable values) {
        if (Transfer.mayFail(arithmetic, s, values)) {
            return arithmetic;
        }
        var c = values.constantValue(Transfer.computed(arithmetic, s, values));
        return c.isPresent() ? new Stmt.LoadConstant(Register.A, c.getAsInt()) : arithmetic;
    }
}
