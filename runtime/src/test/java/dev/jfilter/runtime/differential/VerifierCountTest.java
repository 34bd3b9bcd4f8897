package dev.jfilter.runtime.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.ebpf.gen.EbpfGenerator;
import dev.jfilter.ebpf.gen.GenerateOptions;
import dev.jfilter.ebpf.gen.Generation;
import dev.jfilter.ebpf.gen.Target;
import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.AluReg;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.Ja;
import dev.jfilter.ebpf.insn.JumpImm;
import dev.jfilter.ebpf.insn.JumpOp;
import dev.jfilter.ebpf.insn.JumpReg;
import dev.jfilter.ebpf.insn.Label;
import dev.jfilter.ebpf.insn.LoadMem;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.insn.Reg;
import dev.jfilter.ebpf.insn.Size;
import dev.jfilter.ebpf.insn.StoreImm;
import dev.jfilter.ebpf.insn.Width;
import dev.jfilter.ebpf.verifier.Exploration;
import dev.jfilter.ebpf.verifier.ProgramType;
import dev.jfilter.ebpf.verifier.VerifierModel;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.runtime.JFilter;
import dev.jfilter.runtime.kernel.BpfAvailability;
import dev.jfilter.runtime.kernel.BpfLoadResult;
import dev.jfilter.runtime.kernel.BpfProgramInfo;
import dev.jfilter.runtime.kernel.KernelResult;
import dev.jfilter.testpcaps.CorpusKind;
import dev.jfilter.testpcaps.TestPcaps;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link VerifierModel} against the kernel's own walk: for every program jfilter generates from the corpus (EN10MB
 * core, encapsulations and vxlan as socket, tc and XDP programs; RAW as socket and tc programs), the instructions the
 * model expects the verifier to process against the {@code verified_insns} the kernel reports after loading it; and
 * programs built to reach each of the verifier's two limits, which the model must foresee as the kernel refuses them.
 */
class VerifierCountTest {
    /** Share of corpus programs whose count must be the kernel's exactly. */
    private static final double EXACT_SHARE = 0.99;
    /** How far any other count may stray from the kernel's. */
    private static final double TOLERANCE = 0.15;

    private record Mismatch(String what, long model, long kernel) {
        double ratio() {
            return (double) model / kernel;
        }
    }

    @Test
    void corpusProgramsCountAsTheKernelCounts() {
        BpfAvailability.assumeLoadable();
        var mismatches = new ArrayList<Mismatch>();
        int programs = 0;
        for (CorpusKind kind : CorpusKind.values()) {
            for (var line : TestPcaps.corpusLines(kind, "EN10MB")) {
                programs += compare(LinkType.EN10MB, line.expression(), List.of(Target.values()), mismatches);
            }
        }
        for (var line : TestPcaps.corpusLines(CorpusKind.CORE, "RAW")) {
            programs += compare(LinkType.RAW, line.expression(), List.of(Target.SOCKET, Target.TC), mismatches);
        }
        System.out.printf("verifier model: %d programs, %d counted as the kernel counts; differing:%n", programs,
                programs - mismatches.size());
        mismatches.forEach(m -> System.out.printf("  %-70s model %6d kernel %6d (%.3f)%n", m.what(), m.model(),
                m.kernel(), m.ratio()));
        assertThat(programs).as("programs compared").isGreaterThan(2000);
        assertThat(programs - mismatches.size()).as("programs counted exactly")
                .isGreaterThanOrEqualTo((int) Math.ceil(programs * EXACT_SHARE));
        assertThat(mismatches).allSatisfy(m -> assertThat(m.ratio()).as(m.what())
                .isBetween(1 - TOLERANCE, 1 + TOLERANCE));
    }

    private static int compare(LinkType link, String expression, List<Target> targets, List<Mismatch> mismatches) {
        var compiled = JFilter.compile(expression, CompileOptions.of(link));
        if (!(compiled instanceof dev.jfilter.frontend.Result.Ok<dev.jfilter.runtime.CompiledFilter>(var filter))) {
            return 0;
        }
        int n = 0;
        for (Target target : targets) {
            if (!(EbpfGenerator.generate(filter.cfg(), GenerateOptions.of(target))
                    instanceof Generation.Generated(Program program, long steps))) {
                continue;
            }
            long kernel = kernelCount(target, program);
            n++;
            if (kernel != steps) {
                mismatches.add(new Mismatch(target + " " + link + " '" + expression + "'", steps, kernel));
            }
        }
        return n;
    }

    private static long kernelCount(Target target, Program program) {
        return switch (EbpfRuns.load(target, program)) {
            case BpfLoadResult.Loaded loaded -> {
                try (var p = loaded.program()) {
                    yield switch (p.info()) {
                        case KernelResult.Ok<BpfProgramInfo>(var info) -> info.verifiedInsns().orElseThrow();
                        case KernelResult.Failed<BpfProgramInfo> failed ->
                                throw new AssertionError("no program info: " + failed.error());
                    };
                }
            }
            case BpfLoadResult.Rejected rejected -> throw new AssertionError("the kernel refuses " + target + ": "
                    + rejected.message());
        };
    }

    /** {@code n} comparisons of one unknown value, each jumping to the same exit: every one leaves a branch waiting. */
    private static Program alternatives(int n) {
        var accept = new Label("accept");
        var b = Program.builder().add(new LoadMem(Size.W, Reg.R0, Reg.R1, 12));
        IntStream.range(0, n).forEach(i -> b.add(new JumpImm(Width.W32, JumpOp.JEQ, Reg.R0, 1000 + i, accept)));
        return b.add(new AluImm(Width.W32, AluOp.MOV, Reg.R0, 1), new Exit())
                .bind(accept).add(new AluImm(Width.W32, AluOp.MOV, Reg.R0, 2), new Exit()).build();
    }

    @ParameterizedTest(name = "{0} alternatives")
    @ValueSource(ints = {100, 8191, 8192})
    void alternativesWithinThePendingLimitCountAsTheKernelCounts(int n) {
        BpfAvailability.assumeLoadable();
        var program = alternatives(n);
        var model = VerifierModel.explore(program, ProgramType.XDP);
        assertThat(model).isInstanceOf(Exploration.Completed.class);
        assertThat(model.processed()).isEqualTo(kernelCount(Target.XDP, program));
    }

    @Test
    void alternativesPastThePendingLimitAreRefusedByBoth() {
        BpfAvailability.assumeLoadable();
        var program = alternatives(8193);
        assertThat(VerifierModel.explore(program, ProgramType.XDP))
                .isInstanceOf(Exploration.TooManyPendingBranches.class);
        assertThat(EbpfRuns.load(Target.XDP, program)).isInstanceOfSatisfying(BpfLoadResult.Rejected.class,
                r -> assertThat(r.verifierLog()).contains("The sequence of 8193 jumps is too complex"));
    }

    /**
     * {@code bits} bytes of the packet, each tested and recorded in its own stack slot as a constant 0 or 1, then
     * summed and compared with a value the sum cannot reach: the comparison is settled on every path, which makes
     * every slot precise, so no two of the 2^bits paths can be pruned into one.
     */
    private static Program recordedBits(int bits) {
        var drop = new Label("drop");
        var b = Program.builder().add(new LoadMem(Size.W, Reg.R2, Reg.R1, 0), new LoadMem(Size.W, Reg.R3, Reg.R1, 4),
                new AluReg(Width.W64, AluOp.MOV, Reg.R4, Reg.R2), new AluImm(Width.W64, AluOp.ADD, Reg.R4, bits),
                new JumpReg(Width.W64, JumpOp.JGT, Reg.R4, Reg.R3, drop));
        for (int i = 0; i < bits; i++) {
            var one = new Label("one" + i);
            var next = new Label("next" + i);
            int slot = -8 * (i + 1);
            b.add(new LoadMem(Size.B, Reg.R0, Reg.R2, i), new JumpImm(Width.W32, JumpOp.JSET, Reg.R0, 1, one),
                    new StoreImm(Size.DW, Reg.R10, slot, 0), new Ja(next))
                    .bind(one).add(new StoreImm(Size.DW, Reg.R10, slot, 1))
                    .bind(next);
        }
        b.add(new AluImm(Width.W64, AluOp.MOV, Reg.R0, 0));
        for (int i = 0; i < bits; i++) {
            b.add(new LoadMem(Size.DW, Reg.R5, Reg.R10, -8 * (i + 1)), new AluReg(Width.W64, AluOp.ADD, Reg.R0, Reg.R5));
        }
        return b.add(new JumpImm(Width.W64, JumpOp.JEQ, Reg.R0, bits + 1, drop),
                        new AluImm(Width.W32, AluOp.MOV, Reg.R0, 2), new Exit())
                .bind(drop).add(new AluImm(Width.W32, AluOp.MOV, Reg.R0, 1), new Exit()).build();
    }

    @ParameterizedTest(name = "{0} recorded bits")
    @ValueSource(ints = {1, 4, 8, 12})
    void pathsThatCannotBePrunedCountAsTheKernelCounts(int bits) {
        BpfAvailability.assumeLoadable();
        var program = recordedBits(bits);
        var model = VerifierModel.explore(program, ProgramType.XDP);
        assertThat(model).isInstanceOf(Exploration.Completed.class);
        assertThat(model.processed()).isEqualTo(kernelCount(Target.XDP, program));
    }

    @Test
    void pathsPastTheInstructionLimitAreRefusedByBoth() {
        BpfAvailability.assumeLoadable();
        var program = recordedBits(20);
        assertThat(VerifierModel.explore(program, ProgramType.XDP))
                .isInstanceOf(Exploration.TooManyInstructions.class);
        assertThat(EbpfRuns.load(Target.XDP, program)).isInstanceOfSatisfying(BpfLoadResult.Rejected.class,
                r -> assertThat(r.verifierLog()).contains("BPF program is too large. Processed 1000001 insn"));
    }
}
