package dev.jfilter.runtime.cbpf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.listing.ListingParser;
import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.AncillarySource;
import dev.jfilter.runtime.jit.BothEngines;
import dev.jfilter.runtime.jit.PacketFilter;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The interpreter's semantics, case by case; every run goes through the JIT too ({@link BothEngines}), which must
 * give the same result.
 */
class CbpfInterpreterTest {
    private static PacketFilter program(String dText) {
        return BothEngines.of(ListingParser.parseImage(dText).orThrow());
    }

    /** 20 bytes: 0, 1, 2, ..., 19. */
    private static byte[] counting(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @ParameterizedTest(name = "{0} with {1} captured")
    @CsvSource(delimiter = '|', textBlock = """
            ld       [16]     | 20 | 0x10111213
            ld       [17]     | 20 | 0
            ldh      [18]     | 20 | 0x1213
            ldh      [19]     | 20 | 0
            ldb      [19]     | 20 | 19
            ldb      [20]     | 20 | 0
            ldb      [19]     | 19 | 0
            ldb      [-1]     | 20 | 0
            """)
    void absoluteLoadsSeeOnlyTheCapturedBytes(String load, int captured, String expected) {
        PacketFilter p = program("(000) " + load + "\n(001) ret\n");
        assertThat(p.run(counting(20), captured, 1000)).isEqualTo(Integer.decode(expected));
    }

    @ParameterizedTest(name = "x = {0}, {1}")
    @CsvSource(delimiter = '|', textBlock = """
            4          | ld       [x + 12] | 0x10111213
            5          | ld       [x + 12] | 0
            0xffffffff | ldb      [x + 1]  | 0
            1          | ldb      [x + -1] | 0
            0xfffffffe | ldh      [x + 4]  | 0
            2          | ldh      [x + 16] | 0x1213
            """)
    void indirectLoadsNeverWrapAround(String x, String load, String expected) {
        // X + k wraps to a small number in 32 bits; libpcap's checks (and ours) still refuse the load.
        PacketFilter p = program("(000) ldx      #" + x + "\n(001) " + load + "\n(002) ret\n");
        assertThat(p.run(counting(20), 20, 1000)).isEqualTo(Integer.decode(expected));
    }

    @Test
    void lengthIsTheWireLengthAndTheIpHeaderLengthIdiomWorks() {
        assertThat(program("(000) ld       #pktlen\n(001) ret\n").run(counting(20), 20, 1514)).isEqualTo(1514);
        // ldx #pktlen, then txa: 1.10's listing calls it unimp 0x81.
        assertThat(program("(000) unimp    0x81\n(001) txa\n(002) ret\n").run(counting(2), 1, 77)).isEqualTo(77);
        // [14] = 14, so X = 4 * (14 & 0xf) = 56.
        assertThat(program("(000) ldxb     4*([14]&0xf)\n(001) txa\n(002) ret\n").run(counting(20), 20, 20))
                .isEqualTo(56);
        assertThat(program("(000) ldxb     4*([20]&0xf)\n(001) txa\n(002) ret\n").run(counting(20), 20, 20))
                .isZero();
    }

    @ParameterizedTest(name = "{0} {1} with x = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            div | 7  | 0  | 0
            mod | 7  | 0  | 0
            div | 7  | 2  | 3
            mod | 7  | 2  | 1
            lsh | 1  | 31 | 0x80000000
            lsh | 1  | 32 | 0
            rsh | -1 | 32 | 0
            rsh | -1 | 31 | 1
            div | -1 | 2  | 0x7fffffff
            """)
    void aluWithXFollowsLibpcap(String op, int a, int x, String expected) {
        PacketFilter p = program("(000) ld       #" + a + "\n(001) ldx      #" + x + "\n(002) " + op
                + "      x\n(003) ret\n");
        // A division by 0 ends the program with 0 even though ret a would return something else.
        assertThat(p.run(new byte[0], 0, 0)).isEqualTo((int) Long.decode(expected).longValue());
    }

    @Test
    void constantShiftsTakeTheCountModulo32AsLibpcapOnX86() {
        // libpcap shifts by k with C's <<=, which x86 masks to 5 bits; bpf_validate lets such programs through.
        assertThat(program("(000) ld       #0x3\n(001) lsh      #33\n(002) ret\n").run(new byte[0], 0, 0))
                .isEqualTo(6);
    }

    @Test
    void jaGoesBackwardsWhenLibpcapsProgramsDo() {
        PacketFilter p = program("""
                (000) ld       #0x0
                (001) add      #1
                (002) jeq      #0x5             jt 4\tjf 3
                (003) ja       1
                (004) ret
                """);
        assertThat(p.run(new byte[0], 0, 0)).isEqualTo(5);
    }

    @Test
    void aProgramThatNeverEndsIsStopped() {
        PacketFilter p = program("(000) ja       0\n(001) ret      #0\n");
        assertThatThrownBy(() -> p.run(new byte[0], 0, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not end");
    }

    @Test
    void ancillaryLoadsReadTheSourceOrEndTheProgram() {
        PacketFilter p = program("(000) ldb      [vlanp]\n(001) add      #1\n(002) ret\n");
        AncillarySource tagged = field -> field == Ancillary.VLAN_TAG_PRESENT ? OptionalInt.of(1) : OptionalInt.empty();
        MemorySegment none = MemorySegment.ofArray(new byte[0]);
        assertThat(p.run(none, 0, 0, 0, tagged)).isEqualTo(2);
        assertThat(p.run(none, 0, 0, 0, AncillarySource.NONE)).isZero();
        // A byte-wide ancillary load still gets the whole value, as in the kernel.
        AncillarySource big = field -> OptionalInt.of(0x12345);
        assertThat(p.run(none, 0, 0, 0, big)).isEqualTo(0x12346);
    }

    @Test
    void scratchMemoryStartsAtZeroForEveryPacket() {
        // Stores 7 in M[0] when byte 0 is 1; reads M[0] either way.
        PacketFilter p = program("""
                (000) ldb      [0]
                (001) jeq      #0x1             jt 2\tjf 4
                (002) ld       #0x7
                (003) st       M[0]
                (004) ld       M[0]
                (005) ret
                """);
        assertThat(p.run(new byte[] {1}, 1, 1)).isEqualTo(7);
        assertThat(p.run(new byte[] {2}, 1, 1)).isZero();
        assertThat(p.copy().run(new byte[] {1}, 1, 1)).isEqualTo(7);
    }

    @Test
    void returnsAreUnsigned() {
        assertThat(program("(000) ret      #-1\n").run(new byte[0], 0, 0)).isEqualTo(-1);
    }

    @Test
    void readsPacketsInPlaceInAMappedFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("packets");
        byte[] two = new byte[100];
        two[50 + 12] = 0x08;
        Files.write(file, two);
        PacketFilter ip = program("""
                (000) ldh      [12]
                (001) jeq      #0x800           jt 2\tjf 3
                (002) ret      #262144
                (003) ret      #0
                """);
        try (Arena arena = Arena.ofConfined();
                FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, 100, arena);
            assertThat(ip.run(mapped, 0, 50, 50, AncillarySource.NONE)).isZero();
            assertThat(ip.run(mapped, 50, 50, 50, AncillarySource.NONE)).isEqualTo(262144);
            assertThatThrownBy(() -> ip.run(mapped, 60, 50, 50, AncillarySource.NONE))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void refusesProgramsLibpcapWouldNotRun() {
        assertThatThrownBy(() -> CbpfInterpreter.of(ListingParser.parseDecimal("2\n8 0 0 1\n6 0 0 0\n").orThrow()))
                .hasMessageContaining("opcode 0x8");
        assertThatThrownBy(() -> CbpfInterpreter.of(ListingParser.parseDecimal("2\n52 0 0 0\n6 0 0 0\n").orThrow()))
                .hasMessageContaining("division by the constant 0");
        assertThatThrownBy(() -> CbpfInterpreter.of(new CbpfProgram(java.util.List.of())))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> CbpfInterpreter.of(ListingParser.parseDecimal("1\n2 0 0 16\n").orThrow()))
                .hasMessageContaining("M[16]");
    }
}
