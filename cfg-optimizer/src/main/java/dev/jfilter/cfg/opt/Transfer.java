package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.Operand;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;

/** The effect of one statement on a {@link MachineState}: which value it computes, and whether it can fail. */
final class Transfer {
    private Transfer() {}

    /**
     * Whether the statement can end the program with 0 in this state: a load that may run past the captured bytes,
     * an ancillary load (no metadata offline), or a division by a value that may be zero.
     */
    static boolean mayFail(Stmt stmt, MachineState s, ValueTable values) {
        return switch (stmt) {
            case Stmt.LoadAbsolute l -> end(l.offset(), l.size().bytes()) > s.minCaptured;
            case Stmt.LoadIndirect l -> {
                var x = values.constantValue(s.x);
                if (x.isPresent()) {
                    yield end(l.offset(), l.size().bytes()) + Integer.toUnsignedLong(x.getAsInt()) > s.minCaptured;
                }
                // The same index loaded as far or further on every path: this one is in the packet too.
                Long proven = s.indexedCaptured.get(s.x);
                yield proven == null || end(l.offset(), l.size().bytes()) > proven;
            }
            case Stmt.LoadIpHeaderLength l -> end(l.offset(), 1) > s.minCaptured;
            case Stmt.LoadAncillary l -> true;
            case Stmt.AluConstant op -> op.op().trapsOnZero() && op.operand() == 0;
            case Stmt.AluX op -> op.op().trapsOnZero()
                    && (values.constantValue(s.x).isEmpty() || values.constantValue(s.x).getAsInt() == 0);
            case Stmt.LoadConstant l -> false;
            case Stmt.LoadScratch l -> false;
            case Stmt.LoadLength l -> false;
            case Stmt.Store st -> false;
            case Stmt.Negate n -> false;
            case Stmt.Tax t -> false;
            case Stmt.Txa t -> false;
        };
    }

    /** Whether the statement changes nothing: its destination already holds the value it computes. */
    static boolean isRedundant(Stmt stmt, MachineState s, ValueTable values) {
        return switch (stmt) {
            case Stmt.Store st -> s.mem[st.slot()] == s.register(st.src());
            case Stmt.LoadAbsolute l -> s.a == computed(stmt, s, values);
            case Stmt.LoadIndirect l -> s.a == computed(stmt, s, values);
            case Stmt.LoadConstant l -> s.register(l.dst()) == computed(stmt, s, values);
            case Stmt.LoadScratch l -> s.register(l.dst()) == s.mem[l.slot()] && s.mem[l.slot()] != MachineState.UNWRITTEN;
            case Stmt.LoadLength l -> s.register(l.dst()) == computed(stmt, s, values);
            case Stmt.LoadAncillary l -> s.a == computed(stmt, s, values);
            case Stmt.LoadIpHeaderLength l -> s.x == computed(stmt, s, values);
            case Stmt.AluConstant op -> s.a == computed(stmt, s, values);
            case Stmt.AluX op -> s.a == computed(stmt, s, values);
            case Stmt.Negate n -> s.a == computed(stmt, s, values);
            case Stmt.Tax t -> s.x == s.a;
            case Stmt.Txa t -> s.a == s.x;
        };
    }

    /** The value the statement writes to its destination register (stores: the value stored). */
    static int computed(Stmt stmt, MachineState s, ValueTable values) {
        return switch (stmt) {
            case Stmt.LoadAbsolute l -> values.intern(new ValueExpr.PacketLoad(l.size(), l.offset()));
            case Stmt.LoadIndirect l -> values.intern(new ValueExpr.IndirectLoad(l.size(), l.offset(), s.x));
            case Stmt.LoadConstant l -> values.constant(l.value());
            case Stmt.LoadScratch l -> s.mem[l.slot()] == MachineState.UNWRITTEN
                    ? values.intern(new ValueExpr.Opaque(null, "unwritten M[" + l.slot() + "]"))
                    : s.mem[l.slot()];
            case Stmt.LoadLength l -> values.intern(new ValueExpr.WireLength());
            case Stmt.LoadAncillary l -> values.intern(new ValueExpr.AncillaryLoad(l.field()));
            case Stmt.LoadIpHeaderLength l -> values.intern(new ValueExpr.IpHeaderLength(l.offset()));
            case Stmt.Store st -> s.register(st.src());
            case Stmt.AluConstant op -> values.intern(new ValueExpr.Arithmetic(op.op(), s.a, values.constant(op.operand())));
            case Stmt.AluX op -> values.intern(new ValueExpr.Arithmetic(op.op(), s.a, s.x));
            case Stmt.Negate n -> values.intern(new ValueExpr.Negation(s.a));
            case Stmt.Tax t -> s.a;
            case Stmt.Txa t -> s.x;
        };
    }

    /** Applies the statement to the state, assuming it did not fail. */
    static void apply(Stmt stmt, MachineState s, ValueTable values) {
        int v = computed(stmt, s, values);
        switch (stmt) {
            case Stmt.LoadAbsolute l -> {
                s.a = v;
                proveCaptured(s, end(l.offset(), l.size().bytes()));
            }
            case Stmt.LoadIndirect l -> {
                var x = values.constantValue(s.x);
                long base = x.isPresent() ? Integer.toUnsignedLong(x.getAsInt()) : 0;
                long end = end(l.offset(), l.size().bytes());
                Long proven = s.indexedCaptured.get(s.x);
                if (proven == null || proven < end) {
                    s.indexedCaptured = s.indexedCaptured.put(s.x, end);
                }
                s.a = v;
                proveCaptured(s, base + end);
            }
            case Stmt.LoadIpHeaderLength l -> {
                s.x = v;
                proveCaptured(s, end(l.offset(), 1));
            }
            case Stmt.LoadConstant l -> s.set(l.dst(), v);
            case Stmt.LoadScratch l -> s.set(l.dst(), v);
            case Stmt.LoadLength l -> s.set(l.dst(), v);
            case Stmt.LoadAncillary l -> s.a = v;
            case Stmt.Store st -> s.mem[st.slot()] = v;
            case Stmt.AluConstant op -> s.a = v;
            case Stmt.AluX op -> s.a = v;
            case Stmt.Negate n -> s.a = v;
            case Stmt.Tax t -> s.x = v;
            case Stmt.Txa t -> s.a = v;
        }
    }

    /** The value number of a branch's right-hand side. */
    static int operand(Operand operand, MachineState s, ValueTable values) {
        return switch (operand) {
            case Operand.Constant k -> values.constant(k.value());
            case Operand.IndexRegister x -> s.x;
        };
    }

    /** The register a statement writes, or null for a store. */
    static Register destination(Stmt stmt) {
        return switch (stmt) {
            case Stmt.LoadAbsolute l -> Register.A;
            case Stmt.LoadIndirect l -> Register.A;
            case Stmt.LoadConstant l -> l.dst();
            case Stmt.LoadScratch l -> l.dst();
            case Stmt.LoadLength l -> l.dst();
            case Stmt.LoadAncillary l -> Register.A;
            case Stmt.LoadIpHeaderLength l -> Register.X;
            case Stmt.Store st -> null;
            case Stmt.AluConstant op -> Register.A;
            case Stmt.AluX op -> Register.A;
            case Stmt.Negate n -> Register.A;
            case Stmt.Tax t -> Register.X;
            case Stmt.Txa t -> Register.A;
        };
    }

    private static long end(int offset, int size) {
        return Integer.toUnsignedLong(offset) + size;
    }

    private static void proveCaptured(MachineState s, long length) {
        s.minCaptured = Math.max(s.minCaptured, length);
    }
}
