package dev.jfilter.runtime.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.listing.ListingParser;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.frontend.oracle.LibpcapTestSuite.Accept;
import dev.jfilter.frontend.oracle.LinuxMetadata;
import dev.jfilter.frontend.oracle.SuiteCases;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.JFilter;
import dev.jfilter.runtime.kernel.KernelChecker;
import dev.jfilter.runtime.testing.TestPackets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * libpcap's accept tests for this round's link types ({@link SuiteCases#accepts()}): jfilter accepts each
 * expression, the kernel accepts its program, and the program returns on every test packet of that link type what
 * libpcap master's expected optimized program returns (run by libpcap's interpreter). Where master's optimizer finds
 * the filter rejects every packet, jfilter says so too, and its unoptimized program agrees with master's. Tests for a
 * live Linux capture run each packet with every variant of packet metadata.
 */
class LibpcapAcceptSuiteTest {
    @RegisterExtension
    static final Tally TALLY = new Tally("libpcap accept tests vs master's expected programs");
    @TestFactory
    Stream<DynamicTest> acceptTests() {
        if (Captures.shared().isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("libpcap's test suite", Captures::requireShared));
        }
        return SuiteCases.accepts().map(t -> DynamicTest.dynamicTest(t.name() + " [" + t.type() + "] "
                + t.expression().strip(), () -> check(t)));
    }

    @TestFactory
    Stream<DynamicTest> liveCaptureAcceptTests() {
        if (Captures.shared().isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("libpcap's test suite", Captures::requireShared));
        }
        return SuiteCases.linuxExtensionAccepts().map(t -> DynamicTest.dynamicTest(t.name() + " [" + t.type()
                + ", live] " + t.expression().strip(), () -> checkLive(t)));
    }

    /**
     * A test for a live Linux capture: both programs read packet metadata (VLAN tag, packet type, interface), so
     * each packet runs with every {@link LinuxMetadata} variant, on both sides in jfilter's interpreter.
     */
    private static void checkLive(Accept t) {
        CompileOptions options = SuiteCases.options(t);
        CompiledFilter ours = Outcomes.compiled(JFilter.compile(t.expression(), options, true), t.expression());
        CompiledFilter oursUnoptimized = Outcomes.compiled(JFilter.compile(t.expression(), options, false),
                t.expression());
        assertThat(KernelChecker.check(ours.program())).as("the kernel's checker").isEmpty();
        assertThat(KernelChecker.check(oursUnoptimized.program())).as("the kernel's checker, unoptimized").isEmpty();
        CbpfProgram expected = program(t.opt().orElseThrow());
        List<Captures.Packet> packets = TestPackets.of(t.type());
        List<LinuxMetadata> metadata = LinuxMetadata.variants();
        TALLY.count("live-capture expressions");
        TALLY.add("packet verdicts compared", (long) packets.size() * metadata.size());
        TALLY.sizes(t.type() + " " + t.expression().strip() + " (live)", ours.program().size(), expected.size());
        Outcomes.check(t.expression(), t.type(), ours, expected, Verdicts.compareLive(ours.program(),
                oursUnoptimized.program(), expected, program(t.unopt().orElseThrow()), packets, metadata), false,
                TALLY);
        TALLY.count("live-capture expressions whose verdicts agree (exactly or as explained)");
    }

    private static void check(Accept t) {
        Outcomes.requireLibpcap();
        CompileOptions options = SuiteCases.options(t);
        Result<CompiledFilter> unoptimized = JFilter.compile(t.expression(), options, false);
        CompiledFilter oursUnoptimized = Outcomes.compiled(unoptimized, t.expression());
        List<Captures.Packet> packets = TestPackets.of(t.type());
        CbpfProgram expectedUnoptimized = program(t.unopt().orElseThrow());
        Result<CompiledFilter> optimized = JFilter.compile(t.expression(), options, true);
        TALLY.count("expressions");
        TALLY.add("packet verdicts compared", packets.size());
        if (t.opt().isEmpty()) {
            assertThat(optimized).as("libpcap's optimizer finds this rejects every packet").isInstanceOfSatisfying(
                    Result.Failed.class, f -> assertThat(Outcomes.message(f)).contains("expression rejects all packets"));
            Outcomes.check(t.expression(), t.type(), oursUnoptimized, expectedUnoptimized, Verdicts.compare(
                    oursUnoptimized.program(), oursUnoptimized.program(), expectedUnoptimized, expectedUnoptimized,
                    packets), false, TALLY);
            TALLY.count("expressions both find reject every packet");
            return;
        }
        CompiledFilter ours = Outcomes.compiled(optimized, t.expression());
        assertThat(KernelChecker.check(ours.program())).as("the kernel's checker").isEmpty();
        assertThat(KernelChecker.check(oursUnoptimized.program())).as("the kernel's checker, unoptimized").isEmpty();
        CbpfProgram expected = program(t.opt().get());
        TALLY.sizes(t.type() + " " + t.expression().strip(), ours.program().size(), expected.size());
        Outcomes.check(t.expression(), t.type(), ours, expected, Verdicts.compare(ours.program(),
                oursUnoptimized.program(), expected, expectedUnoptimized, packets), false, TALLY);
        TALLY.count("expressions whose verdicts agree (exactly or as explained)");
    }

    private static CbpfProgram program(List<String> listing) {
        return ListingParser.parseImage(String.join("\n", listing) + "\n").orThrow();
    }
}
