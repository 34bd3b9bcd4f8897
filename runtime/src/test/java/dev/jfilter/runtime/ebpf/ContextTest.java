package dev.jfilter.runtime.ebpf;

import static dev.jfilter.ebpf.insn.Width.W64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.AluReg;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.LoadMem;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.insn.Reg;
import dev.jfilter.ebpf.insn.Size;
import dev.jfilter.ebpf.insn.StoreImm;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Context reads and writes per program type, at the offsets of {@code linux/bpf.h}. */
class ContextTest {
    /** Every field a distinct value, so a read at the wrong offset shows. */
    private static final SkbMetadata META = new SkbMetadata(3, 0x11, 0x12, 0x86dd, true, 0x0123, 0x88a8, 0x13,
            0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c1d_1e1f_2021L);

    private static Program read(Size size, int off) {
        return Program.of(new LoadMem(size, Reg.R0, Reg.R1, off), new Exit());
    }

    private static long socket(Program p) {
        return new EbpfInterpreter(p).run(new byte[46], new SocketFilterContext(META));
    }

    private static long tc(Program p) {
        return new EbpfInterpreter(p).run(new byte[60], new TcContext(META));
    }

    static Stream<Arguments> skbFields() {
        return Stream.of(
                arguments("len", 0, 46L, 60L),
                arguments("pkt_type", 4, 3L, 3L),
                arguments("mark", 8, 0x11L, 0x11L),
                arguments("queue_mapping", 12, 0x12L, 0x12L),
                arguments("protocol", 16, 0xdd86L, 0xdd86L), // network byte order
                arguments("vlan_present", 20, 1L, 1L),
                arguments("vlan_tci", 24, 0x0123L, 0x0123L),
                arguments("vlan_proto", 28, 0xa888L, 0xa888L), // network byte order
                arguments("priority", 32, 0x13L, 0x13L),
                arguments("ingress_ifindex", 36, 0x14L, 0x14L),
                arguments("ifindex", 40, 0x15L, 0x15L),
                arguments("tc_index", 44, 0x16L, 0x16L),
                arguments("cb[0]", 48, 0L, 0L),
                arguments("cb[4]", 64, 0L, 0L),
                arguments("hash", 68, 0x17L, 0x17L),
                arguments("napi_id", 84, 0x18L, 0x18L),
                arguments("gso_segs", 164, 0x1aL, 0x1aL),
                arguments("gso_size", 176, 0x1bL, 0x1bL));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("skbFields")
    void skbFieldsReadTheSameInBothTypes(String name, int off, long socketValue, long tcValue) {
        assertThat(socket(read(Size.W, off))).isEqualTo(socketValue);
        assertThat(tc(read(Size.W, off))).isEqualTo(tcValue);
    }

    @ParameterizedTest(name = "off {0}")
    @MethodSource("dev.jfilter.runtime.ebpf.ContextTest#tcOnlyOffsets")
    void tcOnlyFieldsAreInvalidForSocketFilters(int off, Size size) {
        assertThatThrownBy(() -> socket(read(size, off))).isInstanceOf(EbpfException.class)
                .hasMessage("insn 0: invalid bpf_context access off=" + off + " size=" + (size == Size.DW ? 8 : 4));
    }

    static Stream<Arguments> tcOnlyOffsets() {
        return Stream.of(arguments(72, Size.W), arguments(76, Size.W), arguments(80, Size.W),
                arguments(140, Size.W), arguments(152, Size.DW), arguments(160, Size.W), arguments(184, Size.DW));
    }

    @Test
    void tcOnlyFields() {
        assertThat(tc(read(Size.W, 72))).isZero(); // tc_classid
        assertThat(tc(read(Size.W, 160))).isEqualTo(0x19L); // wire_len
        assertThat(tc(read(Size.DW, 152))).isEqualTo(0x1c1d_1e1f_2021L); // tstamp
        assertThat(tc(read(Size.DW, 184))).isZero(); // hwtstamp
    }

    static Stream<Arguments> narrowReads() {
        return Stream.of(
                arguments(Size.B, 16, 0x86L), // protocol's first byte in memory
                arguments(Size.B, 17, 0xddL),
                arguments(Size.H, 16, 0xdd86L),
                arguments(Size.H, 26, 0L), // the high half of vlan_tci
                arguments(Size.B, 24, 0x23L),
                arguments(Size.B, 25, 0x01L),
                arguments(Size.DW, 48, 0L)); // cb takes 8-byte reads
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("narrowReads")
    void narrowReadsSeeTheLittleEndianBytes(Size size, int off, long expected) {
        assertThat(socket(read(size, off))).isEqualTo(expected);
    }

    static Stream<Arguments> invalidReads() {
        return Stream.of(
                arguments(Size.H, 1), // misaligned
                arguments(Size.DW, 0), // wider than the field
                arguments(Size.W, 88), // family: sk_skb programs only
                arguments(Size.W, 144), // flow_keys
                arguments(Size.W, 192), // past the struct
                arguments(Size.W, -4),
                arguments(Size.DW, 52)); // cb, misaligned for 8 bytes
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("invalidReads")
    void invalidReads(Size size, int off) {
        assertThatThrownBy(() -> socket(read(size, off))).isInstanceOf(EbpfException.class)
                .hasMessageContaining("invalid bpf_context access off=" + off);
    }

    @Test
    void dataPointersNeedFullWordReads() {
        assertThatThrownBy(() -> tc(read(Size.H, 76))).isInstanceOf(EbpfException.class)
                .hasMessageContaining("invalid bpf_context access off=76 size=2");
    }

    @Test
    void unmodelledFieldsSaySo() {
        assertThatThrownBy(() -> tc(read(Size.DW, 168))).isInstanceOf(EbpfException.class)
                .hasMessageContaining("field at offset 168 is not modelled");
    }

    @Test
    void xdpFields() {
        byte[] frame = new byte[64];
        var meta = new XdpMetadata(7, 3);
        assertThat(new EbpfInterpreter(read(Size.W, 12)).run(frame, new XdpContext(meta))).isEqualTo(7L);
        assertThat(new EbpfInterpreter(read(Size.W, 16)).run(frame, new XdpContext(meta))).isEqualTo(3L);
        assertThat(Run.xdp(read(Size.W, 12), frame)).isEqualTo(1L); // loopback
        for (var bad : new Program[] {read(Size.H, 12), read(Size.W, 20), read(Size.W, 24), read(Size.B, 0)}) {
            assertThatThrownBy(() -> Run.xdp(bad, frame)).isInstanceOf(EbpfException.class)
                    .hasMessageContaining("invalid bpf_context access");
        }
    }

    @Test
    void writesWhereTheProgramTypeAllows() {
        var writeMark = Program.of(new StoreImm(Size.W, Reg.R1, 8, 77), new LoadMem(Size.W, Reg.R0, Reg.R1, 8),
                new Exit());
        assertThat(tc(writeMark)).isEqualTo(77L);
        assertThatThrownBy(() -> socket(writeMark)).isInstanceOf(EbpfException.class)
                .hasMessageContaining("invalid bpf_context access off=8 size=4");
        var writeCb = Program.of(new StoreImm(Size.B, Reg.R1, 50, 0x1ff), new LoadMem(Size.W, Reg.R0, Reg.R1, 48),
                new Exit());
        assertThat(socket(writeCb)).isEqualTo(0xff_0000L);
        var writeLen = Program.of(new StoreImm(Size.W, Reg.R1, 0, 1), new AluImm(W64, AluOp.MOV, Reg.R0, 0),
                new Exit());
        assertThatThrownBy(() -> tc(writeLen)).isInstanceOf(EbpfException.class)
                .hasMessageContaining("invalid bpf_context access off=0 size=4");
        // A write does not survive into the next run.
        var readThenWrite = new EbpfInterpreter(Program.of(new LoadMem(Size.W, Reg.R0, Reg.R1, 8),
                new StoreImm(Size.W, Reg.R1, 8, 77), new Exit()));
        assertThat(readThenWrite.run(new byte[60], new TcContext(META))).isEqualTo(0x11L);
        assertThat(readThenWrite.run(new byte[60], new TcContext(META))).isEqualTo(0x11L);
    }

    @Test
    void modifiedContextPointer() {
        var program = Program.of(new AluImm(W64, AluOp.ADD, Reg.R1, 4), new LoadMem(Size.W, Reg.R0, Reg.R1, 0),
                new Exit());
        assertThatThrownBy(() -> socket(program)).isInstanceOf(EbpfException.class)
                .hasMessageContaining("dereference of modified ctx ptr R1");
        var moved = Program.of(new AluReg(W64, AluOp.MOV, Reg.R9, Reg.R1), new LoadMem(Size.W, Reg.R0, Reg.R9, 4),
                new Exit());
        assertThat(socket(moved)).isEqualTo(3L);
    }
}
