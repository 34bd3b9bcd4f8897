package dev.jfilter.frontend.lower;

import dev.jfilter.cfg.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Regroups the disjunctions of a predicate so that each loaded value is compared with its constants in one place:
 * {@code host a or host b or ...} tests the EtherType once, has one body for ARP and one for RARP (which the
 * optimizer then merges), and compares each address word with all the constants in one chain ({@link Pred.Member}),
 * which the optimizer can turn into a search tree. libpcap's optimizer gets part of this from {@code or_pullup}, but
 * only by moving tests in front of loads, which changes the verdict on truncated packets; every rewrite here keeps
 * the program's result on every packet, including those on which a load fails (the program then ends with 0).
 *
 * <p>The rules, each exact under that semantics (tests are self-contained, see {@link SelfContained}):
 * <ol>
 * <li><b>Flattening.</b> Nested {@code or}s are one list, nested {@code and}s too (evaluation is left to right either
 * way). De Morgan: {@code not a and not b} runs a, then b, exactly as {@code not (a or b)} does, with the exits
 * swapped the same way; so a run of negated conjuncts becomes one negated disjunction, regrouped like any other.
 * <li><b>Switch.</b> A run of disjuncts {@code (S == k_i) and rest_i} whose heads are {@code jeq} tests of the same
 * statements S becomes one disjunct per constant, {@code (S == k) and (rest_i or rest_j ...)} with the rests in their
 * order. Proof: S runs first in both (the first head); if it fails both end with 0. Otherwise S has one value v: in
 * the original every disjunct with {@code k_i != v} fails at its head, whose S cannot fail any more and whose
 * comparison has no effect, and the others run their rests in order; in the new form the groups of other constants
 * fail the same way and v's group runs the same rests in the same order.
 * <li><b>Equal heads.</b> A run of disjuncts {@code H and rest_i} with structurally equal self-contained heads H
 * becomes {@code H and (rest_1 or rest_2 ...)}: H gives the same outcome, with the same loads, every time it runs, so
 * when it fails every disjunct of the run fails at it, and when it holds the rests run in order.
 * <li><b>Pure tests</b> ({@link PureTestGrouping}): single tests whose loads already ran on every path to them cannot
 * fail and have no effect but their outcome, so a run of them may be reordered; {@code jeq}s of one value become one
 * {@link Pred.Member}.
 * </ol>
 * Anything that is not self-contained (scratch words, sub-graphs, {@link Pred.Choice}) is a barrier: it stays where
 * it is and is never merged. If some test reads a register it did not set (it relies on what ran before it, as the
 * tunnel header code does), the predicate is left as it is.
 */
public final class DisjunctionRegrouping {
    private DisjunctionRegrouping() {}

    /** {@code pred} regrouped: the same result on every packet. */
    public static Pred apply(Pred pred) {
        if (SelfContained.readsIncomingRegisters(pred)) {
            return pred;
        }
        return regroup(pred, Set.of());
    }

    /** {@code pred} regrouped, given the statement lists that already ran on every path to it. */
    static Pred regroup(Pred pred, Set<List<Stmt>> known) {
        return switch (pred) {
            case Pred.Or o -> Junctions.anyOf(disjunction(Junctions.disjuncts(o), known));
            case Pred.And a -> conjunction(Junctions.conjuncts(a), known);
            case Pred.Not n -> new Pred.Not(regroup(n.operand(), known));
            case Pred.Choice c -> new Pred.Choice(regroup(c.condition(), known), regroup(c.ifTrue(), known),
                    regroup(c.ifFalse(), known));
            case Pred.Test t -> t;
            case Pred.Member m -> m;
            case Pred.Const c -> c;
            case Pred.SubGraph g -> g;
        };
    }

    private static Pred conjunction(List<Pred> conjuncts, Set<List<Stmt>> known) {
        List<Pred> merged = new ArrayList<>();
        for (int i = 0; i < conjuncts.size(); ) {
            int j = i;
            List<Pred> negated = new ArrayList<>();
            while (j < conjuncts.size() && conjuncts.get(j) instanceof Pred.Not n) {
                negated.add(n.operand());
                j++;
            }
            if (negated.size() >= 2) {
                merged.add(new Pred.Not(Junctions.anyOf(negated)));
                i = j;
            } else {
                merged.add(conjuncts.get(i));
                i++;
            }
        }
        Set<List<Stmt>> facts = new HashSet<>(known);
        List<Pred> out = new ArrayList<>();
        for (Pred c : merged) {
            out.add(regroup(c, facts));
            facts.addAll(LoadFacts.whenTrue(c));
        }
        return Junctions.allOf(out);
    }

    /** A disjunct as its first conjunct and the others, when the first one is self-contained. */
    private record Split(Pred head, List<Pred> rest) {
        static Split of(Pred disjunct) {
            List<Pred> conjuncts = Junctions.conjuncts(disjunct);
            Pred head = conjuncts.getFirst();
            if (head instanceof Pred.Const || !SelfContained.pred(head)) {
                return null;
            }
            return new Split(head, conjuncts.subList(1, conjuncts.size()));
        }

        /** The statements of a {@code jeq #k} head, or null. */
        List<Stmt> switchStatements() {
            return head instanceof Pred.Test t && PureTestGrouping.jeqConstant(t) != null ? t.statements() : null;
        }
    }

    /** The regrouped disjuncts of {@code disjuncts}, in a list. */
    static List<Pred> disjunction(List<Pred> disjuncts, Set<List<Stmt>> known) {
        List<Split> splits = new ArrayList<>(disjuncts.size());
        for (Pred d : disjuncts) {
            splits.add(Split.of(d));
        }
        Set<List<Stmt>> facts = new HashSet<>(known);
        List<Pred> out = new ArrayList<>();
        int n = disjuncts.size();
        for (int i = 0; i < n; ) {
            Split s = splits.get(i);
            List<Stmt> switchOn = s == null ? null : s.switchStatements();
            if (switchOn != null) {
                int j = i + 1;
                while (j < n && splits.get(j) != null && switchOn.equals(splits.get(j).switchStatements())) {
                    j++;
                }
                if (j - i >= 2) {
                    out.addAll(switchOf(switchOn, splits.subList(i, j), facts));
                    facts.add(switchOn);
                    i = j;
                    continue;
                }
            }
            if (s != null) {
                int j = i + 1;
                while (j < n && splits.get(j) != null && s.head().equals(splits.get(j).head())) {
                    j++;
                }
                if (j - i >= 2) {
                    List<Pred> rests = new ArrayList<>();
                    for (Split t : splits.subList(i, j)) {
                        rests.add(Junctions.allOf(t.rest()));
                    }
                    Pred factored = new Pred.And(s.head(), Junctions.anyOf(rests));
                    out.add(regroup(factored, facts));
                    facts.addAll(LoadFacts.whenRun(s.head()));
                    i = j;
                    continue;
                }
            }
            Pred d = disjuncts.get(i);
            out.add(regroup(d, facts));
            facts.addAll(LoadFacts.whenFalse(d));
            i++;
        }
        return PureTestGrouping.apply(out, known);
    }

    /**
     * A switch on the value of {@code statements}: one disjunct per constant, in the order of their first appearance
     * (the order libpcap's optimizer keeps, so that jump threading removes the same tests and chains end alike).
     * Groups with equal bodies (ARP and RARP for {@code host}) are not merged here: each keeps the path on which its
     * constant is known, so that a later test of the same value ({@code host h and not arp}) is decided there; the
     * optimizer merges the bodies where they end up identical. Consecutive constants without a rest become one
     * membership test in {@link PureTestGrouping}.
     */
    private static List<Pred> switchOf(List<Stmt> statements, List<Split> run, Set<List<Stmt>> known) {
        Map<Integer, List<Pred>> rests = new LinkedHashMap<>();
        for (Split s : run) {
            int k = PureTestGrouping.jeqConstant((Pred.Test) s.head());
            rests.computeIfAbsent(k, x -> new ArrayList<>()).add(Junctions.allOf(s.rest()));
        }
        Set<List<Stmt>> inside = new HashSet<>(known);
        inside.add(statements);
        List<Pred> out = new ArrayList<>();
        for (Map.Entry<Integer, List<Pred>> e : rests.entrySet()) {
            Pred head = PureTestGrouping.membership(statements, List.of(e.getKey()));
            out.add(Junctions.allOf(List.of(head, regroup(Junctions.anyOf(e.getValue()), inside))));
        }
        return out;
    }
}
