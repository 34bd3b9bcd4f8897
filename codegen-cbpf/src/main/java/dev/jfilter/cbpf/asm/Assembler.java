package dev.jfilter.cbpf.asm;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.Instruction;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.Operand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a classic BPF program with symbolic jumps: code emits instructions and jumps to {@link Label}s, binds
 * labels where they belong, and {@link #assemble()} computes every offset.
 *
 * <p>A conditional jump has two 8-bit forward offsets ({@code jt}, {@code jf}). When a target is more than 255
 * instructions away, the assembler puts an unconditional {@code ja} (32-bit offset) right after the conditional jump
 * and sends that edge to it, as libpcap's {@code longjt}/{@code longjf} do; inserting one can push other jumps out of
 * range, so it repeats until no jump needs one. A trampoline to a label bound at a {@code ret} is a copy of that
 * {@code ret} instead, which is as long and saves a jump. {@code ja} may go backwards (libpcap's interpreter allows
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

    /**
     * The instructions with every jump resolved to offsets.
     *
     * <p>One pass from the end: an instruction's distance from the end of the program does not change when code is
     * inserted before it, so walking backwards every later offset is final when a branch is decided. A far edge first
     * looks for an equivalent instruction within reach: an earlier trampoline to the same label, a {@code ja} to it,
     * or (for a label bound at a {@code ret}) any equal {@code ret}. Only when there is none does the branch get its own
     * trampoline, which later branches reuse: a chain of {@code jeq}s that all accept in one far place costs one
     * trampoline per 256 instructions, not one per branch.
     */
    public List<Instruction> resolve() {
        for (int i = 0; i < labels; i++) {
            if (!bound.get(i)) {
                throw new IllegalStateException("label L" + i + " is used or made but never bound");
            }
        }
        int n = items.size();
        // What each label leads to: the instruction after it when that is a return (any equal return will do), else
        // the label itself.
        Object[] labelKey = new Object[labels];
        Instruction following = null;
        for (int i = n - 1; i >= 0; i--) {
            switch (items.get(i)) {
                case Fixed f -> following = f.instruction();
                case Goto g -> following = null;
                case Branch b -> following = null;
                case Bind b -> labelKey[b.label().id()] = following != null && following.isReturn()
                        ? following : b.label();
            }
        }
        // Distances are counted from the end: "fromEnd" of an instruction is the number of instructions from it to
        // the last one, inclusive.
        int[] labelFromEnd = new int[labels];
        Arrays.fill(labelFromEnd, -1);
        Map<Object, Integer> nearest = new HashMap<>();
        int[] itemFromEnd = new int[n];
        int[] trueTo = new int[n];
        int[] falseTo = new int[n];
        Object[] trampolineTrue = new Object[n];
        Object[] trampolineFalse = new Object[n];
        int r = 0;
        for (int i = n - 1; i >= 0; i--) {
            switch (items.get(i)) {
                case Bind b -> {
                    labelFromEnd[b.label().id()] = r;
                    nearest.merge(labelKey[b.label().id()], r, Math::max);
                }
                case Fixed f -> {
                    r++;
                    if (f.instruction().isReturn()) {
                        nearest.merge(f.instruction(), r, Math::max);
                    }
                }
                case Goto g -> {
                    r++;
                    nearest.merge(labelKey[g.target().id()], r, Math::max);
                }
                case Branch b -> {
                    Object keyTrue = key(b.ifTrue(), labelKey, labelFromEnd);
                    Object keyFalse = key(b.ifFalse(), labelKey, labelFromEnd);
                    int candidateTrue = nearest.get(keyTrue);
                    int candidateFalse = nearest.get(keyFalse);
                    // With k trampolines after the branch, the next instruction is r + k from the end.
                    boolean ownTrue = r - candidateTrue > 0xff;
                    boolean ownFalse = r - candidateFalse > 0xff;
                    int k = trampolines(ownTrue, ownFalse, keyTrue, keyFalse);
                    ownTrue |= r + k - candidateTrue > 0xff;
                    ownFalse |= r + k - candidateFalse > 0xff;
                    k = trampolines(ownTrue, ownFalse, keyTrue, keyFalse);
                    ownTrue |= r + k - candidateTrue > 0xff;
                    ownFalse |= r + k - candidateFalse > 0xff;
                    k = trampolines(ownTrue, ownFalse, keyTrue, keyFalse);
                    int next = r + k;
                    if (ownTrue) {
                        trampolineTrue[i] = keyTrue;
                        candidateTrue = next;
                    }
                    if (ownFalse && ownTrue && keyTrue.equals(keyFalse)) {
                        candidateFalse = next; // one trampoline serves both edges
                    } else if (ownFalse) {
                        trampolineFalse[i] = keyFalse;
                        candidateFalse = ownTrue ? next - 1 : next;
                    }
                    trueTo[i] = candidateTrue;
                    falseTo[i] = candidateFalse;
                    if (ownTrue) {
                        nearest.merge(keyTrue, candidateTrue, Math::max);
                    }
                    if (ownFalse) {
                        nearest.merge(keyFalse, candidateFalse, Math::max);
                    }
                    r = next + 1;
                }
            }
            itemFromEnd[i] = r;
        }
        int total = r;
        List<Instruction> out = new ArrayList<>(total);
        for (int i = 0; i < n; i++) {
            switch (items.get(i)) {
                case Fixed f -> out.add(f.instruction());
                case Bind b -> { }
                case Goto g -> out.add(new Instruction.Jump(
                        (total - target(g.target(), labelFromEnd)) - (total - itemFromEnd[i] + 1)));
                case Branch b -> {
                    int here = total - itemFromEnd[i];
                    int jt = (total - trueTo[i]) - (here + 1);
                    int jf = (total - falseTo[i]) - (here + 1);
                    out.add(switch (b.condition().operand()) {
                        case Operand.Constant k -> new Instruction.JumpIf(b.condition().op(), k.value(), jt, jf);
                        case Operand.IndexRegister x -> new Instruction.JumpIfX(b.condition().op(), jt, jf);
                    });
                    if (trampolineTrue[i] != null) {
                        out.add(trampoline(trampolineTrue[i], total, out.size(), labelFromEnd));
                    }
                    if (trampolineFalse[i] != null) {
                        out.add(trampoline(trampolineFalse[i], total, out.size(), labelFromEnd));
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** The trampolines a branch needs: one per far edge, one for both when they lead to the same place. */
    private static int trampolines(boolean ownTrue, boolean ownFalse, Object keyTrue, Object keyFalse) {
        if (ownTrue && ownFalse) {
            return keyTrue.equals(keyFalse) ? 1 : 2;
        }
        return ownTrue || ownFalse ? 1 : 0;
    }

    /** What a branch to {@code label} may land on; the label must be bound after the branch. */
    private static Object key(Label label, Object[] labelKey, int[] labelFromEnd) {
        if (labelFromEnd[label.id()] < 0) {
            throw new IllegalStateException("conditional jump to " + label + " goes backwards");
        }
        return labelKey[label.id()];
    }

    private static int target(Label label, int[] labelFromEnd) {
        if (labelFromEnd[label.id()] == 0) {
            throw new IllegalStateException("label " + label + " is bound after the last instruction");
        }
        return labelFromEnd[label.id()];
    }

    /** A trampoline at {@code at}: a copy of the return it stands for, or a {@code ja} to the label. */
    private static Instruction trampoline(Object key, int total, int at, int[] labelFromEnd) {
        return switch (key) {
            case Instruction ret -> ret;
            case Label l -> new Instruction.Jump((total - target(l, labelFromEnd)) - (at + 1));
            default -> throw new IllegalStateException("unknown trampoline " + key);
        };
    }

    private void check(Label label) {
        if (label.owner() != this) {
            throw new IllegalArgumentException("label " + label + " belongs to another assembler");
        }
    }
}
