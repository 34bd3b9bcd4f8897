package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Scratch;
import java.util.Arrays;
import java.util.Optional;

/**
 * The abstract state of the BPF machine at a program point: the value number in {@code A}, {@code X} and each scratch
 * word, the facts the path has established about values, and a lower bound on the captured length (every load that
 * succeeded on every path proves the packet is at least that long), also relative to each index value: an indexed
 * load that succeeded proves that one of the same index, ending no further, cannot fail. Mutable, and private to the
 * analyses: {@link #copy()} before changing a state that someone else holds.
 */
final class MachineState {
    /** A scratch word never written on some path. */
    static final int UNWRITTEN = -1;

    int a;
    int x;
    final int[] mem;
    /** Per value number: the facts paths established (in full reasoning, together with its intrinsic facts). */
    IntMap<ValueFacts> facts;
    long minCaptured;
    /** Per value number of {@code X}: the furthest end ({@code k + size}) of a {@code [x + k]} load that succeeded. */
    IntMap<Long> indexedCaptured;

    private MachineState(int a, int x, int[] mem, IntMap<ValueFacts> facts, long minCaptured,
            IntMap<Long> indexedCaptured) {
        this.a = a;
        this.x = x;
        this.mem = mem;
        this.facts = facts;
        this.minCaptured = minCaptured;
        this.indexedCaptured = indexedCaptured;
    }

    /** The state at the program's entry: both registers hold 0 (libpcap and the kernel clear them). */
    static MachineState entry(ValueTable values) {
        int[] mem = new int[Scratch.SLOTS];
        Arrays.fill(mem, UNWRITTEN);
        int zero = values.constant(0);
        return new MachineState(zero, zero, mem, IntMap.empty(), 0, IntMap.empty());
    }

    MachineState copy() {
        return new MachineState(a, x, mem.clone(), facts, minCaptured, indexedCaptured);
    }

    int register(Register r) {
        return r == Register.A ? a : x;
    }

    void set(Register r, int value) {
        if (r == Register.A) {
            a = value;
        } else {
            x = value;
        }
    }

    /** The facts about a value: what paths established, and in full reasoning what its expression implies. */
    ValueFacts factsOf(int value, ValueTable values, Reasoning reasoning) {
        ValueFacts path = facts.get(value);
        if (reasoning == Reasoning.LIBPCAP) {
            var c = values.constantValue(value);
            return c.isPresent() ? ValueFacts.constant(c.getAsInt()) : path == null ? ValueFacts.TOP : path;
        }
        return path == null ? Intrinsics.of(values.expr(value), values) : path;
    }

    /** The outcome of {@code value op operand}, if the state decides it. */
    Optional<Boolean> decide(JumpOp op, int value, int operand, ValueTable values, Reasoning reasoning) {
        var k = values.constantValue(operand);
        var v = values.constantValue(value);
        if (k.isPresent() && v.isPresent()) {
            return Optional.of(op.test(v.getAsInt(), k.getAsInt()));
        }
        if (value == operand) {
            return switch (op) {
                case JEQ, JGE -> Optional.of(true);
                case JGT -> Optional.of(false);
                case JSET -> Optional.empty();
            };
        }
        if (k.isEmpty()) {
            return Optional.empty();
        }
        return factsOf(value, values, reasoning).decide(op, k.getAsInt(), reasoning);
    }

    /**
     * Records the outcome of {@code value op operand} on the edge being followed; returns false when the outcome is
     * impossible, so the edge is never taken.
     */
    boolean assume(JumpOp op, int value, int operand, boolean outcome, ValueTable values, Reasoning reasoning) {
        Optional<Boolean> known = decide(op, value, operand, values, reasoning);
        if (known.isPresent()) {
            return known.get() == outcome;
        }
        var k = values.constantValue(operand);
        if (k.isEmpty()) {
            return true;
        }
        ValueFacts before = facts.get(value);
        if (before == null) {
            before = reasoning == Reasoning.FULL ? Intrinsics.of(values.expr(value), values) : ValueFacts.TOP;
        }
        ValueFacts refined = before.refine(op, k.getAsInt(), outcome, reasoning);
        if (reasoning == Reasoning.FULL && refined.contradictory()) {
            return false;
        }
        facts = facts.put(value, refined);
        return true;
    }

    /** Makes this the state at a join: what holds here and in {@code other}. */
    void meetWith(MachineState other, BlockId join, ValueTable values) {
        if (a != other.a) {
            a = values.intern(new ValueExpr.Opaque(join, "A"));
        }
        if (x != other.x) {
            x = values.intern(new ValueExpr.Opaque(join, "X"));
        }
        for (int i = 0; i < mem.length; i++) {
            if (mem[i] != other.mem[i]) {
                mem[i] = mem[i] == UNWRITTEN || other.mem[i] == UNWRITTEN
                        ? UNWRITTEN
                        : values.intern(new ValueExpr.Opaque(join, "M[" + i + "]"));
            }
        }
        facts = facts.intersect(other.facts, ValueFacts::meet);
        minCaptured = Math.min(minCaptured, other.minCaptured);
        indexedCaptured = indexedCaptured.intersect(other.indexedCaptured, (p, q) -> p <= q ? p : q);
    }
}
