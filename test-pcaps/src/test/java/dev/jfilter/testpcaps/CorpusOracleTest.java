package dev.jfilter.testpcaps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus expression of the core and encapsulation files compiles with libpcap for its link type (every VXLAN
 * line is rejected: libpcap 1.10.3 has no vxlan), and most of them split the captures of that link type (match some
 * packets, not all). libpcap is reached through the shared {@link Oracle}; the tests skip, saying why, when it is
 * not there or cannot run.
 */
class CorpusOracleTest {
    /** The share of expressions that must split the traffic, over the whole corpus. */
    private static final double MIN_SPLIT_SHARE = 0.80;

    static Stream<Arguments> files() {
        return Stream.of(CorpusKind.values()).flatMap(k -> k.dltNames().stream().map(d -> Arguments.of(k, d)));
    }

    /**
     * Every line of a kind the installed libpcap compiles compiles for its link type; every line of the VXLAN file
     * is one the installed libpcap rejects (else it would belong with the encapsulations, judged by it).
     */
    @ParameterizedTest
    @MethodSource("files")
    void everyExpressionCompilesForItsLinkType(CorpusKind kind, String dlt) throws Exception {
        Oracle oracle = Oracle.require();
        List<String> failures = new ArrayList<>();
        for (TestPcaps.CorpusLine l : TestPcaps.corpusLines(kind, dlt)) {
            Oracle.Result r = oracle.compile(dlt, true, l.expression());
            if ((r.exit() == 0) != kind.installedLibpcapCompiles()) {
                failures.add("line " + l.line() + ": " + l.expression() + " -> " + r.lines().getFirst());
            }
        }
        assertThat(failures).as("%s: expressions the installed libpcap %s", kind.resource(dlt),
                kind.installedLibpcapCompiles() ? "rejects" : "accepts").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = CorpusKind.class, names = {"CORE", "ENCAP"})
    void mostExpressionsSplitTheTraffic(CorpusKind kind) throws Exception {
        Oracle oracle = Oracle.require();
        int total = 0;
        int split = 0;
        StringBuilder report = new StringBuilder(kind + " corpus on " + kind.dltNames().size()
                + " link types, libpcap 1.10.3:\n");
        for (String dlt : kind.dltNames()) {
            int n = 0;
            int s = 0;
            for (TestPcaps.CorpusLine l : TestPcaps.corpusLines(kind, dlt)) {
                int matched = 0;
                int packets = 0;
                for (TestPcap pcap : TestPcaps.forDlt(dlt)) {
                    Oracle.Result r = oracle.verdicts(dlt, l.expression(), pcap.path());
                    assertThat(r.exit()).as("%s %s: %s", dlt, l.expression(), r.out()).isZero();
                    for (String v : r.lines()) {
                        packets++;
                        matched += v.equals("0") ? 0 : 1;
                    }
                }
                n++;
                if (matched > 0 && matched < packets) {
                    s++;
                }
            }
            report.append(String.format("%-10s %4d expressions, %4d split (%.1f%%)%n", dlt, n, s, 100.0 * s / n));
            total += n;
            split += s;
        }
        report.append(String.format("total      %4d expressions, %4d split (%.1f%%)%n", total, split,
                100.0 * split / total));
        System.out.print(report);
        assertThat((double) split / total).as(report.toString()).isGreaterThanOrEqualTo(MIN_SPLIT_SHARE);
    }
}
