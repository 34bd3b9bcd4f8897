package dev.jfilter.runtime.jit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.validate.Problem;
import dev.jfilter.cbpf.validate.Validator;
import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.AncillarySource;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.JFilter;
import dev.jfilter.runtime.cbpf.CbpfInterpreter;
import dev.jfilter.runtime.cbpf.Packets;
import dev.jfilter.runtime.cbpf.RandomPrograms;
import dev.jfilter.runtime.cbpf.TestData;
import dev.jfilter.runtime.libpcap.Libpcap;
import dev.jfilter.runtime.testing.TestPackets;
import dev.jfilter.testpcaps.CorpusKind;
import dev.jfilter.testpcaps.TestPcaps;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JIT against the interpreter (and, for random programs, libpcap's {@code bpf_filter()}): every program of
 * libpcap's test suite, every expression of the project's corpora (optimized and not) on the test packets of its link
 * type, and seeded random valid programs on random packets, some truncated, some with ancillary data. Every run must
 * give the same value; the JIT must decline none of these programs.
 */
class JitAgreementTest {

    @Test
    void everySuiteProgramOnCapturesAndRandomPackets() throws IOException {
        Path captures = TestData.shared().resolve("captures");
        Assumptions.assumeTrue(Files.isDirectory(captures), captures + " is missing");
        List<Packets.Packet> packets = new ArrayList<>(Packets.fromCaptures(captures, 40).packets());
        packets.addAll(Packets.random(new Random(2025), 600));
        try (Arena arena = Arena.ofConfined()) {
            // All packets in one off-heap segment, each read in place at its offset.
            Packets.Packed packed = Packets.pack(arena, packets);
            List<TestData.SuiteProgram> programs = TestData.suitePrograms();
            long runs = 0;
            long accepted = 0;
            for (TestData.SuiteProgram sp : programs) {
                PacketFilter both = BothEngines.of(sp.program());
                for (int i = 0; i < packets.size(); i++) {
                    Packets.Packet p = packets.get(i);
                    int value = both.run(packed.segment(), packed.offsets()[i], p.caplen(), p.wirelen(),
                            AncillarySource.NONE);
                    accepted += value != 0 ? 1 : 0;
                    runs++;
                }
            }
            System.out.printf("JIT vs interpreter, libpcap's suite: %d programs x %d packets = %d runs (%d accepting),"
                    + " all equal%n", programs.size(), packets.size(), runs, accepted);
            assertThat(programs).hasSizeGreaterThan(100);
            assertThat(accepted).isPositive();
        }
    }

    @TestFactory
    Stream<DynamicContainer> corpus() {
        return Stream.of(CorpusKind.values()).flatMap(kind -> kind.dltNames().stream().filter(TestPackets::selected)
                .map(dlt -> DynamicContainer
                .dynamicContainer(dlt + " " + kind, TestPcaps.corpusLines(kind, dlt).stream().map(line -> DynamicTest
                        .dynamicTest("line " + line.line() + ": " + line.expression(),
                                () -> corpusLine(LinkType.ofName(dlt).orElseThrow(), line.expression()))))));
    }

    private static void corpusLine(LinkType type, String expression) {
        List<Captures.Packet> packets = TestPackets.of(type);
        for (boolean optimize : new boolean[] {true, false}) {
            Result<CompiledFilter> compiled = JFilter.compile(expression, CompileOptions.of(type), optimize);
            // Lines libpcap rejects are in the corpus too; they have no program to run.
            Assumptions.assumeTrue(compiled instanceof Result.Ok, () -> "jfilter rejects " + expression);
            CompiledFilter filter = ((Result.Ok<CompiledFilter>) compiled).value();
            PacketFilter both = BothEngines.of(filter.program());
            for (Captures.Packet p : packets) {
                both.run(p.bytes(), p.bytes().length, p.wireLength());
            }
        }
    }

    /** Random values for some ancillary fields, none for the others, fixed per seed. */
    static AncillarySource randomAncillary(Random random) {
        OptionalInt[] values = new OptionalInt[Ancillary.values().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(3) == 0 ? OptionalInt.empty() : OptionalInt.of(random.nextInt(3) == 0
                    ? random.nextInt() : random.nextInt(5));
        }
        return field -> values[field.ordinal()];
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    void randomValidProgramsOnRandomPackets(long seed) {
        Random random = new Random(seed);
        List<Packets.Packet> packets = Packets.random(random, 40);
        List<AncillarySource> metadata = List.of(AncillarySource.NONE, randomAncillary(random),
                randomAncillary(random));
        boolean libpcap = Libpcap.isAvailable();
        int programs = 0;
        int againstLibpcap = 0;
        long runs = 0;
        while (programs < 2500) {
            CbpfProgram p = RandomPrograms.anyProgram(random, random.nextBoolean() ? 12 : 40);
            if (!CbpfInterpreter.problems(p).isEmpty()) {
                continue;
            }
            programs++;
            PacketFilter both = BothEngines.of(p);
            // libpcap reads stack garbage for unwritten scratch, and may loop forever on backward jumps.
            boolean libpcapComparable = libpcap && Validator.kernel(p).stream().noneMatch(
                    q -> q.kind() == Problem.Kind.UNINITIALIZED_SCRATCH || q.kind() == Problem.Kind.BACKWARD_JUMP);
            againstLibpcap += libpcapComparable ? 1 : 0;
            try (Libpcap.NativeProgram theirs = libpcapComparable ? Libpcap.load(p) : null) {
                for (Packets.Packet pk : packets) {
                    for (AncillarySource m : metadata) {
                        int ours;
                        try {
                            ours = both.run(MemorySegment.ofArray(pk.bytes()), 0, pk.caplen(), pk.wirelen(),
                                    m);
                        } catch (IllegalStateException endless) {
                            continue; // both engines stopped a program that does not end, with the same message
                        }
                        runs++;
                        if (theirs != null && m == AncillarySource.NONE) {
                            assertThat(ours).as("%s on %s vs bpf_filter", p, pk.source())
                                    .isEqualTo(theirs.filter(pk.bytes(), pk.wirelen(), pk.caplen()));
                        }
                    }
                }
            }
        }
        System.out.printf("random valid programs (seed %d): %d programs (%d also against bpf_filter), %d runs, all"
                + " equal%n", seed, programs, againstLibpcap, runs);
        if (libpcap) {
            assertThat(againstLibpcap).isPositive();
        }
    }
}
