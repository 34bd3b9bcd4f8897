package dev.jfilter.bench;

import dev.jfilter.ebpf.encode.Assembler;
import dev.jfilter.ebpf.gen.Target;
import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.insn.Reg;
import dev.jfilter.ebpf.insn.Width;
import dev.jfilter.ebpf.listing.Disassembler;
import dev.jfilter.runtime.kernel.BpfLoadResult;
import dev.jfilter.runtime.kernel.BpfProgram;
import dev.jfilter.runtime.kernel.BpfProgramInfo;
import dev.jfilter.runtime.kernel.BpfProgramType;
import dev.jfilter.runtime.kernel.BpfTestRun;
import dev.jfilter.runtime.kernel.KernelResult;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Per-packet cost in the kernel of jfilter's eBPF against the eBPF that the same generator makes from libpcap's
 * program ({@code --from-cbpf}), for socket filters, tc classifiers and XDP programs, with the instruction counts of
 * every program and the number of instructions the verifier processed. See BENCHMARKS.md, section "eBPF (issue 6)".
 *
 * <p>For each typical filter of {@link BenchFilters} and each program type ({@link EbpfCase}), both programs are
 * loaded ({@code BPF_PROG_LOAD}) and:
 *
 * <ol>
 *   <li>run once on each of the {@value BenchPackets#COUNT} frames of {@link BenchPackets}
 *       ({@code BPF_PROG_TEST_RUN}): both must return the same value on every frame, and keep exactly the frames
 *       jfilter's cBPF program accepts (of the bytes the program type sees); the run stops with exit status 1
 *       otherwise;
 *   <li>timed: {@code BPF_PROG_TEST_RUN} with {@code repeat} runs on every {@code stride}-th frame, the kernel's
 *       {@code duration} (the mean time of one run, in whole nanoseconds) averaged over those frames; the two
 *       programs alternate frame by frame (which goes first alternates too), and the whole is repeated
 *       {@code rounds} times, so that drift hits both alike. By default every 32nd frame (64 frames), repeat
 *       100,000, 5 rounds. The table gives the medians over rounds and the median
 *       of the per-round ratios, with their range.
 * </ol>
 *
 * <p>The empty program of each type ({@code r0 = 0; exit}) is timed the same way in each round: the cost of the
 * test-run loop itself, which the "net" ratio takes off both.
 *
 * <p>Usage: {@code EbpfBenchmark [--repeat N] [--rounds N] [--stride N] [--out DIR]} (needs CAP_BPF and
 * CAP_NET_ADMIN, or root, and tcpdump). The Markdown tables go to standard output, progress to standard error, and
 * into {@code DIR} (default {@code target/ebpf-bench}): {@code rounds.csv} (every round's means), and for each case
 * libpcap's {@code -ddd} listing and both eBPF listings ({@link Disassembler#listing(Program)}).
 *
 * @see <a href="https://docs.kernel.org/bpf/bpf_prog_run.html">BPF_PROG_RUN (BPF_PROG_TEST_RUN)</a>
 * @see <a href="https://github.com/torvalds/linux/blob/master/net/bpf/test_run.c">net/bpf/test_run.c</a>
 */
public final class EbpfBenchmark {
    private EbpfBenchmark() {}

    /** The command-line options. */
    record Options(int repeat, int rounds, int stride, Path out) {
        static Options parse(String[] args) {
            int repeat = 100_000;
            int rounds = 5;
            int stride = 32;
            Path out = Path.of("target", "ebpf-bench");
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--repeat" -> repeat = positive(args[i], value);
                    case "--rounds" -> rounds = positive(args[i], value);
                    case "--stride" -> stride = positive(args[i], value);
                    case "--out" -> out = Path.of(required(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; usage: EbpfBenchmark [--repeat N] [--rounds N] [--stride N] [--out DIR]");
                }
                i++;
            }
            return new Options(repeat, rounds, stride, out);
        }

        private static String required(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        private static int positive(String option, String value) {
            int n = Integer.parseInt(required(option, value));
            if (n <= 0) {
                throw new IllegalArgumentException(option + " must be positive: " + n);
            }
            return n;
        }
    }

    /** The name of the generated filter of 100 {@code host} terms. */
    static final String HOSTS_100 = "hosts-100";

    /**
     * The filters, by name: the typical ones of {@link BenchFilters}, and {@value #HOSTS_100}, the first 100 hosts of
     * {@link BenchFilters#HOSTS_1000} (a few of which the packets carry), where libpcap's program is a chain of
     * tests and jfilter's a search tree. {@code hosts-1000} itself is left out: libpcap takes about a minute to
     * compile it, and its 5759-instruction program is over the kernel's 4096-instruction limit for classic BPF, so
     * it cannot be lifted.
     */
    static Map<String, String> filters() {
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : BenchFilters.typicalNames()) {
            filters.put(name, BenchFilters.expression(name));
        }
        filters.put(HOSTS_100, BenchFilters.hosts(100));
        return filters;
    }

    /** A case with both programs in the kernel. */
    record Loaded(EbpfCase c, BpfProgram jfilter, BpfProgram fromCbpf, int jfilterVerified, int fromCbpfVerified)
            implements AutoCloseable {
        @Override
        public void close() {
            jfilter.close();
            fromCbpf.close();
        }
    }

    /** What the sanity pass found for one case. */
    record Verdicts(int runs, int matches, int sampleMatches) {}

    public static void main(String[] args) throws IOException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("EbpfBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        Optional<String> unavailable = BpfProgram.unavailableReason();
        if (unavailable.isPresent()) {
            System.err.println("EbpfBenchmark: bpf(2) is unavailable: " + unavailable.get());
            System.exit(2);
        }
        System.exit(run(options));
    }

    private static int run(Options options) throws IOException {
        PacketSet packets = PacketSet.load(Arena.global(), BenchPackets.pcap());
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            frames.add(packets.packet(i));
        }
        List<Integer> sample = new ArrayList<>();
        for (int i = 0; i < frames.size(); i += options.stride()) {
            sample.add(i);
        }

        List<EbpfCase> cases = new ArrayList<>();
        List<EbpfCase.Prepared.Skipped> skipped = new ArrayList<>();
        for (Map.Entry<String, String> filter : filters().entrySet()) {
            for (Target target : Target.values()) {
                switch (EbpfCase.prepare(filter.getKey(), filter.getValue(), target)) {
                    case EbpfCase.Prepared.Ready r -> cases.add(r.c());
                    case EbpfCase.Prepared.Skipped s -> skipped.add(s);
                }
            }
        }
        Path listings = options.out().resolve("listings");
        Files.createDirectories(listings);
        List<Loaded> loaded = new ArrayList<>();
        Map<Target, BpfProgram> empty = new EnumMap<>(Target.class);
        try {
            for (EbpfCase c : cases) {
                String base = c.name() + "." + c.target().programSection().sectionName();
                Files.writeString(listings.resolve(base + ".libpcap.ddd"), c.libpcap().ddd());
                Files.writeString(listings.resolve(base + ".jfilter.txt"), Disassembler.listing(c.jfilter()));
                Files.writeString(listings.resolve(base + ".from-cbpf.txt"), Disassembler.listing(c.fromCbpf()));
                BpfProgram a = load(c, "jf_" + c.target().programSection().sectionName(), c.jfilter());
                BpfProgram b = load(c, "cbpf_" + c.target().programSection().sectionName(), c.fromCbpf());
                loaded.add(new Loaded(c, a, b, verified(a), verified(b)));
            }
            for (Target target : Target.values()) {
                Program zero = Program.of(new AluImm(Width.W64, AluOp.MOV, Reg.R0, 0), new Exit());
                empty.put(target, BpfProgram.load(EbpfCase.programType(target), "empty", zero).orElseThrow());
            }
            System.err.printf(Locale.ROOT, "%d cases loaded (%d skipped); checking verdicts on %d frames...%n",
                    loaded.size(), skipped.size(), frames.size());
            List<Verdicts> verdicts = new ArrayList<>();
            List<String> disagreements = new ArrayList<>();
            for (Loaded l : loaded) {
                verdicts.add(checkVerdicts(l, frames, sample, disagreements));
            }
            if (!disagreements.isEmpty()) {
                System.err.println("EbpfBenchmark: FAILED: the programs disagree:");
                disagreements.stream().limit(40).forEach(d -> System.err.println("  " + d));
                System.err.println("  (" + disagreements.size() + " disagreements in all)");
                return 1;
            }
            Timings timings = time(loaded, empty, frames, sample, options);
            Files.writeString(options.out().resolve("rounds.csv"), timings.csv(loaded));
            System.out.print(EbpfTable.markdown(loaded, verdicts, skipped, timings, options, sample.size(),
                    frames.size()));
            return 0;
        } finally {
            loaded.forEach(Loaded::close);
            empty.values().forEach(BpfProgram::close);
        }
    }

    private static BpfProgram load(EbpfCase c, String name, Program program) {
        return switch (BpfProgram.load(EbpfCase.programType(c.target()), name, program)) {
            case BpfLoadResult.Loaded l -> l.program();
            case BpfLoadResult.Rejected r -> throw new IllegalStateException("the verifier refuses " + name + " for "
                    + c.name() + ": " + r.message());
        };
    }

    private static int verified(BpfProgram program) {
        BpfProgramInfo info = program.info().orElseThrow();
        return info.verifiedInsns().orElse(-1);
    }

    /** The number of 8-byte instruction slots of {@code program} (a 64-bit immediate load takes two). */
    static int slots(Program program) {
        return Assembler.assemble(program).length / 8;
    }

    /** The bytes a program of {@code target} sees of {@code frame} in a test run. */
    static byte[] seen(Target target, byte[] frame) {
        return switch (target) {
            case SOCKET -> Arrays.copyOfRange(frame, 14, frame.length);
            case TC, XDP -> frame;
        };
    }

    private static Verdicts checkVerdicts(Loaded l, List<byte[]> frames, List<Integer> sample,
            List<String> disagreements) {
        EbpfCase c = l.c();
        int matches = 0;
        int sampleMatches = 0;
        boolean[] inSample = new boolean[frames.size()];
        sample.forEach(i -> inSample[i] = true);
        for (int i = 0; i < frames.size(); i++) {
            byte[] frame = frames.get(i);
            int a = once(l.jfilter(), frame);
            int b = once(l.fromCbpf(), frame);
            byte[] seen = seen(c.target(), frame);
            boolean reference = c.compiled().apply(seen, seen.length, seen.length) != 0;
            String where = c.name() + " " + c.target().programSection().sectionName() + " frame " + i;
            if (a != b) {
                disagreements.add(where + ": jfilter's eBPF returns " + Integer.toUnsignedString(a)
                        + ", the eBPF from libpcap's program " + Integer.toUnsignedString(b));
            }
            if (EbpfCase.matched(c.target(), a) != reference) {
                disagreements.add(where + ": jfilter's eBPF returns " + Integer.toUnsignedString(a)
                        + " but jfilter's cBPF " + (reference ? "accepts" : "rejects") + " the packet");
            }
            if (EbpfCase.matched(c.target(), a)) {
                matches++;
                if (inSample[i]) {
                    sampleMatches++;
                }
            }
        }
        return new Verdicts(frames.size(), matches, sampleMatches);
    }

    private static int once(BpfProgram program, byte[] frame) {
        return run(program, frame, 1).retval();
    }

    private static BpfTestRun run(BpfProgram program, byte[] frame, int repeat) {
        return switch (program.testRun(frame, repeat, false)) {
            case KernelResult.Ok<BpfTestRun>(BpfTestRun r) -> r;
            case KernelResult.Failed<BpfTestRun>(var error) -> throw new IllegalStateException("test run of "
                    + program.name() + " (" + program.type() + ") on a " + frame.length + "-byte frame: "
                    + error.message());
        };
    }

    /**
     * Mean nanoseconds per run, per round: {@code jfilter[case][round]}, {@code fromCbpf[case][round]} and
     * {@code empty[target][round]}.
     */
    record Timings(double[][] jfilter, double[][] fromCbpf, Map<Target, double[]> empty) {
        String csv(List<Loaded> loaded) {
            StringBuilder sb = new StringBuilder("round,filter,type,program,mean_ns\n");
            for (int r = 0; r < jfilter[0].length; r++) {
                for (int k = 0; k < loaded.size(); k++) {
                    EbpfCase c = loaded.get(k).c();
                    sb.append(String.format(Locale.ROOT, "%d,%s,%s,jfilter,%.3f%n", r, c.name(),
                            c.target().programSection().sectionName(), jfilter[k][r]));
                    sb.append(String.format(Locale.ROOT, "%d,%s,%s,from-cbpf,%.3f%n", r, c.name(),
                            c.target().programSection().sectionName(), fromCbpf[k][r]));
                }
                for (Map.Entry<Target, double[]> e : empty.entrySet()) {
                    sb.append(String.format(Locale.ROOT, "%d,empty,%s,empty,%.3f%n", r, e.getKey().programSection().sectionName(),
                            e.getValue()[r]));
                }
            }
            return sb.toString();
        }
    }

    private static Timings time(List<Loaded> loaded, Map<Target, BpfProgram> empty, List<byte[]> frames,
            List<Integer> sample, Options options) {
        int rounds = options.rounds();
        double[][] a = new double[loaded.size()][rounds];
        double[][] b = new double[loaded.size()][rounds];
        Map<Target, double[]> e = new EnumMap<>(Target.class);
        empty.keySet().forEach(t -> e.put(t, new double[rounds]));
        // A warm-up, not recorded: each program once with the full repeat (an XDP test run with a repeat costs some
        // 30 ms of set-up whatever the repeat, so the warm-up does not run the whole sample).
        for (Loaded l : loaded) {
            run(l.jfilter(), frames.get(sample.getFirst()), options.repeat());
            run(l.fromCbpf(), frames.get(sample.getFirst()), options.repeat());
        }
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            for (Map.Entry<Target, BpfProgram> z : empty.entrySet()) {
                e.get(z.getKey())[r] = mean(z.getValue(), frames, sample, options.repeat());
            }
            for (int k = 0; k < loaded.size(); k++) {
                Loaded l = loaded.get(k);
                long sumA = 0;
                long sumB = 0;
                for (int s = 0; s < sample.size(); s++) {
                    byte[] frame = frames.get(sample.get(s));
                    if ((s + r) % 2 == 0) {
                        sumA += run(l.jfilter(), frame, options.repeat()).nanosPerRun();
                        sumB += run(l.fromCbpf(), frame, options.repeat()).nanosPerRun();
                    } else {
                        sumB += run(l.fromCbpf(), frame, options.repeat()).nanosPerRun();
                        sumA += run(l.jfilter(), frame, options.repeat()).nanosPerRun();
                    }
                }
                a[k][r] = (double) sumA / sample.size();
                b[k][r] = (double) sumB / sample.size();
            }
            System.err.printf(Locale.ROOT, "round %d/%d: %.1f s%n", r + 1, rounds,
                    (System.nanoTime() - start) / 1e9);
        }
        return new Timings(a, b, e);
    }

    private static double mean(BpfProgram program, List<byte[]> frames, List<Integer> sample, int repeat) {
        long sum = 0;
        for (int i : sample) {
            sum += run(program, frames.get(i), repeat).nanosPerRun();
        }
        return (double) sum / sample.size();
    }
}
