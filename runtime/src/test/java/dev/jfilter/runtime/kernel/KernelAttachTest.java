package dev.jfilter.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.SockFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Attaches classic BPF programs to real sockets of the running kernel through the FFM binding. */
class KernelAttachTest {

    // Opcodes from linux/filter.h (classic BPF).
    static final int LD_H_ABS = 0x28;
    static final int LD_IMM = 0x00;
    static final int LD_MEM = 0x60;
    static final int ST = 0x02;
    static final int JEQ_K = 0x15;
    static final int DIV_K = 0x34;
    static final int MOD_K = 0x94;
    static final int RET_K = 0x06;
    static final int RET_A = 0x16;

    /** {@code tcpdump -dd ip} on Ethernet. */
    static final CbpfProgram IP = program(
            insn(LD_H_ABS, 0, 0, 12),
            insn(JEQ_K, 0, 1, 0x800),
            insn(RET_K, 0, 0, 262144),
            insn(RET_K, 0, 0, 0));

    @BeforeEach
    void linuxOnly() {
        Optional<String> reason = Platform.unavailableReason();
        assumeTrue(reason.isEmpty(), () -> "kernel attach unavailable: " + reason.orElse(""));
    }

    static SockFilter insn(int code, int jt, int jf, int k) {
        return new SockFilter(code, jt, jf, k);
    }

    static CbpfProgram program(SockFilter... insns) {
        return new CbpfProgram(List.of(insns));
    }

    static CbpfProgram loads(int count) {
        List<SockFilter> insns = new ArrayList<>();
        for (int i = 0; i < count - 1; i++) {
            insns.add(insn(LD_IMM, 0, 0, i));
        }
        insns.add(insn(RET_A, 0, 0, 0));
        return new CbpfProgram(insns);
    }

    @Test
    void attachesReadsBackAndDetaches() {
        try (FilterSocket socket = FilterSocket.open(SocketKind.UDP).orElseThrow()) {
            assertThat(socket.attachedProgram().orElseThrow()).as("nothing attached yet").isEmpty();
            assertThat(socket.attach(IP)).isEmpty();
            assertThat(socket.attachedProgram().orElseThrow()).contains(IP);
            assertThat(socket.detach()).isEmpty();
            assertThat(socket.attachedProgram().orElseThrow()).as("detached").isEmpty();
            assertThat(socket.detach()).get().extracting(KernelError::message)
                    .isEqualTo("setsockopt(SO_DETACH_FILTER): ENOENT: No such file or directory");
        }
    }

    @Test
    void attachingAgainReplacesTheFilter() {
        CbpfProgram acceptAll = program(insn(RET_K, 0, 0, -1));
        try (FilterSocket socket = FilterSocket.open(SocketKind.UDP).orElseThrow()) {
            assertThat(socket.attach(IP)).isEmpty();
            assertThat(socket.attach(acceptAll)).isEmpty();
            assertThat(socket.attachedProgram().orElseThrow()).contains(acceptAll);
        }
    }

    @Test
    void attachesToAPacketSocket() {
        KernelResult<FilterSocket> opened = FilterSocket.open(SocketKind.PACKET_RAW);
        assumeTrue(opened.isOk(), () -> "no AF_PACKET socket here (needs CAP_NET_RAW): " + opened);
        try (FilterSocket socket = opened.orElseThrow()) {
            assertThat(socket.attach(IP)).isEmpty();
            assertThat(socket.attachedProgram().orElseThrow()).contains(IP);
        }
    }

    @Test
    void aClosedSocketSaysSo() {
        FilterSocket socket = FilterSocket.open(SocketKind.UDP).orElseThrow();
        int fd = socket.fd();
        assertThat(fd).isNotNegative();
        assertThat(socket.closeChecked()).isEmpty();
        assertThat(socket.fd()).isEqualTo(-1);
        assertThat(socket.attach(IP)).get().extracting(KernelError::message)
                .isEqualTo("setsockopt(SO_ATTACH_FILTER): socket is closed");
    }

    @Test
    void theCheckerAcceptsValidPrograms() {
        assertThat(KernelChecker.check(IP)).isEmpty();
        assertThat(KernelChecker.check(loads(4096))).as("BPF_MAXINSNS instructions").isEmpty();
        assertThat(KernelChecker.check(program(insn(LD_IMM, 0, 0, 7), insn(ST, 0, 0, 15), insn(LD_MEM, 0, 0, 15),
                insn(RET_A, 0, 0, 0)))).as("scratch slot 15, stored before it is loaded").isEmpty();
    }

    static Stream<Arguments> invalidPrograms() {
        return Stream.of(
                Arguments.of("jump out of range", program(insn(LD_H_ABS, 0, 0, 12), insn(JEQ_K, 5, 0, 0x800),
                        insn(RET_K, 0, 0, 0))),
                Arguments.of("no final return", program(insn(LD_H_ABS, 0, 0, 12))),
                Arguments.of("scratch index 16", program(insn(LD_IMM, 0, 0, 7), insn(ST, 0, 0, 16),
                        insn(LD_MEM, 0, 0, 16), insn(RET_A, 0, 0, 0))),
                Arguments.of("load of a scratch slot never stored", program(insn(LD_MEM, 0, 0, 3),
                        insn(RET_A, 0, 0, 0))),
                Arguments.of("division by constant zero", program(insn(LD_IMM, 0, 0, 1), insn(DIV_K, 0, 0, 0),
                        insn(RET_A, 0, 0, 0))),
                Arguments.of("modulo by constant zero", program(insn(LD_IMM, 0, 0, 1), insn(MOD_K, 0, 0, 0),
                        insn(RET_A, 0, 0, 0))),
                Arguments.of("4097 instructions", loads(4097)),
                Arguments.of("no instructions", new CbpfProgram(List.of())),
                Arguments.of("unknown opcode", program(insn(0xff, 0, 0, 0), insn(RET_K, 0, 0, 0))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPrograms")
    void theKernelRefusesInvalidProgramsWithItsErrno(String why, CbpfProgram program) {
        assertThat(KernelChecker.check(program))
                .contains("setsockopt(SO_ATTACH_FILTER): EINVAL: Invalid argument");
        try (FilterSocket socket = FilterSocket.open(SocketKind.UDP).orElseThrow()) {
            Optional<KernelError> error = socket.attach(program);
            assertThat(error).get().satisfies(e -> {
                assertThat(e.errno()).get().extracting(Errno::number, Errno::name).containsExactly(22, "EINVAL");
                assertThat(e.reason()).isEqualTo("EINVAL: Invalid argument");
            });
            assertThat(socket.attachedProgram().orElseThrow()).as("a refused program is not attached").isEmpty();
        }
    }

    @Test
    void programsTooLongForSockFprogAreRefusedBeforeTheKernel() {
        assertThat(KernelChecker.check(loads(65536))).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("struct sock_fprog counts at most 65535");
    }

    @Test
    void errnoValuesHaveTheirNamesAndTexts() {
        assertThat(Libc.describe(1)).hasToString("EPERM: Operation not permitted");
        assertThat(Libc.describe(13)).hasToString("EACCES: Permission denied");
        assertThat(ErrnoNames.name(22)).isEqualTo(Libc.describe(22).name());
    }
}
