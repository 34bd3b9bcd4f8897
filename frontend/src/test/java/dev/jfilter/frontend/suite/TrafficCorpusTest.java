package dev.jfilter.frontend.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.cfg.opt.Optimizer;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Frontend;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.frontend.oracle.Differential;
import dev.jfilter.frontend.oracle.Encapsulated;
import dev.jfilter.frontend.oracle.KnownDifferences;
import dev.jfilter.frontend.oracle.Libpcap;
import dev.jfilter.frontend.oracle.ScratchCheck;
import dev.jfilter.testpcaps.CorpusKind;
import dev.jfilter.testpcaps.ReferenceVerdicts;
import dev.jfilter.testpcaps.TestPcap;
import dev.jfilter.testpcaps.TestPcaps;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The project's encapsulation corpora and captures ({@code test-pcaps}: tagged, labelled, PPPoE and tunnelled
 * traffic, cut inside each header), through jfilter's unoptimized program. The {@link CorpusKind#ENCAP} corpora
 * against the installed libpcap 1.10.3 on every capture of their link type and on the synthetic
 * {@link Encapsulated} frames: the same verdict on every packet, or a documented 1.10.3/master difference
 * ({@link KnownDifferences}). The {@link CorpusKind#VXLAN} corpus, which 1.10.3 cannot compile, against libpcap
 * master's recorded verdicts ({@link TestPcaps#vxlanVerdicts()}), packet by packet. jfilter's optimizer keeps every
 * verdict.
 */
class TrafficCorpusTest {
    static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();
    private static final Map<String, List<Captures.Packet>> PACKETS = new ConcurrentHashMap<>();

    static void count(String what, long n) {
        COUNTS.computeIfAbsent(what, k -> new AtomicLong()).addAndGet(n);
    }

    /** The packets of a committed capture. */
    static List<Captures.Packet> packets(TestPcap capture) {
        return PACKETS.computeIfAbsent(capture.pcapName(), k -> {
            try {
                return Captures.read(capture.path(), capture.pcapName());
            } catch (Exception e) {
                throw new IllegalStateException("reading " + capture.fileName(), e);
            }
        });
    }

    static Stream<Arguments> encapCases() {
        return CorpusKind.ENCAP.dltNames().stream().flatMap(dlt -> TestPcaps.corpus(CorpusKind.ENCAP, dlt).stream()
                .map(e -> Arguments.of(LinkType.ofName(dlt).orElseThrow(), e)));
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @MethodSource("encapCases")
    void encapsulationCorpusAgreesWith1103(LinkType type, String expression) {
        Assumptions.assumeTrue(Libpcap.available(), "libpcap through pcap4j is not available");
        Cfg cfg = compile(type, expression);
        List<Captures.Packet> packets = new ArrayList<>(Encapsulated.forLinkType(type));
        for (TestPcap capture : TestPcaps.forDlt(type.name())) {
            packets.addAll(packets(capture));
        }
        var diff = Differential.against(type, CompileOptions.DEFAULT_SNAPLEN, expression, -1, false, cfg, packets)
                .orElseThrow(() -> new AssertionError("libpcap 1.10.3 refuses a line of its own corpus"));
        assertThat(KnownDifferences.unexplained(expression, type, diff)).as("%s on %s", expression, type).isEmpty();
        count("encap.expressions", 1);
        count("encap.packetsCompared", packets.size());
        count("encap.knownDifferencePackets", diff.size());
        assertThat(sameVerdicts(cfg, Optimizer.optimize(cfg).after(), packets)).as("%s optimized", expression).isTrue();
    }

    static Stream<Arguments> vxlanCases() {
        ReferenceVerdicts reference = TestPcaps.vxlanVerdicts();
        return reference.verdicts().stream().map(v -> Arguments.of(v.expression(), v.capture(), v.accepted()));
    }

    @ParameterizedTest(name = "[{index}] {0} on {1}")
    @MethodSource("vxlanCases")
    void vxlanCorpusGivesMastersVerdicts(String expression, TestPcap capture, BitSet masterAccepts) {
        LinkType type = LinkType.ofName(capture.dltName()).orElseThrow();
        Cfg cfg = compile(type, expression);
        List<Captures.Packet> packets = packets(capture);
        for (int i = 0; i < packets.size(); i++) {
            Captures.Packet p = packets.get(i);
            boolean ours = CfgInterpreter.run(cfg, p.bytes(), p.bytes().length, p.wireLength()) != 0;
            assertThat(ours).as("%s on %s packet %d (0-based)", expression, capture.pcapName(), i)
                    .isEqualTo(masterAccepts.get(i));
        }
        count("vxlan.expressionCaptures", 1);
        count("vxlan.packetsCompared", packets.size());
        assertThat(sameVerdicts(cfg, Optimizer.optimize(cfg).after(), packets)).as("%s optimized", expression).isTrue();
    }

    private static Cfg compile(LinkType type, String expression) {
        Result<Cfg> r = Frontend.compile(expression, CompileOptions.of(type));
        assertThat(r).as("%s on %s: %s", expression, type, r).isInstanceOf(Result.Ok.class);
        Cfg cfg = ((Result.Ok<Cfg>) r).value();
        assertThat(ScratchCheck.readsBeforeWrites(cfg)).as("%s reads scratch memory before writing it", expression)
                .isEmpty();
        return cfg;
    }

    private static boolean sameVerdicts(Cfg a, Cfg b, List<Captures.Packet> packets) {
        for (Captures.Packet p : packets) {
            int n = p.bytes().length;
            if (CfgInterpreter.run(a, p.bytes(), n, p.wireLength()) != CfgInterpreter.run(b, p.bytes(), n,
                    p.wireLength())) {
                return false;
            }
        }
        return true;
    }

    @AfterAll
    static void summary() {
        System.out.println("TRAFFIC-CORPUS " + new TreeMap<>(COUNTS));
    }
}
