package dev.jfilter.runtime.jit;

import dev.jfilter.cbpf.Instruction;
import java.util.BitSet;
import java.util.List;

/**
 * The outcomes of conditional jumps that no packet can take, found with unsigned intervals of A: {@code jgt},
 * {@code jge} and {@code jeq} on a constant narrow A's interval on each side, a load widens it to everything, and an
 * outcome whose interval is empty is dead (a search tree's leaf that repeats a bound its parent already tested, say).
 * Sound, not complete: an outcome it does not report may still be dead. Programs with backward jumps get no claims.
 */
final class DeadBranches {
    private static final long MAX = 0xffff_ffffL;

    private DeadBranches() {}

    /** Bit {@code 2i} when the jump at {@code i} can never be taken, {@code 2i + 1} when it can never fall through. */
    static BitSet of(List<Instruction> code) {
        BitSet dead = new BitSet();
        BitSet reachable = ControlFlow.reachable(code);
        for (int i = reachable.nextSetBit(0); i >= 0; i = reachable.nextSetBit(i + 1)) {
            if (ControlFlow.backwardTarget(code, i) >= 0) {
                return dead;
            }
        }
        long[] lo = new long[code.size()];
        long[] hi = new long[code.size()];
        boolean[] reached = new boolean[code.size()];
        reached[0] = true;
        hi[0] = MAX;
        for (int i = reachable.nextSetBit(0); i >= 0; i = reachable.nextSetBit(i + 1)) {
            if (!reached[i]) {
                continue;
            }
            Instruction in = code.get(i);
            int[] next = ControlFlow.successors(code, i);
            if (in instanceof Instruction.JumpIf j && next[0] != next[1]) {
                long k = Integer.toUnsignedLong(j.value());
                // The intervals of A on the taken side and on the other.
                long[][] sides = switch (j.op()) {
                    case JGT -> new long[][] {{Math.max(lo[i], k + 1), hi[i]}, {lo[i], Math.min(hi[i], k)}};
                    case JGE -> new long[][] {{Math.max(lo[i], k), hi[i]}, {lo[i], Math.min(hi[i], k - 1)}};
                    case JEQ -> new long[][] {
                        lo[i] <= k && k <= hi[i] ? new long[] {k, k} : new long[] {1, 0},
                        lo[i] == k && hi[i] == k ? new long[] {1, 0} : new long[] {lo[i], hi[i]}};
                    case JSET -> new long[][] {{lo[i], hi[i]}, {lo[i], hi[i]}};
                };
                long[] taken = sides[0];
                long[] not = sides[1];
                flow(next[0], taken, lo, hi, reached, dead, 2 * i);
                flow(next[1], not, lo, hi, reached, dead, 2 * i + 1);
            } else {
                boolean loads = (Liveness.defines(in) & Liveness.A) != 0;
                long[] after = loads ? new long[] {0, MAX} : new long[] {lo[i], hi[i]};
                for (int t : next) {
                    flow(t, after, lo, hi, reached, dead, -1);
                }
            }
        }
        return dead;
    }

    private static void flow(int t, long[] range, long[] lo, long[] hi, boolean[] reached, BitSet dead, int outcome) {
        if (range[0] > range[1]) {
            if (outcome >= 0) {
                dead.set(outcome);
            }
            return;
        }
        if (!reached[t]) {
            reached[t] = true;
            lo[t] = range[0];
            hi[t] = range[1];
        } else {
            lo[t] = Math.min(lo[t], range[0]);
            hi[t] = Math.max(hi[t], range[1]);
        }
    }
}
