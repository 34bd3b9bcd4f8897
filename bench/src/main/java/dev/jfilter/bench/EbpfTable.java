package dev.jfilter.bench;

import dev.jfilter.ebpf.gen.Target;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Markdown tables of {@link EbpfBenchmark}: per filter and program type, the instruction counts (libpcap's and
 * jfilter's cBPF, both eBPF programs, and what the verifier processed of each) and the per-packet cost of both eBPF
 * programs, their difference (from-cbpf's less jfilter's: positive when jfilter's is faster) and their ratio (above
 * 1: jfilter's is faster), each the median over rounds of the per-round value. The last table gives, per program
 * type, the cost of the empty program (the test-run loop itself, in every figure above) and the ratio with that
 * cost taken off both programs.
 */
final class EbpfTable {
    private EbpfTable() {}

    static String markdown(List<EbpfBenchmark.Loaded> loaded, List<EbpfBenchmark.Verdicts> verdicts,
            List<EbpfCase.Prepared.Skipped> skipped, EbpfBenchmark.Timings timings, EbpfBenchmark.Options options,
            int sampleSize, int frames) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Test runs: repeat %,d, %d rounds, one frame in %d (%d of %d);"
                + " verdicts checked on all %d frames.%n%n", options.repeat(), options.rounds(), options.stride(),
                sampleSize, frames, frames));
        sb.append("| filter | type | cBPF libpcap | cBPF jfilter | eBPF from-cbpf | eBPF jfilter | verified from-cbpf"
                + " | verified jfilter | matches | ns from-cbpf | ns jfilter | difference ns | from-cbpf / jfilter"
                + " | range over rounds |\n");
        sb.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        double[][] logRatios = new double[Target.values().length][2];
        double[] differences = new double[Target.values().length];
        int[] counted = new int[Target.values().length];
        for (int k = 0; k < loaded.size(); k++) {
            EbpfBenchmark.Loaded l = loaded.get(k);
            EbpfCase c = l.c();
            double[] a = timings.jfilter()[k];
            double[] b = timings.fromCbpf()[k];
            double[] ratios = new double[a.length];
            double[] net = new double[a.length];
            double[] difference = new double[a.length];
            double[] empty = timings.empty().get(c.target());
            for (int r = 0; r < a.length; r++) {
                ratios[r] = b[r] / a[r];
                net[r] = (b[r] - empty[r]) / (a[r] - empty[r]);
                difference[r] = b[r] - a[r];
            }
            double ratio = median(ratios);
            double netRatio = median(net);
            logRatios[c.target().ordinal()][0] += Math.log(ratio);
            logRatios[c.target().ordinal()][1] += Math.log(netRatio);
            differences[c.target().ordinal()] += median(difference);
            counted[c.target().ordinal()]++;
            EbpfBenchmark.Verdicts v = verdicts.get(k);
            sb.append(String.format(Locale.ROOT,
                    "| %s%s | %s | %d | %d | %d | %d | %d | %d | %d/%d | %.1f | %.1f | %+.1f | %.2f | %.2f-%.2f |%n",
                    c.name(), c.target() == Target.SOCKET ? " (RAW)" : "", c.target().programSection().sectionName(),
                    c.libpcap().instructionCount(), c.compiled().program().size(), EbpfBenchmark.slots(c.fromCbpf()),
                    EbpfBenchmark.slots(c.jfilter()), l.fromCbpfVerified(), l.jfilterVerified(), v.matches(),
                    v.runs(), median(b), median(a), median(difference), ratio, min(ratios), max(ratios)));
        }
        sb.append("\n| type | empty program ns (median, range over rounds) | mean difference ns"
                + " | geometric mean from-cbpf / jfilter | the same, net of the empty program |\n");
        sb.append("|---|--:|--:|--:|--:|\n");
        for (Target t : Target.values()) {
            double[] empty = timings.empty().get(t);
            int n = counted[t.ordinal()];
            sb.append(String.format(Locale.ROOT, "| %s | %.1f (%.1f-%.1f) | %+.2f | %.3f | %.3f |%n", t.programSection().sectionName(),
                    median(empty), min(empty), max(empty), differences[t.ordinal()] / n,
                    Math.exp(logRatios[t.ordinal()][0] / n),
                    Math.exp(logRatios[t.ordinal()][1] / n)));
        }
        if (!skipped.isEmpty()) {
            sb.append('\n');
            for (EbpfCase.Prepared.Skipped s : skipped) {
                sb.append(String.format(Locale.ROOT, "Not measured: %s as a %s (%s): %s%n", s.name(),
                        s.target().description(), EbpfCase.linkType(s.target()), s.reason()));
            }
        }
        return sb.toString();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }
}
