package dev.jfilter.bench;

import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.JFilter;
import dev.jfilter.runtime.libpcap.CompileResult;
import dev.jfilter.runtime.libpcap.Libpcap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Compile time of one expression, from text to classic BPF program, by jfilter ({@link JFilter#compile}: parse,
 * lower, optimize, generate, validate) and by the system's libpcap ({@code pcap_open_dead(DLT_EN10MB, 262144)},
 * {@code pcap_compile} with optimization on and no netmask, {@code pcap_freecode}, {@code pcap_close}), in the same
 * JVM through the FFM API. Both run for Ethernet with snapshot length 262144.
 *
 * <p>The {@code filter} parameter names an expression of {@link BenchFilters}. At the end of each trial the
 * benchmark writes the program's instruction count to {@code <counts dir>/<filter>.<method>}
 * ({@code -Djfilter.bench.counts=DIR}, default {@code target/bench-counts}), which {@link BenchTable} reads.
 * {@code bench/compile-bench.sh} runs it and prints the table; BENCHMARKS.md has the commands and results.
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap_compile.3pcap.html">pcap_compile(3PCAP)</a>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xss16m"})
public class CompileBenchmark {
    private static final CompileOptions OPTIONS = CompileOptions.of(LinkType.EN10MB);
    private static final int SNAPLEN = CompileOptions.DEFAULT_SNAPLEN;

    /** A name from {@link BenchFilters}. */
    @Param({"tcp-port", "host-and-port", "not-port", "ip6-udp", "vlan-host", "tcp-flags", "icmp-or-arp", "portrange",
        "net", "ether-host", "dns-or-web", "ip-len"})
    public String filter;

    private String expression;
    private int jfilterSize = -1;
    private int libpcapSize = -1;

    @Setup(Level.Trial)
    public void setUp() {
        expression = BenchFilters.expression(filter);
    }

    /** jfilter: the whole pipeline, as {@code jfilter compile} runs it. */
    @Benchmark
    public CompiledFilter jfilter() {
        CompiledFilter compiled = switch (JFilter.compile(expression, OPTIONS)) {
            case Result.Ok<CompiledFilter> ok -> ok.value();
            case Result.Failed<CompiledFilter> failed ->
                    throw new IllegalStateException(filter + ": " + failed.diagnostics());
        };
        jfilterSize = compiled.program().size();
        return compiled;
    }

    /** libpcap 1.10.3's {@code pcap_compile}, optimizer on, as tcpdump calls it. */
    @Benchmark
    public CompileResult libpcap() {
        CompileResult result = Libpcap.compile(LinkType.EN10MB, SNAPLEN, true, Libpcap.NETMASK_UNKNOWN, expression);
        libpcapSize = switch (result) {
            case CompileResult.Compiled c -> c.program().size();
            case CompileResult.Rejected r -> throw new IllegalStateException(filter + ": libpcap: " + r.message());
        };
        return result;
    }

    @TearDown(Level.Trial)
    public void recordSizes() {
        write("jfilter", jfilterSize);
        write("libpcap", libpcapSize);
    }

    private void write(String method, int size) {
        if (size < 0) {
            return;
        }
        Path dir = Path.of(System.getProperty("jfilter.bench.counts", "target/bench-counts"));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(filter + "." + method), Integer.toString(size));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
