package dev.jfilter.frontend.lower;

import dev.jfilter.cfg.Stmt;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which self-contained statement lists (see {@link SelfContained}) certainly ran, and so did not fail, on a packet
 * that got past a predicate one way or the other. Such a list cannot fail when it runs again on that packet: it loads
 * the same bytes. These are facts about the packet, so an equivalent rewrite of the predicate keeps them.
 */
final class LoadFacts {
    private LoadFacts() {}

    /** The lists that ran whenever {@code pred} ran to its end at all: those of its first test. */
    static Set<List<Stmt>> whenRun(Pred pred) {
        Set<List<Stmt>> out = new HashSet<>();
        Pred p = pred;
        while (true) {
            switch (p) {
                case Pred.Test t -> {
                    add(out, t.statements(), t);
                    return out;
                }
                case Pred.Member m -> {
                    add(out, m.statements(), m);
                    return out;
                }
                case Pred.And a -> p = a.left();
                case Pred.Or o -> p = o.left();
                case Pred.Not n -> p = n.operand();
                case Pred.Choice c -> p = c.condition();
                case Pred.Const c -> {
                    return out;
                }
                case Pred.SubGraph g -> {
                    return out;
                }
            }
        }
    }

    /** The lists that ran on every packet for which {@code pred} holds. */
    static Set<List<Stmt>> whenTrue(Pred pred) {
        return when(pred, true);
    }

    /** The lists that ran on every packet for which {@code pred} fails (without a failed load). */
    static Set<List<Stmt>> whenFalse(Pred pred) {
        return when(pred, false);
    }

    private static Set<List<Stmt>> when(Pred pred, boolean outcome) {
        return switch (pred) {
            // Every operand ran when an "and" holds or an "or" fails; otherwise only the first one surely did.
            case Pred.And a -> outcome ? all(Junctions.conjuncts(a), true) : whenRun(a);
            case Pred.Or o -> outcome ? whenRun(o) : all(Junctions.disjuncts(o), false);
            case Pred.Not n -> when(n.operand(), !outcome);
            case Pred.Test t -> whenRun(t);
            case Pred.Member m -> whenRun(m);
            case Pred.Choice c -> whenRun(c);
            case Pred.Const c -> new HashSet<>();
            case Pred.SubGraph g -> new HashSet<>();
        };
    }

    private static Set<List<Stmt>> all(List<Pred> operands, boolean outcome) {
        Set<List<Stmt>> out = new HashSet<>();
        for (Pred p : operands) {
            out.addAll(when(p, outcome));
        }
        return out;
    }

    private static void add(Set<List<Stmt>> out, List<Stmt> statements, Pred test) {
        if (SelfContained.pred(test)) {
            out.add(statements);
        }
    }
}
