package dev.jfilter.bench;

import dev.jfilter.cbpf.listing.ListingFormat;
import dev.jfilter.runtime.CompiledFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Writes what the C harness {@code bench/native/bpf_filter_bench.c} reads, so that it filters the packets
 * {@link PacketBenchmark} filters with the same programs: into {@code DIR}, the capture {@code packets.pcap}
 * ({@link BenchPackets#pcap()}), and for each filter of {@link BenchFilters#packetNames()} its expression
 * ({@code filters/NAME.expr}, for libpcap's {@code pcap_compile}) and jfilter's program in {@code tcpdump -ddd}
 * format ({@code filters/NAME.ddd}), and the list of names ({@code filters/names}, one a line).
 *
 * <p>Usage: {@code PacketBenchFiles DIR}
 *
 * @see <a href="https://www.tcpdump.org/manpages/tcpdump.1.html">tcpdump(1), option -ddd</a>
 */
public final class PacketBenchFiles {
    private PacketBenchFiles() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PacketBenchFiles DIR");
            System.exit(2);
        }
        write(Path.of(args[0]));
    }

    /** Writes the capture, the expressions and jfilter's programs into {@code dir}. */
    static void write(Path dir) throws IOException {
        write(dir, PacketBenchmark::compile);
    }

    /** {@link #write(Path)} with the filters compiled by {@code compile} (a test passes the ones it has). */
    static void write(Path dir, Function<String, CompiledFilter> compile) throws IOException {
        Path filters = dir.resolve("filters");
        Files.createDirectories(filters);
        byte[] pcap = BenchPackets.pcap();
        Files.write(dir.resolve("packets.pcap"), pcap);
        List<String> names = List.copyOf(BenchFilters.packetNames());
        for (String name : names) {
            Files.writeString(filters.resolve(name + ".expr"), BenchFilters.expression(name));
            Files.writeString(filters.resolve(name + ".ddd"),
                    compile.apply(name).listing(ListingFormat.DECIMAL));
        }
        Files.write(filters.resolve("names"), names);
        System.err.printf(Locale.ROOT, "%s: %d packets, %,d bytes of packets (%,d in the file)%n",
                dir.resolve("packets.pcap"), BenchPackets.COUNT,
                BenchPackets.frames().stream().mapToLong(f -> f.capturedLength()).sum(), pcap.length);
    }
}
