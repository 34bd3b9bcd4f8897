package dev.jfilter.runtime.ebpf;

import static dev.jfilter.ebpf.insn.Width.W64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.AluReg;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.LoadAbs;
import dev.jfilter.ebpf.insn.LoadImm64;
import dev.jfilter.ebpf.insn.LoadInd;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.insn.Reg;
import dev.jfilter.ebpf.insn.Size;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LD_ABS and LD_IND: big-endian, {@code (int) (src + imm)}, negative offsets relative to the network or link-layer
 * header, and {@code return 0} out of bounds. The socket filter sees {@link Run#FRAME} from byte 14 ({@code 45 01 02
 * 03 ...}), tc from byte 0.
 */
class LegacyLoadTest {
    private static final int NET = EbpfInterpreter.SKF_NET_OFF;
    private static final int LL = EbpfInterpreter.SKF_LL_OFF;

    /** {@code r6 = r1; r7 = base; r0 = load; r0 += 0x1000; exit}: 0 means the program returned at the load. */
    private static Program load(Size size, Long base, int imm) {
        var b = Program.builder().add(new AluReg(W64, AluOp.MOV, Reg.R6, Reg.R1));
        if (base == null) {
            b.add(new LoadAbs(size, imm));
        } else {
            b.add(new LoadImm64(Reg.R7, base), new LoadInd(size, Reg.R7, imm));
        }
        return b.add(new AluImm(W64, AluOp.ADD, Reg.R0, 0x1000), new Exit()).build();
    }

    static Stream<Arguments> socketFilterLoads() {
        return Stream.of(
                arguments(Size.W, null, 0, 0x4501_0203L + 0x1000), // big-endian
                arguments(Size.H, null, 1, 0x0102L + 0x1000),
                arguments(Size.B, null, 0, 0x45L + 0x1000),
                arguments(Size.B, null, 45, 45L + 0x1000), // the last byte of 46
                arguments(Size.B, null, 46, 0L), // past the end: the program returns 0 at once
                arguments(Size.W, null, 43, 0L), // straddles the end
                arguments(Size.B, null, -1, 0L), // SKF_NET_OFF + 0xfffff: far past the end
                arguments(Size.B, null, NET + 2, 2L + 0x1000), // the network header is data here
                arguments(Size.H, null, LL + 14, 0x4501L + 0x1000), // the link-layer header is 14 bytes before
                arguments(Size.B, null, LL - 1, 0L), // below SKF_LL_OFF
                arguments(Size.B, 1L, 1, 2L + 0x1000), // LD_IND: src + imm
                arguments(Size.B, -2L, 1, 0L), // a negative sum
                arguments(Size.B, 0x1_0000_0003L, 0, 3L + 0x1000), // the offset is an int: upper bits dropped
                arguments(Size.B, 0x7fff_ffffL, 1, 0L), // the int sum overflows to a negative offset
                arguments(Size.H, (long) NET, 4, 0x0405L + 0x1000));
    }

    @ParameterizedTest(name = "{0} base={1} imm={2} -> {3}")
    @MethodSource("socketFilterLoads")
    void socketFilter(Size size, Long base, int imm, long expected) {
        assertThat(Run.socket(load(size, base, imm))).isEqualTo(expected);
    }

    static Stream<Arguments> tcLoads() {
        return Stream.of(
                arguments(Size.H, null, 12, 0x0800L + 0x1000),
                arguments(Size.B, null, NET, 0x45L + 0x1000), // the network header is at 14
                arguments(Size.W, null, LL + 12, 0x0800_4501L + 0x1000),
                arguments(Size.B, null, 60, 0L),
                arguments(Size.B, 59L, 0, 59L - 14 + 0x1000));
    }

    @ParameterizedTest(name = "{0} base={1} imm={2} -> {3}")
    @MethodSource("tcLoads")
    void tc(Size size, Long base, int imm, long expected) {
        assertThat(Run.tc(load(size, base, imm), Run.FRAME)).isEqualTo(expected);
    }

    @Test
    void linkLayerHeaderOfASocketFilterIsNotModelled() {
        assertThatThrownBy(() -> Run.socket(load(Size.B, null, LL + 13)))
                .isInstanceOf(EbpfException.class).hasMessageContaining("Ethernet header");
    }

    @Test
    void clobbersR1ToR5() {
        var program = Program.of(new AluReg(W64, AluOp.MOV, Reg.R6, Reg.R1), new AluImm(W64, AluOp.MOV, Reg.R5, 1),
                new AluImm(W64, AluOp.MOV, Reg.R7, 2), new LoadAbs(Size.B, 0),
                new AluReg(W64, AluOp.ADD, Reg.R0, Reg.R7), new AluReg(W64, AluOp.ADD, Reg.R0, Reg.R5), new Exit());
        assertThatThrownBy(() -> Run.socket(program)).isInstanceOf(EbpfException.class)
                .hasMessage("insn 5: R5 !read_ok");
    }

    @Test
    void needsTheContextInR6() {
        var program = Program.of(new LoadAbs(Size.B, 0), new Exit());
        assertThatThrownBy(() -> Run.socket(program)).isInstanceOf(EbpfException.class)
                .hasMessageContaining("R6 != pointer to skb");
    }

    @Test
    void notAllowedInXdp() {
        assertThatThrownBy(() -> Run.xdp(load(Size.B, null, 0), Run.FRAME)).isInstanceOf(EbpfException.class)
                .hasMessageContaining("not allowed for this program type");
    }
}
