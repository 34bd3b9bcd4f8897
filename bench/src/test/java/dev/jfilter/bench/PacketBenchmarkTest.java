package dev.jfilter.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfilter.cbpf.listing.ListingFormat;
import dev.jfilter.cbpf.listing.ListingParser;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.jit.CbpfJit;
import dev.jfilter.runtime.jit.Engine;
import dev.jfilter.runtime.jit.JitResult;
import dev.jfilter.runtime.jit.PacketFilter;
import dev.jfilter.runtime.libpcap.CompileResult;
import dev.jfilter.runtime.libpcap.Libpcap;
import dev.jfilter.testpcaps.gen.Frame;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;

/**
 * The per-packet benchmark's inputs and set-up are sound: the packets are the same on every run and laid out as the
 * capture file says, each filter accepts some packets and rejects others, and the JIT, the interpreter and libpcap's
 * {@code bpf_filter()} (on jfilter's program and on libpcap's) accept the same number. Nothing here times anything.
 */
class PacketBenchmarkTest {
    private static final Map<String, CompiledFilter> COMPILED = new ConcurrentHashMap<>();
    private static Arena arena;
    private static PacketSet packets;

    @BeforeAll
    static void load() {
        arena = Arena.ofShared();
        packets = PacketSet.load(arena, BenchPackets.pcap());
    }

    @AfterAll
    static void close() {
        arena.close();
    }

    static List<String> names() {
        return List.copyOf(BenchFilters.packetNames());
    }

    private static CompiledFilter compiled(String name) {
        return COMPILED.computeIfAbsent(name, PacketBenchmark::compile);
    }

    @Test
    void theJmhParametersNameEveryFilterAndBothEngines() throws Exception {
        String[] filters = PacketBenchmark.class.getField("filter").getAnnotation(Param.class).value();
        assertThat(Arrays.asList(filters)).containsExactlyElementsOf(BenchFilters.packetNames());
        String[] engines = PacketBenchmark.class.getField("engine").getAnnotation(Param.class).value();
        assertThat(Arrays.stream(engines).map(e -> Engine.ofOptionName(e).orElseThrow()))
                .containsExactlyInAnyOrder(Engine.values());
    }

    @Test
    void thePacketsAreTheSameEveryTimeAndTheSetHoldsThemAsTheFileSays() {
        assertThat(BenchPackets.pcap()).isEqualTo(BenchPackets.pcap());
        List<Frame> frames = BenchPackets.frames();
        assertThat(packets.size()).isEqualTo(BenchPackets.COUNT).isEqualTo(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            assertThat(packets.packet(i)).as("packet %d", i).isEqualTo(frames.get(i).data());
            assertThat(packets.wireLength(i)).as("packet %d", i).isEqualTo(frames.get(i).wireLength());
        }
    }

    @Test
    void thePacketsAreAMixOfSizesAndProtocols() {
        List<Frame> frames = BenchPackets.frames();
        assertThat(frames).allSatisfy(f -> assertThat(f.capturedLength())
                .isBetween(BenchPackets.MIN_FRAME, BenchPackets.MAX_FRAME).isEqualTo(f.wireLength()));
        long small = frames.stream().filter(f -> f.capturedLength() <= 100).count();
        long full = frames.stream().filter(f -> f.capturedLength() >= 1400).count();
        assertThat(small).as("small frames").isGreaterThan(BenchPackets.COUNT / 4);
        assertThat(full).as("full-size frames").isGreaterThan(BenchPackets.COUNT / 5);
        Set<Integer> etherTypes = frames.stream().map(Frame::data).map(d -> ((d[12] & 0xff) << 8) | (d[13] & 0xff))
                .collect(Collectors.toSet());
        // IPv4, IPv6, ARP, 802.1Q, LLDP, and an 802.3 length (spanning tree).
        assertThat(etherTypes).contains(0x0800, 0x86dd, 0x0806, 0x8100, 0x88cc)
                .anyMatch(t -> t <= BenchPackets.MAX_FRAME);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void eachFilterAcceptsSomePacketsButNotAllAndBothEnginesAgree(String name) {
        CompiledFilter compiled = compiled(name);
        int jit = packets.countMatches(compiled.matcher(Engine.JIT));
        int interpreter = packets.countMatches(compiled.matcher(Engine.INTERPRETER));
        assertThat(jit).as("packets the JIT accepts").isPositive().isLessThan(BenchPackets.COUNT);
        assertThat(interpreter).as("packets the interpreter accepts").isEqualTo(jit);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void libpcapsBpfFilterAcceptsAsManyWithJfiltersProgramAndItsOwn(String name) {
        assumeTrue(Libpcap.isAvailable(), () -> "libpcap: " + Libpcap.unavailableReason().orElse(""));
        CompiledFilter compiled = compiled(name);
        int jit = packets.countMatches(compiled.matcher(Engine.JIT));
        assertThat(bpfFilterCount(compiled.program())).as("bpf_filter on jfilter's program").isEqualTo(jit);
        // libpcap's optimizer takes about a minute on 1000 hosts: bench/packet-bench.sh checks that one.
        if (!name.equals(BenchFilters.HOSTS_1000)) {
            CompileResult own = Libpcap.compile(LinkType.EN10MB, 262144, true, Libpcap.NETMASK_UNKNOWN,
                    BenchFilters.expression(name));
            assertThat(own).isInstanceOf(CompileResult.Compiled.class);
            assertThat(bpfFilterCount(((CompileResult.Compiled) own).program()))
                    .as("bpf_filter on libpcap's program").isEqualTo(jit);
        }
    }

    private static int bpfFilterCount(dev.jfilter.cbpf.CbpfProgram program) {
        try (Libpcap.NativeProgram p = Libpcap.load(program)) {
            return (int) IntStream.range(0, packets.size())
                    .filter(i -> {
                        byte[] b = packets.packet(i);
                        return p.filter(b, packets.wireLength(i), b.length) != 0;
                    })
                    .count();
        }
    }

    @Test
    void theTrialRecordSaysWhichEngineRuns() {
        CompiledFilter typical = compiled("tcp-port");
        assertThat(PacketBenchmark.engineThatRuns(Engine.JIT, typical.matcher(Engine.JIT))).isEqualTo("jit");
        assertThat(PacketBenchmark.engineThatRuns(Engine.INTERPRETER, typical.matcher(Engine.INTERPRETER)))
                .isEqualTo("interp");
        CompiledFilter hosts = compiled(BenchFilters.HOSTS_1000);
        PacketFilter matcher = hosts.matcher(Engine.JIT);
        String expected = switch (CbpfJit.compile(hosts.program())) {
            case JitResult.Compiled _ -> "jit";
            case JitResult.Declined d -> "interp (JIT declined: " + d.reason() + ")";
        };
        assertThat(PacketBenchmark.engineThatRuns(Engine.JIT, matcher)).isEqualTo(expected);
        EngineRecord r = new EngineRecord(12, expected, hosts.program().size());
        assertThat(EngineRecord.of(KeyValues.parse(r.format()))).isEqualTo(r);
    }

    @Test
    void theHarnessFilesHoldThePacketsTheExpressionsAndJfiltersPrograms(@TempDir Path dir) throws IOException {
        PacketBenchFiles.write(dir, PacketBenchmarkTest::compiled);
        assertThat(Files.readAllBytes(dir.resolve("packets.pcap"))).isEqualTo(BenchPackets.pcap());
        assertThat(Files.readAllLines(dir.resolve("filters/names"))).containsExactlyElementsOf(names());
        for (String name : names()) {
            assertThat(dir.resolve("filters/" + name + ".expr")).hasContent(BenchFilters.expression(name));
            String ddd = Files.readString(dir.resolve("filters/" + name + ".ddd"));
            assertThat(ListingParser.parse(ddd, ListingFormat.DECIMAL).orThrow()).as(name)
                    .isEqualTo(compiled(name).program());
        }
    }

    @Test
    void theTableMovesTheJitsReasonToANote() {
        List<String> notes = new ArrayList<>();
        assertThat(PacketTable.engineCell("jit", notes)).isEqualTo("jit");
        assertThat(PacketTable.engineCell("interp (JIT declined: too big (29039 bytes))", notes))
                .isEqualTo("interp (1)");
        assertThat(notes).containsExactly("JIT declined: too big (29039 bytes)");
    }

    @Test
    void theTableRefusesCountsThatDisagreeAndMissingParts() {
        EngineRecord rec = new EngineRecord(100, "jit", 20);
        PacketTable.Harness same = new PacketTable.Harness(20, 100, 20.0, 19.0, "libpcap");
        PacketTable.Score score = new PacketTable.Score(5.0, 0.1);
        PacketTable.Row agree = new PacketTable.Row("tcp-port", Optional.of(score), Optional.of(score),
                Optional.of(rec), Optional.of(rec), Optional.of(same), Optional.of(same));
        assertThat(PacketTable.check(List.of(agree))).isEmpty();

        PacketTable.Harness other = new PacketTable.Harness(20, 99, 20.0, 19.0, "libpcap");
        PacketTable.Row disagree = new PacketTable.Row("tcp-port", Optional.of(score), Optional.of(score),
                Optional.of(rec), Optional.of(rec), Optional.of(same), Optional.of(other));
        assertThat(PacketTable.check(List.of(disagree))).singleElement().asString()
                .contains("match counts differ", "bpf_filter on jfilter's program 99");

        PacketTable.Row missing = new PacketTable.Row("tcp-port", Optional.empty(), Optional.of(score),
                Optional.of(rec), Optional.empty(), Optional.of(same), Optional.of(same));
        assertThat(PacketTable.check(List.of(missing))).containsExactlyInAnyOrder(
                "tcp-port: no match count from interpreter", "tcp-port: no JMH score for the JIT");
    }
}
