package dev.jfilter.cbpf.asm;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.Instruction;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.Operand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a classic BPF program with symbolic jumps: code emits instructions and jumps to {@link Label}s, binds
 * labels where they belong, and {@link #assemble()} computes every offset.
 *
 * <p>A conditional jump has two 8-bit forward offsets ({@code jt}, {@code jf}). When a target is more than 255
 * instructions away, the assembler puts an unconditional {@code ja} (32-bit offset) right after the conditional jump
 * and sends that edge to it, as libpcap's {@code longjt}/{@code longjf} do; inserting one can push other jumps out of
 * range, so it repeats until no jump needs one. A trampoline to a label bound at a {@code ret} is a copy of that
 * {@code ret} instead, which is as long and saves a jump. Then jumps share trampolines to the same target where one
 * is within reach, as a long or-chain of tests jumping to one far {@code ret} would otherwise need one each. {@code ja} may go backwards (libpcap's interpreter allows
 * that, the kernel does not); conditional jumps can only go forwards.
 *
 * @see <a href="https://github.com/the-tcpdump-group/libpcap/blob/master/optimize.c">libpcap optimize.c, convert_code_r</a>
 */
public final class Assembler {
    private sealed interface Item {}

    private record Fixed(Instruction instruction) implements Item {}

    private record Goto(Label target) implements Item {}

    private record Branch(Condition condition, Label ifTrue, Label ifFalse) implements Item {}

    private record Bind(Label label) implements Item {}

    private final List<Item> items = new ArrayList<>();
    private int labels;
    private final List<Boolean> bound = new ArrayList<>();

    /** A fresh, unbound label. */
    public Label newLabel() {
        bound.add(false);
        return new Label(this, labels++);
    }

    /** Binds {@code label} to the next instruction emitted. Each label is bound once. */
    public Assembler bind(Label label) {
        check(label);
        if (bound.get(label.id())) {
            throw new IllegalStateException("label " + label + " is already bound");
        }
        bound.set(label.id(), true);
        items.add(new Bind(label));
        return this;
    }

    /** Appends an instruction that is not a jump; jumps go through {@link #jump} and {@link #jumpIf}. */
    public Assembler emit(Instruction instruction) {
        if (instruction instanceof Instruction.Jump
                || instruction instanceof Instruction.JumpIf
                || instruction instanceof Instruction.JumpIfX) {
            throw new IllegalArgumentException("jumps take labels: use jump or jumpIf, not " + instruction);
        }
        items.add(new Fixed(instruction));
        return this;
    }

    /** Appends {@code ja target}. */
    public Assembler jump(Label target) {
        check(target);
        items.add(new Goto(target));
        return this;
    }

    /** Appends a conditional jump, {@code jeq #k} or {@code jeq x} and so on, to {@code ifTrue} or {@code ifFalse}. */
    public Assembler jumpIf(Condition condition, Label ifTrue, Label ifFalse) {
        check(ifTrue);
        check(ifFalse);
        items.add(new Branch(condition, ifTrue, ifFalse));
        return this;
    }

    /** The program with every jump resolved. */
    public CbpfProgram assemble() {
        return CbpfProgram.of(resolve());
    }

    /** The instructions with every jump resolved to offsets. */
    public List<Instruction> resolve() {
        for (int i = 0; i < labels; i++) {
            if (!bound.get(i)) {
                throw new IllegalStateException("label L" + i + " is used or made but never bound");
            }
        }
        int n = items.size();
        boolean[] longTrue = new boolean[n];
        boolean[] longFalse = new boolean[n];
        int[] position = new int[n];
        int[] labelPosition = new int[labels];
        // Monotone: a trampoline once inserted stays, so this ends after at most one round per conditional jump.
        boolean changed = true;
        while (changed) {
            layOut(longTrue, longFalse, position, labelPosition);
            changed = false;
            for (int i = 0; i < n; i++) {
                if (items.get(i) instanceof Branch b) {
                    int next = position[i] + 1;
                    for (int edge = 0; edge < 2; edge++) {
                        boolean[] flags = edge == 0 ? longTrue : longFalse;
                        Label target = edge == 0 ? b.ifTrue() : b.ifFalse();
                        int offset = labelPosition[target.id()] - next;
                        if (offset < 0) {
                            throw new IllegalStateException(
                                    "conditional jump at " + position[i] + " to " + target + " goes backwards");
                        }
                        if (!flags[i] && offset > 0xff) {
                            flags[i] = true;
                            changed = true;
                        }
                    }
                }
            }
        }
        int[][] via = shareTrampolines(longTrue, longFalse, position);
        int total = layOut(longTrue, longFalse, position, labelPosition);
        Instruction[] atPosition = new Instruction[total];
        for (int i = 0; i < n; i++) {
            if (items.get(i) instanceof Fixed f) {
                atPosition[position[i]] = f.instruction();
            }
        }
        List<Instruction> out = new ArrayList<>(total);
        for (int i = 0; i < n; i++) {
            int here = position[i];
            switch (items.get(i)) {
                case Fixed f -> out.add(f.instruction());
                case Bind b -> { }
                case Goto g -> out.add(new Instruction.Jump(target(g.target(), labelPosition, total) - (here + 1)));
                case Branch b -> {
                    int next = here + 1;
                    int trueTarget = target(b.ifTrue(), labelPosition, total);
                    int falseTarget = target(b.ifFalse(), labelPosition, total);
                    int trampolineTrue = longTrue[i] ? next : -1;
                    int trampolineFalse = longFalse[i] ? next + (longTrue[i] ? 1 : 0) : -1;
                    int jt = (longTrue[i] ? trampolineTrue
                            : via[0][i] >= 0 ? trampolineAt(via[0][i], position, longTrue) : trueTarget) - next;
                    int jf = (longFalse[i] ? trampolineFalse
                            : via[1][i] >= 0 ? trampolineAt(via[1][i], position, longTrue) : falseTarget) - next;
                    if (jt > 0xff || jf > 0xff) {
                        throw new IllegalStateException("conditional jump at " + here + " out of range");
                    }
                    out.add(switch (b.condition().operand()) {
                        case Operand.Constant k -> new Instruction.JumpIf(b.condition().op(), k.value(), jt, jf);
                        case Operand.IndexRegister x -> new Instruction.JumpIfX(b.condition().op(), jt, jf);
                    });
                    if (longTrue[i]) {
                        out.add(trampoline(trampolineTrue, trueTarget, atPosition));
                    }
                    if (longFalse[i]) {
                        out.add(trampoline(trampolineFalse, falseTarget, atPosition));
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * Lets a conditional jump that needs a trampoline use a later one to the same target when it is within reach,
     * instead of its own: a long run of tests that all jump far to one {@code ret} then needs one copy every 255
     * instructions, not one each. Goes from the end, keeping for each target the nearest trampoline kept; dropping a
     * trampoline only shortens other jumps. Returns, per edge (true, false) and branch, the encoded trampoline it
     * uses ({@code 2 * item + edge}), or -1.
     */
    private int[][] shareTrampolines(boolean[] longTrue, boolean[] longFalse, int[] position) {
        int n = items.size();
        int[][] via = new int[2][n];
        Arrays.fill(via[0], -1);
        Arrays.fill(via[1], -1);
        java.util.Map<Integer, int[]> kept = new java.util.HashMap<>(); // label -> {code, position, removed then}
        int removed = 0;
        for (int i = n - 1; i >= 0; i--) {
            if (!(items.get(i) instanceof Branch b)) {
                continue;
            }
            // The false edge's trampoline comes after the true edge's, so it is looked at first.
            for (int edge = 1; edge >= 0; edge--) {
                boolean[] flags = edge == 0 ? longTrue : longFalse;
                if (!flags[i]) {
                    continue;
                }
                int label = (edge == 0 ? b.ifTrue() : b.ifFalse()).id();
                int own = position[i] + 1 + (edge == 1 && longTrue[i] ? 1 : 0);
                int[] k = kept.get(label);
                if (k != null && k[1] - (position[i] + 1) - (removed - k[2]) <= 0xff) {
                    flags[i] = false;
                    via[edge][i] = k[0];
                    removed++;
                } else {
                    kept.put(label, new int[] {2 * i + edge, own, removed});
                }
            }
        }
        return via;
    }

    /** The position of the trampoline {@code code} (2 * item + edge) names, in the final layout. */
    private static int trampolineAt(int code, int[] position, boolean[] longTrue) {
        int item = code / 2;
        return position[item] + 1 + (code % 2 == 1 && longTrue[item] ? 1 : 0);
    }

    /** Where each item and label lands, given the trampolines so far; returns the program length. */
    private int layOut(boolean[] longTrue, boolean[] longFalse, int[] position, int[] labelPosition) {
        Arrays.fill(labelPosition, -1);
        int pc = 0;
        for (int i = 0; i < items.size(); i++) {
            position[i] = pc;
            switch (items.get(i)) {
                case Bind b -> labelPosition[b.label().id()] = pc;
                case Fixed f -> pc++;
                case Goto g -> pc++;
                case Branch b -> pc += 1 + (longTrue[i] ? 1 : 0) + (longFalse[i] ? 1 : 0);
            }
        }
        return pc;
    }

    private static int target(Label label, int[] labelPosition, int total) {
        int at = labelPosition[label.id()];
        if (at >= total) {
            throw new IllegalStateException("label " + label + " is bound after the last instruction");
        }
        return at;
    }

    private static Instruction trampoline(int at, int target, Instruction[] atPosition) {
        Instruction there = atPosition[target];
        return there != null && there.isReturn() ? there : new Instruction.Jump(target - (at + 1));
    }

    private void check(Label label) {
        if (label.owner() != this) {
            throw new IllegalArgumentException("label " + label + " belongs to another assembler");
        }
    }
}
