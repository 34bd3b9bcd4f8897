package dev.jfilter.ebpf.gen;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Scratch;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.ebpf.insn.Reg;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Where the cBPF machine lives in eBPF registers for one program. The accumulator is R0, where {@code LD_ABS} and
 * helpers leave their results and where the return value goes. The most used scratch words get the registers the
 * program type leaves free; the others live on the stack, 4 bytes each below R10.
 *
 * <p>Socket filters keep the context in R6, as {@code LD_ABS} requires, and everything else in R7-R9, which
 * {@code LD_ABS} does not clobber. Direct-access programs keep {@code data} in R2, {@code data_end} in R3, use R4 for
 * bounds checks and R5 for {@code data + X}; XDP needs its context only in the prologue.
 *
 * @param x        the index register
 * @param ctx      the context pointer, where the program keeps it after the prologue
 * @param data     the packet start (direct access)
 * @param end      the packet end (direct access)
 * @param guard    a scratch pointer for bounds checks (direct access)
 * @param base     {@code data + X} for indirect loads (direct access)
 * @param scratch  the scratch words kept in registers
 */
record Registers(Reg x, Reg ctx, Reg data, Reg end, Reg guard, Reg base, Map<Integer, Reg> scratch) {
    /** The accumulator. */
    static final Reg A = Reg.R0;
    /** Where a socket filter saves the accumulator across the {@code LD_ABS} of an IPv4 header length. */
    static final int SAVED_A_OFFSET = -4 * (Scratch.SLOTS + 1);

    Registers {
        scratch = Map.copyOf(scratch);
    }

    /** The plan for a graph: {@code helperCalls} says whether its statements call helpers (which clobber R1-R5). */
    static Registers plan(Cfg cfg, Target target, boolean helperCalls) {
        List<Reg> pool = switch (target) {
            case SOCKET -> List.of(Reg.R8, Reg.R9);
            case TC -> helperCalls ? List.of(Reg.R8, Reg.R9) : List.of(Reg.R8, Reg.R9, Reg.R1);
            case XDP -> List.of(Reg.R7, Reg.R8, Reg.R9, Reg.R1);
        };
        Map<Integer, Reg> scratch = new HashMap<>();
        List<Integer> bySlotUse = mostUsedSlots(cfg);
        for (int i = 0; i < bySlotUse.size() && i < pool.size(); i++) {
            scratch.put(bySlotUse.get(i), pool.get(i));
        }
        return switch (target) {
            case SOCKET -> new Registers(Reg.R7, Reg.R6, null, null, null, null, scratch);
            case TC -> new Registers(Reg.R6, Reg.R7, Reg.R2, Reg.R3, Reg.R4, Reg.R5, scratch);
            case XDP -> new Registers(Reg.R6, Reg.R1, Reg.R2, Reg.R3, Reg.R4, Reg.R5, scratch);
        };
    }

    /** The eBPF register of a cBPF register. */
    Reg of(Register r) {
        return r == Register.A ? A : x;
    }

    /** The register that holds scratch word {@code slot}, if one does. */
    Optional<Reg> scratchRegister(int slot) {
        return Optional.ofNullable(scratch.get(slot));
    }

    /** The stack offset (from R10) of scratch word {@code slot} when it lives on the stack. */
    static int stackOffset(int slot) {
        return -4 * (slot + 1);
    }

    private static List<Integer> mostUsedSlots(Cfg cfg) {
        int[] uses = new int[Scratch.SLOTS];
        for (Block b : cfg.blocks()) {
            for (Stmt s : b.statements()) {
                switch (s) {
                    case Stmt.LoadScratch l -> uses[l.slot()]++;
                    case Stmt.Store st -> uses[st.slot()]++;
                    case Stmt.LoadAbsolute _, Stmt.LoadIndirect _, Stmt.LoadConstant _, Stmt.LoadLength _,
                         Stmt.LoadAncillary _, Stmt.LoadIpHeaderLength _, Stmt.AluConstant _, Stmt.AluX _,
                         Stmt.Negate _, Stmt.Tax _, Stmt.Txa _ -> { }
                }
            }
        }
        List<Integer> used = new ArrayList<>(IntStream.range(0, Scratch.SLOTS).filter(i -> uses[i] > 0).boxed()
                .toList());
        used.sort(Comparator.comparingInt((Integer i) -> -uses[i]).thenComparingInt(i -> i));
        return used;
    }
}
