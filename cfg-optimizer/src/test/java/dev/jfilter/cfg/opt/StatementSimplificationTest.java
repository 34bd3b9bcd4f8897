package dev.jfilter.cfg.opt;

import static dev.jfilter.cfg.opt.CfgText.assertRewrites;

import org.junit.jupiter.api.Test;

/** Value numbering and constant folding over the whole graph, joins included. */
class StatementSimplificationTest {
    private final StatementSimplification pass = new StatementSimplification();

    @Test
    void equalValuesOnBothSidesOfADiamondAreOneValueAtTheJoin() {
        assertRewrites(pass, """
                B0:
                    ldh [12]
                    jeq #0x800  jt B1  jf B2
                B1:
                    ldb [14]
                    ja B3
                B2:
                    ldb [14]
                    ja B3
                B3:
                    ldb [14]
                    jeq #0x45  jt B4  jf B5
                B4:
                    ret #1
                B5:
                    ret #0
                """, """
                B0:
                    ldh [12]
                    jeq #0x800  jt B1  jf B2
                B1:
                    ldb [14]
                    ja B3
                B2:
                    ldb [14]
                    ja B3
                B3:
                    jeq #0x45  jt B4  jf B5
                B4:
                    ret #1
                B5:
                    ret #0
                """);
    }

    @Test
    void constantsFoldAndIndirectLoadsWithAKnownIndexBecomeAbsolute() {
        assertRewrites(pass, """
                B0:
                    ldx #14
                    ld #6
                    mul #7
                    st M[0]
                    ldh [x + 2]
                    ldx M[0]
                    jeq x  jt B1  jf B2
                B1:
                    ret #1
                B2:
                    ret #0
                """, """
                B0:
                    ldx #14
                    ld #6
                    ld #42
                    st M[0]
                    ldh [16]
                    ldx #42
                    jeq #42  jt B1  jf B2
                B1:
                    ret #1
                B2:
                    ret #0
                """);
    }

    @Test
    void aScratchLoadOfTheValueInTheOtherRegisterIsACopy() {
        assertRewrites(pass, """
                B0:
                    ldb [22]
                    st M[1]
                    ldb [23]
                    st M[3]
                    ldx M[3]
                    ld M[1]
                    add x
                    jeq #70  jt B1  jf B2
                B1:
                    ret #1
                B2:
                    ret #0
                """, """
                B0:
                    ldb [22]
                    st M[1]
                    ldb [23]
                    st M[3]
                    tax
                    ld M[1]
                    add x
                    jeq #70  jt B1  jf B2
                B1:
                    ret #1
                B2:
                    ret #0
                """);
    }

    @Test
    void aDivisionByAKnownZeroIsKeptBecauseItEndsTheProgram() {
        // X is 0 at the entry, so loading 0 into it again goes; the division does not fold.
        assertRewrites(pass, """
                B0:
                    ldx #0
                    ld #6
                    div x
                    jeq #0  jt B1  jf B2
                B1:
                    ret #1
                B2:
                    ret #0
                """, """
                B0:
                    ld #6
                    div x
                    jeq #0  jt B1  jf B2
                B1:
                    ret #1
                B2:
                    ret #0
                """);
    }
}
