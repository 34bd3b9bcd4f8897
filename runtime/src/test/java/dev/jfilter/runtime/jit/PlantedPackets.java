package dev.jfilter.runtime.jit;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.Instruction;
import dev.jfilter.cfg.LoadSize;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Packets that drive a filter down every branch: for each conditional jump on a constant, the packet field A was
 * loaded from (found by a forward pass over the program) gets the constant planted, and values on the other side:
 * one more for {@code jeq}, one less and one more for {@code jgt}/{@code jge}, 0 for {@code jset}. The frames are
 * Ethernet frames of each kind the large filters test (IPv4 and IPv6 with TCP, ARP, RARP), random elsewhere; each
 * value is planted into every kind of frame on which the program reaches comparisons of the field.
 */
final class PlantedPackets {
    /** How long each frame is: room for IPv6 ports (bytes 54 to 57) and more. */
    static final int LENGTH = 80;

    /** A packet field: {@code [offset : size]}, or {@code [x + offset : size]}. */
    record Field(LoadSize size, int offset, boolean indirect) {}

    /** The comparisons of one field: the values to plant for them, and where they are. */
    private record Comparisons(Set<Integer> values, BitSet at) {}

    private PlantedPackets() {}

    /**
     * For every field conditional jumps compare with constants, their constants and instructions. A forward pass
     * tracks the fields A may hold (several where paths from different loads join, as in merged blocks).
     */
    private static Map<Field, Comparisons> comparedFields(List<Instruction> code) {
        BitSet reachable = ControlFlow.reachable(code);
        List<Set<Field>> holds = new ArrayList<>();
        for (int i = 0; i < code.size(); i++) {
            holds.add(new LinkedHashSet<>());
        }
        Map<Field, Comparisons> out = new LinkedHashMap<>();
        for (int i = reachable.nextSetBit(0); i >= 0; i = reachable.nextSetBit(i + 1)) {
            Instruction in = code.get(i);
            if (in instanceof Instruction.JumpIf j) {
                for (Field f : holds.get(i)) {
                    Comparisons c = out.computeIfAbsent(f, _ -> new Comparisons(new LinkedHashSet<>(), new BitSet()));
                    int k = j.value();
                    c.values().addAll(switch (j.op()) {
                        case JEQ -> List.of(k, k + 1);
                        case JGT, JGE -> List.of(k - 1, k, k + 1);
                        case JSET -> List.of(k, 0);
                    });
                    c.at().set(i);
                }
            }
            Set<Field> after;
            if (in instanceof Instruction.LoadAbsolute l) {
                after = Set.of(new Field(l.size(), l.offset(), false));
            } else if (in instanceof Instruction.LoadIndirect l) {
                after = Set.of(new Field(l.size(), l.offset(), true));
            } else {
                after = (Liveness.defines(in) & Liveness.A) != 0 ? Set.of() : holds.get(i);
            }
            for (int t : ControlFlow.successors(code, i)) {
                if (t > i) {
                    holds.get(t).addAll(after);
                }
            }
        }
        return out;
    }

    /** The planted frames for {@code program}, all {@link #LENGTH} bytes. */
    static List<byte[]> of(CbpfProgram program, Random random) {
        List<Instruction> code = CbpfJit.decode(program);
        int msh = code.stream().filter(Instruction.LoadMemShift.class::isInstance)
                .map(Instruction.LoadMemShift.class::cast).mapToInt(Instruction.LoadMemShift::offset).findFirst()
                .orElse(-1);
        List<byte[]> templates = templates(random);
        List<byte[]> out = new ArrayList<>();
        for (Map.Entry<Field, Comparisons> e : comparedFields(code).entrySet()) {
            Field f = e.getKey();
            Comparisons c = e.getValue();
            int first = c.values().iterator().next();
            // The kinds of frame on which the program gets to compare this field.
            List<byte[]> relevant = templates.stream().filter(t -> {
                byte[] p = plant(t, f, msh, first);
                if (p == null) {
                    return false;
                }
                BranchCoverage probe = new BranchCoverage(program);
                probe.run(p, p.length, p.length);
                return c.at().stream().anyMatch(probe::executed);
            }).toList();
            for (int v : c.values()) {
                for (byte[] template : relevant) {
                    out.add(plant(template, f, msh, v));
                }
            }
        }
        return out;
    }

    /** A copy of {@code template} with {@code value} in field {@code f}, or null if the field is not in it. */
    private static byte[] plant(byte[] template, Field f, int msh, int value) {
        int at = f.offset();
        if (f.indirect()) {
            if (msh < 0) {
                return null;
            }
            at += (template[msh] & 0xf) << 2;
        }
        if (at < 0 || at + f.size().bytes() > template.length) {
            return null;
        }
        byte[] p = template.clone();
        write(p, at, f.size(), value);
        return p;
    }

    private static List<byte[]> templates(Random random) {
        List<byte[]> out = new ArrayList<>();
        // TCP; the protocol fields are planted like any other.
        byte[] v4 = frame(random, 0x0800);
        v4[14] = 0x45;
        v4[20] = 0;
        v4[21] = 0;
        v4[23] = 6;
        out.add(v4);
        byte[] v6 = frame(random, 0x86dd);
        v6[14] = 0x60;
        v6[20] = 6;
        out.add(v6);
        out.add(frame(random, 0x0806));
        out.add(frame(random, 0x8035));
        return out;
    }

    private static byte[] frame(Random random, int etherType) {
        byte[] p = new byte[LENGTH];
        random.nextBytes(p);
        write(p, 12, LoadSize.HALF, etherType);
        return p;
    }

    private static void write(byte[] p, int at, LoadSize size, int v) {
        for (int b = size.bytes() - 1; b >= 0; b--) {
            p[at + b] = (byte) v;
            v >>>= 8;
        }
    }
}
