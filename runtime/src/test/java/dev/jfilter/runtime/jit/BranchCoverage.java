package dev.jfilter.runtime.jit;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.Instruction;
import dev.jfilter.cbpf.Opcodes;
import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Register;
import dev.jfilter.runtime.cbpf.CbpfInterpreter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Which instructions and branches of a program packets reach: a plain tracer that tests use to show their packets
 * exercise a program (not a reference: its results are compared with the interpreter's, so a tracer that went
 * astray fails the test). No ancillary data: ancillary loads end the program with 0.
 */
final class BranchCoverage {
    private final List<Instruction> code;
    private final BitSet executed = new BitSet();
    /** Bit {@code 2i} when the conditional jump at {@code i} was taken, {@code 2i + 1} when it fell through. */
    private final BitSet outcomes = new BitSet();
    private boolean returned;

    BranchCoverage(CbpfProgram program) {
        this.code = CbpfJit.decode(program);
    }

    /**
     * Runs the program on a packet, recording what it executes; returns its result.
     *
     * @see #returned()
     */
    int run(byte[] packet, int captured, int wireLength) {
        returned = false;
        int a = 0;
        int x = 0;
        int[] mem = new int[Opcodes.MEMWORDS];
        int pc = 0;
        int backward = 0;
        while (true) {
            int i = pc++;
            executed.set(i);
            switch (code.get(i)) {
                case Instruction.ReturnConstant r -> {
                    returned = true;
                    return r.value();
                }
                case Instruction.ReturnA _ -> {
                    returned = true;
                    return a;
                }
                case Instruction.LoadAbsolute l -> {
                    long at = Integer.toUnsignedLong(l.offset());
                    if (at + l.size().bytes() > captured) {
                        return 0;
                    }
                    a = read(packet, (int) at, l.size());
                }
                case Instruction.LoadIndirect l -> {
                    long at = Integer.toUnsignedLong(x) + Integer.toUnsignedLong(l.offset());
                    if (at + l.size().bytes() > captured) {
                        return 0;
                    }
                    a = read(packet, (int) at, l.size());
                }
                case Instruction.LoadExtension _ -> {
                    return 0;
                }
                case Instruction.LoadMemShift m -> {
                    long at = Integer.toUnsignedLong(m.offset());
                    if (at >= captured) {
                        return 0;
                    }
                    x = (packet[(int) at] & 0xf) << 2;
                }
                case Instruction.LoadConstant c -> {
                    if (c.dst() == Register.A) {
                        a = c.value();
                    } else {
                        x = c.value();
                    }
                }
                case Instruction.LoadLength l -> {
                    if (l.dst() == Register.A) {
                        a = wireLength;
                    } else {
                        x = wireLength;
                    }
                }
                case Instruction.LoadScratch s -> {
                    if (s.dst() == Register.A) {
                        a = mem[s.slot()];
                    } else {
                        x = mem[s.slot()];
                    }
                }
                case Instruction.StoreScratch s -> mem[s.slot()] = s.src() == Register.A ? a : x;
                case Instruction.Tax _ -> x = a;
                case Instruction.Txa _ -> a = x;
                case Instruction.Negate _ -> a = -a;
                case Instruction.AluConstant op -> a = alu(op.op(), a, op.operand());
                case Instruction.AluX op -> {
                    if (x == 0 && (op.op() == AluOp.DIV || op.op() == AluOp.MOD)) {
                        return 0;
                    }
                    a = op.op().apply(a, x);
                }
                case Instruction.Jump j -> {
                    pc = i + 1 + j.offset();
                    if (pc <= i && ++backward > CbpfInterpreter.BACKWARD_JUMP_LIMIT) {
                        throw PacketFilter.nonTerminating(CbpfInterpreter.BACKWARD_JUMP_LIMIT, i);
                    }
                }
                case Instruction.JumpIf j -> pc = branch(i, j.op().test(a, j.value()), j.ifTrue(), j.ifFalse());
                case Instruction.JumpIfX j -> pc = branch(i, j.op().test(a, x), j.ifTrue(), j.ifFalse());
                case Instruction.Raw r -> throw new IllegalArgumentException("raw " + r);
            }
        }
    }

    private int branch(int i, boolean taken, int ifTrue, int ifFalse) {
        outcomes.set(2 * i + (taken ? 0 : 1));
        return i + 1 + (taken ? ifTrue : ifFalse);
    }

    /**
     * A constant operation as the interpreter runs it: a constant shift takes its count modulo 32 (C's shift on x86,
     * as libpcap runs it), where {@link AluOp#apply} gives 0 for a count of 32 or more (the X form).
     */
    private static int alu(AluOp op, int a, int b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> Integer.divideUnsigned(a, b);
            case MOD -> Integer.remainderUnsigned(a, b);
            case AND -> a & b;
            case OR -> a | b;
            case XOR -> a ^ b;
            case LSH -> a << b;
            case RSH -> a >>> b;
        };
    }

    private static int read(byte[] p, int at, LoadSize size) {
        return switch (size) {
            case BYTE -> p[at] & 0xff;
            case HALF -> (p[at] & 0xff) << 8 | p[at + 1] & 0xff;
            case WORD -> (p[at] & 0xff) << 24 | (p[at + 1] & 0xff) << 16 | (p[at + 2] & 0xff) << 8 | p[at + 3] & 0xff;
        };
    }

    /** Whether the last run ended at a return instruction (not at a failed load or a division by zero). */
    boolean returned() {
        return returned;
    }

    /** Whether some run executed instruction {@code pc}. */
    boolean executed(int pc) {
        return executed.get(pc);
    }

    /** The highest instruction some run executed. */
    int furthest() {
        return executed.length() - 1;
    }

    /**
     * The outcomes of reachable conditional jumps (with two different targets) that no run took and that
     * {@link DeadBranches} does not show dead, as {@code "(i) true"} or {@code "(i) false"}.
     */
    List<String> missedBranches() {
        BitSet reachable = ControlFlow.reachable(code);
        BitSet dead = DeadBranches.of(code);
        List<String> missed = new ArrayList<>();
        for (int i = reachable.nextSetBit(0); i >= 0; i = reachable.nextSetBit(i + 1)) {
            int[] next = ControlFlow.successors(code, i);
            boolean conditional =
                    code.get(i) instanceof Instruction.JumpIf || code.get(i) instanceof Instruction.JumpIfX;
            if (conditional && next[0] != next[1]) {
                for (int side = 0; side < 2; side++) {
                    if (!outcomes.get(2 * i + side) && !dead.get(2 * i + side)) {
                        missed.add("(" + i + ") " + (side == 0 ? "true" : "false"));
                    }
                }
            }
        }
        return missed;
    }

    /** How many outcomes of conditional jumps {@link DeadBranches} shows no packet can take. */
    int deadBranches() {
        return DeadBranches.of(code).cardinality();
    }

    /** How many reachable conditional jumps' outcomes there are to take. */
    int branchOutcomes() {
        BitSet reachable = ControlFlow.reachable(code);
        return (int) reachable.stream().filter(i -> code.get(i) instanceof Instruction.JumpIf
                        || code.get(i) instanceof Instruction.JumpIfX)
                .filter(i -> {
                    int[] next = ControlFlow.successors(code, i);
                    return next[0] != next[1];
                }).count() * 2;
    }

    @Override
    public String toString() {
        return "coverage of " + code.size() + " instructions: " + executed.cardinality() + " executed, "
                + Arrays.toString(missedBranches().stream().limit(10).toArray()) + " missed";
    }
}
