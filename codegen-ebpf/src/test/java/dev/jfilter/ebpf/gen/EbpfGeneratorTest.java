package dev.jfilter.ebpf.gen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import dev.jfilter.ebpf.listing.Disassembler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generator's output for small graphs, with the expected listings inline, and its refusals. Whether programs
 * load and compute the right verdicts is checked against the kernel and libpcap in runtime's
 * {@code EbpfCorpusTest}.
 */
class EbpfGeneratorTest {
    private static final BlockId ENTRY = new BlockId(0);
    private static final BlockId ACCEPT = new BlockId(1);
    private static final BlockId REJECT = new BlockId(2);

    /** {@code ether proto 0x800 and ip[9] = 6}: two blocks. */
    private static Cfg ipTcp() {
        BlockId second = new BlockId(3);
        return Cfg.of(ENTRY, List.of(
                new Block(ENTRY, List.of(new Stmt.LoadAbsolute(LoadSize.HALF, 12)),
                        new Terminator.Branch(Condition.of(JumpOp.JEQ, 0x800), second, REJECT)),
                new Block(second, List.of(new Stmt.LoadAbsolute(LoadSize.BYTE, 23)),
                        new Terminator.Branch(Condition.of(JumpOp.JEQ, 6), ACCEPT, REJECT)),
                new Block(ACCEPT, List.of(), new Terminator.Return(262144)),
                new Block(REJECT, List.of(), new Terminator.Return(0))));
    }

    private static String listing(Cfg cfg, GenerateOptions options) {
        return switch (EbpfGenerator.generate(cfg, options)) {
            case Generation.Generated g -> Disassembler.listing(g.program());
            case Generation.Refused r -> throw new AssertionError(r.problems().toString());
        };
    }

    private static List<Problem> problems(Cfg cfg, GenerateOptions options) {
        return switch (EbpfGenerator.generate(cfg, options)) {
            case Generation.Generated g -> throw new AssertionError("generated:\n" + Disassembler.listing(g.program()));
            case Generation.Refused r -> r.problems();
        };
    }

    @Test
    void xdpChecksTheFurthestByteOnceAndComparesInNetworkOrder() {
        // One check covers both loads (every accepting path reads byte 23); the ethertype stays in network order;
        // the fall-through of the last test is the shared exit it would otherwise jump to.
        assertThat(listing(ipTcp(), GenerateOptions.of(Target.XDP))).isEqualTo("""
                0: (61) r2 = *(u32 *)(r1 +0)
                1: (61) r3 = *(u32 *)(r1 +4)
                2: (bf) r4 = r2
                3: (07) r4 += 24
                4: (2d) if r4 > r3 goto pc+4
                5: (69) r0 = *(u16 *)(r2 +12)
                6: (56) if w0 != 0x8 goto pc+2
                7: (71) r0 = *(u8 *)(r2 +23)
                8: (16) if w0 == 0x6 goto pc+2
                9: (b4) w0 = 1
                10: (95) exit
                11: (b4) w0 = 2
                12: (95) exit
                """);
    }

    @Test
    void socketFiltersUseLdAbsAndReturnTheSnapLength() {
        assertThat(listing(ipTcp(), GenerateOptions.of(Target.SOCKET))).isEqualTo("""
                0: (bf) r6 = r1
                1: (28) r0 = *(u16 *)skb[12]
                2: (56) if w0 != 0x800 goto pc+2
                3: (30) r0 = *(u8 *)skb[23]
                4: (16) if w0 == 0x6 goto pc+2
                5: (b4) w0 = 0
                6: (95) exit
                7: (b4) w0 = 262144
                8: (95) exit
                """);
    }

    @Test
    void onMatchDropSwapsTheActions() {
        String pass = listing(ipTcp(), GenerateOptions.of(Target.TC));
        String drop = listing(ipTcp(), GenerateOptions.of(Target.TC).withOnMatch(OnMatch.DROP));
        assertThat(pass).contains("w0 = 0\n").contains("w0 = 2\n");
        assertThat(drop).isEqualTo(pass.replace("w0 = 0\n", "w0 = X\n").replace("w0 = 2\n", "w0 = 0\n")
                .replace("w0 = X\n", "w0 = 2\n"));
    }

    @Test
    void aLoadAtANegativeOffsetRejectsWhereItStands() {
        Cfg cfg = Cfg.of(ENTRY, List.of(
                new Block(ENTRY, List.of(new Stmt.LoadAbsolute(LoadSize.WORD, -8)), new Terminator.Return(1))));
        assertThat(listing(cfg, GenerateOptions.of(Target.SOCKET))).isEqualTo("""
                0: (b4) w0 = 0
                1: (95) exit
                """);
    }

    @Test
    void directAccessCannotReachPastTheVerifiersLimit() {
        Cfg cfg = Cfg.of(ENTRY, List.of(
                new Block(ENTRY, List.of(new Stmt.LoadAbsolute(LoadSize.HALF, 0xfffe)), new Terminator.ReturnA())));
        assertThat(problems(cfg, GenerateOptions.of(Target.XDP))).extracting(Problem::message).containsExactly(
                "a load of 2 bytes at packet offset 65534 ends past 0xffff, the furthest direct packet access reaches");
        assertThat(EbpfGenerator.generate(cfg, GenerateOptions.of(Target.SOCKET)))
                .isInstanceOf(Generation.Generated.class);
    }

    @Test
    void metadataIsRefusedWhereTheContextHasNone() {
        Cfg cfg = Cfg.of(ENTRY, List.of(new Block(ENTRY, List.of(new Stmt.LoadAncillary(Ancillary.HATYPE)),
                new Terminator.ReturnA())));
        assertThat(problems(cfg, GenerateOptions.of(Target.TC))).extracting(Problem::message)
                .containsExactly("the kernel's hatype metadata is not readable from eBPF");
        assertThat(problems(cfg, GenerateOptions.of(Target.XDP))).extracting(Problem::message)
                .containsExactly("XDP programs have no packet metadata (hatype); compile without --linux-ext, or for"
                        + " ebpf-tc or ebpf-socket");
    }

    @Test
    void programsTooLongForSixteenBitJumpsAreRefused() {
        // A chain of 20,000 tests that all jump to the same far reject: the first jump spans the whole program.
        List<Block> blocks = new ArrayList<>();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            BlockId next = i + 1 < n ? new BlockId(10 + i + 1) : ACCEPT;
            blocks.add(new Block(new BlockId(10 + i), List.of(new Stmt.LoadAbsolute(LoadSize.BYTE, i % 1000)),
                    new Terminator.Branch(Condition.of(JumpOp.JEQ, i % 256), next, REJECT)));
        }
        blocks.add(new Block(ACCEPT, List.of(), new Terminator.Return(1)));
        blocks.add(new Block(REJECT, List.of(), new Terminator.Return(0)));
        Cfg cfg = Cfg.of(new BlockId(10), blocks);
        assertThat(problems(cfg, GenerateOptions.of(Target.SOCKET))).singleElement()
                .extracting(Problem::message).asString().startsWith("the program has 40005 instructions, too many");
    }
}
