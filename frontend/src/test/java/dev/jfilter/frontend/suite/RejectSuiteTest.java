package dev.jfilter.frontend.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.frontend.Frontend;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.frontend.oracle.LibpcapTestSuite.Reject;
import dev.jfilter.frontend.oracle.SuiteCases;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * libpcap's reject tests for the eight link types: jfilter refuses each expression, with a message containing
 * libpcap master's. "expression rejects all packets" is the optimizer's verdict (libpcap gives it only after
 * optimizing); the frontend compiles those, and the test checks that its program indeed rejects everything.
 */
class RejectSuiteTest {
    /** A visible skip, with the reason, where the shared material is absent and the cases below are none. */
    @org.junit.jupiter.api.Test
    void needsTheSharedMaterial() {
        Captures.requireShared();
    }

    /** Reasons this round leaves to another stage. */
    static final Set<String> OTHER_STAGE = Set.of("expression rejects all packets");

    static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

    static Stream<Reject> cases() {
        return SuiteCases.rejects();
    }

    static void count(String what) {
        COUNTS.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    @ParameterizedTest(allowZeroInvocations = true, name = "[{index}] {0}")
    @MethodSource("cases")
    void rejectsWithLibpcapsReason(Reject r) {
        Assumptions.assumeTrue(Captures.shared().isPresent(), "shared test data missing (jfilter.shared)");
        String group = r.skipOnRefHost().isEmpty() ? "plain" : "names";
        count(group + ".total");
        Result<Cfg> result = Frontend.compile(r.expression(), SuiteCases.options(r));
        if (OTHER_STAGE.contains(r.error())) {
            assertThat(result).as("%s", r).isInstanceOf(Result.Ok.class);
            Cfg cfg = ((Result.Ok<Cfg>) result).value();
            for (var p : dev.jfilter.frontend.oracle.Corpus.of(r.type())) {
                assertThat(dev.jfilter.cfg.CfgInterpreter.run(cfg, p.bytes(), p.bytes().length, p.wireLength()))
                        .as("%s on %s", r, p.origin()).isZero();
            }
            count(group + ".optimizerReason");
            return;
        }
        assertThat(result).as("%s", r).isInstanceOf(Result.Failed.class);
        String message = ((Result.Failed<Cfg>) result).diagnostics().getFirst().message();
        if (message.contains(r.error())) {
            count(group + ".rejectedWithReason");
        } else if (r.error().contains("syntax error") && message.startsWith("syntax error")) {
            // The parser words its syntax errors its own way (with the offending token); not the lowering's.
            count(group + ".syntaxErrorInParserWords");
        } else {
            assertThat(message).as("%s", r).contains(r.error());
        }
    }

    @AfterAll
    static void summary() {
        System.out.println("REJECT-SUITE " + new TreeMap<>(COUNTS));
    }
}
