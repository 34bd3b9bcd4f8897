package dev.jfilter.runtime.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.JFilter;
import dev.jfilter.runtime.capture.CaptureFile;
import dev.jfilter.runtime.capture.Packet;
import dev.jfilter.runtime.jit.PacketFilter;
import dev.jfilter.runtime.kernel.KernelChecker;
import dev.jfilter.testpcaps.CorpusKind;
import dev.jfilter.testpcaps.ReferenceVerdicts;
import dev.jfilter.testpcaps.TestPcap;
import dev.jfilter.testpcaps.TestPcaps;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code vxlan}, which the installed libpcap 1.10.3 lacks: jfilter's programs for the VXLAN corpus accept, on every
 * packet of every Ethernet capture, exactly the packets libpcap master's unoptimized program accepts (verdicts recorded
 * in {@code test-pcaps}; unoptimized because master's optimizer miscompiles {@code vxlan}, libpcap issue #1670). The
 * optimized and unoptimized programs both, and the kernel accepts them.
 */
class VxlanCorpusTest {
    @RegisterExtension
    static final Tally TALLY = new Tally("vxlan corpus vs libpcap master's recorded verdicts");

    private static final ReferenceVerdicts REFERENCE = TestPcaps.vxlanVerdicts();

    @TestFactory
    Stream<DynamicTest> vxlanCorpus() {
        return TestPcaps.corpusLines(CorpusKind.VXLAN, "EN10MB").stream().map(line -> DynamicTest.dynamicTest(
                "line " + line.line() + ": " + line.expression(), () -> check(line.expression())));
    }

    private static void check(String expression) {
        CompileOptions options = CompileOptions.of(LinkType.EN10MB);
        for (boolean optimize : new boolean[] {true, false}) {
            CompiledFilter filter = Outcomes.compiled(JFilter.compile(expression, options, optimize), expression);
            assertThat(KernelChecker.check(filter.program())).as("the kernel's checker").isEmpty();
            PacketFilter program = filter.matcher();
            for (ReferenceVerdicts.Stamp stamp : REFERENCE.captures()) {
                TestPcap capture = stamp.capture();
                BitSet expected = REFERENCE.of(expression, capture).orElseThrow().accepted();
                BitSet ours = new BitSet();
                List<Captures.Packet> packets = packets(capture);
                for (int i = 0; i < packets.size(); i++) {
                    Captures.Packet p = packets.get(i);
                    if (program.run(p.bytes(), p.bytes().length, p.wireLength()) != 0) {
                        ours.set(i);
                    }
                }
                assertThat(ours).as("%s on %s (%s)", expression, capture.pcapName(),
                        optimize ? "optimized" : "unoptimized").isEqualTo(expected);
                TALLY.add("packet verdicts compared", packets.size());
            }
        }
        TALLY.count("expressions that agree on every packet, optimized and unoptimized");
    }

    private static final Map<TestPcap, List<Captures.Packet>> PACKETS = new ConcurrentHashMap<>();

    /** A capture's packets in file order, read once. */
    private static List<Captures.Packet> packets(TestPcap capture) {
        return PACKETS.computeIfAbsent(capture, c -> {
            List<Captures.Packet> out = new ArrayList<>();
            try (CaptureFile file = CaptureFile.open(c.path())) {
                for (Packet p : file.readAll().packets()) {
                    out.add(new Captures.Packet(p.bytes(), (int) p.wireLength(), c.pcapName()));
                }
            }
            return List.copyOf(out);
        });
    }
}
