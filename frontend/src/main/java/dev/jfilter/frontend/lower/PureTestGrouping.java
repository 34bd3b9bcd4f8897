package dev.jfilter.frontend.lower;

import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.Operand;
import dev.jfilter.cfg.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reorders runs of pure tests in a disjunction, collecting the {@code jeq}s of each loaded value into one
 * {@link Pred.Member}.
 *
 * <p>A disjunct that is a single self-contained test (or a membership test, or the negation of one) is <i>pure</i>
 * where its statement list already ran on every path that reaches it: it cannot fail, and its only effect is its
 * outcome (the registers it leaves matter to nobody, since every test sets what it reads). A run of pure tests is
 * therefore an {@code or} of outcomes, whose order is free, and {@code jeq}s of one statement list are one membership
 * test. A test that is not pure may lead such a run: it runs first in both orders (its loads may fail, ending the
 * program before any later test), and when it succeeds the tests after it with the same statements are pure, so it
 * absorbs them. For {@code host a or host b}, {@code src == a or dst == a or src == b or dst == b} becomes
 * {@code src == a or dst in {a, b} or src in {b}}: {@code src == b} cannot move before the load of {@code dst}, which
 * may fail.
 */
final class PureTestGrouping {
    private PureTestGrouping() {}

    /** The constant of a {@code jeq #k} test, or null. */
    static Integer jeqConstant(Pred.Test t) {
        return t.condition().op() == JumpOp.JEQ && t.condition().operand() instanceof Operand.Constant k
                ? k.value() : null;
    }

    /** {@code statements}' value is one of {@code values}: a test for one value, a membership test for more. */
    static Pred membership(List<Stmt> statements, List<Integer> values) {
        Pred.Member m = new Pred.Member(statements, values);
        return m.values().size() == 1
                ? new Pred.Test(statements, Condition.of(JumpOp.JEQ, m.values().getFirst()))
                : m;
    }

    /** The statements of a single test, a membership test or a negated one, or null for anything else. */
    private static List<Stmt> singleTest(Pred p) {
        Pred q = p instanceof Pred.Not n ? n.operand() : p;
        List<Stmt> s = q instanceof Pred.Test t ? t.statements() : q instanceof Pred.Member m ? m.statements() : null;
        return s != null && SelfContained.pred(q) ? s : null;
    }

    /** The values a disjunct compares its statements' value with, if it is a {@code jeq} or membership test. */
    private static List<Integer> values(Pred p) {
        if (p instanceof Pred.Test t) {
            return jeqConstant(t) == null ? null : List.of(jeqConstant(t));
        }
        return p instanceof Pred.Member m ? m.values() : null;
    }

    /** The disjuncts with each run of pure tests regrouped; {@code known} ran before the first one. */
    static List<Pred> apply(List<Pred> disjuncts, Set<List<Stmt>> known) {
        Set<List<Stmt>> facts = new HashSet<>(known);
        List<Pred> out = new ArrayList<>();
        int n = disjuncts.size();
        for (int i = 0; i < n; ) {
            Pred d = disjuncts.get(i);
            List<Stmt> lead = singleTest(d);
            if (lead == null) {
                out.add(d);
                facts.addAll(LoadFacts.whenFalse(d));
                i++;
                continue;
            }
            facts.add(lead);
            int j = i + 1;
            while (j < n && singleTest(disjuncts.get(j)) != null && facts.contains(singleTest(disjuncts.get(j)))) {
                j++;
            }
            out.addAll(regroupRun(disjuncts.subList(i, j)));
            i = j;
        }
        return out;
    }

    /**
     * A run whose first test may be impure and whose others are pure: the first test's value first (with every
     * {@code jeq} of its statements if it is one), then each other value's {@code jeq}s as one membership test, then
     * the pure tests that are not {@code jeq}s, in their order.
     */
    private static List<Pred> regroupRun(List<Pred> run) {
        if (run.size() == 1) {
            return run;
        }
        Map<List<Stmt>, List<Integer>> byValue = new LinkedHashMap<>();
        List<Pred> others = new ArrayList<>();
        List<Pred> out = new ArrayList<>();
        Pred first = run.getFirst();
        if (values(first) == null) {
            out.add(first); // not a jeq: it stays first and absorbs nothing
        }
        for (Pred p : run.subList(values(first) == null ? 1 : 0, run.size())) {
            List<Integer> v = values(p);
            if (v == null) {
                others.add(p);
            } else {
                byValue.computeIfAbsent(singleTest(p), x -> new ArrayList<>()).addAll(v);
            }
        }
        byValue.forEach((statements, values) -> out.add(membership(statements, values)));
        out.addAll(others);
        return out;
    }
}
