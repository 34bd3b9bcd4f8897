package dev.jfilter.runtime.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.lower.Lowering;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.frontend.oracle.KnownDifferences;
import dev.jfilter.frontend.oracle.LibpcapTestSuite;
import dev.jfilter.frontend.oracle.LibpcapTestSuite.Apply;
import dev.jfilter.frontend.oracle.TestrunNames;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.JFilter;
import dev.jfilter.runtime.capture.CaptureFile;
import dev.jfilter.runtime.capture.Packet;
import dev.jfilter.runtime.jit.PacketFilter;
import dev.jfilter.runtime.testing.ExtensionChain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * libpcap's apply tests for this round's link types: compiled as libpcap compiles for an open savefile (the file's
 * snapshot length, TESTrun's host names), jfilter's program returns on each packet of the savefile exactly what the
 * test expects. The one exception is jfilter's documented protochain depth, on a packet with a longer chain.
 */
class LibpcapApplySuiteTest {
    @RegisterExtension
    static final Tally TALLY = new Tally("libpcap apply tests");

    @TestFactory
    Stream<DynamicTest> applyTests() throws IOException {
        Path shared = Captures.shared().orElse(null);
        if (shared == null) {
            return Stream.of(DynamicTest.dynamicTest("libpcap's test suite", Captures::requireShared));
        }
        return LibpcapTestSuite.applies(shared).stream().map(t -> DynamicTest.dynamicTest(
                "[" + t.type() + "] " + t.expression() + " on " + t.savefile(), () -> check(shared, t)));
    }

    private static void check(Path shared, Apply t) {
        try (CaptureFile file = CaptureFile.open(shared.resolve("libpcap-tests/savefiles").resolve(t.savefile()))) {
            List<Packet> packets = file.readAll().packets();
            assertThat(packets).hasSameSizeAs(t.results());
            CompileOptions options = CompileOptions.of(t.type()).withNames(new TestrunNames())
                    .withSnaplen((int) Math.min(Integer.MAX_VALUE, packets.getFirst().captureInterface().snaplen()));
            if (t.netmask().isPresent()) {
                options = options.withNetmask(LibpcapTestSuite.netmask(t.netmask().get()));
            }
            Result<CompiledFilter> result = JFilter.compile(t.expression(), options, true);
            PacketFilter program = Outcomes.compiled(result, t.expression()).matcher();
            for (int i = 0; i < packets.size(); i++) {
                Packet p = packets.get(i);
                long ours = Integer.toUnsignedLong(program.run(p.data(), p.capturedLength(), (int) p.wireLength()));
                long expected = t.results().get(i);
                if (ours == 0 && expected != 0 && t.expression().contains("protochain") && ExtensionChain.length(
                        p.bytes(), KnownDifferences.network(t.type(), p.bytes())) > Lowering.PROTOCHAIN_MAX_HEADERS) {
                    TALLY.count("packets whose extension chain is longer than jfilter's protochain walk");
                    continue;
                }
                assertThat(ours).as("packet %d", i + 1).isEqualTo(expected);
            }
            TALLY.count("tests that agree");
            TALLY.add("packets", packets.size());
        }
    }
}
