package dev.jfilter.frontend.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Frontend;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.frontend.oracle.Differential;
import dev.jfilter.frontend.oracle.KnownDifferences;
import dev.jfilter.frontend.oracle.Libpcap;
import dev.jfilter.testpcaps.TestPcap;
import dev.jfilter.testpcaps.TestPcaps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The project's corpus (test-pcaps): every expression of a link type's corpus against libpcap 1.10.3 on every
 * packet of that link type's captures and their seeded mutations. Same verdicts, or a known difference.
 */
class TestPcapsDifferentialTest {
    static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();
    static final Map<LinkType, List<Captures.Packet>> PACKETS = new ConcurrentHashMap<>();

    static Stream<Arguments> cases() {
        return TestPcaps.DLT_NAMES.stream().flatMap(dlt -> TestPcaps.corpusLines(dlt).stream()
                .map(l -> Arguments.of(LinkType.ofName(dlt).orElseThrow(), l.line(), l.expression())));
    }

    static List<Captures.Packet> packets(LinkType type) {
        return PACKETS.computeIfAbsent(type, t -> {
            List<Captures.Packet> out = new ArrayList<>();
            for (TestPcap pcap : TestPcaps.forDlt(t.name())) {
                try {
                    out.addAll(Captures.read(pcap.path(), pcap.pcapName()));
                } catch (Exception e) {
                    throw new IllegalStateException("reading " + pcap.pcapName(), e);
                }
            }
            out.addAll(Captures.mutations(List.copyOf(out), t.dlt() * 7_777L, 1));
            return List.copyOf(out);
        });
    }

    @ParameterizedTest(name = "{0} line {1}: {2}")
    @MethodSource("cases")
    void agreesWithLibpcap(LinkType type, int line, String expression) {
        Assumptions.assumeTrue(Libpcap.available(), "libpcap through pcap4j is not available");
        COUNTS.computeIfAbsent("total", k -> new AtomicInteger()).incrementAndGet();
        Result<Cfg> ours = Frontend.compile(expression, CompileOptions.of(type));
        assertThat(ours).as("%s on %s", expression, type).isInstanceOf(Result.Ok.class);
        var diff = Differential.against(type, CompileOptions.DEFAULT_SNAPLEN, expression, -1, false,
                ((Result.Ok<Cfg>) ours).value(), packets(type));
        if (diff.isEmpty()) {
            assertThat(VersionChanges.masterAccepts(expression, type)).as("%s: 1.10.3 refuses", expression).isTrue();
            COUNTS.computeIfAbsent("masterOnly", k -> new AtomicInteger()).incrementAndGet();
            return;
        }
        assertThat(KnownDifferences.unexplained(expression, type, diff.get())).as("%s on %s", expression, type)
                .isEmpty();
        COUNTS.computeIfAbsent(diff.get().isEmpty() ? "agree" : "knownDifference", k -> new AtomicInteger())
                .incrementAndGet();
        if (!diff.get().isEmpty()) {
            System.out.println("TEST-PCAPS known difference: " + type + " " + expression + ": " + diff.get().size()
                    + " packets, " + KnownDifferences.explain(expression, type, diff.get().getFirst().jfilter())
                            .map(KnownDifferences.Entry::commits).orElse("?"));
        }
    }

    @AfterAll
    static void summary() {
        System.out.println("TEST-PCAPS " + new TreeMap<>(COUNTS) + " packets "
                + new TreeMap<>(Map.copyOf(PACKETS)).entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue().size()).toList());
    }
}
