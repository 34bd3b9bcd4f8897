package dev.jfilter.frontend.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.frontend.Frontend;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.frontend.oracle.Corpus;
import dev.jfilter.frontend.oracle.Differential;
import dev.jfilter.frontend.oracle.KnownDifferences;
import dev.jfilter.frontend.oracle.Libpcap;
import dev.jfilter.frontend.oracle.LibpcapTestSuite;
import dev.jfilter.frontend.oracle.LibpcapTestSuite.Accept;
import dev.jfilter.frontend.oracle.LinuxMetadata;
import dev.jfilter.frontend.oracle.ScratchCheck;
import dev.jfilter.frontend.oracle.SuiteCases;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * libpcap's accept tests for the eight link types: jfilter compiles each expression, and its program gives libpcap
 * master's verdict (the expected unoptimized program of the test, run by {@code CbpfText}) on every packet of the
 * corpus; where the system's libpcap 1.10.3 compiles the expression too, its verdicts agree except where
 * {@link KnownDifferences} explains why. Tests whose names need the test host's hosts/ethers/networks files run
 * with TESTrun's entries and are compared with master only.
 */
class AcceptSuiteTest {
    /** A visible skip, with the reason, where the shared material is absent and the cases below are none. */
    @org.junit.jupiter.api.Test
    void needsTheSharedMaterial() {
        Captures.requireShared();
    }

    static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();
    /** Per link type, the tests whose program agrees with master's on every packet of the corpus. */
    static final Map<dev.jfilter.frontend.link.LinkType, AtomicInteger> PER_LINK_TYPE = new ConcurrentHashMap<>();
    /** The encapsulations, counted apart in the summary. */
    static final java.util.regex.Pattern ENCAPSULATION =
            java.util.regex.Pattern.compile("\\b(vlan|mpls|pppoed|pppoes|geneve|vxlan)\\b");
    static final java.util.concurrent.atomic.DoubleAccumulator SIZE_RATIO =
            new java.util.concurrent.atomic.DoubleAccumulator(Math::max, 0);

    static Stream<Accept> cases() {
        return SuiteCases.accepts();
    }

    static void count(String what) {
        COUNTS.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    @ParameterizedTest(allowZeroInvocations = true, name = "[{index}] {0}")
    @MethodSource("cases")
    void compilesAndAgreesWithLibpcap(Accept a) {
        Assumptions.assumeTrue(Captures.shared().isPresent(), "shared test data missing (jfilter.shared)");
        String group = SuiteCases.needsTestrunNames(a.skipOnRefHost()) ? "names"
                : SuiteCases.otherHost(a).isPresent() || SuiteCases.bigEndianSavefile(a) ? "otherhost" : "plain";
        count(group + ".total");
        Result<Cfg> r = Frontend.compile(a.expression(), SuiteCases.options(a));
        assertThat(r).as("%s: %s", a, r).isInstanceOf(Result.Ok.class);
        count(group + ".accepted");
        if (ENCAPSULATION.matcher(a.expression()).find()) {
            count(group + ".encapsulation");
        }
        Cfg cfg = ((Result.Ok<Cfg>) r).value();
        var packets = Corpus.of(a.type());
        assertThat(ScratchCheck.readsBeforeWrites(cfg)).as("%s reads scratch memory before writing it", a).isEmpty();
        // The unoptimized graph stays about the size of libpcap's unoptimized program; protochain's unrolled
        // walk is larger than libpcap's loop by design (a fixed cost per step, see ProtoChain).
        int masterLength = a.unopt().orElseThrow().size();
        if (a.expression().contains("protochain")) {
            assertThat(cfg.instructionEstimate()).as("%s", a).isLessThan(400);
        } else {
            assertThat(cfg.instructionEstimate()).as("%s: %s", a, cfg).isLessThanOrEqualTo(2 * masterLength + 10);
            SIZE_RATIO.accumulate((double) cfg.instructionEstimate() / masterLength);
        }

        List<String> master = a.unopt().orElseThrow();
        assertThat(Differential.againstText(master, cfg, packets)).as("%s against master's program", a).isEmpty();
        count(group + ".agreeMaster");
        PER_LINK_TYPE.computeIfAbsent(a.type(), k -> new AtomicInteger()).incrementAndGet();

        if (!group.equals("plain") || a.offline().isPresent() || !Libpcap.available()) {
            return;
        }
        int netmask = a.netmask().map(LibpcapTestSuite::netmask).orElse(-1);
        var diff = Differential.against(a.type(), a.snaplen(), a.expression(), netmask, false, cfg, packets);
        if (diff.isEmpty()) {
            count("plain.only1.11");
            return;
        }
        count("plain.compiledBy1.10.3");
        List<Differential.Mismatch> rest = KnownDifferences.unexplained(a.expression(), a.type(), diff.get());
        assertThat(rest).as("%s against libpcap 1.10.3", a).isEmpty();
        if (diff.get().isEmpty()) {
            count("plain.agree1.10.3");
        } else {
            count("plain.knownDifference1.10.3");
        }
    }

    static Stream<Accept> linuxCases() {
        return SuiteCases.linuxExtensionAccepts();
    }

    /**
     * The {@code linuxext} tests: programs for a live Linux capture, which read the packet's metadata. Each packet of
     * the corpus runs with every {@link LinuxMetadata#variants() metadata variant} (a VLAN tag in the metadata or
     * not, packet types, interface indexes) through jfilter's graph and master's expected program.
     */
    @ParameterizedTest(allowZeroInvocations = true, name = "[{index}] {0}")
    @MethodSource("linuxCases")
    void liveLinuxProgramsAgreeWithMasterOnMetadata(Accept a) {
        Assumptions.assumeTrue(Captures.shared().isPresent(), "shared test data missing (jfilter.shared)");
        count("linuxext.total");
        Result<Cfg> r = Frontend.compile(a.expression(), SuiteCases.options(a));
        assertThat(r).as("%s: %s", a, r).isInstanceOf(Result.Ok.class);
        Cfg cfg = ((Result.Ok<Cfg>) r).value();
        assertThat(ScratchCheck.readsBeforeWrites(cfg)).as("%s reads scratch memory before writing it", a).isEmpty();
        assertThat(cfg.instructionEstimate()).as("%s: %s", a, cfg)
                .isLessThanOrEqualTo(2 * a.unopt().orElseThrow().size() + 10);
        var metadata = LinuxMetadata.variants();
        assertThat(Differential.againstText(a.unopt().orElseThrow(), cfg, Corpus.of(a.type()), metadata))
                .as("%s against master's program", a).isEmpty();
        count("linuxext.agreeMaster");
    }

    @AfterAll
    static void summary() {
        System.out.println("ACCEPT-SUITE " + new TreeMap<>(COUNTS));
        System.out.println("ACCEPT-SUITE largest size ratio to master's unoptimized program: " + SIZE_RATIO.get());
        for (var t : new java.util.TreeSet<>(LibpcapTestSuite.IN_SCOPE)) {
            System.out.println("ACCEPT-SUITE " + t + ": " + PER_LINK_TYPE.getOrDefault(t, new AtomicInteger())
                    + " tests agree with master on all " + Corpus.of(t).size() + " packets of the corpus");
        }
        KnownDifferences.unused().forEach(e -> System.out.println("ACCEPT-SUITE known difference not met: " + e.what()));
    }
}
