package dev.jfilter.runtime.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.JFilter;
import dev.jfilter.runtime.kernel.KernelChecker;
import dev.jfilter.runtime.libpcap.CompileResult;
import dev.jfilter.runtime.libpcap.Libpcap;
import dev.jfilter.runtime.testing.TestPackets;
import dev.jfilter.testpcaps.CorpusKind;
import dev.jfilter.testpcaps.TestPcaps;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The project's expression corpora ({@code test-pcaps}: the core language on every link type with captures that the
 * installed libpcap filters, and the encapsulations) compiled by jfilter and by the installed libpcap: both programs
 * must return the same value on every packet of that link type (the project's captures and their mutations, the
 * frontend's synthetic packets, the shared real captures and their mutations). The kernel's checker must accept every
 * program jfilter emits, and jfilter's unoptimized and optimized programs must agree.
 * Mismatches pass only when {@link Outcomes#check} explains them. jfilter's optimized program must be no longer than
 * libpcap's, unless {@link Outcomes#checkSize} finds a reason on the packets.
 */
class CorpusDifferentialTest {
    @RegisterExtension
    static final Tally TALLY = new Tally("corpus vs installed libpcap");
    @TestFactory
    Stream<DynamicContainer> corpus() {
        return Stream.of(CorpusKind.values()).filter(CorpusKind::installedLibpcapCompiles)
                .flatMap(kind -> kind.dltNames().stream().filter(TestPackets::selected).map(dlt -> DynamicContainer
                        .dynamicContainer(
                        dlt + " " + kind, TestPcaps.corpusLines(kind, dlt).stream().map(line ->
                                DynamicTest.dynamicTest(dlt + " " + kind + " line " + line.line() + ": "
                                        + line.expression(),
                                        () -> check(LinkType.ofName(dlt).orElseThrow(), line.expression()))))));
    }

    private static void check(LinkType type, String expression) {
        Outcomes.requireLibpcap();
        CompileOptions options = CompileOptions.of(type);
        CompileResult libpcap = Libpcap.compile(type, CompileOptions.DEFAULT_SNAPLEN, true, Libpcap.NETMASK_UNKNOWN,
                expression);
        Result<CompiledFilter> jfilter = JFilter.compile(expression, options, true);
        if (libpcap instanceof CompileResult.Rejected rejected) {
            assertThat(jfilter).as("libpcap rejects it (%s)", rejected.message()).isInstanceOf(Result.Failed.class);
            TALLY.count("expressions both reject");
            return;
        }
        CompiledFilter ours = Outcomes.compiled(jfilter, expression);
        CompiledFilter oursUnoptimized = Outcomes.compiled(JFilter.compile(expression, options, false), expression);
        for (CompiledFilter f : List.of(ours, oursUnoptimized)) {
            assertThat(KernelChecker.check(f.program())).as("the kernel's checker on %s", f.program()).isEmpty();
        }
        CbpfProgram reference = ((CompileResult.Compiled) libpcap).program();
        CbpfProgram referenceUnoptimized = ((CompileResult.Compiled) Libpcap.compile(type,
                CompileOptions.DEFAULT_SNAPLEN, false, Libpcap.NETMASK_UNKNOWN, expression)).program();
        List<Captures.Packet> packets = TestPackets.of(type);
        TALLY.count("expressions");
        TALLY.add("packet verdicts compared", packets.size());
        Outcomes.Explained explained = Outcomes.check(expression, type, ours, reference, Verdicts.compare(
                ours.program(), oursUnoptimized.program(), reference, referenceUnoptimized, packets), true, TALLY);
        TALLY.count("expressions whose verdicts agree (exactly or as explained)");
        Outcomes.checkSize(type + " " + expression, expression, ours, reference, explained,
                () -> Verdicts.optimizerWitness(ours.program(), reference, referenceUnoptimized, packets), TALLY);
    }
}
