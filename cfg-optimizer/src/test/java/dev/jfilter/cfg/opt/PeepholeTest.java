package dev.jfilter.cfg.opt;

import static dev.jfilter.cfg.opt.CfgText.assertRewrites;
import static dev.jfilter.cfg.opt.CfgText.assertUnchanged;

import org.junit.jupiter.api.Test;

/** The peephole passes: jset, compare folding and the indexed-load idiom, each alone. */
class PeepholeTest {

    @Test
    void andThenEqualZeroIsJsetWithTheEdgesSwapped() {
        assertRewrites(new JsetPeephole(), """
                B0:
                    ldh [20]
                    and #0x1fff
                    jeq #0  jt B1  jf B2
                B1:
                    ret #1
                B2:
                    ret #0
                """, """
                B0:
                    ldh [20]
                    jset #0x1fff  jt B2  jf B1
                B1:
                    ret #1
                B2:
                    ret #0
                """);
    }

    @Test
    void andThenEqualZeroStaysWhenALaterBlockReadsA() {
        assertUnchanged(new JsetPeephole(), """
                B0:
                    ldh [20]
                    and #0x1fff
                    jeq #0  jt B1  jf B2
                B1:
                    ret a
                B2:
                    ret #0
                """);
    }

    @Test
    void bijectiveArithmeticFoldsIntoTheComparedConstant() {
        assertRewrites(new CompareFolding(), """
                B0:
                    ldh [18]
                    sub #8
                    jeq #0  jt B1  jf B3
                B1:
                    ldh [20]
                    add #14
                    jeq #100  jt B2  jf B3
                B2:
                    ld [26]
                    xor #0xff
                    jeq #0xf0  jt B4  jf B3
                B4:
                    ldb [30]
                    tax
                    ldb [31]
                    sub x
                    jeq #0  jt B5  jf B3
                B5:
                    ret #1
                B3:
                    ret #0
                """, """
                B0:
                    ldh [18]
                    jeq #8  jt B1  jf B3
                B1:
                    ldh [20]
                    jeq #86  jt B2  jf B3
                B2:
                    ld [26]
                    jeq #0xf  jt B4  jf B3
                B4:
                    ldb [30]
                    tax
                    ldb [31]
                    jeq x  jt B5  jf B3
                B5:
                    ret #1
                B3:
                    ret #0
                """);
    }

    @Test
    void arithmeticThatIsNotABijectionStays() {
        assertUnchanged(new CompareFolding(), """
                B0:
                    ldh [18]
                    mul #2
                    jeq #4  jt B1  jf B2
                B1:
                    ret #1
                B2:
                    ret #0
                """);
    }

    @Test
    void theTcpHeaderIdiomFoldsTheConstantIntoTheLoadOffset() {
        assertRewrites(new IndexedLoadPeephole(), """
                B0:
                    ld #2
                    ldxb 4*([14]&0xf)
                    add x
                    tax
                    ldh [x + 14]
                    jeq #53  jt B1  jf B2
                B1:
                    ret #1
                B2:
                    ret #0
                """, """
                B0:
                    ldxb 4*([14]&0xf)
                    ldh [x + 16]
                    jeq #53  jt B1  jf B2
                B1:
                    ret #1
                B2:
                    ret #0
                """);
    }

    @Test
    void theIdiomFoldsWhenXAlreadyHoldsTheHeaderOffset() {
        // After a variable-length link header (pflog), X is computed, not loaded with ldxb: here a byte rounded up.
        assertRewrites(new IndexedLoadPeephole(), """
                B0:
                    ldb [0]
                    add #3
                    and #0xfffffffc
                    st M[2]
                    ldx M[2]
                    ldb [x + 0]
                    and #0xf
                    lsh #2
                    add x
                    tax
                    ld #13
                    add x
                    tax
                    ldb [x + 0]
                    jset #2  jt B1  jf B2
                B1:
                    ret #1
                B2:
                    ret #0
                """, """
                B0:
                    ldb [0]
                    add #3
                    and #0xfffffffc
                    st M[2]
                    ldx M[2]
                    ldb [x + 0]
                    and #0xf
                    lsh #2
                    add x
                    tax
                    ldb [x + 13]
                    jset #2  jt B1  jf B2
                B1:
                    ret #1
                B2:
                    ret #0
                """);
    }

    @Test
    void theIdiomStaysWhenTheSumMayWrapAround() {
        // X a 32-bit length (AVS's): 4 + X may wrap to a small offset, which [x + 4] would refuse.
        String program = """
                B0:
                    ld [4]
                    tax
                    ld #4
                    add x
                    tax
                    ldb [x + 0]
                    jset #1  jt B1  jf B2
                B1:
                    ret #1
                B2:
                    ret #0
                """;
        assertUnchanged(new IndexedLoadPeephole(), program);
    }

    @Test
    void theIdiomStaysWhenXIsReadAfterwards() {
        assertUnchanged(new IndexedLoadPeephole(), """
                B0:
                    ld #13
                    add x
                    tax
                    ldb [x + 0]
                    jeq #1  jt B1  jf B2
                B1:
                    ldb [x + 1]
                    jeq #2  jt B3  jf B2
                B2:
                    ret #0
                B3:
                    ret #1
                """);
    }

    @Test
    void constantOperationsInARowBecomeOne() {
        assertRewrites(new ArithmeticMerging(), """
                B0:
                    ld #40
                    add #22
                    add #8
                    sub #2
                    tax
                    ldh [x + 0]
                    and #0xff0
                    and #0x0ff
                    mul #3
                    mul #5
                    jeq #0  jt B1  jf B2
                B1:
                    ret #1
                B2:
                    ret #0
                """, """
                B0:
                    ld #40
                    add #28
                    tax
                    ldh [x + 0]
                    and #0xf0
                    mul #15
                    jeq #0  jt B1  jf B2
                B1:
                    ret #1
                B2:
                    ret #0
                """);
    }
}
