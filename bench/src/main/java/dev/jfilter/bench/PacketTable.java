package dev.jfilter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks and prints the per-packet benchmark's results as a Markdown table. For each filter it reads the JMH scores
 * of {@link PacketBenchmark} (JIT and interpreter, ns per packet), the trial records ({@link EngineRecord}: match
 * count, engine that ran, instructions) and the output of the C harness {@code bpf_filter_bench} for libpcap's
 * program and for jfilter's. Before printing, it checks that the four engines accepted the same number of packets,
 * and fails (exit status 1, naming every disagreement) when they did not, or when a part is missing.
 *
 * <p>Usage: {@code PacketTable DIR}, where {@code DIR} is the directory {@code bench/packet-bench.sh} fills:
 * {@code filters/names}, {@code jmh.csv}, {@code engines/FILTER.ENGINE}, {@code bpf/FILTER.libpcap} and
 * {@code bpf/FILTER.jfilter}.
 */
public final class PacketTable {
    private PacketTable() {}

    /** A JMH score and its 99.9 % error, in ns per packet. */
    record Score(double nanos, double error) {
        String format() {
            String s = String.format(Locale.ROOT, "%.1f", nanos);
            return Double.isNaN(error) || error == 0 ? s : s + " ± " + String.format(Locale.ROOT, "%.1f", error);
        }
    }

    /** What the C harness measured: the program's length, its match count, and the median and fastest ns/packet. */
    record Harness(int instructions, int matches, double medianNanos, double minNanos, String library) {
        static Harness of(Map<String, String> f) {
            return new Harness(KeyValues.integer(f, "instructions"), KeyValues.integer(f, "matches"),
                    KeyValues.decimal(f, "ns_per_packet_median"), KeyValues.decimal(f, "ns_per_packet_min"),
                    f.getOrDefault("libpcap", "libpcap"));
        }

        String format() {
            return String.format(Locale.ROOT, "%.1f", medianNanos);
        }
    }

    /** One filter's results, every part optional until checked. */
    record Row(String name, Optional<Score> jit, Optional<Score> interp, Optional<EngineRecord> jitRecord,
            Optional<EngineRecord> interpRecord, Optional<Harness> libpcap, Optional<Harness> jfilter) {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PacketTable DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        List<Row> rows = read(dir);
        List<String> problems = check(rows);
        if (!problems.isEmpty()) {
            System.err.println("packet benchmark: the engines disagree or a part is missing:");
            problems.forEach(p -> System.err.println("  " + p));
            System.exit(1);
        }
        print(rows);
    }

    static List<Row> read(Path dir) throws IOException {
        Map<String, Map<String, Score>> scores = readScores(dir.resolve("jmh.csv"));
        List<Row> rows = new ArrayList<>();
        for (String name : Files.readAllLines(dir.resolve("filters/names"))) {
            if (name.isBlank()) {
                continue;
            }
            Map<String, Score> s = scores.getOrDefault(name, Map.of());
            rows.add(new Row(name, Optional.ofNullable(s.get("jit")), Optional.ofNullable(s.get("interp")),
                    keyValues(dir.resolve("engines/" + name + ".jit")).map(EngineRecord::of),
                    keyValues(dir.resolve("engines/" + name + ".interp")).map(EngineRecord::of),
                    keyValues(dir.resolve("bpf/" + name + ".libpcap")).map(Harness::of),
                    keyValues(dir.resolve("bpf/" + name + ".jfilter")).map(Harness::of)));
        }
        return rows;
    }

    /** Every missing part and every filter whose four match counts are not all equal. */
    static List<String> check(List<Row> rows) {
        List<String> problems = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Optional<Integer>> counts = new LinkedHashMap<>();
            counts.put("JIT", r.jitRecord().map(EngineRecord::matches));
            counts.put("interpreter", r.interpRecord().map(EngineRecord::matches));
            counts.put("bpf_filter on libpcap's program", r.libpcap().map(Harness::matches));
            counts.put("bpf_filter on jfilter's program", r.jfilter().map(Harness::matches));
            counts.forEach((engine, count) -> {
                if (count.isEmpty()) {
                    problems.add(r.name() + ": no match count from " + engine);
                }
            });
            if (counts.values().stream().flatMap(Optional::stream).distinct().count() > 1) {
                StringBuilder b = new StringBuilder(r.name() + ": match counts differ:");
                counts.forEach((engine, count) -> b.append(' ').append(engine).append(' ')
                        .append(count.map(String::valueOf).orElse("?")).append(';'));
                problems.add(b.toString());
            }
            if (r.jit().isEmpty()) {
                problems.add(r.name() + ": no JMH score for the JIT");
            }
            if (r.interp().isEmpty()) {
                problems.add(r.name() + ": no JMH score for the interpreter");
            }
            if (r.jitRecord().isPresent() && r.jfilter().isPresent()
                    && r.jitRecord().get().instructions() != r.jfilter().get().instructions()) {
                problems.add(r.name() + ": the JMH trial ran " + r.jitRecord().get().instructions()
                        + " instructions, the C harness " + r.jfilter().get().instructions());
            }
        }
        return problems;
    }

    private static void print(List<Row> rows) {
        Harness any = rows.getFirst().libpcap().orElseThrow();
        System.out.println(BenchPackets.COUNT + " Ethernet packets (`BenchPackets`), read in place from one buffer; "
                + Runtime.getRuntime().availableProcessors() + " processors; Java " + Runtime.version() + "; "
                + any.library() + "; ns per packet (JMH: mean ± 99.9 % error; bpf_filter: median of the"
                + " repetitions)\n");
        System.out.println("| filter | expression | matches | insns jfilter / libpcap | `matcher(JIT)` runs "
                + "| JIT | interpreter | bpf_filter, libpcap's program | bpf_filter, jfilter's program "
                + "| speedup |");
        System.out.println("|---|---|--:|--:|---|--:|--:|--:|--:|--:|");
        List<Double> typicalSpeedups = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Row r : rows) {
            Harness libpcap = r.libpcap().orElseThrow();
            Harness jfilter = r.jfilter().orElseThrow();
            Score jit = r.jit().orElseThrow();
            double speedup = libpcap.medianNanos() / jit.nanos();
            if (BenchFilters.typicalNames().contains(r.name())) {
                typicalSpeedups.add(speedup);
            }
            // A '|' ends a table cell even inside code; GitHub's tables take '\|' for it.
            System.out.println("| " + r.name() + " | `" + BenchFilters.describe(r.name()).replace("|", "\\|")
                    + "` | " + libpcap.matches() + " | " + jfilter.instructions() + " / " + libpcap.instructions()
                    + " | " + engineCell(r.jitRecord().orElseThrow().engine(), notes) + " | " + jit.format() + " | "
                    + r.interp().orElseThrow().format() + " | " + libpcap.format() + " | " + jfilter.format() + " | "
                    + String.format(Locale.ROOT, "%.1f×", speedup) + " |");
        }
        if (!notes.isEmpty()) {
            System.out.println();
            for (int i = 0; i < notes.size(); i++) {
                System.out.println("(" + (i + 1) + ") " + notes.get(i));
            }
        }
        if (!typicalSpeedups.isEmpty()) {
            double geomean = Math.exp(typicalSpeedups.stream().mapToDouble(Math::log).average().orElseThrow());
            double min = typicalSpeedups.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            System.out.printf(Locale.ROOT, "%nSpeedup (bpf_filter on libpcap's program over the JIT) on the %d"
                    + " typical filters: geometric mean %.1f×, lowest %.1f×.%n", typicalSpeedups.size(), geomean, min);
        }
    }

    /**
     * The engine as the table shows it: {@code jit} or {@code interp}, and a numbered note with the JIT's reason
     * when it declined the program (a reason is too long for a cell).
     */
    static String engineCell(String engine, List<String> notes) {
        int paren = engine.indexOf(" (");
        if (paren < 0) {
            return engine;
        }
        notes.add(engine.substring(paren + 2, engine.endsWith(")") ? engine.length() - 1 : engine.length()));
        return engine.substring(0, paren) + " (" + notes.size() + ")";
    }

    /** The JMH CSV's scores by filter and engine, converted to ns per packet. */
    static Map<String, Map<String, Score>> readScores(Path csv) throws IOException {
        Map<String, Map<String, Score>> into = new LinkedHashMap<>();
        if (!Files.exists(csv)) {
            return into;
        }
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) {
            return into;
        }
        List<String> header = BenchTable.fields(lines.getFirst());
        int score = header.indexOf("Score");
        int error = header.indexOf("Score Error (99.9%)");
        int unit = header.indexOf("Unit");
        int filter = header.indexOf("Param: filter");
        int engine = header.indexOf("Param: engine");
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = BenchTable.fields(line);
            if (f.size() < header.size()) {
                continue;
            }
            double toNanos = switch (f.get(unit)) {
                case "ns/op" -> 1;
                case "us/op" -> 1e3;
                case "ms/op" -> 1e6;
                default -> throw new IllegalArgumentException(csv + ": unit " + f.get(unit));
            };
            into.computeIfAbsent(f.get(filter), k -> new LinkedHashMap<>()).put(f.get(engine),
                    new Score(parse(f.get(score)) * toNanos, parse(f.get(error)) * toNanos));
        }
        return into;
    }

    private static Optional<Map<String, String>> keyValues(Path file) throws IOException {
        return Files.exists(file) ? Optional.of(KeyValues.parse(Files.readString(file))) : Optional.empty();
    }

    private static double parse(String number) {
        return number.isEmpty() || number.equals("NaN") ? Double.NaN : Double.parseDouble(number);
    }
}
