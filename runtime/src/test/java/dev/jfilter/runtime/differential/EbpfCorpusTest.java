package dev.jfilter.runtime.differential;

import static org.assertj.core.api.Assertions.fail;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.ebpf.gen.EbpfGenerator;
import dev.jfilter.ebpf.gen.GenerateOptions;
import dev.jfilter.ebpf.gen.Generation;
import dev.jfilter.ebpf.gen.Target;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.JFilter;
import dev.jfilter.runtime.kernel.BpfAvailability;
import dev.jfilter.runtime.kernel.BpfLoadResult;
import dev.jfilter.runtime.libpcap.CompileResult;
import dev.jfilter.runtime.libpcap.Libpcap;
import dev.jfilter.runtime.testing.TestPackets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * jfilter's eBPF against the kernel, per packet. Every expression of the corpus on Ethernet is generated for the
 * three program types; the kernel's verifier must load each (bpf(BPF_PROG_LOAD)), and {@code BPF_PROG_TEST_RUN} of
 * the tc and XDP programs on every Ethernet test packet must give the verdict of jfilter's cBPF program (TC_ACT_OK or
 * XDP_PASS exactly when it accepts). That program agrees with libpcap's on every packet, or differs as
 * {@link CorpusDifferentialTest} explains; the report counts both. Socket filters, which the
 * kernel's test run hands the packet from the network header on, are checked the same way with the raw-IP corpus on
 * the test packets of link type RAW behind an Ethernet header. The eBPF interpreter runs every program on every
 * packet (socket filters for Ethernet too, and the packets the kernel cannot test-run): it must return exactly what
 * the kernel returns, and its verdict must be jfilter's cBPF verdict.
 *
 * <p>Frames past direct packet access (over 65,535 bytes) and frames the kernel cannot test-run are counted, as
 * {@link EbpfRuns} says; the interpreter still checks the latter.
 */
class EbpfCorpusTest {
    @RegisterExtension
    static final Tally TALLY = new Tally("eBPF corpus vs the kernel");

    @TestFactory
    Stream<DynamicContainer> ethernet() {
        return EbpfRuns.ethernetCorpus(EbpfCorpusTest::ethernet);
    }

    @TestFactory
    Stream<DynamicTest> rawIpSocketFilters() {
        return EbpfRuns.rawIpCorpus(EbpfCorpusTest::rawSocket);
    }

    private static void ethernet(String expression) {
        Case c = compile(LinkType.EN10MB, expression);
        if (c == null) {
            return;
        }
        List<Captures.Packet> packets = TestPackets.of(LinkType.EN10MB);
        try (EbpfRuns.Loaded socket = load(c, Target.SOCKET)) {
            // A test run would strip the Ethernet header: the interpreter runs these on whole frames.
            for (Captures.Packet p : packets) {
                byte[] frame = p.bytes();
                interpret(c, socket, frame, frame);
            }
        }
        for (Target target : List.of(Target.TC, Target.XDP)) {
            try (EbpfRuns.Loaded program = load(c, target)) {
                for (Captures.Packet p : packets) {
                    compare(c, program, p.bytes(), p.bytes());
                }
            }
        }
    }

    private static void rawSocket(String expression) {
        Case c = compile(LinkType.RAW, expression);
        if (c == null) {
            return;
        }
        try (EbpfRuns.Loaded program = load(c, Target.SOCKET)) {
            for (Captures.Packet p : TestPackets.of(LinkType.RAW)) {
                compare(c, program, EbpfRuns.behindEthernet(p.bytes()), p.bytes());
            }
        }
    }

    /** One expression compiled by jfilter (to cBPF) and by libpcap (optimized and not). */
    private record Case(String expression, CompiledFilter ours, CbpfProgram libpcap, CbpfProgram libpcapUnoptimized) {}

    private static Case compile(LinkType link, String expression) {
        BpfAvailability.assumeLoadable();
        Outcomes.requireLibpcap();
        CompileResult libpcap = Libpcap.compile(link, CompileOptions.DEFAULT_SNAPLEN, true, Libpcap.NETMASK_UNKNOWN,
                expression);
        if (!(libpcap instanceof CompileResult.Compiled(CbpfProgram reference))) {
            TALLY.count("expressions libpcap 1.10.3 rejects (skipped)");
            return null;
        }
        CompiledFilter ours = Outcomes.compiled(JFilter.compile(expression, CompileOptions.of(link)), expression);
        CbpfProgram unoptimized = ((CompileResult.Compiled) Libpcap.compile(link, CompileOptions.DEFAULT_SNAPLEN,
                false, Libpcap.NETMASK_UNKNOWN, expression)).program();
        TALLY.count("expressions (" + link + ")");
        return new Case(expression, ours, reference, unoptimized);
    }

    private static EbpfRuns.Loaded load(Case c, Target target) {
        Program program = switch (EbpfGenerator.generate(c.ours().cfg(), GenerateOptions.of(target))) {
            case Generation.Generated g -> g.program();
            case Generation.Refused r -> throw new AssertionError("refused for " + target + ": " + r.problems());
        };
        return switch (EbpfRuns.load(target, program)) {
            case BpfLoadResult.Loaded loaded -> {
                TALLY.count(target + " programs the verifier loads");
                TALLY.add(target + " instructions", program.insns().size());
                TALLY.add("cBPF instructions beside " + target, c.ours().program().instructions().size());
                yield EbpfRuns.loaded(target, loaded, program);
            }
            case BpfLoadResult.Rejected rejected -> fail("the verifier refuses the %s program for '%s': %s", target,
                    c.expression(), rejected.message());
        };
    }

    /**
     * Runs {@code frame} through the kernel and the interpreter, and compares the verdict with jfilter's cBPF on
     * {@code seen}, the bytes the program sees, and with libpcap's programs.
     */
    private static void compare(Case c, EbpfRuns.Loaded program, byte[] frame, byte[] seen) {
        Target target = program.target();
        if (EbpfRuns.pastDirectAccess(target, seen)) {
            TALLY.count(target + ": frames longer than 65,535 bytes, past direct packet access (not compared)");
            return;
        }
        long interpreted = interpret(c, program, frame, seen);
        Optional<String> notRunnable = EbpfRuns.notRunnable(frame, program.kernel().type());
        if (notRunnable.isPresent()) {
            TALLY.count("packets the kernel cannot test-run (the interpreter's verdict checked): " + notRunnable.get());
            return;
        }
        int len = seen.length;
        boolean libpcap = Libpcap.filter(c.libpcap(), seen, len, len) != 0;
        boolean libpcapUnoptimized = Libpcap.filter(c.libpcapUnoptimized(), seen, len, len) != 0;
        long kernelR0 = EbpfRuns.testRun(program, frame);
        TALLY.count(target + " test runs");
        if (kernelR0 != interpreted) {
            fail("%s '%s' on %s: the kernel returns %d, the eBPF interpreter %d", target, c.expression(),
                    Arrays.toString(frame), kernelR0, interpreted);
        }
        boolean kernel = EbpfRuns.matched(target, interpreted);
        // Where jfilter's cBPF and libpcap 1.10.3 differ, CorpusDifferentialTest holds the explanation (libpcap's
        // optimizer on truncated packets, fixes after 1.10.3); here they are counted.
        if (kernel == libpcap) {
            TALLY.count(target + " runs agreeing with libpcap 1.10.3's program");
        } else if (kernel == libpcapUnoptimized) {
            TALLY.count(target + " runs agreeing with libpcap's unoptimized program only (its optimizer changes them)");
        } else {
            TALLY.count(target + " runs where jfilter's cBPF differs from libpcap 1.10.3 (explained there)");
        }
    }

    /**
     * Runs the interpreter as the kernel's test run would (the program sees {@code seen}; metadata from the frame)
     * and checks its verdict against jfilter's cBPF program; returns its r0.
     */
    private static long interpret(Case c, EbpfRuns.Loaded program, byte[] frame, byte[] seen) {
        long r0 = EbpfRuns.interpret(program, frame, seen, c.expression());
        boolean ours = c.ours().apply(seen, seen.length, seen.length) != 0;
        if (EbpfRuns.matched(program.target(), r0) != ours) {
            fail("%s '%s' on %s: the eBPF interpreter returns %d, jfilter's cBPF %s", program.target(),
                    c.expression(), Arrays.toString(seen), r0, ours ? "matches" : "does not match");
        }
        TALLY.count(program.target() + " interpreter runs agreeing with jfilter's cBPF");
        return r0;
    }
}
