package dev.jfilter.frontend.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Frontend;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.link.LinkLayer;
import dev.jfilter.frontend.link.LoopbackEncoding;
import dev.jfilter.frontend.link.OpaqueLink;
import dev.jfilter.frontend.link.Untyped;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.frontend.oracle.Captures.Packet;
import dev.jfilter.frontend.oracle.Differential;
import dev.jfilter.frontend.oracle.KnownDifferences;
import dev.jfilter.frontend.oracle.Libpcap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The link types libpcap does not interpret ({@link OpaqueLink}: AX.25, CAN, USB, Bluetooth, ...) and those it
 * knows no protocol field of ({@link Untyped}: MFR, PFSYNC, ERF with its SS7 fields), against the system's libpcap
 * 1.10.3: on each, a sample of the suite's expressions (every expression libpcap's reject tests try
 * on these link types, every 16th expression of its accept tests, the raw-header ones below) is refused by both or
 * accepted by both with the same verdict on seeded random frames. Link types 1.10.3 does not know yet (DLT values it
 * calls unknown) are compared with master's reject tests only ({@link RejectSuiteTest}).
 */
class OpaqueLinkTypesTest {
    /** Raw-header expressions, which is all libpcap compiles on these link types. */
    static final List<String> RAW_HEADER = List.of("link[0] = 1", "link[1:2] & 0xfff != 0", "len > 60",
            "greater 100", "less 40", "link[len - 1] = 0x7e", "link[0:4] = 0x01020304 or len = 10",
            "not link[3] & 1 = 1", "link[2] > link[3]", "len - 14 > link[0]",
            // SS7 fields, which ERF has after its record header.
            "fisu", "lssu or msu", "sio 3", "opc 1234 and dpc 5678", "sls < 8", "hfisu", "hsio 3", "hdpc 100");

    static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

    /** Master's reasons for refusing an expression on a link type ("TYPE EXPRESSION"), from its reject tests. */
    static final Map<String, List<String>> MASTER_REASONS = new ConcurrentHashMap<>();

    @Test
    void needsTheSharedMaterial() {
        Captures.requireShared();
    }

    @Test
    void everyLinkTypeOfLibpcapsRangeWithoutACaseIsOpaque() {
        // The named ones and the assigned range, less the link types init_linktype interprets.
        assertThat(OpaqueLink.isOpaque(LinkType.AX25)).isTrue();
        assertThat(OpaqueLink.isOpaque(LinkType.CAN_SOCKETCAN)).isTrue();
        assertThat(OpaqueLink.isOpaque(LinkType.EN10MB)).isFalse();
        assertThat(OpaqueLink.isOpaque(LinkType.PFLOG)).isFalse();
        assertThat(OpaqueLink.isOpaque(LinkType.SLIP)).isFalse();
        Result<Cfg> ip = Frontend.compile("ip", CompileOptions.of(LinkType.USB_LINUX));
        assertThat(ip).isInstanceOf(Result.Failed.class);
        assertThat(((Result.Failed<Cfg>) ip).diagnostics().getFirst().message())
                .isEqualTo("link-layer type filtering not implemented for DLT_USB_LINUX (USB with Linux header)");
    }

    static Stream<Arguments> cases() throws Exception {
        Path shared = Captures.shared().orElse(null);
        if (shared == null) {
            return Stream.of();
        }
        ObjectMapper json = new ObjectMapper();
        TreeSet<String> accepted = new TreeSet<>();
        for (JsonNode n : json.readTree(shared.resolve("libpcap-tests/accept_and_apply.json").toFile())) {
            String e = n.get("expression").asText();
            if (!e.startsWith("_") && n.path("skip_on_ref_host").asText().isEmpty()) {
                accepted.add(e);
            }
        }
        TreeSet<String> exprs = new TreeSet<>(RAW_HEADER);
        int i = 0;
        for (String e : accepted) {
            if (i++ % 16 == 0) {
                exprs.add(e);
            }
        }
        for (JsonNode n : json.readTree(shared.resolve("libpcap-tests/reject.json").toFile())) {
            LinkType t = LinkType.ofName(n.get("dlt").asText()).orElse(null);
            if (t != null && (OpaqueLink.isOpaque(t) || t == LinkType.ERF || t == LinkType.MFR || t == LinkType.PFSYNC)
                    && n.path("skip_on_ref_host").asText().isEmpty()) {
                exprs.add(n.get("expression").asText());
                MASTER_REASONS.computeIfAbsent(t + " " + n.get("expression").asText(), k -> new ArrayList<>())
                        .add(n.get("errstr_substring").asText());
            }
        }
        List<LinkType> types = Arrays.stream(LinkType.values()).filter(t -> OpaqueLink.isOpaque(t)
                || LinkLayer.of(t, new LoopbackEncoding.Savefile(false)).orElseThrow() instanceof Untyped).toList();
        return types.stream().map(t -> Arguments.of(t, List.copyOf(exprs)));
    }

    /** Seeded random frames of 0 to 120 bytes, some cut short of their wire length. */
    static List<Packet> frames(LinkType type) {
        SplittableRandom random = new SplittableRandom(type.dlt() * 7919L);
        List<Packet> out = new ArrayList<>();
        for (int n = 0; n < 64; n++) {
            byte[] b = new byte[random.nextInt(121)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) (random.nextInt(4) == 0 ? random.nextInt(3) : random.nextInt(256));
            }
            out.add(new Packet(b, b.length + (random.nextInt(4) == 0 ? random.nextInt(100) : 0), type + "#" + n));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithLibpcap1103(LinkType type, List<String> expressions) {
        Assumptions.assumeTrue(Libpcap.available(), "libpcap through pcap4j is not available");
        boolean known = Libpcap.compile(type, CompileOptions.DEFAULT_SNAPLEN, "len > 0", false, -1).map(p -> {
            p.close();
            return true;
        }).orElse(false);
        Assumptions.assumeTrue(known, type + " is newer than libpcap 1.10.3 (\"unknown data link type\")");
        List<Packet> frames = frames(type);
        for (String expression : expressions) {
            Result<Cfg> ours = Frontend.compile(expression, CompileOptions.of(type));
            var diff = switch (ours) {
                case Result.Failed<Cfg> f -> Libpcap.compile(type, CompileOptions.DEFAULT_SNAPLEN, expression, false, -1)
                        .map(p -> {
                            p.close();
                            return "libpcap accepts";
                        }).filter(x -> !masterRefuses(type, expression, f.diagnostics().getFirst().message()));
                case Result.Ok<Cfg> ok -> Differential.against(type, CompileOptions.DEFAULT_SNAPLEN, expression, -1,
                        false, ok.value(), frames).map(d -> KnownDifferences.unexplained(expression, type, d))
                        .map(List::toString).or(() -> java.util.Optional.of("libpcap refuses"))
                        .filter(s -> !s.equals("[]"));
            };
            assertThat(diff).as("%s on %s (jfilter %s)", expression, type, ours instanceof Result.Ok ? "accepts"
                    : ((Result.Failed<Cfg>) ours).diagnostics().getFirst().message()).isEmpty();
            COUNTS.computeIfAbsent(ours instanceof Result.Ok ? "acceptedSameVerdicts" : "refused", k -> new AtomicInteger())
                    .incrementAndGet();
        }
    }

    /** Whether libpcap master refuses what 1.10.3 accepts, for jfilter's reason: per its reject tests, or a known change. */
    static boolean masterRefuses(LinkType type, String expression, String message) {
        boolean refuses = MASTER_REASONS.getOrDefault(type + " " + expression, List.of()).stream().anyMatch(message::contains)
                || VersionChanges.masterRefuses(expression, type, message);
        if (refuses) {
            COUNTS.computeIfAbsent("refusedAsMasterDoes", k -> new AtomicInteger()).incrementAndGet();
        }
        return refuses;
    }

    @AfterAll
    static void summary() {
        System.out.println("OPAQUE-LINK-TYPES " + new TreeMap<>(COUNTS));
    }
}
