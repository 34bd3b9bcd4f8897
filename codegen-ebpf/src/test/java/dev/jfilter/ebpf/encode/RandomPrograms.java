package dev.jfilter.ebpf.encode;

import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.AluReg;
import dev.jfilter.ebpf.insn.ByteOrder;
import dev.jfilter.ebpf.insn.Call;
import dev.jfilter.ebpf.insn.Endian;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.Insn;
import dev.jfilter.ebpf.insn.Ja;
import dev.jfilter.ebpf.insn.JumpImm;
import dev.jfilter.ebpf.insn.JumpOp;
import dev.jfilter.ebpf.insn.JumpReg;
import dev.jfilter.ebpf.insn.Label;
import dev.jfilter.ebpf.insn.LoadAbs;
import dev.jfilter.ebpf.insn.LoadImm64;
import dev.jfilter.ebpf.insn.LoadInd;
import dev.jfilter.ebpf.insn.LoadMem;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.insn.Reg;
import dev.jfilter.ebpf.insn.Size;
import dev.jfilter.ebpf.insn.StoreImm;
import dev.jfilter.ebpf.insn.StoreReg;
import dev.jfilter.ebpf.insn.Width;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;

/** Seeded generator of valid programs: every shape, every enum value, jumps to random instructions. */
public final class RandomPrograms {
    private static final int SHAPES = 14;

    private final Random random;

    public RandomPrograms(long seed) {
        this.random = new Random(seed);
    }

    /** A program of 1 to {@code maxLength} instructions with labels named at random (not canonical). */
    public Program next(int maxLength) {
        int n = 1 + random.nextInt(maxLength);
        var labels = new HashMap<Label, Integer>();
        var names = new ArrayList<Label>(n);
        for (int i = 0; i < n; i++) {
            var label = new Label("t" + random.nextInt(1_000_000) + "_" + i);
            names.add(label);
            labels.put(label, i);
        }
        // An unused label at the end, which canonical() drops.
        labels.put(new Label("end"), n);
        List<Insn> insns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            insns.add(insn(names.get(random.nextInt(n))));
        }
        return new Program(insns, labels);
    }

    private Insn insn(Label target) {
        return switch (random.nextInt(SHAPES)) {
            case 0 -> {
                AluOp op = pick(AluOp.values());
                yield new AluImm(pick(Width.values()), op, reg(), op == AluOp.NEG ? 0 : imm());
            }
            case 1 -> {
                AluOp op = pick(AluOp.values());
                yield new AluReg(pick(Width.values()), op == AluOp.NEG ? AluOp.MOV : op, reg(), reg());
            }
            case 2 -> new Endian(pick(ByteOrder.values()), reg(), pick(new Integer[] {16, 32, 64}));
            case 3 -> new JumpImm(pick(Width.values()), pick(JumpOp.values()), reg(), imm(), target);
            case 4 -> new JumpReg(pick(Width.values()), pick(JumpOp.values()), reg(), reg(), target);
            case 5 -> new Ja(target);
            case 6 -> new Call(random.nextInt(212));
            case 7 -> new Exit();
            case 8 -> new LoadImm64(reg(), random.nextLong());
            case 9 -> new LoadMem(pick(Size.values()), reg(), reg(), off());
            case 10 -> new StoreReg(pick(Size.values()), reg(), off(), reg());
            case 11 -> new StoreImm(pick(Size.values()), reg(), off(), imm());
            case 12 -> new LoadAbs(pick(new Size[] {Size.B, Size.H, Size.W}), imm());
            default -> new LoadInd(pick(new Size[] {Size.B, Size.H, Size.W}), reg(), imm());
        };
    }

    private int imm() {
        // Mix small values with the full range, including the sign bit.
        return random.nextBoolean() ? random.nextInt(-4, 5) : random.nextInt();
    }

    private int off() {
        return random.nextInt(Short.MIN_VALUE, Short.MAX_VALUE + 1);
    }

    private Reg reg() {
        return pick(Reg.values());
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
