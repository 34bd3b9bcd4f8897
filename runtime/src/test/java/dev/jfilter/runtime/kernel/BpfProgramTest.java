package dev.jfilter.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.ebpf.encode.Assembler;
import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.AluReg;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.Insn;
import dev.jfilter.ebpf.insn.LoadAbs;
import dev.jfilter.ebpf.insn.LoadMem;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.insn.Reg;
import dev.jfilter.ebpf.insn.Size;
import dev.jfilter.ebpf.insn.Width;
import dev.jfilter.runtime.kernel.netns.Frames;
import dev.jfilter.runtime.kernel.netns.HandPrograms;
import dev.jfilter.runtime.kernel.netns.PacketHook;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Loads hand-assembled eBPF programs with bpf(2) and runs them on crafted packets with BPF_PROG_TEST_RUN. */
class BpfProgramTest {
    private static final int DROPPED_PORT = 5353;

    @BeforeEach
    void needsBpf() {
        BpfAvailability.assumeLoadable();
    }

    private static Insn mov(Reg dst, int imm) {
        return new AluImm(Width.W64, AluOp.MOV, dst, imm);
    }

    private static BpfTestRun run(BpfProgramType type, Program program, byte[] packet) {
        try (BpfProgram loaded = BpfProgram.load(type, "jfilter_test", program).orElseThrow()) {
            return loaded.testRun(packet).orElseThrow();
        }
    }

    static Stream<Arguments> constantPrograms() {
        return Stream.of(
                Arguments.of(BpfProgramType.SOCKET_FILTER, 0xffff),
                Arguments.of(BpfProgramType.SOCKET_FILTER, 0),
                Arguments.of(BpfProgramType.SCHED_CLS, 2),
                Arguments.of(BpfProgramType.XDP, 1),
                Arguments.of(BpfProgramType.XDP, 2));
    }

    @ParameterizedTest(name = "{0} returning {1}")
    @MethodSource("constantPrograms")
    void constantProgramReturnsItsConstant(BpfProgramType type, int value) {
        BpfTestRun result = run(type, Program.of(mov(Reg.R0, value), new Exit()), Frames.udp(53, 10));
        assertThat(result.retval()).isEqualTo(value);
        assertThat(result.repeat()).isEqualTo(1);
        assertThat(result.dataOut()).isEmpty();
    }

    /** LD_ABS needs the context in R6. */
    private static Program loadAbs(Size size, int offset) {
        return Program.of(new AluReg(Width.W64, AluOp.MOV, Reg.R6, Reg.R1), new LoadAbs(size, offset), new Exit());
    }

    static Stream<Arguments> packetLoads() {
        return Stream.of(
                // A socket filter sees the packet from the IPv4 header on.
                Arguments.of(BpfProgramType.SOCKET_FILTER, Size.B, 0, 0x45),
                Arguments.of(BpfProgramType.SOCKET_FILTER, Size.B, 9, 17),
                Arguments.of(BpfProgramType.SOCKET_FILTER, Size.H, 22, 53),
                Arguments.of(BpfProgramType.SOCKET_FILTER, Size.W, 16, 0x0a000002),
                // tc sees the Ethernet header.
                Arguments.of(BpfProgramType.SCHED_CLS, Size.H, 12, 0x0800),
                Arguments.of(BpfProgramType.SCHED_CLS, Size.B, 14, 0x45),
                Arguments.of(BpfProgramType.SCHED_CLS, Size.H, 36, 53),
                // Out of bounds: the program returns 0.
                Arguments.of(BpfProgramType.SOCKET_FILTER, Size.B, 1000, 0),
                Arguments.of(BpfProgramType.SCHED_CLS, Size.W, 48, 0));
    }

    @ParameterizedTest(name = "{0} ld{1} [{2}] = {3}")
    @MethodSource("packetLoads")
    void legacyPacketLoadsSeeTheLayerOfTheirHook(BpfProgramType type, Size size, int offset, int expected) {
        assertThat(run(type, loadAbs(size, offset), Frames.udp(53, 4)).retval()).isEqualTo(expected);
    }

    static Stream<Arguments> udpDrops() {
        List<Arguments> cases = new ArrayList<>();
        for (PacketHook hook : PacketHook.values()) {
            cases.add(Arguments.of(hook, "UDP to the port", Frames.udp(DROPPED_PORT, 10), hook.drop()));
            cases.add(Arguments.of(hook, "UDP, empty payload", Frames.udp(DROPPED_PORT, 0), hook.drop()));
            cases.add(Arguments.of(hook, "UDP to another port", Frames.udp(DROPPED_PORT + 1, 10), hook.pass()));
            cases.add(Arguments.of(hook, "UDP to the port swapped", Frames.udp(Short.toUnsignedInt(
                    Short.reverseBytes((short) DROPPED_PORT)), 10), hook.pass()));
            cases.add(Arguments.of(hook, "TCP to the port", Frames.tcp(DROPPED_PORT), hook.pass()));
            cases.add(Arguments.of(hook, "ARP", Frames.arp(), hook.pass()));
            byte[] truncated = java.util.Arrays.copyOf(Frames.udp(DROPPED_PORT, 0), 37);
            cases.add(Arguments.of(hook, "UDP cut before the port's end", truncated, hook.pass()));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("udpDrops")
    void directAccessProgramDropsUdpToOnePort(PacketHook hook, String what, byte[] frame, int expected) {
        assertThat(run(hook.type(), HandPrograms.dropUdpToPort(hook, DROPPED_PORT), frame).retval())
                .isEqualTo(expected);
    }

    @Test
    void infoNamesTheProgramAndCountsVerifiedInstructions() {
        Program program = HandPrograms.dropUdpToPort(PacketHook.XDP, DROPPED_PORT);
        try (BpfProgram loaded = BpfProgram.load(BpfProgramType.XDP, "jf_info.1", program).orElseThrow()) {
            BpfProgramInfo info = loaded.info().orElseThrow();
            assertThat(info.type()).isEqualTo(BpfProgramType.XDP.number());
            assertThat(info.name()).isEqualTo("jf_info.1");
            assertThat(info.id()).isPositive();
            assertThat(info.tag()).matches("[0-9a-f]{16}");
            assertThat(info.xlatedBytes()).isEqualTo(Assembler.assemble(program).length);
            // The verifier walks both exits' paths: at least every instruction once, at most the straight line
            // to each of the five jumps' targets.
            assertThat(info.verifiedInsns()).isPresent();
            assertThat(info.verifiedInsns().getAsInt())
                    .isBetween(program.insns().size(), 5 * program.insns().size());
        }
    }

    @Test
    void repeatedRunKeepsTheResultAndGivesTheDataBack() {
        byte[] frame = Frames.udp(DROPPED_PORT + 1, 20);
        Program program = HandPrograms.dropUdpToPort(PacketHook.XDP, DROPPED_PORT);
        try (BpfProgram loaded = BpfProgram.load(BpfProgramType.XDP, "jfilter_repeat", program).orElseThrow()) {
            BpfTestRun result = loaded.testRun(frame, 1000, true).orElseThrow();
            assertThat(result.retval()).isEqualTo(PacketHook.XDP.pass());
            assertThat(result.repeat()).isEqualTo(1000);
            assertThat(result.dataOut()).hasValue(frame);
        }
    }

    @Test
    void longLogGrowsTheBufferAndKeepsTheReason() {
        // At log level 1 the verifier prints the path to the error: 20,000 lines do not fit in the first 64 KiB.
        List<Insn> insns = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            insns.add(mov(Reg.R1, i));
        }
        insns.add(new Exit());
        Program program = new Program(insns, java.util.Map.of());
        BpfLoadResult result = BpfProgram.load(BpfProgramType.SOCKET_FILTER, "jfilter_long", program);
        assertThat(result).isInstanceOfSatisfying(BpfLoadResult.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo("R0 !read_ok");
            assertThat(rejected.verifierLog().length()).isGreaterThan(BpfProgram.INITIAL_LOG_BYTES);
            assertThat(rejected.verifierLog()).contains("20000: (95) exit").contains("0: (b7) r1 = 0");
        });
    }

    @Test
    void longProgramReportsTheVerifiedCount() {
        List<Insn> insns = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            insns.add(mov(Reg.R0, i));
        }
        insns.add(new Exit());
        Program program = new Program(insns, java.util.Map.of());
        BpfLoadResult result = BpfProgram.load(BpfProgramType.SOCKET_FILTER, "jfilter_long", program);
        assertThat(result.verifierLog()).contains("processed 20001 insns");
        try (BpfProgram loaded = result.orElseThrow()) {
            assertThat(loaded.info().orElseThrow().verifiedInsns()).hasValue(20_001);
            assertThat(loaded.testRun(Frames.udp(1, 1)).orElseThrow().retval()).isEqualTo(19_999);
        }
    }
}
