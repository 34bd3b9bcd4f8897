package dev.jfilter.frontend.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Frontend;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.frontend.oracle.Captures.Packet;
import dev.jfilter.frontend.oracle.Corpus;
import dev.jfilter.frontend.oracle.Differential;
import dev.jfilter.frontend.oracle.Frames;
import dev.jfilter.frontend.oracle.KnownDifferences;
import dev.jfilter.frontend.oracle.Libpcap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DSA link types against libpcap 1.10.3, which filters them by {@code link[...]} only: a frame with a DSA tag
 * between its addresses and its EtherType must get, from jfilter's program for the DSA link type, the verdict that
 * 1.10.3's Ethernet program gives the same frame without the tag. Every expression of the accept suite (on
 * Ethernet) and {@link ExtraExpressions} that does not read the link-layer header by index or the frame's length
 * (which the tag shifts), on the Ethernet corpus with each tag; {@link KnownDifferences} of Ethernet apply.
 */
class DsaTagEquivalenceTest {
    /** A visible skip, with the reason, where the shared material is absent and the cases below are none. */
    @org.junit.jupiter.api.Test
    void needsTheSharedMaterial() {
        Captures.requireShared();
    }

    /** What sees the tag or the length: the link header by index, lengths, the direction in the tag. */
    private static final Pattern SEES_THE_TAG = Pattern.compile(
            "\\b(link|ether|ppp|fddi|tr|wlan|slip|radio)\\s*\\[|\\b(byte|len|length|less|greater|inbound|outbound"
                    + "|ifindex)\\b");

    static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

    static Stream<Arguments> cases() throws Exception {
        Path shared = Captures.shared().orElse(null);
        if (shared == null) {
            return Stream.of();
        }
        TreeSet<String> exprs = new TreeSet<>();
        for (var n : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(shared.resolve("libpcap-tests/accept_and_apply.json").toFile())) {
            String e = n.get("expression").asText();
            if (n.get("dlt").asText().equals("EN10MB") && !n.path("linuxext").asBoolean()
                    && n.path("skip_on_ref_host").asText().isEmpty() && !SEES_THE_TAG.matcher(e).find()) {
                exprs.add(e);
            }
        }
        ExtraExpressions.LIST.stream().filter(e -> !SEES_THE_TAG.matcher(e).find()).forEach(exprs::add);
        return exprs.stream().flatMap(e -> Stream.of(LinkType.DSA_TAG_BRCM, LinkType.DSA_TAG_DSA)
                .map(t -> Arguments.of(t, e)));
    }

    /** The Ethernet corpus (frames with both addresses), each frame with each tag the link type's tests tell apart. */
    private static final Map<LinkType, List<Packet[]>> PAIRS = new ConcurrentHashMap<>();

    private static List<Packet[]> pairs(LinkType type) {
        return PAIRS.computeIfAbsent(type, t -> {
            List<Packet[]> out = new ArrayList<>();
            for (Packet p : Corpus.small(LinkType.EN10MB)) {
                if (p.bytes().length < 12) {
                    continue;
                }
                for (byte[] tagged : Frames.ethernetLike(t, p.bytes())) {
                    out.add(new Packet[] {p, new Packet(tagged, p.wireLength() + 4, p.origin() + "+tag")});
                }
            }
            return List.copyOf(out);
        });
    }

    @ParameterizedTest(allowZeroInvocations = true, name = "[{index}] {0} {1}")
    @MethodSource("cases")
    void taggedFrameGetsTheUntaggedFramesVerdict(LinkType type, String expression) {
        Assumptions.assumeTrue(Libpcap.available(), "libpcap through pcap4j is not available");
        Result<Cfg> ours = Frontend.compile(expression, CompileOptions.of(type));
        Result<Cfg> asEthernet = Frontend.compile(expression, CompileOptions.of(LinkType.EN10MB));
        var theirs = Libpcap.compile(LinkType.EN10MB, CompileOptions.DEFAULT_SNAPLEN, expression, false, -1);
        if (theirs.isEmpty() || !(asEthernet instanceof Result.Ok<Cfg> ethernet)) {
            theirs.ifPresent(Libpcap.Program::close);
            COUNTS.computeIfAbsent("notOnEthernet", k -> new AtomicInteger()).incrementAndGet();
            return;
        }
        assertThat(ours).as("%s on %s", expression, type).isInstanceOf(Result.Ok.class);
        Cfg cfg = ((Result.Ok<Cfg>) ours).value();
        List<Differential.Mismatch> mismatches = new ArrayList<>();
        try (Libpcap.Program p = theirs.get()) {
            for (Packet[] pair : pairs(type)) {
                Packet plain = pair[0];
                Packet tagged = pair[1];
                boolean verdict = CfgInterpreter.run(cfg, tagged.bytes(), tagged.bytes().length, tagged.wireLength())
                        != 0;
                boolean libpcap = p.accepts(plain.bytes(), plain.wireLength());
                if (verdict != libpcap) {
                    // Explained (or not) as a difference of Ethernet programs, on the untagged frame.
                    mismatches.add(new Differential.Mismatch(tagged.origin(), verdict, libpcap, plain.bytes(),
                            plain.wireLength(), ethernet.value()));
                }
            }
        }
        List<Differential.Mismatch> rest = KnownDifferences.unexplained(expression, LinkType.EN10MB, mismatches);
        assertThat(rest).as("%s on %s", expression, type).isEmpty();
        COUNTS.computeIfAbsent(mismatches.isEmpty() ? "agree" : "knownDifference", k -> new AtomicInteger())
                .incrementAndGet();
    }

    @AfterAll
    static void summary() {
        System.out.println("DSA-EQUIVALENCE " + new TreeMap<>(COUNTS));
    }
}
