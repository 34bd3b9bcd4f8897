package dev.jfilter.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run from which the launcher builds its ahead-of-time cache (JEP 483 and 515: classes loaded and
 * linked, method profiles): the commands users run most, in one JVM, so that the cache covers {@code compile} and
 * {@code filter} alike. It compiles a large expression that walks the parser, the lowering of the common
 * primitives, the optimizer and the code generator, then filters a capture (writing it, printing it, counting) with
 * both engines. Not part of the command line: {@code java -XX:AOTCacheOutput=... -cp jfilter.jar
 * dev.jfilter.cli.AotTraining CAPTURE}.
 *
 * @see <a href="https://openjdk.org/jeps/515">JEP 515: Ahead-of-Time Method Profiling</a>
 */
public final class AotTraining {
    private static final int FILTER_ROUNDS = 40;

    private AotTraining() {}

    /** Runs the training commands; {@code args[0]} is a small Ethernet capture. Exits non-zero if one fails. */
    public static void main(String[] args) throws IOException {
        Path capture = Path.of(args[0]);
        Path scratch = Files.createTempDirectory("jfilter-aot");
        try (PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream())) {
            int failures = run(quiet, "compile", "-d", compileExpression());
            List<String> reads = new ArrayList<>();
            for (int i = 0; i < FILTER_ROUNDS; i++) {
                reads.add("-r");
                reads.add(capture.toString());
            }
            String expression = "tcp port 443 and host 10.0.0.1 or udp port 53 or icmp";
            for (String engine : List.of("jit", "interp")) {
                failures += run(quiet, concat(List.of("filter", "--engine", engine, "--count"), reads, expression));
                failures += run(quiet, concat(List.of("filter", "--engine", engine, "-w",
                        scratch.resolve("out.pcap").toString()), reads, expression));
            }
            failures += run(quiet, "filter", "-w", scratch.resolve("out.pcapng").toString(), "-r", capture.toString(),
                    "ip or ip6");
            failures += run(quiet, "filter", "-r", capture.toString(), "tcp or udp or icmp or arp or ip6");
            if (failures != 0) {
                System.exit(1);
            }
        } finally {
            try (var files = Files.list(scratch)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(scratch);
        }
    }

    private static String compileExpression() {
        StringBuilder e = new StringBuilder("(host 10.0.0.1 and tcp port 80) or (ip6 and udp portrange 1000-2000)"
                + " or (vlan and icmp) or (ether host 0:1:2:3:4:5 and not arp)"
                + " or tcp[tcpflags] & (tcp-syn|tcp-fin) != 0 or net 192.168.0.0/16 or ip[2:2] + 14 = len");
        for (int i = 1; i <= 300; i++) {
            e.append(" or host 10.").append(i % 7).append('.').append(i * 37 % 256).append('.').append(i % 250 + 1);
        }
        for (int i = 1; i <= 100; i++) {
            e.append(" or port ").append(i * 613 % 65535 + 1);
        }
        return e.toString();
    }

    private static String[] concat(List<String> head, List<String> reads, String expression) {
        List<String> all = new ArrayList<>(head);
        all.addAll(reads);
        all.add(expression);
        return all.toArray(String[]::new);
    }

    private static int run(PrintWriter quiet, String... args) {
        return Main.run(quiet, quiet, OutputStream.nullOutputStream(), args) == ExitCodes.OK ? 0 : 1;
    }
}
