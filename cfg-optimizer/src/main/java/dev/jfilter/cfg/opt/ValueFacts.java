package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.JumpOp;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the tests on every path to a point establish about one value: an unsigned interval, values it is known not to
 * equal, bits known set or clear, the small set of constants it is one of (after {@code proto 6 or 17 or 132} joins),
 * and the outcome of exact tests already made. Immutable.
 */
record ValueFacts(long lo, long hi, Set<Integer> excluded, int knownOne, int knownZero, Optional<Set<Integer>> oneOf,
        Map<Test, Boolean> decided) {

    /** A test of the accumulator against a constant. */
    record Test(JumpOp op, int k) {}

    /** The most values a fact remembers not to be equal to; bounds the cost of long {@code or} chains. */
    private static final int MAX_EXCLUDED = 64;

    /** The most constants a value may be known to be one of; a join with more forgets the set. */
    private static final int MAX_ONE_OF = 32;

    private static final long MAX = 0xffff_ffffL;

    /** Nothing known. */
    static final ValueFacts TOP = new ValueFacts(0, MAX, Set.of(), 0, 0, Optional.empty(), Map.of());

    ValueFacts {
        excluded = Set.copyOf(excluded);
        oneOf = oneOf.map(Set::copyOf);
        decided = capDecided(decided);
    }

    /** The most exact test outcomes a fact keeps, newest first; dropping a fact only loses knowledge. */
    private static final int MAX_DECIDED = 64;

    private static Map<Test, Boolean> capDecided(Map<Test, Boolean> decided) {
        LinkedHashMap<Test, Boolean> kept = new LinkedHashMap<>(decided);
        var it = kept.keySet().iterator();
        for (int extra = kept.size() - MAX_DECIDED; extra > 0; extra--) {
            it.next();
            it.remove();
        }
        return Collections.unmodifiableMap(kept);
    }

    /** The facts of a value that is the constant {@code c}. */
    static ValueFacts constant(int c) {
        long u = Integer.toUnsignedLong(c);
        return new ValueFacts(u, u, Set.of(), c, ~c, Optional.of(Set.of(c)), Map.of());
    }

    /** Values within {@code [0, max]} whose bits outside {@code mayBeSet} are clear. */
    static ValueFacts bounded(long max, int mayBeSet) {
        return new ValueFacts(0, max, Set.of(), 0, ~mayBeSet, Optional.empty(), Map.of());
    }

    /** Whether no value satisfies these facts: the path that established them is never taken. */
    boolean contradictory() {
        if (lo > hi || (knownOne & knownZero) != 0 || oneOf.map(Set::isEmpty).orElse(false)) {
            return true;
        }
        return lo == hi && excluded.contains((int) lo);
    }

    /** Both sets of facts at once. */
    ValueFacts and(ValueFacts other) {
        Set<Integer> ex = new HashSet<>(excluded);
        ex.addAll(other.excluded);
        Map<Test, Boolean> dec = new LinkedHashMap<>(decided);
        dec.putAll(other.decided);
        Optional<Set<Integer>> both = oneOf.isEmpty() ? other.oneOf : other.oneOf.isEmpty() ? oneOf
                : Optional.of(intersection(oneOf.get(), other.oneOf.get()));
        return new ValueFacts(Math.max(lo, other.lo), Math.min(hi, other.hi), cap(ex), knownOne | other.knownOne,
                knownZero | other.knownZero, both, dec);
    }

    private static Set<Integer> intersection(Set<Integer> a, Set<Integer> b) {
        Set<Integer> out = new HashSet<>(a);
        out.retainAll(b);
        return out;
    }

    /** What holds on either of two paths (the facts at a join). */
    ValueFacts meet(ValueFacts other) {
        Set<Integer> ex = new HashSet<>(excluded);
        ex.retainAll(other.excluded);
        Map<Test, Boolean> dec = new LinkedHashMap<>();
        decided.forEach((t, v) -> {
            if (v.equals(other.decided.get(t))) {
                dec.put(t, v);
            }
        });
        Optional<Set<Integer>> either = Optional.empty();
        if (oneOf.isPresent() && other.oneOf.isPresent()) {
            Set<Integer> union = new HashSet<>(oneOf.get());
            union.addAll(other.oneOf.get());
            either = union.size() <= MAX_ONE_OF ? Optional.of(union) : Optional.empty();
        }
        return new ValueFacts(Math.min(lo, other.lo), Math.max(hi, other.hi), ex, knownOne & other.knownOne,
                knownZero & other.knownZero, either, dec);
    }

    /** The outcome of {@code value op k}, if these facts decide it. */
    Optional<Boolean> decide(JumpOp op, int k, Reasoning reasoning) {
        Boolean exact = decided.get(new Test(op, k));
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
                if (u < lo || u > hi || excluded.contains(k) || (k & knownZero) != 0 || (~k & knownOne) != 0) {
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
        Map<Test, Boolean> dec = new LinkedHashMap<>(decided);
        dec.put(new Test(op, k), outcome);
        long u = Integer.toUnsignedLong(k);
        if (op == JumpOp.JEQ && outcome) {
            return new ValueFacts(Math.max(lo, u), Math.min(hi, u), excluded, knownOne | k, knownZero | ~k,
                    Optional.of(oneOf.map(set -> set.contains(k) ? Set.of(k) : Set.<Integer>of()).orElse(Set.of(k))),
                    dec);
        }
        if (reasoning == Reasoning.LIBPCAP) {
            return new ValueFacts(lo, hi, excluded, knownOne, knownZero, oneOf, dec);
        }
        Optional<Set<Integer>> remaining = oneOf.map(set -> Set.copyOf(
                set.stream().filter(v -> op.test(v, k) == outcome).toList()));
        return switch (op) {
            case JEQ -> {
                Set<Integer> ex = new HashSet<>(excluded);
                ex.add(k);
                long newLo = lo == u ? lo + 1 : lo;
                long newHi = hi == u ? hi - 1 : hi;
                yield new ValueFacts(newLo, newHi, cap(ex), knownOne, knownZero, remaining, dec);
            }
            case JGT -> outcome
                    ? new ValueFacts(Math.max(lo, u + 1), hi, excluded, knownOne, knownZero, remaining, dec)
                    : new ValueFacts(lo, Math.min(hi, u), excluded, knownOne, knownZero, remaining, dec);
            case JGE -> outcome
                    ? new ValueFacts(Math.max(lo, u), hi, excluded, knownOne, knownZero, remaining, dec)
                    : new ValueFacts(lo, Math.min(hi, u - 1), excluded, knownOne, knownZero, remaining, dec);
            case JSET -> outcome
                    ? new ValueFacts(Math.max(lo, 1), hi, excluded, Integer.bitCount(k) == 1 ? knownOne | k : knownOne,
                            knownZero, remaining, dec)
                    : new ValueFacts(lo, hi, excluded, knownOne, knownZero | k, remaining, dec);
        };
    }

    private static Set<Integer> cap(Set<Integer> ex) {
        if (ex.size() <= MAX_EXCLUDED) {
            return ex;
        }
        return Set.copyOf(ex.stream().sorted().limit(MAX_EXCLUDED).toList());
    }
}
