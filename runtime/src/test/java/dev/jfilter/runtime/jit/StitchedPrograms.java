package dev.jfilter.runtime.jit;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.Instruction;
import dev.jfilter.cbpf.Opcodes;
import dev.jfilter.cbpf.SockFilter;
import dev.jfilter.runtime.cbpf.CbpfInterpreter;
import dev.jfilter.runtime.cbpf.Packets;
import dev.jfilter.runtime.cbpf.RandomPrograms;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Large valid programs stitched from seeded random valid ones ({@link RandomPrograms}) of 8 instructions or more that
 * run to a return on sample packets (rather than stop at a load past the packet): the parts one after another, each
 * return of all but the last turned into a jump to a fork after its part, where a packet byte decides ({@code jgt})
 * whether to go on to the next part or to a later one (one of the 8 after it, 1 in 4 times any); the fork keeps A in
 * {@code M[15]} meanwhile. Runs go far into the program, carrying A, X and the scratch
 * words from part to part, and most of the program is reachable. Parts that jump back (loops, which a random program
 * rarely leaves) are not used.
 */
final class StitchedPrograms {
    /** The instructions of a fork. */
    private static final int FORK = 7;

    private StitchedPrograms() {}

    /** A valid program of which at least {@code reachable} instructions are reachable. */
    static CbpfProgram of(Random random, int reachable, List<Packets.Packet> sample) {
        List<CbpfProgram> parts = new ArrayList<>();
        int size = 0;
        for (int target = reachable; ; target += reachable / 2) {
            while (size < target) {
                CbpfProgram p = RandomPrograms.anyProgram(random, 40);
                List<Instruction> shapes = CbpfJit.decode(p);
                if (p.size() < 8 || !CbpfInterpreter.problems(p).isEmpty()
                        || IntStream.range(0, p.size()).anyMatch(i -> ControlFlow.backwardTarget(shapes, i) >= 0)
                        || !returnsAlways(p, sample)) {
                    continue;
                }
                parts.add(p);
                size += p.size();
            }
            CbpfProgram program = stitch(random, parts);
            if (ControlFlow.reachable(CbpfJit.decode(program)).cardinality() >= reachable) {
                if (!CbpfInterpreter.problems(program).isEmpty()) {
                    throw new AssertionError("stitched an invalid program: " + CbpfInterpreter.problems(program));
                }
                return program;
            }
        }
    }

    /** Whether {@code p} runs to a return on every sample packet. */
    private static boolean returnsAlways(CbpfProgram p, List<Packets.Packet> sample) {
        BranchCoverage run = new BranchCoverage(p);
        for (Packets.Packet pk : sample) {
            run.run(pk.bytes(), pk.caplen(), pk.wirelen());
            if (!run.returned()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isReturn(SockFilter f) {
        return Instruction.disassemble(Instruction.usedFields(f)).isReturn();
    }

    private static CbpfProgram stitch(Random random, List<CbpfProgram> parts) {
        // Where each part starts: after the previous parts and their forks (one per return).
        int[] starts = new int[parts.size() + 1];
        for (int b = 0; b < parts.size(); b++) {
            int returns = b + 1 == parts.size() ? 0
                    : (int) parts.get(b).instructions().stream().filter(StitchedPrograms::isReturn).count();
            starts[b + 1] = starts[b] + parts.get(b).size() + FORK * returns;
        }
        List<SockFilter> code = new ArrayList<>();
        for (int b = 0; b < parts.size(); b++) {
            List<SockFilter> part = parts.get(b).instructions();
            if (b + 1 == parts.size()) {
                code.addAll(part);
                break;
            }
            int fork = starts[b] + part.size();
            List<SockFilter> forks = new ArrayList<>();
            for (SockFilter f : part) {
                if (isReturn(f)) {
                    code.add(ja(code.size(), fork));
                    int later = parts.size() - b - 1;
                    int far = b + 1 + random.nextInt(random.nextInt(4) > 0 ? Math.min(8, later) : later);
                    // A packet byte decides, A kept in M[15] meanwhile.
                    forks.add(new SockFilter(Opcodes.ST, 0, 0, 15));
                    forks.add(new SockFilter(Opcodes.LD | Opcodes.B | Opcodes.ABS, 0, 0, random.nextInt(14)));
                    forks.add(new SockFilter(Opcodes.JMP | Opcodes.JGT | Opcodes.K, 0, 2, random.nextInt(256)));
                    forks.add(new SockFilter(Opcodes.LD | Opcodes.MEM, 0, 0, 15));
                    forks.add(ja(fork + 4, starts[b + 1]));
                    forks.add(new SockFilter(Opcodes.LD | Opcodes.MEM, 0, 0, 15));
                    forks.add(ja(fork + 6, starts[far]));
                    fork += FORK;
                } else {
                    code.add(f);
                }
            }
            code.addAll(forks);
        }
        return new CbpfProgram(code);
    }

    private static SockFilter ja(int at, int target) {
        return new SockFilter(Opcodes.JMP | Opcodes.JA, 0, 0, target - at - 1);
    }
}
