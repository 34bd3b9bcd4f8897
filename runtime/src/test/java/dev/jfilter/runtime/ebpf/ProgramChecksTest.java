package dev.jfilter.runtime.ebpf;

import static dev.jfilter.ebpf.insn.Width.W32;
import static dev.jfilter.ebpf.insn.Width.W64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.AluReg;
import dev.jfilter.ebpf.insn.Call;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.Ja;
import dev.jfilter.ebpf.insn.JumpImm;
import dev.jfilter.ebpf.insn.JumpOp;
import dev.jfilter.ebpf.insn.Label;
import dev.jfilter.ebpf.insn.LoadMem;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.insn.Reg;
import dev.jfilter.ebpf.insn.Size;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Verifier-like checks at construction and at run time, helpers, the step limit, BPF_PROG_TEST_RUN metadata. */
class ProgramChecksTest {
    private static final AluImm R0_IS_0 = new AluImm(W64, AluOp.MOV, Reg.R0, 0);

    @Test
    void rejectedWhenBuilt() {
        assertThatThrownBy(() -> new EbpfInterpreter(Program.of(new AluImm(W32, AluOp.DIV, Reg.R0, 0), new Exit())))
                .isInstanceOf(EbpfException.class).hasMessage("insn 0: div by zero");
        assertThatThrownBy(() -> new EbpfInterpreter(Program.of(new AluImm(W32, AluOp.LSH, Reg.R0, 32), new Exit())))
                .isInstanceOf(EbpfException.class).hasMessage("insn 0: invalid shift 32");
        assertThat(new EbpfInterpreter(Program.of(R0_IS_0, new AluImm(W64, AluOp.LSH, Reg.R0, 32), new Exit())))
                .isNotNull();
        assertThatThrownBy(() -> new EbpfInterpreter(Program.of(new AluImm(W64, AluOp.ADD, Reg.R10, 8), new Exit())))
                .isInstanceOf(EbpfException.class).hasMessage("insn 0: frame pointer is read only");
        assertThatThrownBy(() -> new EbpfInterpreter(Program.of(R0_IS_0)))
                .isInstanceOf(EbpfException.class).hasMessage("insn 0: last insn is not an exit or jmp");
        assertThatThrownBy(() -> new EbpfInterpreter(Program.of(new Call(26), new Exit())))
                .isInstanceOf(EbpfException.class).hasMessageContaining("helper #26 is not modelled");
    }

    @Test
    void uninitialisedRegisters() {
        assertThatThrownBy(() -> Run.socket(Program.of(new AluReg(W64, AluOp.MOV, Reg.R0, Reg.R2), new Exit())))
                .isInstanceOf(EbpfException.class).hasMessage("insn 0: R2 !read_ok");
        assertThatThrownBy(() -> Run.socket(Program.of(new Exit())))
                .isInstanceOf(EbpfException.class).hasMessage("insn 0: R0 !read_ok");
        assertThatThrownBy(() -> Run.socket(Program.of(new AluImm(W32, AluOp.ADD, Reg.R3, 1), R0_IS_0, new Exit())))
                .isInstanceOf(EbpfException.class).hasMessage("insn 0: R3 !read_ok");
    }

    @Test
    void helpers() {
        var random = Program.of(new Call(EbpfInterpreter.HELPER_GET_PRANDOM_U32), new Exit());
        long drawn = new EbpfInterpreter(random, 100, new SplittableRandom(42)).run(new byte[1], Run.socket(Run.FRAME));
        assertThat(drawn).isEqualTo(new SplittableRandom(42).nextInt() & 0xffff_ffffL);
        var cpu = Program.of(new Call(EbpfInterpreter.HELPER_GET_SMP_PROCESSOR_ID), new Exit());
        assertThat(Run.xdp(cpu, Run.FRAME)).isZero();
        var clobbered = Program.of(new AluImm(W64, AluOp.MOV, Reg.R3, 1), new AluImm(W64, AluOp.MOV, Reg.R6, 2),
                new Call(EbpfInterpreter.HELPER_GET_SMP_PROCESSOR_ID), new AluReg(W64, AluOp.ADD, Reg.R0, Reg.R6),
                new AluReg(W64, AluOp.ADD, Reg.R0, Reg.R3), new Exit());
        assertThatThrownBy(() -> Run.socket(clobbered)).isInstanceOf(EbpfException.class)
                .hasMessage("insn 4: R3 !read_ok");
    }

    private static Program pullData(int len) {
        return Program.of(new AluImm(W64, AluOp.MOV, Reg.R2, len), new Call(EbpfInterpreter.HELPER_SKB_PULL_DATA),
                new Exit());
    }

    @Test
    void skbPullDataOnALinearPacket() {
        assertThat(Run.tc(pullData(0), Run.FRAME)).isZero(); // 0: the whole head
        assertThat(Run.tc(pullData(60), Run.FRAME)).isZero();
        assertThat(Run.tc(pullData(61), Run.FRAME)).isEqualTo(-12L); // -ENOMEM
        assertThatThrownBy(() -> Run.socket(pullData(0))).isInstanceOf(EbpfException.class)
                .hasMessageContaining("unknown func bpf_skb_pull_data#39");
        // Packet pointers do not survive the call.
        var stale = Program.of(new LoadMem(Size.W, Reg.R7, Reg.R1, 76), new AluImm(W64, AluOp.MOV, Reg.R2, 0),
                new Call(EbpfInterpreter.HELPER_SKB_PULL_DATA), new AluReg(W64, AluOp.MOV, Reg.R0, Reg.R7),
                new Exit());
        assertThatThrownBy(() -> Run.tc(stale, Run.FRAME)).isInstanceOf(EbpfException.class)
                .hasMessageContaining("insn 3: R7 !read_ok (a packet pointer invalidated by bpf_skb_pull_data)");
    }

    @Test
    void stepLimit() {
        var loop = new Label("loop");
        var program = Program.builder().add(R0_IS_0).bind(loop)
                .add(new AluImm(W64, AluOp.ADD, Reg.R0, 1), new Ja(loop)).build();
        assertThatThrownBy(() -> new EbpfInterpreter(program, 1000, new SplittableRandom(0))
                .run(new byte[1], Run.socket(Run.FRAME)))
                .isInstanceOf(EbpfException.class).hasMessageContaining("step limit of 1000 executed instructions");
        assertThatThrownBy(() -> new EbpfInterpreter(program).run(new byte[1], Run.socket(Run.FRAME)))
                .isInstanceOf(EbpfException.class).hasMessageContaining("step limit of 1000000");
        // A bounded loop runs to its end in 1 + 2 * 499 + 1 = 1000 steps: allowed at 1000, stopped at 999.
        var counted = Program.builder().add(R0_IS_0).bind(loop).add(new AluImm(W64, AluOp.ADD, Reg.R0, 1),
                new JumpImm(W64, JumpOp.JLT, Reg.R0, 499, loop), new Exit()).build();
        assertThat(new EbpfInterpreter(counted, 1000, new SplittableRandom(0)).run(new byte[1],
                Run.socket(Run.FRAME))).isEqualTo(499L);
        assertThatThrownBy(() -> new EbpfInterpreter(counted, 999, new SplittableRandom(0)).run(new byte[1],
                Run.socket(Run.FRAME))).isInstanceOf(EbpfException.class);
    }

    @Test
    void testRunMetadataFollowsEthTypeTransOnLoopback() {
        byte[] frame = Run.frame(60);
        assertThat(SkbMetadata.testRun(frame).pktType()).isEqualTo(SkbMetadata.PACKET_HOST);
        frame[0] = (byte) 0xff;
        frame[1] = (byte) 0xff; // still not all ff: a group address
        assertThat(SkbMetadata.testRun(frame).pktType()).isEqualTo(SkbMetadata.PACKET_MULTICAST);
        for (int i = 0; i < 6; i++) {
            frame[i] = (byte) 0xff; // broadcast, but loopback's broadcast address is all zeros
        }
        assertThat(SkbMetadata.testRun(frame).pktType()).isEqualTo(SkbMetadata.PACKET_MULTICAST);
        frame[0] = 0x02;
        assertThat(SkbMetadata.testRun(frame).pktType()).isEqualTo(SkbMetadata.PACKET_OTHERHOST);
        var meta = SkbMetadata.testRun(frame);
        assertThat(meta.protocol()).isEqualTo(0x0800);
        assertThat(meta.ifindex()).isEqualTo(SkbMetadata.LOOPBACK_IFINDEX);
        assertThat(meta.ingressIfindex()).isZero();
        frame[12] = 0x00;
        frame[13] = 0x40; // an 802.3 length
        assertThat(SkbMetadata.testRun(frame).protocol()).isEqualTo(0x0004); // ETH_P_802_2
        frame[14] = (byte) 0xff;
        frame[15] = (byte) 0xff;
        assertThat(SkbMetadata.testRun(frame).protocol()).isEqualTo(0x0001); // ETH_P_802_3 (raw IPX)
        assertThatThrownBy(() -> SkbMetadata.testRun(new byte[13])).isInstanceOf(IllegalArgumentException.class);
    }
}
