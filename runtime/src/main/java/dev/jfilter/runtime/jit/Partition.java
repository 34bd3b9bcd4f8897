package dev.jfilter.runtime.jit;

import dev.jfilter.cbpf.Instruction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A program cut into {@link Piece}s, contiguous ranges of instructions each small enough for one method: in
 * instruction order, a piece ends before the first instruction that would take its bytecode (as
 * {@link PieceEmitter} bounds it, stubs included) past the budget. A piece never starts inside a loop (from the
 * target of a backward {@code ja} to the {@code ja}), so control only ever moves to later pieces: as nested calls,
 * at most one per piece on any path.
 *
 * @param pieces the pieces in order; together they cover the program
 */
record Partition(List<Piece> pieces) {

    Partition {
        pieces = List.copyOf(pieces);
    }

    /**
     * Cuts {@code code} into pieces of at most {@code budget} estimated bytes each (more only where a loop does not
     * fit).
     */
    static Partition of(List<Instruction> code, BitSet reachable, Liveness liveness, int budget) {
        int n = code.size();
        // A piece may not start at c when a loop spans c: from its target (exclusive) to its ja (inclusive).
        BitSet noStart = new BitSet(n);
        // The first instruction with a forward edge to each instruction.
        int[] firstSource = new int[n];
        Arrays.fill(firstSource, Integer.MAX_VALUE);
        for (int i = reachable.nextSetBit(0); i >= 0; i = reachable.nextSetBit(i + 1)) {
            int back = ControlFlow.backwardTarget(code, i);
            if (back >= 0) {
                noStart.set(back + 1, i + 1);
            }
            for (int t : ControlFlow.successors(code, i)) {
                if (t > i) {
                    firstSource[t] = Math.min(firstSource[t], i);
                }
            }
        }

        // The words live anywhere from each instruction on: what a call made there can pass at most.
        int[] liveFrom = new int[n + 1];
        for (int i = n - 1; i >= 0; i--) {
            liveFrom[i] = liveFrom[i + 1] | liveness.liveIn(i);
        }

        List<Integer> starts = new ArrayList<>(List.of(0));
        int start = 0;
        int bytes = PieceEmitter.FIXED_BYTES;
        BitSet exits = new BitSet(n);
        for (int i = reachable.nextSetBit(0); i >= 0; i = reachable.nextSetBit(i + 1)) {
            if (i > start && !noStart.get(i)
                    && bytes + growth(code, i, start, firstSource, liveFrom, exits) > budget) {
                starts.add(i);
                start = i;
                bytes = PieceEmitter.FIXED_BYTES;
                exits.clear();
            }
            bytes += growth(code, i, start, firstSource, liveFrom, exits);
            exits.clear(i);
            for (int t : ControlFlow.successors(code, i)) {
                if (t > i) {
                    exits.set(t);
                }
            }
        }
        starts.add(n);

        List<Piece> pieces = new ArrayList<>();
        for (int k = 0; k + 1 < starts.size(); k++) {
            pieces.add(piece(code, reachable, liveness, k, starts.get(k), starts.get(k + 1), firstSource,
                    liveFrom[starts.get(k + 1)]));
        }
        // A piece calls only later ones, so it passes on what they read.
        Set<Piece.Input> later = EnumSet.noneOf(Piece.Input.class);
        for (int k = pieces.size() - 1; k >= 0; k--) {
            Piece p = pieces.get(k);
            later.addAll(p.inputs());
            pieces.set(k, new Piece(p.index(), p.start(), p.end(), p.entries(), p.words(), later,
                    p.estimatedBytes()));
        }
        return new Partition(pieces);
    }

    /**
     * How many bytes instruction {@code i} adds to the piece that starts at {@code start} and has the exits
     * {@code exits} so far: its own code, a {@code tableswitch} slot if earlier pieces enter here, and the stubs of
     * its new exits less the stub it makes internal.
     */
    private static int growth(List<Instruction> code, int i, int start, int[] firstSource, int[] liveFrom,
            BitSet exits) {
        int bytes = PieceEmitter.maxBytes(code, i);
        if (firstSource[i] < start) {
            bytes += PieceEmitter.ENTRY_BYTES;
        }
        if (exits.get(i)) {
            bytes -= stubBytes(code, i, liveFrom[start]);
        }
        int[] next = ControlFlow.successors(code, i);
        for (int s = 0; s < next.length; s++) {
            int t = next[s];
            if (t > i && !exits.get(t) && (s == 0 || next[0] != t)) {
                bytes += stubBytes(code, t, liveFrom[start]);
            }
        }
        return bytes;
    }

    /**
     * The most bytes of the stub for an exit to {@code t}; {@code words} holds every word live anywhere after the
     * exit's piece starts (the callee starts later), so it bounds what the call passes.
     */
    private static int stubBytes(List<Instruction> code, int t, int words) {
        return code.get(t).isReturn() ? PieceEmitter.RETURN_STUB_BYTES : PieceEmitter.callStubBytes(words);
    }

    /** The piece {@code [start, end)}, with what it reads itself (not yet what later pieces read). */
    private static Piece piece(List<Instruction> code, BitSet reachable, Liveness liveness, int index, int start,
            int end, int[] firstSource, int liveAfter) {
        List<Integer> entries = new ArrayList<>();
        if (index == 0) {
            entries.add(0);
        }
        Set<Piece.Input> inputs = EnumSet.noneOf(Piece.Input.class);
        BitSet exits = new BitSet();
        int bytes = PieceEmitter.FIXED_BYTES;
        for (int i = reachable.nextSetBit(start); i >= 0 && i < end; i = reachable.nextSetBit(i + 1)) {
            Instruction in = code.get(i);
            // Calls into a piece for a return instruction return in the caller instead.
            if (index > 0 && firstSource[i] < start && !in.isReturn()) {
                entries.add(i);
                bytes += PieceEmitter.ENTRY_BYTES;
            }
            boolean backward = ControlFlow.backwardTarget(code, i) >= 0;
            bytes += PieceEmitter.maxBytes(code, i);
            inputs.addAll(reads(in));
            if (backward) {
                inputs.add(Piece.Input.BACKWARD_JUMPS);
            }
            for (int t : ControlFlow.successors(code, i)) {
                if (t >= end) {
                    exits.set(t);
                }
            }
        }
        for (int t = exits.nextSetBit(0); t >= 0; t = exits.nextSetBit(t + 1)) {
            bytes += stubBytes(code, t, liveAfter);
        }
        int words = 0;
        if (index > 0) {
            for (int e : entries) {
                words |= liveness.liveIn(e);
            }
        }
        return new Piece(index, start, end, entries, words, inputs, bytes);
    }

    /** What an instruction reads besides the state words. */
    private static Set<Piece.Input> reads(Instruction in) {
        return switch (in) {
            case Instruction.LoadAbsolute _, Instruction.LoadIndirect _, Instruction.LoadMemShift _ ->
                    Set.of(Piece.Input.PACKET);
            case Instruction.LoadLength _ -> Set.of(Piece.Input.WIRE_LENGTH);
            case Instruction.LoadExtension _ -> Set.of(Piece.Input.ANCILLARY);
            case Instruction.ReturnConstant _, Instruction.ReturnA _, Instruction.LoadConstant _,
                 Instruction.LoadScratch _, Instruction.StoreScratch _, Instruction.AluConstant _,
                 Instruction.AluX _, Instruction.Negate _, Instruction.Tax _, Instruction.Txa _, Instruction.Jump _,
                 Instruction.JumpIf _, Instruction.JumpIfX _, Instruction.Raw _ -> Set.of();
        };
    }

    /** The piece that holds instruction {@code pc}. */
    Piece pieceOf(int pc) {
        int lo = 0;
        int hi = pieces.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (pieces.get(mid).start() <= pc) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return pieces.get(lo);
    }
}
