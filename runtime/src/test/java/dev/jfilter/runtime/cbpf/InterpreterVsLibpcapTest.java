package dev.jfilter.runtime.cbpf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.validate.Problem;
import dev.jfilter.cbpf.validate.Validator;
import dev.jfilter.runtime.libpcap.Libpcap;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The interpreter against libpcap's {@code bpf_filter()}: every program of libpcap's test suite (optimized and not)
 * on packets of the shared captures and on random packets, and random programs on random packets. Return values must
 * be identical.
 */
class InterpreterVsLibpcapTest {
    @BeforeAll
    static void needsLibpcap() {
        Assumptions.assumeTrue(Libpcap.isAvailable(), () -> "libpcap not usable: " + Libpcap.unavailableReason());
    }

    /**
     * Whether the program can read a scratch word no path wrote (libpcap master's geneve/vxlan over radiotap do):
     * libpcap then reads whatever its stack holds, where this interpreter reads 0.
     */
    private static boolean readsUnwrittenScratch(CbpfProgram p) {
        return Validator.kernel(p).stream().anyMatch(q -> q.kind() == Problem.Kind.UNINITIALIZED_SCRATCH);
    }

    @Test
    void everySuiteProgramOnCapturesAndRandomPackets() throws IOException {
        Path captures = TestData.shared().resolve("captures");
        Assumptions.assumeTrue(Files.isDirectory(captures), captures + " is missing");
        Packets.Selection selection = Packets.fromCaptures(captures, 40);
        List<Packets.Packet> packets = new ArrayList<>(selection.packets());
        packets.addAll(Packets.random(new Random(2024), 600));
        assertThat(selection.files()).isGreaterThanOrEqualTo(20);

        // Packets live in one segment, as a mapped file would hold them; the interpreter reads them in place.
        try (Arena arena = Arena.ofConfined()) {
            Packets.Packed packed = Packets.pack(arena, packets);
            MemorySegment all = packed.segment();
            long[] offsets = packed.offsets();

            List<TestData.SuiteProgram> programs = TestData.suitePrograms();
            long compared = 0;
            long accepted = 0;
            int unwrittenScratchPrograms = 0;
            long unwrittenScratchDiffering = 0;
            List<String> mismatches = new ArrayList<>();
            for (TestData.SuiteProgram sp : programs) {
                CbpfInterpreter ours = CbpfInterpreter.of(sp.program());
                boolean garbage = readsUnwrittenScratch(sp.program());
                unwrittenScratchPrograms += garbage ? 1 : 0;
                try (Libpcap.NativeProgram theirs = Libpcap.load(sp.program())) {
                    for (int i = 0; i < packets.size(); i++) {
                        Packets.Packet p = packets.get(i);
                        int expected = theirs.filter(p.bytes(), p.wirelen(), p.caplen());
                        int actual = ours.run(all, offsets[i], p.caplen(), p.wirelen(),
                                dev.jfilter.cfg.AncillarySource.NONE);
                        compared++;
                        accepted += expected != 0 ? 1 : 0;
                        if (actual != expected) {
                            if (garbage) {
                                unwrittenScratchDiffering++;
                            } else if (mismatches.size() < 20) {
                                mismatches.add(sp.name() + " on " + p.source() + ": libpcap " + expected + ", ours "
                                        + actual);
                            }
                        }
                    }
                }
            }
            System.out.printf("interpreter vs bpf_filter: %d programs x %d packets (%d from %d capture files of %d"
                    + " link types, %d random) = %d runs, %d accepting; %d mismatches; %d programs read unwritten"
                    + " scratch (%d runs differ there, libpcap reading stack garbage); unreadable files: %s%n",
                    programs.size(), packets.size(), selection.packets().size(), selection.files(),
                    selection.linkTypes().size(), packets.size() - selection.packets().size(), compared, accepted,
                    mismatches.size(), unwrittenScratchPrograms, unwrittenScratchDiffering, selection.unreadable());
            assertThat(mismatches).isEmpty();
            assertThat(accepted).isPositive();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5, 6})
    void randomProgramsOnRandomPackets(long seed) {
        Random random = new Random(seed);
        List<Packets.Packet> packets = Packets.random(random, 40);
        int programs = 0;
        long runs = 0;
        while (programs < 5000) {
            CbpfProgram p = RandomPrograms.anyProgram(random, 12);
            // Only what libpcap would run: bpf_validate passes, every opcode known, no unwritten scratch read
            // (stack garbage in libpcap), no backward jump (it could loop forever there).
            boolean runnable = Libpcap.validate(p) && p.instructions().stream()
                    .allMatch(f -> dev.jfilter.cbpf.Opcodes.isKnown(f.code()))
                    && Validator.kernel(p).stream().noneMatch(q -> q.kind() == Problem.Kind.UNINITIALIZED_SCRATCH
                            || q.kind() == Problem.Kind.BACKWARD_JUMP);
            if (!runnable) {
                continue;
            }
            programs++;
            CbpfInterpreter ours = CbpfInterpreter.of(p);
            try (Libpcap.NativeProgram theirs = Libpcap.load(p)) {
                for (Packets.Packet pk : packets) {
                    assertThat(ours.run(pk.bytes(), pk.caplen(), pk.wirelen())).as("%s on %s", p, pk.source())
                            .isEqualTo(theirs.filter(pk.bytes(), pk.wirelen(), pk.caplen()));
                    runs++;
                }
            }
        }
        System.out.printf("random programs vs bpf_filter (seed %d): %d programs, %d runs, all equal%n", seed,
                programs, runs);
    }
}
