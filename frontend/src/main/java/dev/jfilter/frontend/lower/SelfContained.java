package dev.jfilter.frontend.lower;

import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.Operand;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Which tests compute their value from the packet alone, so that two equal ones always load the same bytes and
 * compare the same value, wherever they run: the only tests {@link DisjunctionRegrouping} may move, merge or treat as
 * already run. A statement list is self-contained when it reads A and X only after setting them itself and reads no
 * scratch word and writes none (scratch words hold run-time header offsets, which other code sets: {@code vlan} and
 * tunnels in some modes). Such a list either fails on a packet (a load past its end, a division by 0), and then
 * every time, or succeeds and leaves the same registers every time.
 */
final class SelfContained {
    private SelfContained() {}

    /** Whether {@code statements}, then the test {@code condition}, depend on nothing but the packet. */
    static boolean test(List<Stmt> statements, Condition condition) {
        int sets = sets(statements);
        if (sets < 0 || (sets & A) == 0) {
            return false;
        }
        return switch (condition.operand()) {
            case Operand.Constant c -> true;
            case Operand.IndexRegister x -> (sets & X) != 0;
        };
    }

    /** Whether every test in {@code pred} is self-contained; sub-graphs never are (their code is not visible here). */
    static boolean pred(Pred pred) {
        return !anyTest(pred, (statements, condition) -> !test(statements, condition), true);
    }

    /**
     * Whether some test of {@code pred} reads a register it did not set (it uses what the code before it left): then
     * what runs before it matters, and nothing in the predicate may be reordered. The lowering's sub-graphs (the
     * protochain walk, a failing load) start with their own loads.
     */
    static boolean readsIncomingRegisters(Pred pred) {
        return anyTest(pred, SelfContained::readsBeforeSetting, false);
    }

    /**
     * Whether some test of {@code pred} (a membership counts as a {@code jeq}) satisfies {@code found}; with
     * {@code opaqueFound}, a {@link Pred.Choice} or {@link Pred.SubGraph} counts as found, else a choice's parts are
     * searched and a sub-graph is passed over.
     */
    private static boolean anyTest(Pred pred, BiPredicate<List<Stmt>, Condition> found, boolean opaqueFound) {
        Deque<Pred> todo = new ArrayDeque<>();
        todo.push(pred);
        while (!todo.isEmpty()) {
            switch (todo.pop()) {
                case Pred.Test t -> {
                    if (found.test(t.statements(), t.condition())) {
                        return true;
                    }
                }
                case Pred.Member m -> {
                    if (found.test(m.statements(), Condition.of(JumpOp.JEQ, 0))) {
                        return true;
                    }
                }
                case Pred.And a -> {
                    todo.push(a.right());
                    todo.push(a.left());
                }
                case Pred.Or o -> {
                    todo.push(o.right());
                    todo.push(o.left());
                }
                case Pred.Not n -> todo.push(n.operand());
                case Pred.Const c -> { }
                case Pred.Choice c -> {
                    if (opaqueFound) {
                        return true;
                    }
                    todo.push(c.ifFalse());
                    todo.push(c.ifTrue());
                    todo.push(c.condition());
                }
                case Pred.SubGraph g -> {
                    if (opaqueFound) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static final int A = 1;
    private static final int X = 2;

    /** The registers the list sets (bits A and X), or -1 if it reads one before setting it or uses scratch. */
    private static int sets(List<Stmt> statements) {
        int set = 0;
        for (Stmt s : statements) {
            if (s instanceof Stmt.LoadScratch || s instanceof Stmt.Store || (reads(s) & ~set) != 0) {
                return -1;
            }
            set |= writes(s);
        }
        return set;
    }

    private static boolean readsBeforeSetting(List<Stmt> statements, Condition condition) {
        int set = 0;
        for (Stmt s : statements) {
            int reads = reads(s);
            if ((reads & ~set) != 0) {
                return true;
            }
            set |= writes(s);
        }
        int reads = A | (condition.operand() instanceof Operand.IndexRegister ? X : 0);
        return (reads & ~set) != 0;
    }

    /** The registers a statement reads. */
    private static int reads(Stmt s) {
        return switch (s) {
            case Stmt.LoadAbsolute l -> 0;
            case Stmt.LoadIndirect l -> X;
            case Stmt.LoadConstant l -> 0;
            case Stmt.LoadScratch l -> 0;
            case Stmt.LoadLength l -> 0;
            case Stmt.LoadAncillary l -> 0;
            case Stmt.LoadIpHeaderLength l -> 0;
            case Stmt.Store st -> st.src() == Register.A ? A : X;
            case Stmt.AluConstant a -> A;
            case Stmt.AluX a -> A | X;
            case Stmt.Negate n -> A;
            case Stmt.Tax t -> A;
            case Stmt.Txa t -> X;
        };
    }

    private static int writes(Stmt s) {
        return switch (s) {
            case Stmt.LoadAbsolute l -> A;
            case Stmt.LoadIndirect l -> A;
            case Stmt.LoadConstant l -> l.dst() == Register.A ? A : X;
            case Stmt.LoadScratch l -> l.dst() == Register.A ? A : X;
            case Stmt.LoadLength l -> l.dst() == Register.A ? A : X;
            case Stmt.LoadAncillary l -> A;
            case Stmt.LoadIpHeaderLength l -> X;
            case Stmt.Store st -> 0;
            case Stmt.AluConstant a -> A;
            case Stmt.AluX a -> A;
            case Stmt.Negate n -> A;
            case Stmt.Tax t -> X;
            case Stmt.Txa t -> A;
        };
    }
}
