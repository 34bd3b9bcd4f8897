package dev.jfilter.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.AluReg;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.Insn;
import dev.jfilter.ebpf.insn.JumpOp;
import dev.jfilter.ebpf.insn.JumpReg;
import dev.jfilter.ebpf.insn.Label;
import dev.jfilter.ebpf.insn.LoadAbs;
import dev.jfilter.ebpf.insn.LoadMem;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.insn.Reg;
import dev.jfilter.ebpf.insn.Size;
import dev.jfilter.ebpf.insn.Width;
import dev.jfilter.runtime.kernel.netns.Frames;
import dev.jfilter.runtime.kernel.netns.HandPrograms;
import dev.jfilter.runtime.kernel.netns.PacketHook;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Programs and packets that are refused: by the verifier (the errno and the log line naming the reason), or before
 * the call (sizes and names the kernel would refuse), with the kernel's own answer checked at the size limits.
 */
class BpfRejectionTest {

    @BeforeEach
    void needsBpf() {
        BpfAvailability.assumeLoadable();
    }

    private static Insn mov(Reg dst, int imm) {
        return new AluImm(Width.W64, AluOp.MOV, dst, imm);
    }

    static Stream<Arguments> verifierRejections() {
        return Stream.of(
                Arguments.of("uninitialised r0", BpfProgramType.SOCKET_FILTER,
                        Program.of(new Exit()), "EACCES", "R0 !read_ok"),
                Arguments.of("packet read without bounds check", BpfProgramType.XDP,
                        Program.of(new LoadMem(Size.W, Reg.R2, Reg.R1, 0), new LoadMem(Size.B, Reg.R0, Reg.R2, 0),
                                new Exit()),
                        "EACCES", "R2 offset is outside of the packet"),
                Arguments.of("packet read past its bounds check", BpfProgramType.XDP, shortBoundsCheck(),
                        "EACCES", "R2 offset is outside of the packet"),
                Arguments.of("LD_ABS in XDP", BpfProgramType.XDP,
                        Program.of(new AluReg(Width.W64, AluOp.MOV, Reg.R6, Reg.R1), new LoadAbs(Size.B, 0),
                                new Exit()),
                        "EINVAL", "BPF_LD_[ABS|IND] instructions not allowed for this program type"),
                Arguments.of("socket filter reading __sk_buff.data", BpfProgramType.SOCKET_FILTER,
                        Program.of(new LoadMem(Size.W, Reg.R0, Reg.R1, 76), new Exit()),
                        "EACCES", "invalid bpf_context access off=76"),
                Arguments.of("dead code", BpfProgramType.SOCKET_FILTER,
                        Program.of(mov(Reg.R0, 0), new Exit(), mov(Reg.R0, 1), new Exit()),
                        "EINVAL", "unreachable insn 2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verifierRejections")
    void verifierNamesTheReason(String what, BpfProgramType type, Program program, String errno, String reason) {
        BpfLoadResult result = BpfProgram.load(type, "jfilter_bad", program);
        assertThat(result).isInstanceOfSatisfying(BpfLoadResult.Rejected.class, rejected -> {
            assertThat(rejected.error().errno()).hasValueSatisfying(e -> assertThat(e.name()).isEqualTo(errno));
            assertThat(rejected.reason()).startsWith(reason);
            assertThat(rejected.message()).startsWith("bpf(BPF_PROG_LOAD): " + errno + ": ").contains(reason);
        });
    }

    /** Checks that one byte is there, then reads four. */
    private static Program shortBoundsCheck() {
        Label out = new Label("out");
        return Program.builder()
                .add(mov(Reg.R0, 0),
                        new LoadMem(Size.W, Reg.R2, Reg.R1, 0),
                        new LoadMem(Size.W, Reg.R3, Reg.R1, 4),
                        new AluReg(Width.W64, AluOp.MOV, Reg.R4, Reg.R2),
                        new AluImm(Width.W64, AluOp.ADD, Reg.R4, 1),
                        new JumpReg(Width.W64, JumpOp.JGT, Reg.R4, Reg.R3, out),
                        new LoadMem(Size.W, Reg.R0, Reg.R2, 0))
                .bind(out)
                .add(new Exit())
                .build();
    }

    private static BpfProgram passing(BpfProgramType type) {
        PacketHook hook = type == BpfProgramType.XDP ? PacketHook.XDP : PacketHook.TC;
        Program program = type == BpfProgramType.SOCKET_FILTER
                ? Program.of(mov(Reg.R0, 0xffff), new Exit())
                : HandPrograms.dropUdpToPort(hook, 9);
        return BpfProgram.load(type, "jfilter_size", program).orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(value = BpfProgramType.class, names = {"SOCKET_FILTER", "SCHED_CLS", "XDP"})
    void packetSizesAreCheckedBeforeTheCallAndTheKernelAgreesAtTheLimits(BpfProgramType type) {
        int max = type.maxTestRunBytes(BpfSyscall.pageSize());
        try (BpfProgram program = passing(type)) {
            for (int length : new int[] {0, 13, max + 1, 65536}) {
                KernelResult<BpfTestRun> refused = program.testRun(new byte[length]);
                assertThat(refused).isInstanceOfSatisfying(KernelResult.Failed.class, failed -> {
                    assertThat(failed.error().errno()).isEmpty();
                    assertThat(failed.error().reason()).contains("the packet has " + length + " bytes");
                });
            }
            assertThat(program.testRun(Arrays.copyOf(Frames.udp(9, 0), max))).isInstanceOf(KernelResult.Ok.class);
            assertThat(program.testRun(new byte[14])).isInstanceOf(KernelResult.Ok.class);
            if (type != BpfProgramType.XDP) {
                for (int length : new int[] {13, max + 1}) {
                    KernelResult<BpfTestRun> refused = program.testRunUnchecked(new byte[length], 1, false);
                    assertThat(refused).as("%d bytes", length).isInstanceOfSatisfying(KernelResult.Failed.class,
                            failed -> assertThat(failed.error().errno())
                                    .hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("EINVAL")));
                }
            }
        }
    }

    /**
     * Why longer XDP frames are refused although the kernel takes them: it puts what does not fit in the linear
     * part into fragments, which a program loaded without {@code BPF_F_XDP_HAS_FRAGS} cannot see ({@code data_end}
     * stops at the linear part).
     */
    @Test
    void xdpProgramSeesLongFramesCutAtTheLinearPart() {
        Program linearLength = Program.of(
                new LoadMem(Size.W, Reg.R2, Reg.R1, 0),
                new LoadMem(Size.W, Reg.R0, Reg.R1, 4),
                new AluReg(Width.W64, AluOp.SUB, Reg.R0, Reg.R2),
                new Exit());
        int max = BpfProgramType.XDP.maxTestRunBytes(BpfSyscall.pageSize());
        try (BpfProgram program = BpfProgram.load(BpfProgramType.XDP, "jfilter_len", linearLength).orElseThrow()) {
            assertThat(program.testRun(new byte[max]).orElseThrow().retval()).isEqualTo(max);
            assertThat(program.testRunUnchecked(new byte[max + 100], 1, false).orElseThrow().retval())
                    .isEqualTo(max);
        }
    }

    @Test
    void repeatAndClosedProgramAreRefusedBeforeTheCall() {
        BpfProgram program = passing(BpfProgramType.XDP);
        assertThat(program.testRun(Frames.arp(), 0, false)).isInstanceOfSatisfying(KernelResult.Failed.class,
                failed -> assertThat(failed.error().message())
                        .isEqualTo("bpf(BPF_PROG_TEST_RUN): repeat must be at least 1: 0"));
        program.close();
        assertThat(program.fd()).isEqualTo(-1);
        program.close();
        assertThat(program.testRun(Frames.arp())).isInstanceOfSatisfying(KernelResult.Failed.class,
                failed -> assertThat(failed.error().reason()).isEqualTo("the program is closed"));
        assertThat(program.info()).isInstanceOfSatisfying(KernelResult.Failed.class,
                failed -> assertThat(failed.error().reason()).isEqualTo("the program is closed"));
    }
}
