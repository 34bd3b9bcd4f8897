package dev.jfilter.runtime.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.frontend.oracle.LibpcapTestSuite.Reject;
import dev.jfilter.frontend.oracle.SuiteCases;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.JFilter;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * libpcap's reject tests for this round's link types ({@link SuiteCases#rejects()}), through the whole compiler:
 * jfilter rejects every one, and its message contains libpcap's reason, except for syntax errors, which jfilter words
 * its own way (saying what was expected) but always starts with "syntax error".
 */
class LibpcapRejectSuiteTest {
    @RegisterExtension
    static final Tally TALLY = new Tally("libpcap reject tests");

    @TestFactory
    Stream<DynamicTest> rejectTests() {
        if (Captures.shared().isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("libpcap's test suite", Captures::requireShared));
        }
        return SuiteCases.rejects().map(t -> DynamicTest.dynamicTest("[" + t.type() + "] " + t.expression(),
                () -> check(t)));
    }

    private static void check(Reject t) {
        Result<CompiledFilter> result = JFilter.compile(t.expression(), SuiteCases.options(t), true);
        TALLY.count("expressions");
        assertThat(result).as("libpcap rejects it: %s", t.error()).isInstanceOf(Result.Failed.class);
        String message = Outcomes.message((Result.Failed<?>) result);
        if (t.error().contains("syntax error")) {
            assertThat(message).as("a syntax error").startsWith("syntax error");
            TALLY.count("syntax errors, rejected as syntax errors in jfilter's words");
            return;
        }
        assertThat(message).as("the reason").contains(t.error());
        TALLY.count("rejected with libpcap's reason");
    }
}
