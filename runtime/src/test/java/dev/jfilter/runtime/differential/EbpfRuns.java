package dev.jfilter.runtime.differential;

import static org.assertj.core.api.Assertions.fail;

import dev.jfilter.ebpf.gen.Target;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.runtime.ebpf.EbpfException;
import dev.jfilter.runtime.ebpf.EbpfInterpreter;
import dev.jfilter.runtime.ebpf.ProgramContext;
import dev.jfilter.runtime.ebpf.SkbMetadata;
import dev.jfilter.runtime.ebpf.SocketFilterContext;
import dev.jfilter.runtime.ebpf.TcContext;
import dev.jfilter.runtime.ebpf.XdpContext;
import dev.jfilter.runtime.kernel.BpfLoadResult;
import dev.jfilter.runtime.kernel.BpfProgram;
import dev.jfilter.runtime.kernel.BpfProgramType;
import dev.jfilter.runtime.kernel.BpfTestRun;
import dev.jfilter.runtime.kernel.KernelResult;
import dev.jfilter.testpcaps.CorpusKind;
import dev.jfilter.testpcaps.TestPcaps;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs a generated eBPF packet program in the kernel ({@code BPF_PROG_TEST_RUN}) and in the eBPF interpreter the
 * same way, for the differential suites that compare both with a cBPF reference ({@link EbpfCorpusTest},
 * {@link FromCbpfCorpusTest}).
 *
 * <p>tc and XDP programs read the packet directly, which the verifier allows up to byte 65,535
 * ({@link #pastDirectAccess}): no XDP frame is longer, a tc skb only with BIG TCP.
 *
 * <p>A test run needs what the kernel's {@code bpf_prog_test_run_skb} needs: at least an Ethernet header, at most a
 * page, and for an IPv4 or IPv6 ethertype a whole IP header ({@link #notRunnable}). A socket filter's test run hands
 * it the packet from the network header on.
 *
 * @see <a href="https://docs.kernel.org/bpf/bpf_prog_run.html">BPF_PROG_RUN</a>
 */
final class EbpfRuns {
    /** One test per expression of the Ethernet corpus (core and encapsulations), grouped by kind. */
    static Stream<DynamicContainer> ethernetCorpus(Consumer<String> test) {
        return Stream.of(CorpusKind.CORE, CorpusKind.ENCAP).map(kind -> DynamicContainer.dynamicContainer(
                "EN10MB " + kind, TestPcaps.corpusLines(kind, "EN10MB").stream().map(line -> DynamicTest.dynamicTest(
                        "line " + line.line() + ": " + line.expression(), () -> test.accept(line.expression())))));
    }

    /** One test per expression of the raw-IP corpus. */
    static Stream<DynamicTest> rawIpCorpus(Consumer<String> test) {
        return TestPcaps.corpusLines(CorpusKind.CORE, "RAW").stream().map(line -> DynamicTest.dynamicTest(
                "RAW line " + line.line() + ": " + line.expression(), () -> test.accept(line.expression())));
    }

    static final int ETHERNET_HEADER = 14;
    /** The verifier's {@code MAX_PACKET_OFF}: direct packet access ends before this byte. */
    private static final int MAX_DIRECT_ACCESS = 0xffff;
    private static final int IPV4_HEADER = 20;
    private static final int IPV6_HEADER = 40;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86dd;

    private EbpfRuns() {}

    /** A generated program, loaded in the kernel and in the eBPF interpreter. */
    record Loaded(Target target, BpfProgram kernel, EbpfInterpreter interpreter) implements AutoCloseable {
        @Override
        public void close() {
            kernel.close();
        }
    }

    /** The kernel's program type for a generator target. */
    static BpfProgramType programType(Target target) {
        return switch (target) {
            case SOCKET -> BpfProgramType.SOCKET_FILTER;
            case TC -> BpfProgramType.SCHED_CLS;
            case XDP -> BpfProgramType.XDP;
        };
    }

    /** Loads {@code program} as a {@code target} program: the loaded program, or the verifier's message. */
    static BpfLoadResult load(Target target, Program program) {
        return BpfProgram.load(programType(target), "jfilter_test", program);
    }

    /** Wraps a loaded program with an interpreter of the same instructions. */
    static Loaded loaded(Target target, BpfLoadResult.Loaded loaded, Program program) {
        return new Loaded(target, loaded.program(), new EbpfInterpreter(program));
    }

    /**
     * The interpreter's r0 on {@code seen}, the bytes the program sees, with the packet metadata the kernel's test
     * run would give for {@code frame}; an {@link AssertionError} naming {@code what} when the interpreter fails.
     */
    static long interpret(Loaded program, byte[] frame, byte[] seen, String what) {
        byte[] header = frame.length >= ETHERNET_HEADER ? frame : Arrays.copyOf(frame, ETHERNET_HEADER);
        ProgramContext context = switch (program.target()) {
            case SOCKET -> new SocketFilterContext(SkbMetadata.testRun(header));
            case TC -> new TcContext(SkbMetadata.testRun(header));
            case XDP -> XdpContext.testRun();
        };
        try {
            return program.interpreter().run(seen, context);
        } catch (EbpfException e) {
            throw new AssertionError(program.target() + " '" + what + "' on " + Arrays.toString(seen)
                    + ": the eBPF interpreter fails: " + e.getMessage(), e);
        }
    }

    /** The kernel's r0 (unsigned) of a test run on {@code frame}; fails the test when the run fails. */
    static long testRun(Loaded program, byte[] frame) {
        BpfTestRun run = switch (program.kernel().testRun(frame)) {
            case KernelResult.Ok<BpfTestRun>(BpfTestRun r) -> r;
            case KernelResult.Failed<BpfTestRun>(var error) -> fail("test run of %s on %s: %s", program.target(),
                    Arrays.toString(frame), error.message());
        };
        return Integer.toUnsignedLong(run.retval());
    }

    /** Whether r0 keeps the packet: a socket filter's non-zero length, {@code TC_ACT_OK}, {@code XDP_PASS}. */
    static boolean matched(Target target, long r0) {
        return switch (target) {
            case SOCKET -> r0 != 0;
            case TC -> r0 == 0;
            case XDP -> r0 == 2;
        };
    }

    /** Whether a program of {@code target} cannot read all of {@code seen} by direct packet access. */
    static boolean pastDirectAccess(Target target, byte[] seen) {
        return target.directAccess() && seen.length > MAX_DIRECT_ACCESS;
    }

    /** Why {@code bpf_prog_test_run_skb} or {@code _xdp} would refuse this frame. */
    static Optional<String> notRunnable(byte[] frame, BpfProgramType type) {
        if (frame.length < ETHERNET_HEADER) {
            return Optional.of("shorter than an Ethernet header");
        }
        if (frame.length > type.maxTestRunBytes(4096)) {
            return Optional.of("longer than a test run takes");
        }
        if (type == BpfProgramType.XDP) {
            return Optional.empty();
        }
        int ethertype = ((frame[12] & 0xff) << 8) | (frame[13] & 0xff);
        if (ethertype == ETHERTYPE_IPV4 && frame.length < ETHERNET_HEADER + IPV4_HEADER
                || ethertype == ETHERTYPE_IPV6 && frame.length < ETHERNET_HEADER + IPV6_HEADER) {
            return Optional.of("an skb test run needs the whole IP header");
        }
        return Optional.empty();
    }

    /** A raw IP packet as the payload of an Ethernet frame, typed by its IP version. */
    static byte[] behindEthernet(byte[] ip) {
        byte[] frame = new byte[ETHERNET_HEADER + ip.length];
        int version = ip.length > 0 ? (ip[0] & 0xff) >> 4 : 0;
        int ethertype = version == 6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4;
        frame[12] = (byte) (ethertype >> 8);
        frame[13] = (byte) ethertype;
        System.arraycopy(ip, 0, frame, ETHERNET_HEADER, ip.length);
        return frame;
    }
}
