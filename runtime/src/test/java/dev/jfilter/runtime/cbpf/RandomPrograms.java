package dev.jfilter.runtime.cbpf;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.Opcodes;
import dev.jfilter.cbpf.SockFilter;
import dev.jfilter.cfg.Ancillary;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random classic BPF programs for differential tests of checkers and interpreters: mostly known opcodes with
 * operands near the rules' edges (scratch index 15/16, shifts 31/32, division by 0, jumps to the last instruction
 * and one past, ancillary offsets), some unknown opcodes.
 */
public final class RandomPrograms {
    public static final int[] KNOWN;

    static {
        List<Integer> known = new ArrayList<>();
        for (int code = 0; code < 0x100; code++) {
            if (Opcodes.isKnown(code)) {
                known.add(code);
            }
        }
        KNOWN = known.stream().mapToInt(Integer::intValue).toArray();
    }

    private RandomPrograms() {}

    /** A program of up to {@code maxLength} instructions that may break any rule. */
    public static CbpfProgram anyProgram(Random random, int maxLength) {
        int n = random.nextInt(50) == 0 ? 0 : 1 + random.nextInt(maxLength);
        List<SockFilter> code = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int op = switch (random.nextInt(20)) {
                case 0, 1, 2 -> random.nextInt(0x100);
                case 3 -> random.nextInt(0x10000);
                default -> KNOWN[random.nextInt(KNOWN.length)];
            };
            if (i == n - 1 && random.nextInt(5) != 0) {
                op = random.nextBoolean() ? 0x06 : 0x16;
            }
            code.add(new SockFilter(op, jumpOffset(random, n - i - 1), jumpOffset(random, n - i - 1),
                    operand(random, n - i - 1)));
        }
        return new CbpfProgram(code);
    }

    private static int jumpOffset(Random random, int remaining) {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> Math.max(0, Math.min(255, remaining - 1));
            case 2 -> Math.min(255, remaining);
            case 3 -> random.nextInt(256);
            default -> remaining <= 1 ? 0 : random.nextInt(Math.min(256, remaining));
        };
    }

    /** k values at the edges of every rule. */
    public static int operand(Random random, int remaining) {
        return switch (random.nextInt(16)) {
            case 0 -> 0;
            case 1 -> 15;
            case 2 -> 16;
            case 3 -> 31;
            case 4 -> 32;
            case 5 -> -1;
            case 6 -> -2;
            case 7 -> remaining - 1;
            case 8 -> remaining;
            case 9 -> Ancillary.values()[random.nextInt(Ancillary.values().length)].absoluteOffset();
            case 10 -> Opcodes.SKF_AD_OFF + random.nextInt(80);
            case 11 -> -0x100000 + random.nextInt(64);
            case 12 -> random.nextInt();
            default -> random.nextInt(64);
        };
    }
}
