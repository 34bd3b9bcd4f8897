package dev.jfilter.bench;

import dev.jfilter.runtime.libpcap.Libpcap;
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
 * Prints the results of {@link CompileBenchmark} as a Markdown table: expression, jfilter's and libpcap's compile
 * time in microseconds, their ratio (jfilter's time over libpcap's: above 1, jfilter is slower), and the instruction
 * counts of both programs. Reads JMH's CSV result files
 * ({@code -rf csv}) and the instruction counts the benchmark wrote.
 *
 * <p>Usage: {@code BenchTable COUNTS_DIR RESULT.csv...}
 */
public final class BenchTable {
    private BenchTable() {}

    /** A score in microseconds with its error (NaN when JMH gives none, as for one single-shot iteration). */
    record Score(double micros, double error) {
        String format() {
            String s = String.format(Locale.ROOT, "%,.1f", micros);
            return Double.isNaN(error) || error == 0 ? s : s + " ± " + String.format(Locale.ROOT, "%,.1f", error);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: BenchTable COUNTS_DIR RESULT.csv...");
            System.exit(2);
        }
        Path counts = Path.of(args[0]);
        Map<String, Map<String, Score>> scores = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            read(Path.of(args[i]), scores);
        }
        System.out.println("Ethernet, snapshot length 262144, optimizer on; " + Runtime.getRuntime().availableProcessors()
                + " processors; Java " + Runtime.version() + "; " + Libpcap.version() + "\n");
        System.out.println("| filter | expression | jfilter µs | libpcap µs | jfilter/libpcap | jfilter insns | libpcap insns |");
        System.out.println("|---|---|--:|--:|--:|--:|--:|");
        for (String name : BenchFilters.all().keySet()) {
            Map<String, Score> s = scores.get(name);
            if (s == null) {
                continue;
            }
            Optional<Score> j = Optional.ofNullable(s.get("jfilter"));
            Optional<Score> l = Optional.ofNullable(s.get("libpcap"));
            String ratio = j.isPresent() && l.isPresent()
                    ? String.format(Locale.ROOT, "%.3g", j.get().micros() / l.get().micros()) : "–";
            // A '|' ends a table cell even inside code; GitHub's tables take '\|' for it.
            System.out.println("| " + name + " | `" + BenchFilters.describe(name).replace("|", "\\|") + "` | "
                    + j.map(Score::format).orElse("not run") + " | " + l.map(Score::format).orElse("not run") + " | "
                    + ratio + " | " + count(counts, name, "jfilter") + " | " + count(counts, name, "libpcap") + " |");
        }
    }

    private static String count(Path dir, String filter, String method) throws IOException {
        Path f = dir.resolve(filter + "." + method);
        return Files.exists(f) ? Files.readString(f).strip() : "–";
    }

    /** Adds the rows of one JMH CSV file: benchmark method and filter parameter to score. */
    private static void read(Path csv, Map<String, Map<String, Score>> into) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) {
            return;
        }
        List<String> header = fields(lines.getFirst());
        int benchmark = header.indexOf("Benchmark");
        int score = header.indexOf("Score");
        int error = header.indexOf("Score Error (99.9%)");
        int unit = header.indexOf("Unit");
        int param = header.indexOf("Param: filter");
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = fields(line);
            if (f.size() < header.size()) {
                continue;
            }
            String method = f.get(benchmark).substring(f.get(benchmark).lastIndexOf('.') + 1);
            double toMicros = switch (f.get(unit)) {
                case "us/op" -> 1;
                case "ms/op" -> 1e3;
                case "s/op" -> 1e6;
                case "ns/op" -> 1e-3;
                default -> throw new IllegalArgumentException(csv + ": unit " + f.get(unit));
            };
            into.computeIfAbsent(f.get(param), k -> new LinkedHashMap<>()).put(method,
                    new Score(parse(f.get(score)) * toMicros, parse(f.get(error)) * toMicros));
        }
    }

    private static double parse(String number) {
        return number.isEmpty() || number.equals("NaN") ? Double.NaN : Double.parseDouble(number);
    }

    /** The fields of a CSV line as JMH writes it: quoted strings and bare numbers. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
