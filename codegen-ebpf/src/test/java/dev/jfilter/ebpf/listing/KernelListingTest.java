package dev.jfilter.ebpf.listing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.ebpf.encode.Assembler;
import dev.jfilter.ebpf.encode.Decoder;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A socket-filter program that the kernel (6.18) verifier accepted, with the lines {@code bpftool prog dump xlated}
 * (bpftool 7.1) printed for it, recorded. The kernel rewrites LD_ABS/LD_IND into helper calls, resolves helper names
 * and bpftool 7.1 predates the ALU64 bswap ({@code BUG_alu64_d7}), so only the lines it kept as loaded are compared.
 */
class KernelListingTest {
    private static final String LOADED = """
            bf16000000000000 8500000007000000 bf02000000000000 b700000000000000
            620af0ff07000000 7b6af8ff00000000 61a4f0ff00000000 04020000f8ffffff
            8702000000000000 cf42000000000000 dc02000010000000 d702000020000000
            1803000088776655 0000000044332211 66020700ffffffff 4d32060000000000
            bf61000000000000 300000000c000000 4800000001000000 1500010000080000
            0500010000000000 b700000000000000 9500000000000000
            """;

    /** bpftool's lines (leading padding removed), by slot. */
    private static final List<String> BPFTOOL = List.of(
            "0: (bf) r6 = r1",
            "2: (bf) r2 = r0",
            "3: (b7) r0 = 0",
            "4: (62) *(u32 *)(r10 -16) = 7",
            "5: (7b) *(u64 *)(r10 -8) = r6",
            "6: (61) r4 = *(u32 *)(r10 -16)",
            "7: (04) w2 += -8",
            "8: (87) r2 = -r2",
            "9: (cf) r2 s>>= r4",
            "10: (dc) r2 = be16 r2",
            "12: (18) r3 = 0x1122334455667788",
            "16: (bf) r1 = r6");

    @Test
    void listingAgreesWithBpftoolOnTheLinesTheKernelKept() {
        byte[] code = HexFormat.of().parseHex(LOADED.replaceAll("\\s", ""));
        List<String> ours = Disassembler.listing(code).lines().toList();
        assertThat(ours).containsAll(BPFTOOL);
        assertThat(Assembler.assemble(Decoder.decode(code))).isEqualTo(code);
    }
}
