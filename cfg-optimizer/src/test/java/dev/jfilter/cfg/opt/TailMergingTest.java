package dev.jfilter.cfg.opt;

import static dev.jfilter.cfg.opt.CfgText.assertRewrites;
import static dev.jfilter.cfg.opt.CfgText.assertUnchanged;

import org.junit.jupiter.api.Test;

class TailMergingTest {
    private final TailMerging pass = new TailMerging();

    @Test
    void blocksEndingAlikeShareTheirTail() {
        assertRewrites(pass, """
                B0:
                    ldh [12]
                    jeq #0x800  jt B1  jf B2
                B1:
                    ldb [23]
                    ldh [20]
                    and #0xff
                    add #1
                    jeq #7  jt B3  jf B4
                B2:
                    ldb [20]
                    ldh [20]
                    and #0xff
                    add #1
                    jeq #7  jt B3  jf B4
                B3:
                    ret #1
                B4:
                    ret #0
                """, """
                B0:
                    ldh [12]
                    jeq #0x800  jt B1  jf B2
                B1:
                    ldb [23]
                    ja B5
                B2:
                    ldb [20]
                    ja B5
                B5:
                    ldh [20]
                    and #0xff
                    add #1
                    jeq #7  jt B3  jf B4
                B3:
                    ret #1
                B4:
                    ret #0
                """);
    }

    @Test
    void aShortTailIsNotWorthItsJumps() {
        assertUnchanged(pass, """
                B0:
                    ldh [12]
                    jeq #0x800  jt B1  jf B2
                B1:
                    ldb [23]
                    ldh [20]
                    jeq #7  jt B3  jf B4
                B2:
                    ldb [20]
                    ldh [20]
                    jeq #7  jt B3  jf B4
                B3:
                    ret #1
                B4:
                    ret #0
                """);
    }
}
