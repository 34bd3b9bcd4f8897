package dev.jfilter.frontend.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Frontend;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.frontend.oracle.Corpus;
import dev.jfilter.frontend.oracle.Differential;
import dev.jfilter.frontend.oracle.KnownDifferences;
import dev.jfilter.frontend.oracle.Libpcap;
import dev.jfilter.frontend.oracle.LibpcapTestSuite;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every expression of libpcap's accept and reject tests (of any link type), plus {@link ExtraExpressions}, on each of the
 * eight link types, against the system's libpcap 1.10.3: both accept or both refuse; where both accept, the same
 * verdict on every packet of the corpus unless {@link KnownDifferences} explains it; where only one accepts, a
 * documented change between 1.10.3 and master.
 */
class CrossLinkTypeTest {
    /** A visible skip, with the reason, where the shared material is absent and the cases below are none. */
    @org.junit.jupiter.api.Test
    void needsTheSharedMaterial() {
        Captures.requireShared();
    }

    static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

    /** Master's reasons for refusing an expression, from libpcap's reject tests (on any link type). */
    static final Map<String, java.util.Set<String>> MASTER_REASONS = new ConcurrentHashMap<>();

    static Stream<Arguments> cases() throws Exception {
        Path shared = Captures.shared().orElse(null);
        if (shared == null) {
            return Stream.of();
        }
        TreeSet<String> exprs = new TreeSet<>();
        for (var n : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(shared.resolve("libpcap-tests/accept_and_apply.json").toFile())) {
            String e = n.get("expression").asText();
            if (!e.startsWith("_") && !n.path("linuxext").asBoolean() && n.path("skip_on_ref_host").asText().isEmpty()) {
                exprs.add(e);
            }
        }
        // And every expression libpcap's reject tests refuse on some link type: on others it may be valid.
        for (var n : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(shared.resolve("libpcap-tests/reject.json").toFile())) {
            if (n.path("skip_on_ref_host").asText().isEmpty()) {
                exprs.add(n.get("expression").asText());
                MASTER_REASONS.computeIfAbsent(n.get("expression").asText(), k -> ConcurrentHashMap.newKeySet())
                        .add(n.get("errstr_substring").asText());
            }
        }
        exprs.addAll(ExtraExpressions.LIST);
        return exprs.stream().flatMap(e -> LibpcapTestSuite.IN_SCOPE.stream().sorted()
                .map(t -> Arguments.of(t, e)));
    }

    static void count(String what) {
        COUNTS.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    @ParameterizedTest(allowZeroInvocations = true, name = "[{index}] {0} {1}")
    @MethodSource("cases")
    void agreesWithLibpcap1103(LinkType type, String expression) {
        Assumptions.assumeTrue(Libpcap.available(), "libpcap through pcap4j is not available");
        count("total");
        Result<Cfg> ours = Frontend.compile(expression, CompileOptions.of(type));
        boolean theirs = Libpcap.compile(type, CompileOptions.DEFAULT_SNAPLEN, expression, false, -1)
                .map(p -> {
                    p.close();
                    return true;
                }).orElse(false);
        switch (ours) {
            case Result.Failed<Cfg> f -> {
                String message = f.diagnostics().getFirst().message();
                if (!theirs) {
                    count("bothRefuse");
                } else if (MASTER_REASONS.getOrDefault(expression, java.util.Set.of()).stream()
                        .anyMatch(message::contains)) {
                    // libpcap's own reject tests refuse it with this reason: a check master has and 1.10.3 lacks.
                    count("masterRefusesPerItsTests");
                } else {
                    assertThat(VersionChanges.masterRefuses(expression, type, message))
                            .as("%s on %s: we refuse (%s), 1.10.3 accepts", expression, type, message).isTrue();
                    count("masterRefuses");
                }
            }
            case Result.Ok<Cfg> ok -> {
                if (!theirs) {
                    assertThat(VersionChanges.masterAccepts(expression, type))
                            .as("%s on %s: we accept, 1.10.3 refuses", expression, type).isTrue();
                    count("masterAccepts");
                    return;
                }
                var diff = Differential.against(type, CompileOptions.DEFAULT_SNAPLEN, expression, -1, false,
                        ok.value(), Corpus.small(type)).orElseThrow();
                List<Differential.Mismatch> rest = KnownDifferences.unexplained(expression, type, diff);
                assertThat(rest).as("%s on %s", expression, type).isEmpty();
                count(diff.isEmpty() ? "bothAcceptAgree" : "bothAcceptKnownDifference");
            }
        }
    }

    @AfterAll
    static void summary() {
        System.out.println("CROSS " + new TreeMap<>(COUNTS));
    }
}
