package dev.jfilter.runtime.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a differential suite saw: counters by name, instruction counts of jfilter's and libpcap's programs, and notes
 * (explained mismatches, out-of-scope expressions). Registered as a JUnit extension, it prints a summary after the
 * suite and writes it to {@code target/differential/<suite>.md}, where the closing notes of an issue take their
 * numbers from.
 */
final class Tally implements AfterAllCallback {
    private final String suite;
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final Map<String, List<String>> notes = new ConcurrentHashMap<>();

    Tally(String suite) {
        this.suite = suite;
    }

    void count(String counter) {
        add(counter, 1);
    }

    void add(String counter, long n) {
        counters.computeIfAbsent(counter, k -> new AtomicLong()).addAndGet(n);
    }

    private final List<String> sizeLines = Collections.synchronizedList(new ArrayList<>());
    private final List<Win> wins = Collections.synchronizedList(new ArrayList<>());

    /** An expression whose program is shorter than libpcap's, by {@code saved} instructions. */
    private record Win(int saved, String line) {}
    private final Sizes general = new Sizes();
    /** The same without geneve, on which libpcap does not run its optimizer (a jump inside a block). */
    private final Sizes optimizedByBoth = new Sizes();
    private final Sizes protochain = new Sizes();

    /** Instruction counts of jfilter's and libpcap's programs over a set of expressions. */
    private static final class Sizes {
        final List<Double> ratios = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong ours = new AtomicLong();
        final AtomicLong theirs = new AtomicLong();

        void add(int o, int t) {
            ours.addAndGet(o);
            theirs.addAndGet(t);
            ratios.add((double) o / t);
        }

        String summary(String what) {
            if (ratios.isEmpty()) {
                return "";
            }
            List<Double> sorted = new ArrayList<>(ratios);
            Collections.sort(sorted);
            return String.format("- instructions, jfilter/libpcap, %s: total %d/%d = %.3f; per expression median"
                            + " %.3f, min %.3f, max %.3f (%d expressions)%n", what, ours.get(), theirs.get(),
                    (double) ours.get() / theirs.get(), sorted.get(sorted.size() / 2), sorted.getFirst(),
                    sorted.getLast(), sorted.size());
        }
    }

    /**
     * Records the sizes of jfilter's and libpcap's programs for one expression. {@code protochain} is counted apart:
     * libpcap's is a loop the kernel refuses, jfilter's an unrolled walk, longer by design.
     */
    void sizes(String expression, int ours, int theirs) {
        sizeLines.add(String.format("%06.3f %d/%d %s", (double) ours / theirs, ours, theirs, expression));
        if (ours < theirs && !expression.contains("protochain")) {
            wins.add(new Win(theirs - ours, String.format("%d fewer: %d/%d %s", theirs - ours, ours, theirs,
                    expression)));
        }
        (expression.contains("protochain") ? protochain : general).add(ours, theirs);
        if (!expression.contains("protochain") && !expression.contains("geneve")) {
            optimizedByBoth.add(ours, theirs);
        }
        if (ours < theirs) {
            count("jfilter program shorter");
        } else if (ours == theirs) {
            count("jfilter program same length");
        } else {
            count("jfilter program longer");
        }
    }

    void note(String kind, String text) {
        List<String> list = notes.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>()));
        synchronized (list) {
            if (!list.contains(text)) {
                list.add(text);
            }
        }
    }

    String summary() {
        StringBuilder s = new StringBuilder("## " + suite + "\n\n");
        new TreeMap<>(counters).forEach((k, v) -> s.append("- ").append(k).append(": ").append(v.get()).append('\n'));
        s.append(general.summary("all but protochain"));
        s.append(optimizedByBoth.summary("all but protochain and geneve (both optimizers ran)"));
        s.append(protochain.summary("protochain (unrolled walk)"));
        if (!sizeLines.isEmpty()) {
            List<String> worst = new ArrayList<>(sizeLines);
            worst.sort(Collections.reverseOrder());
            s.append("\n### largest size ratios, jfilter/libpcap\n\n");
            worst.stream().filter(w -> !w.contains("protochain")).limit(25).forEach(w -> s.append("- ").append(w.replaceFirst("^0*(?=\\d)", "")).append('\n'));
        }
        if (!wins.isEmpty()) {
            List<Win> best = new ArrayList<>(wins);
            best.sort(java.util.Comparator.comparingInt(Win::saved).reversed().thenComparing(Win::line));
            s.append("\n### ten largest wins, in instructions saved\n\n");
            best.stream().limit(10).forEach(w -> s.append("- ").append(w.line()).append('\n'));
            // libpcap does not run its optimizer on geneve (a jump inside a block), so those wins are over its
            // unoptimized program; these are over its optimized one.
            s.append("\n### ten largest wins over libpcap's optimizer (no geneve)\n\n");
            best.stream().filter(w -> !w.line().contains("geneve")).limit(10)
                    .forEach(w -> s.append("- ").append(w.line()).append('\n'));
        }
        new TreeMap<>(notes).forEach((kind, list) -> {
            s.append("\n### ").append(kind).append(" (").append(list.size()).append(")\n\n");
            list.stream().sorted().limit(60).forEach(n -> s.append("- ").append(n).append('\n'));
            if (list.size() > 60) {
                s.append("- ... and ").append(list.size() - 60).append(" more\n");
            }
        });
        return s.toString();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        report();
    }

    /** Prints the summary and writes it under {@code target/differential/}. */
    void report() {
        String text = summary();
        System.out.println(text);
        try {
            Path dir = Path.of("target", "differential");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(suite.replaceAll("[^A-Za-z0-9]+", "-") + ".md"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
