package dev.jfilter.frontend.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.AncillarySource;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.opt.Optimizer;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Frontend;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.frontend.oracle.CbpfText;
import dev.jfilter.frontend.oracle.Corpus;
import dev.jfilter.frontend.oracle.Differential;
import dev.jfilter.frontend.oracle.KnownDifferences;
import dev.jfilter.frontend.oracle.Libpcap;
import dev.jfilter.frontend.oracle.LinuxMetadata;
import dev.jfilter.frontend.oracle.ScratchCheck;
import dev.jfilter.testpcaps.TestPcap;
import dev.jfilter.testpcaps.TestPcaps;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The encapsulations ({@code vlan}, {@code mpls}, {@code pppoed}, {@code pppoes}, {@code geneve}, {@code vxlan})
 * with each other and with the core language, on the eight link types, offline and for live Linux captures:
 * jfilter against libpcap master and against the system's libpcap 1.10.3.
 *
 * <p>Master's verdicts come from {@code encapsulations-master.json} and {@code encapsulations-random-master.json}:
 * each expression as libpcap master (f26ae497, its {@code filtertest -O [-l] DLT EXPR}) compiled it, recorded once,
 * with its unoptimized program or its error message. jfilter must refuse what master refuses, with master's
 * message; and where master compiles, jfilter's program must give master's verdict on every packet of the corpus
 * (which holds {@link dev.jfilter.frontend.oracle.Encapsulated tagged and tunnelled traffic}), for live captures with
 * every {@link LinuxMetadata metadata variant} too. The program must read no scratch word before writing it (the
 * kernel's rule), and jfilter's optimizer must keep its verdicts (libpcap's optimizer moves loads across the
 * run-time offsets of {@code vlan} in live captures: issue #1513). Where 1.10.3 compiles the offline expression too, the two agree on every packet unless
 * {@link KnownDifferences} explains it.
 */
class EncapsulationSuiteTest {

    /** One expression and master's answer: the unoptimized program, or the error. */
    record Case(LinkType type, boolean linuxExtensions, String expression, Optional<List<String>> program,
            Optional<String> error) {
        @Override
        public String toString() {
            return type + (linuxExtensions ? " (live Linux)" : "") + " " + expression;
        }
    }

    static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

    static final Map<String, String> UNDISCRIMINATED = new ConcurrentHashMap<>();
    static final java.util.Set<String> ONLY_MASTER = ConcurrentHashMap.newKeySet();

    static void count(String what) {
        COUNTS.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * The cases: the chosen expressions ({@code encapsulations-master.json}) and seeded random ones
     * ({@code encapsulations-random-master.json}: primitives and encapsulations joined by and/or/not, a third of them
     * on other link types, two in five for live Linux captures); or another file of the same shape, given with
     * {@code -Djfilter.encapsulationCases=FILE}.
     */
    static Stream<Case> cases() throws IOException {
        String other = System.getProperty("jfilter.encapsulationCases");
        if (other != null) {
            try (InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(other))) {
                return read(in).stream();
            }
        }
        List<Case> out = new ArrayList<>();
        for (String resource : List.of("encapsulations-master.json", "encapsulations-random-master.json")) {
            try (InputStream in = EncapsulationSuiteTest.class.getResourceAsStream(resource)) {
                out.addAll(read(in));
            }
        }
        return out.stream();
    }

    private static List<Case> read(InputStream in) throws IOException {
        List<Case> out = new ArrayList<>();
        for (JsonNode n : new ObjectMapper().readTree(in)) {
            Optional<List<String>> program = Optional.empty();
            if (n.has("unopt")) {
                List<String> lines = new ArrayList<>();
                n.get("unopt").forEach(l -> lines.add(l.asText()));
                program = Optional.of(lines);
            }
            out.add(new Case(LinkType.ofName(n.get("dlt").asText()).orElseThrow(), n.get("linuxext").asBoolean(),
                    n.get("expression").asText(), program,
                    n.has("error") ? Optional.of(n.get("error").asText()) : Optional.empty()));
        }
        return out;
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void agreesWithMasterAndWith1103(Case c) {
        count(c.linuxExtensions() ? "live.total" : "offline.total");
        Result<Cfg> r = Frontend.compile(c.expression(), CompileOptions.of(c.type())
                .withLinuxExtensions(c.linuxExtensions()));
        if (c.error().isPresent()) {
            assertThat(r).as("%s: master refuses it (%s)", c, c.error().get()).isInstanceOf(Result.Failed.class);
            assertThat(((Result.Failed<Cfg>) r).diagnostics().getFirst().message()).as("%s", c)
                    .isEqualTo(c.error().get());
            count("refusedWithMastersMessage");
            return;
        }
        assertThat(r).as("%s: %s", c, r).isInstanceOf(Result.Ok.class);
        Cfg cfg = ((Result.Ok<Cfg>) r).value();
        assertThat(ScratchCheck.readsBeforeWrites(cfg)).as("%s reads scratch memory before writing it", c).isEmpty();
        // The kernel refuses an absolute load in the ancillary area that names no field (libpcap emits some).
        assertThat(cfg.blocks().stream().flatMap(b -> b.statements().stream()))
                .as("%s loads from the ancillary area", c)
                .noneMatch(st -> st instanceof Stmt.LoadAbsolute l && Integer.compareUnsigned(l.offset(),
                        Ancillary.BASE) >= 0);
        List<String> master = c.program().orElseThrow();
        // protochain's walk is unrolled, larger than libpcap's loop by design (see ProtoChain).
        assertThat(cfg.instructionEstimate()).as("%s: %s", c, cfg)
                .isLessThanOrEqualTo(c.expression().contains("protochain") ? 400 : 2 * master.size() + 10);
        // jfilter's optimizer keeps the unoptimized verdicts (libpcap's does not always: issue #1513).
        Cfg optimized = Optimizer.optimize(cfg).after();
        assertThat(ScratchCheck.readsBeforeWrites(optimized)).as("%s optimized", c).isEmpty();
        if (c.linuxExtensions()) {
            List<Captures.Packet> packets = livePackets(c.type());
            assertThat(Differential.againstText(master, cfg, packets, LinuxMetadata.variants()))
                    .as("%s against master's program", c).isEmpty();
            count("live.agreeMaster");
            assertThat(sameVerdicts(cfg, optimized, packets, LinuxMetadata.variants()))
                    .as("%s optimized: %s", c, optimized).isTrue();
            count("live.optimizedAgrees");
            return;
        }
        List<Captures.Packet> packets = offlinePackets(c.type());
        assertThat(sameVerdicts(cfg, optimized, packets, List.of(AncillarySource.NONE)))
                .as("%s optimized: %s", c, optimized).isTrue();
        count("offline.optimizedAgrees");
        assertThat(Differential.againstText(master, cfg, packets)).as("%s against master's program", c).isEmpty();
        count("offline.agreeMaster");
        // The corpus must tell matching from non-matching packets, or the agreement says little.
        CbpfText program = CbpfText.parse(master);
        long accepted = packets.stream().filter(p -> program.run(p.bytes(), p.wireLength()) > 0).count();
        if (accepted > 0 && accepted < packets.size()) {
            count("offline.corpusDiscriminates");
        } else {
            UNDISCRIMINATED.put(c.toString(), accepted + " of " + packets.size());
        }
        if (!Libpcap.available()) {
            return;
        }
        var diff = Differential.against(c.type(), CompileOptions.DEFAULT_SNAPLEN, c.expression(), -1, false, cfg,
                packets);
        if (diff.isEmpty()) {
            count("offline.only1.11");
            ONLY_MASTER.add(c.toString());
            return;
        }
        List<Differential.Mismatch> rest = KnownDifferences.unexplained(c.expression(), c.type(), diff.get());
        assertThat(rest).as("%s against libpcap 1.10.3", c).isEmpty();
        count(diff.get().isEmpty() ? "offline.agree1.10.3" : "offline.knownDifference1.10.3");
    }

    private static final Map<LinkType, List<Captures.Packet>> OFFLINE = new ConcurrentHashMap<>();
    private static final Map<LinkType, List<Captures.Packet>> LIVE = new ConcurrentHashMap<>();

    /** The corpus and the project's encapsulation captures of the link type ({@code test-pcaps}), if any. */
    static List<Captures.Packet> offlinePackets(LinkType type) {
        return OFFLINE.computeIfAbsent(type, t -> {
            List<Captures.Packet> out = new ArrayList<>(Corpus.of(t));
            for (TestPcap capture : TestPcaps.forDlt(t.name())) {
                if (capture.pcapName().endsWith("-encap")) {
                    out.addAll(TrafficCorpusTest.packets(capture));
                }
            }
            return List.copyOf(out);
        });
    }

    /** For live captures, run with every metadata variant: the small corpus and every fifth encapsulation packet. */
    static List<Captures.Packet> livePackets(LinkType type) {
        return LIVE.computeIfAbsent(type, t -> {
            List<Captures.Packet> out = new ArrayList<>(Corpus.small(t));
            List<Captures.Packet> all = offlinePackets(t);
            for (int i = Corpus.of(t).size(); i < all.size(); i += 5) {
                out.add(all.get(i));
            }
            return List.copyOf(out);
        });
    }

    private static boolean sameVerdicts(Cfg a, Cfg b, List<Captures.Packet> packets,
            List<? extends AncillarySource> metadata) {
        for (Captures.Packet p : packets) {
            for (AncillarySource m : metadata) {
                int len = p.bytes().length;
                if (CfgInterpreter.run(a, p.bytes(), len, p.wireLength(), m)
                        != CfgInterpreter.run(b, p.bytes(), len, p.wireLength(), m)) {
                    System.out.println("ENCAPSULATION-SUITE optimized differs on " + p.origin() + " " + m);
                    return false;
                }
            }
        }
        return true;
    }

    @AfterAll
    static void summary() {
        System.out.println("ENCAPSULATION-SUITE " + new TreeMap<>(COUNTS));
        new TreeMap<>(UNDISCRIMINATED).forEach((k, v) ->
                System.out.println("ENCAPSULATION-SUITE master accepts " + v + " packets: " + k));
        new java.util.TreeSet<>(ONLY_MASTER).forEach(k ->
                System.out.println("ENCAPSULATION-SUITE 1.10.3 refuses: " + k));
        for (LinkType t : List.of(LinkType.EN10MB, LinkType.RAW, LinkType.LINUX_SLL2)) {
            System.out.println("ENCAPSULATION-SUITE packets " + t + ": " + offlinePackets(t).size() + " offline, "
                    + livePackets(t).size() + " live");
        }
    }
}
