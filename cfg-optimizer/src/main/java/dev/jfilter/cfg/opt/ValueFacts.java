package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.JumpOp;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the tests on every path to a point establish about one value: an unsigned interval, bits known set or clear,
 * the small set of constants it is one of (after {@code proto 6 or 17 or 132} joins), and the outcome of exact tests
 * already made (which include the values it is known not to equal). Immutable; refining shares the older facts, so a
 * long {@code or} chain costs constant time per test.
 */
record ValueFacts(long lo, long hi, int knownOne, int knownZero, Optional<Set<Integer>> oneOf, Outcomes decided) {

    /**
     * Exact test outcomes, newest first, as a persistent list. Only the newest {@link #VISIBLE} count: the older ones
     * stay shared with the states that made them but are forgotten here, which only loses knowledge and bounds the
     * cost of every look-up in a long {@code or} chain.
     */
    record Outcomes(JumpOp op, int k, boolean outcome, Outcomes older, int depth) {
        static final int VISIBLE = 64;

        /** {@code older} with one more outcome on top. */
        static Outcomes push(JumpOp op, int k, boolean outcome, Outcomes older) {
            return new Outcomes(op, k, outcome, older, depth(older) + 1);
        }

        private static int depth(Outcomes o) {
            return o == null ? 0 : o.depth;
        }

        /** The recorded outcome of {@code op k}, or null. */
        static Boolean find(Outcomes list, JumpOp op, int k) {
            int seen = 0;
            for (Outcomes o = list; o != null && seen < VISIBLE; o = o.older, seen++) {
                if (o.op == op && o.k == k) {
                    return o.outcome;
                }
            }
            return null;
        }

        /** The outcomes both lists record alike: their shared tail, and the newer ones of {@code a} that {@code b} has. */
        static Outcomes common(Outcomes a, Outcomes b) {
            if (a == b) {
                return a;
            }
            Outcomes shared = sharedTail(a, b);
            // The entries of a above the shared tail, oldest last; keep those b records alike.
            java.util.ArrayList<Outcomes> mine = new java.util.ArrayList<>();
            int seen = 0;
            for (Outcomes o = a; o != shared && seen < VISIBLE; o = o.older, seen++) {
                mine.add(o);
            }
            Outcomes result = shared;
            boolean allKept = true;
            for (int i = mine.size() - 1; i >= 0; i--) {
                Outcomes o = mine.get(i);
                Boolean theirs = find(b, o.op, o.k);
                if (theirs != null && theirs == o.outcome) {
                    result = push(o.op, o.k, o.outcome, result);
                } else {
                    allKept = false;
                }
            }
            return allKept && seen < VISIBLE ? a : result;
        }

        /** The tail both lists share, if it starts within the visible part of both; else null. */
        private static Outcomes sharedTail(Outcomes a, Outcomes b) {
            int da = depth(a);
            int db = depth(b);
            if (Math.abs(da - db) >= VISIBLE) {
                return null;
            }
            for (; da > db; da--) {
                a = a.older;
            }
            for (; db > da; db--) {
                b = b.older;
            }
            for (int i = 0; a != b && i < VISIBLE; i++) {
                a = a.older;
                b = b.older;
            }
            return a == b ? a : null;
        }
    }

    /** The most constants a value may be known to be one of; a join with more forgets the set. */
    private static final int MAX_ONE_OF = 32;

    private static final long MAX = 0xffff_ffffL;

    /** Nothing known. */
    static final ValueFacts TOP = new ValueFacts(0, MAX, 0, 0, Optional.empty(), null);

    ValueFacts {
        oneOf = oneOf.map(Set::copyOf);
    }

    /** The facts of a value that is the constant {@code c}. */
    static ValueFacts constant(int c) {
        long u = Integer.toUnsignedLong(c);
        return new ValueFacts(u, u, c, ~c, Optional.of(Set.of(c)), null);
    }

    /** Values within {@code [0, max]} whose bits outside {@code mayBeSet} are clear. */
    static ValueFacts bounded(long max, int mayBeSet) {
        return new ValueFacts(0, max, 0, ~mayBeSet, Optional.empty(), null);
    }

    /** Whether no value satisfies these facts: the path that established them is never taken. */
    boolean contradictory() {
        if (lo > hi || (knownOne & knownZero) != 0 || oneOf.map(Set::isEmpty).orElse(false)) {
            return true;
        }
        return lo == hi && Boolean.FALSE.equals(Outcomes.find(decided, JumpOp.JEQ, (int) lo));
    }

    /** What holds on either of two paths (the facts at a join). */
    ValueFacts meet(ValueFacts other) {
        if (this == other) {
            return this;
        }
        Optional<Set<Integer>> either = Optional.empty();
        if (oneOf.isPresent() && other.oneOf.isPresent()) {
            Set<Integer> union = new HashSet<>(oneOf.get());
            union.addAll(other.oneOf.get());
            either = union.size() <= MAX_ONE_OF ? Optional.of(union) : Optional.empty();
        }
        return new ValueFacts(Math.min(lo, other.lo), Math.max(hi, other.hi), knownOne & other.knownOne,
                knownZero & other.knownZero, either, Outcomes.common(decided, other.decided));
    }

    /** The outcome of {@code value op k}, if these facts decide it. */
    Optional<Boolean> decide(JumpOp op, int k, Reasoning reasoning) {
        Boolean exact = Outcomes.find(decided, op, k);
        if (exact != null) {
            return Optional.of(exact);
        }
        if (op == JumpOp.JEQ && lo == hi) {
            // An equality already taken decides every other equality (libpcap's fold_edge does this too).
            return Optional.of(lo == Integer.toUnsignedLong(k));
        }
        if (reasoning == Reasoning.LIBPCAP) {
            return Optional.empty();
        }
        if (oneOf.isPresent()) {
            boolean anyTrue = oneOf.get().stream().anyMatch(v -> op.test(v, k));
            boolean anyFalse = oneOf.get().stream().anyMatch(v -> !op.test(v, k));
            if (anyTrue != anyFalse) {
                return Optional.of(anyTrue);
            }
        }
        long u = Integer.toUnsignedLong(k);
        return switch (op) {
            case JEQ -> {
                if (u < lo || u > hi || (k & knownZero) != 0 || (~k & knownOne) != 0) {
                    yield Optional.of(false);
                }
                yield Optional.empty();
            }
            case JGT -> lo > u ? Optional.of(true) : hi <= u ? Optional.of(false) : Optional.empty();
            case JGE -> lo >= u ? Optional.of(true) : hi < u ? Optional.of(false) : Optional.empty();
            case JSET -> {
                if ((knownOne & k) != 0) {
                    yield Optional.of(true);
                }
                if ((k & ~knownZero) == 0 || hi < Long.lowestOneBit(u)) {
                    yield Optional.of(false);
                }
                if (lo == hi) {
                    yield Optional.of(((int) lo & k) != 0);
                }
                yield Optional.empty();
            }
        };
    }

    /** These facts plus the outcome of {@code value op k}. */
    ValueFacts refine(JumpOp op, int k, boolean outcome, Reasoning reasoning) {
        Outcomes dec = Outcomes.push(op, k, outcome, decided);
        long u = Integer.toUnsignedLong(k);
        if (op == JumpOp.JEQ && outcome) {
            return new ValueFacts(Math.max(lo, u), Math.min(hi, u), knownOne | k, knownZero | ~k,
                    Optional.of(oneOf.map(set -> set.contains(k) ? Set.of(k) : Set.<Integer>of()).orElse(Set.of(k))),
                    dec);
        }
        if (reasoning == Reasoning.LIBPCAP) {
            return new ValueFacts(lo, hi, knownOne, knownZero, oneOf, dec);
        }
        Optional<Set<Integer>> remaining = oneOf.map(set -> Set.copyOf(
                set.stream().filter(v -> op.test(v, k) == outcome).toList()));
        return switch (op) {
            case JEQ -> {
                long newLo = lo == u ? lo + 1 : lo;
                long newHi = hi == u ? hi - 1 : hi;
                yield new ValueFacts(newLo, newHi, knownOne, knownZero, remaining, dec);
            }
            case JGT -> outcome
                    ? new ValueFacts(Math.max(lo, u + 1), hi, knownOne, knownZero, remaining, dec)
                    : new ValueFacts(lo, Math.min(hi, u), knownOne, knownZero, remaining, dec);
            case JGE -> outcome
                    ? new ValueFacts(Math.max(lo, u), hi, knownOne, knownZero, remaining, dec)
                    : new ValueFacts(lo, Math.min(hi, u - 1), knownOne, knownZero, remaining, dec);
            case JSET -> outcome
                    ? new ValueFacts(Math.max(lo, 1), hi, Integer.bitCount(k) == 1 ? knownOne | k : knownOne,
                            knownZero, remaining, dec)
                    : new ValueFacts(lo, hi, knownOne, knownZero | k, remaining, dec);
        };
    }
}
