package dev.jfilter.cfg.opt;

import static dev.jfilter.cfg.opt.CfgText.assertRewrites;

import org.junit.jupiter.api.Test;

class GraphSimplificationTest {
    private final GraphSimplification pass = new GraphSimplification();

    @Test
    void aBranchWithBothEdgesToOneBlockIsAJumpAndEmptyJumpsAreBypassed() {
        assertRewrites(pass, """
                B0:
                    ldh [12]
                    jeq #0x800  jt B1  jf B1
                B1:
                    ja B2
                B2:
                    ret #1
                """, """
                B0:
                    ldh [12]
                    ret #1
                """);
    }

    @Test
    void aBlockOnlyOneJumpEntersJoinsItsPredecessor() {
        assertRewrites(pass, """
                B0:
                    ldh [12]
                    ja B1
                B1:
                    ldb [23]
                    jeq #6  jt B2  jf B3
                B2:
                    ret #1
                B3:
                    ret #0
                """, """
                B0:
                    ldh [12]
                    ldb [23]
                    jeq #6  jt B2  jf B3
                B2:
                    ret #1
                B3:
                    ret #0
                """);
    }

    @Test
    void identicalBlocksAndReturnsBecomeOne() {
        assertRewrites(pass, """
                B0:
                    ldh [12]
                    jeq #0x800  jt B1  jf B2
                B1:
                    ldb [23]
                    jeq #6  jt B3  jf B4
                B2:
                    ldb [23]
                    jeq #6  jt B5  jf B6
                B3:
                    ret #1
                B4:
                    ret #0
                B5:
                    ret #1
                B6:
                    ret #0
                """, """
                B0:
                    ldh [12]
                    jeq #0x800  jt B2  jf B2
                B2:
                    ldb [23]
                    jeq #6  jt B5  jf B6
                B5:
                    ret #1
                B6:
                    ret #0
                """);
    }
}
