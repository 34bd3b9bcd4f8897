package dev.jfilter.runtime.differential;

import static org.assertj.core.api.Assertions.fail;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.Instruction;
import dev.jfilter.cbpf.lift.CfgLifter;
import dev.jfilter.cbpf.lift.LiftProblem;
import dev.jfilter.cbpf.lift.LiftResult;
import dev.jfilter.cbpf.validate.Problem;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.ebpf.gen.EbpfGenerator;
import dev.jfilter.ebpf.gen.GenerateOptions;
import dev.jfilter.ebpf.gen.Generation;
import dev.jfilter.ebpf.gen.Target;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.runtime.differential.EbpfRuns.Loaded;
import dev.jfilter.runtime.kernel.BpfAvailability;
import dev.jfilter.runtime.kernel.BpfLoadResult;
import dev.jfilter.runtime.kernel.KernelChecker;
import dev.jfilter.runtime.libpcap.CompileResult;
import dev.jfilter.runtime.libpcap.Libpcap;
import dev.jfilter.runtime.testing.TestPackets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --from-cbpf} against libpcap: the optimized program libpcap 1.10.3 compiles for every corpus expression on
 * Ethernet ({@code CORE} and {@code ENCAP}) is lifted into a graph ({@link CfgLifter}) and generated as a tc and an
 * XDP program (and a socket filter, run by the interpreter only, since a socket filter's test run starts at the
 * network header); the raw-IP corpus is generated as socket filters and test-run behind an Ethernet header, as
 * {@link EbpfCorpusTest} does. The kernel's verifier must load every program. On each packet of a subset of the test
 * packets, {@code BPF_PROG_TEST_RUN}'s verdict must be libpcap's own verdict ({@code bpf_filter} on its cBPF
 * program) and the eBPF interpreter's r0 the kernel's; on packets the kernel cannot test-run
 * ({@link EbpfRuns#notRunnable}) the interpreter's verdict must be libpcap's. tc and XDP programs read the packet
 * directly, up to byte 65,535: longer frames (BIG TCP captures) are counted, not compared, as in
 * {@link EbpfCorpusTest}.
 *
 * <p>The subset, to keep the suite's time modest beside {@link EbpfCorpusTest} (which runs every packet): every
 * {@value #STRIDE}th test packet of the link type, and every packet shorter than {@value #SHORT} bytes (where
 * bounds checks and truncated headers decide). It is the same for every expression.
 *
 * <p>libpcap programs the lifter refuses are those the kernel's classic checker refuses too: {@code protochain}'s
 * loop jumps backwards, and libpcap leaves {@code geneve} programs unoptimized, where scratch words are read on
 * paths the kernel's one-pass check does not see written. Each is confirmed with the running kernel
 * ({@link KernelChecker}, {@code SO_ATTACH_FILTER}) and counted. The lifter also refuses, and the suite counts,
 * libpcap's {@code mpls and geneve} programs: they read the bottom-of-stack bit with {@code ldb [x + -2]}, an
 * indirect load at a negative offset, which libpcap's {@code bpf_filter} fails (the packet is rejected) and the
 * kernel reads at X - 2 (what libpcap's code generator meant: the last label before the payload); the two
 * disagree, and the lifter does not pick one ({@link CfgLifter}).
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-filter.7.html">pcap-filter(7)</a>
 * @see <a href="https://docs.kernel.org/bpf/bpf_prog_run.html">BPF_PROG_RUN</a>
 */
class FromCbpfCorpusTest {
    @RegisterExtension
    static final Tally TALLY = new Tally("from-cbpf: libpcap's programs lifted to eBPF vs libpcap");

    /** One packet in {@value} of the test packets is run. */
    static final int STRIDE = 7;
    /** Packets shorter than this are all run. */
    static final int SHORT = 80;
    /** Why the kernel refuses some of libpcap's programs (see the class comment). */
    private static final Set<Problem.Kind> KERNEL_REFUSES = EnumSet.of(Problem.Kind.BACKWARD_JUMP,
            Problem.Kind.UNINITIALIZED_SCRATCH);

    @TestFactory
    Stream<DynamicContainer> ethernet() {
        return EbpfRuns.ethernetCorpus(FromCbpfCorpusTest::ethernet);
    }

    @TestFactory
    Stream<DynamicTest> rawIpSocketFilters() {
        return EbpfRuns.rawIpCorpus(FromCbpfCorpusTest::rawSocket);
    }

    private static void ethernet(String expression) {
        Lifted lifted = lift(LinkType.EN10MB, expression);
        if (lifted == null) {
            return;
        }
        List<Captures.Packet> packets = subset(LinkType.EN10MB);
        try (Loaded socket = load(lifted, Target.SOCKET)) {
            for (Captures.Packet p : packets) {
                byte[] frame = p.bytes();
                interpret(lifted, socket, frame, frame);
            }
        }
        for (Target target : List.of(Target.TC, Target.XDP)) {
            try (Loaded program = load(lifted, target)) {
                for (Captures.Packet p : packets) {
                    compare(lifted, program, p.bytes(), p.bytes());
                }
            }
        }
    }

    private static void rawSocket(String expression) {
        Lifted lifted = lift(LinkType.RAW, expression);
        if (lifted == null) {
            return;
        }
        try (Loaded program = load(lifted, Target.SOCKET)) {
            for (Captures.Packet p : subset(LinkType.RAW)) {
                compare(lifted, program, EbpfRuns.behindEthernet(p.bytes()), p.bytes());
            }
        }
    }

    /** The test packets of a link type this suite runs (see the class comment). */
    static List<Captures.Packet> subset(LinkType link) {
        List<Captures.Packet> all = TestPackets.of(link);
        List<Captures.Packet> chosen = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (i % STRIDE == 0 || all.get(i).bytes().length < SHORT) {
                chosen.add(all.get(i));
            }
        }
        TALLY.note("test packets run per expression", link + ": " + chosen.size() + " of " + all.size());
        return chosen;
    }

    /** An expression's optimized libpcap program and its graph. */
    private record Lifted(String expression, CbpfProgram libpcap, Cfg cfg) {}

    /** The lifted libpcap program, or null (counted) when libpcap rejects the expression or the kernel its program. */
    private static Lifted lift(LinkType link, String expression) {
        BpfAvailability.assumeLoadable();
        Outcomes.requireLibpcap();
        CompileResult compiled = Libpcap.compile(link, CompileOptions.DEFAULT_SNAPLEN, true,
                Libpcap.NETMASK_UNKNOWN, expression);
        if (!(compiled instanceof CompileResult.Compiled(CbpfProgram libpcap))) {
            TALLY.count("expressions libpcap 1.10.3 rejects (skipped)");
            return null;
        }
        TALLY.count("expressions (" + link + ")");
        return switch (CfgLifter.lift(libpcap)) {
            case LiftResult.Lifted l -> {
                TALLY.count("libpcap programs lifted (" + link + ")");
                yield new Lifted(expression, libpcap, l.cfg());
            }
            case LiftResult.Failed f -> {
                notLifted(expression, libpcap, f.problems());
                yield null;
            }
        };
    }

    /**
     * Checks that a program the lifter refuses is one the kernel refuses for a reason of {@link #KERNEL_REFUSES}, or
     * one with an indirect load at a negative offset, and counts it.
     */
    private static void notLifted(String expression, CbpfProgram libpcap, List<LiftProblem> problems) {
        if (problems.stream().allMatch(p -> negativeIndirectOffset(libpcap, p))) {
            TALLY.count("libpcap programs with indirect loads at negative offsets, not lifted");
            TALLY.note("libpcap programs with indirect loads at negative offsets (libpcap fails the load, the kernel"
                    + " reads before X)", expression + ": " + problems.stream().map(p -> "(" + p.index() + ") "
                    + libpcap.disassemble().get(p.index())).collect(Collectors.joining(", ")));
            return;
        }
        Set<Problem.Kind> kinds = EnumSet.noneOf(Problem.Kind.class);
        for (LiftProblem problem : problems) {
            if (!(problem instanceof LiftProblem.Rejected(Problem p, int line)) || !KERNEL_REFUSES.contains(p.kind())) {
                fail("libpcap's program for '%s' does not lift: %s", expression, problems);
                return;
            }
            kinds.add(p.kind());
        }
        Optional<String> kernel = KernelChecker.check(libpcap);
        if (kernel.isEmpty()) {
            fail("the lifter refuses libpcap's program for '%s' (%s) but the kernel loads it", expression, problems);
        }
        String reason = kinds.stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
        TALLY.count("libpcap programs the kernel's classic checker refuses, not lifted: " + reason);
        TALLY.note("libpcap programs the kernel refuses", expression + ": " + reason + " (kernel: " + kernel.get()
                + ")");
    }

    /** Whether the problem is an indirect load whose offset is negative as the kernel reads it. */
    private static boolean negativeIndirectOffset(CbpfProgram libpcap, LiftProblem problem) {
        return problem instanceof LiftProblem.Inexpressible(int index, int line, String message)
                && libpcap.disassemble().get(index) instanceof Instruction.LoadIndirect(var size, int offset)
                && offset < 0;
    }

    private static Loaded load(Lifted lifted, Target target) {
        Program program = switch (EbpfGenerator.generate(lifted.cfg(), GenerateOptions.of(target))) {
            case Generation.Generated g -> g.program();
            case Generation.Refused r -> fail("no %s program from libpcap's program for '%s': %s", target,
                    lifted.expression(), r.problems());
        };
        return switch (EbpfRuns.load(target, program)) {
            case BpfLoadResult.Loaded loaded -> {
                TALLY.count(target + " programs the verifier loads");
                TALLY.add(target + " instructions", program.insns().size());
                TALLY.add("libpcap cBPF instructions beside " + target, lifted.libpcap().size());
                yield EbpfRuns.loaded(target, loaded, program);
            }
            case BpfLoadResult.Rejected rejected -> fail("the verifier refuses the %s program lifted from libpcap's"
                    + " for '%s': %s", target, lifted.expression(), rejected.message());
        };
    }

    /**
     * Runs {@code frame} through the interpreter and, when it can, the kernel: the verdict must be libpcap's on
     * {@code seen}, the bytes the program sees, and both must return the same r0.
     */
    private static void compare(Lifted lifted, Loaded program, byte[] frame, byte[] seen) {
        if (EbpfRuns.pastDirectAccess(program.target(), seen)) {
            TALLY.count(program.target() + ": frames longer than 65,535 bytes, past direct packet access (not"
                    + " compared)");
            return;
        }
        long interpreted = interpret(lifted, program, frame, seen);
        Optional<String> notRunnable = EbpfRuns.notRunnable(frame, program.kernel().type());
        if (notRunnable.isPresent()) {
            TALLY.count("packets the kernel cannot test-run (the interpreter's verdict checked): " + notRunnable.get());
            return;
        }
        long kernel = EbpfRuns.testRun(program, frame);
        if (kernel != interpreted) {
            fail("%s '%s' on %s: the kernel returns %d, the eBPF interpreter %d", program.target(),
                    lifted.expression(), Arrays.toString(frame), kernel, interpreted);
        }
        TALLY.count(program.target() + " test runs agreeing with libpcap 1.10.3 and the interpreter");
    }

    /** The interpreter's r0, after checking its verdict against libpcap's program on {@code seen}. */
    private static long interpret(Lifted lifted, Loaded program, byte[] frame, byte[] seen) {
        long r0 = EbpfRuns.interpret(program, frame, seen, lifted.expression());
        boolean libpcap = Libpcap.filter(lifted.libpcap(), seen, seen.length, seen.length) != 0;
        if (EbpfRuns.matched(program.target(), r0) != libpcap) {
            fail("%s '%s' on %s: the eBPF interpreter returns %d, libpcap 1.10.3's program %s", program.target(),
                    lifted.expression(), Arrays.toString(seen), r0, libpcap ? "matches" : "does not match");
        }
        TALLY.count(program.target() + " interpreter runs agreeing with libpcap 1.10.3");
        return r0;
    }
}
