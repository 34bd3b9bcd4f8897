package dev.jfilter.ebpf.verifier;

import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.AluReg;
import dev.jfilter.ebpf.insn.Call;
import dev.jfilter.ebpf.insn.Endian;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.Insn;
import dev.jfilter.ebpf.insn.Ja;
import dev.jfilter.ebpf.insn.JumpImm;
import dev.jfilter.ebpf.insn.JumpReg;
import dev.jfilter.ebpf.insn.LoadAbs;
import dev.jfilter.ebpf.insn.LoadImm64;
import dev.jfilter.ebpf.insn.LoadInd;
import dev.jfilter.ebpf.insn.LoadMem;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.insn.Reg;
import dev.jfilter.ebpf.insn.Size;
import dev.jfilter.ebpf.insn.StoreImm;
import dev.jfilter.ebpf.insn.StoreReg;

/**
 * Which registers and stack slots may still be read after each instruction, computed once over the whole program as
 * the kernel does since 6.15 ({@code compute_live_registers}): the verifier ignores the rest when it compares
 * states, so two paths that differ only in dead values meet as one. The stack is followed through R10 only, the way
 * generated programs address it.
 */
final class StaticLiveness {
    private static final long CALL_CLOBBERS = 0b111111L;
    private static final long ARGS = 0b111110L;
    private static final long ALL_REGS = 0b1111111111L;

    private final long[] liveRegs;
    private final long[] liveSlots;

    private StaticLiveness(long[] liveRegs, long[] liveSlots) {
        this.liveRegs = liveRegs;
        this.liveSlots = liveSlots;
    }

    /** Registers (bit n for Rn) live before instruction {@code i}. */
    long registersBefore(int i) {
        return liveRegs[i];
    }

    /** Stack slots (bit n for slot n) live before instruction {@code i}. */
    long slotsBefore(int i) {
        return liveSlots[i];
    }

    static StaticLiveness of(Program program) {
        var insns = program.insns();
        int n = insns.size();
        var uses = new long[n];
        var defs = new long[n];
        var slotUses = new long[n];
        var slotDefs = new long[n];
        for (int i = 0; i < n; i++) {
            describe(insns.get(i), i, uses, defs, slotUses, slotDefs);
        }
        var regs = new long[n + 1];
        var slots = new long[n + 1];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = n - 1; i >= 0; i--) {
                long outRegs = 0;
                long outSlots = 0;
                for (int s : successors(program, i)) {
                    outRegs |= regs[s];
                    outSlots |= slots[s];
                }
                long inRegs = uses[i] | (outRegs & ~defs[i]);
                long inSlots = slotUses[i] | (outSlots & ~slotDefs[i]);
                if (inRegs != regs[i] || inSlots != slots[i]) {
                    regs[i] = inRegs;
                    slots[i] = inSlots;
                    changed = true;
                }
            }
        }
        return new StaticLiveness(regs, slots);
    }

    /** The instructions that may run after {@code i}. */
    static int[] successors(Program program, int i) {
        Insn insn = program.insns().get(i);
        int next = i + 1;
        return switch (insn) {
            case Exit _ -> new int[0];
            case Ja j -> new int[] {program.labels().get(j.target())};
            case JumpImm j -> new int[] {next, program.labels().get(j.target())};
            case JumpReg j -> new int[] {next, program.labels().get(j.target())};
            case AluImm _, AluReg _, Endian _, Call _, LoadImm64 _, LoadMem _, StoreReg _, StoreImm _, LoadAbs _,
                 LoadInd _ -> next < program.insns().size() ? new int[] {next} : new int[0];
        };
    }

    private static void describe(Insn insn, int i, long[] uses, long[] defs, long[] slotUses, long[] slotDefs) {
        switch (insn) {
            case AluImm a -> {
                uses[i] = a.op() == AluOp.MOV ? 0 : bit(a.dst());
                defs[i] = bit(a.dst());
            }
            case AluReg a -> {
                uses[i] = bit(a.src()) | (a.op() == AluOp.MOV ? 0 : bit(a.dst()));
                defs[i] = bit(a.dst());
            }
            case Endian e -> {
                uses[i] = bit(e.dst());
                defs[i] = bit(e.dst());
            }
            case JumpImm j -> uses[i] = bit(j.dst());
            case JumpReg j -> uses[i] = bit(j.dst()) | bit(j.src());
            case Ja _ -> { }
            case Exit _ -> uses[i] = bit(Reg.R0);
            case Call _ -> {
                uses[i] = ARGS;
                defs[i] = CALL_CLOBBERS;
            }
            case LoadImm64 l -> defs[i] = bit(l.dst());
            case LoadMem l -> {
                uses[i] = bit(l.src());
                defs[i] = bit(l.dst());
                if (l.src() == Reg.R10) {
                    slotUses[i] = slotBit(l.off());
                }
            }
            case StoreReg s -> {
                uses[i] = bit(s.dst()) | bit(s.src());
                if (s.dst() == Reg.R10 && s.size() == Size.DW && s.off() % 8 == 0) {
                    slotDefs[i] = slotBit(s.off());
                }
            }
            case StoreImm s -> {
                uses[i] = bit(s.dst());
                if (s.dst() == Reg.R10 && s.size() == Size.DW && s.off() % 8 == 0) {
                    slotDefs[i] = slotBit(s.off());
                }
            }
            // the kernel counts every register as read by LD_ABS/LD_IND, which may end the program
            case LoadAbs _, LoadInd _ -> {
                uses[i] = ALL_REGS;
                defs[i] = CALL_CLOBBERS;
            }
        }
    }

    private static long bit(Reg r) {
        return 1L << r.number();
    }

    private static long slotBit(int off) {
        int slot = ModelState.slotOf(off);
        return slot < 0 ? 0 : 1L << slot;
    }
}
