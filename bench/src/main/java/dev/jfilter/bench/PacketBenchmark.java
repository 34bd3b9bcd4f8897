package dev.jfilter.bench;

import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.JFilter;
import dev.jfilter.runtime.cbpf.CbpfInterpreter;
import dev.jfilter.runtime.jit.CbpfJit;
import dev.jfilter.runtime.jit.Engine;
import dev.jfilter.runtime.jit.JitResult;
import dev.jfilter.runtime.jit.PacketFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Time per packet of a compiled filter on {@link BenchPackets}, on either engine: the class {@link CbpfJit} generates
 * or the {@link CbpfInterpreter} ({@link CompiledFilter#matcher(Engine)}). One invocation runs the filter over all
 * {@value BenchPackets#COUNT} packets, read in place from one off-heap segment holding the capture file
 * ({@link PacketSet}), and returns the number it accepted; JMH divides by the packet count, so the score is
 * nanoseconds per packet.
 *
 * <p>The {@code filter} parameter names an expression of {@link BenchFilters}, compiled for Ethernet with the
 * default options ({@code JFilter.compile(expr, CompileOptions.of(EN10MB))}); {@code engine} is {@code jit} or
 * {@code interp}. With {@code jit}, the benchmark measures what {@code matcher(JIT)} gives, which is the interpreter
 * when the JIT declines the program. At the start of each trial it writes to
 * {@code <dir>/<filter>.<engine>} ({@code -Djfilter.bench.packets.records=DIR}, default
 * {@code target/packet-bench/engines}) the match count, the engine that actually runs and the instruction count, which
 * {@link PacketTable} checks against libpcap's {@code bpf_filter()} and prints. {@code bench/packet-bench.sh} runs it;
 * BENCHMARKS.md has the commands and results.
 *
 * @see <a href="https://github.com/the-tcpdump-group/libpcap/blob/libpcap-1.10/bpf_filter.c">libpcap 1.10
 *     bpf_filter.c</a>, the semantics both engines follow
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xss16m"})
public class PacketBenchmark {
    /** A name from {@link BenchFilters#packetNames()}. */
    @Param({"tcp-port", "host-and-port", "not-port", "ip6-udp", "vlan-host", "tcp-flags", "icmp-or-arp", "portrange",
        "net", "ether-host", "dns-or-web", "ip-len", "hosts-1000"})
    public String filter;

    /** {@code jit} or {@code interp}: an {@link Engine#optionName()}. */
    @Param({"jit", "interp"})
    public String engine;

    private Arena arena;
    private PacketSet packets;
    private PacketFilter matcher;

    @Setup(Level.Trial)
    public void setUp() {
        Engine requested = Engine.ofOptionName(engine)
                .orElseThrow(() -> new IllegalArgumentException("no engine named '" + engine + "'"));
        CompiledFilter compiled = compile(filter);
        matcher = compiled.matcher(requested);
        arena = Arena.ofShared();
        packets = PacketSet.load(arena, BenchPackets.pcap());
        record(new EngineRecord(packets.countMatches(matcher), engineThatRuns(requested, matcher),
                compiled.program().size()));
    }

    /** The filter over every packet; the score is per packet. */
    @Benchmark
    @OperationsPerInvocation(BenchPackets.COUNT)
    public int run() {
        return packets.countMatches(matcher);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /** The benchmark's filter {@code name} compiled as the benchmark compiles it. */
    static CompiledFilter compile(String name) {
        return switch (JFilter.compile(BenchFilters.expression(name), CompileOptions.of(LinkType.EN10MB))) {
            case Result.Ok<CompiledFilter> ok -> ok.value();
            case Result.Failed<CompiledFilter> failed ->
                    throw new IllegalStateException(name + ": " + failed.diagnostics());
        };
    }

    /**
     * What runs the packets when {@code requested} gave {@code matcher}: {@code jit}, {@code interp}, or
     * {@code interp} with the JIT's reason when the JIT was asked for and declined the program.
     */
    static String engineThatRuns(Engine requested, PacketFilter matcher) {
        if (!(matcher instanceof CbpfInterpreter)) {
            return Engine.JIT.optionName();
        }
        return switch (requested) {
            case INTERPRETER -> Engine.INTERPRETER.optionName();
            case JIT -> switch (CbpfJit.compile(matcher.program())) {
                case JitResult.Compiled _ -> throw new IllegalStateException("matcher(JIT) gave the interpreter for "
                        + "a program the JIT compiles");
                case JitResult.Declined d -> Engine.INTERPRETER.optionName() + " (JIT declined: " + d.reason() + ")";
            };
        };
    }

    private void record(EngineRecord r) {
        Path dir = Path.of(System.getProperty("jfilter.bench.packets.records", "target/packet-bench/engines"));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(filter + "." + engine), r.format());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
