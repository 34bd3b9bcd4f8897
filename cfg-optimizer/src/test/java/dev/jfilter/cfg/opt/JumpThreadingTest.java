package dev.jfilter.cfg.opt;

import static dev.jfilter.cfg.opt.CfgText.assertRewrites;
import static dev.jfilter.cfg.opt.CfgText.assertUnchanged;

import org.junit.jupiter.api.Test;

class JumpThreadingTest {
    private final JumpThreading pass = new JumpThreading();

    @Test
    void anEdgeThatDecidesTheNextTestGoesStraightToItsOutcome() {
        // ip or ip6 ... : after "EtherType is 0x800", a later test for 0x86dd is known false.
        assertRewrites(pass, """
                B0:
                    ldh [12]
                    jeq #0x800  jt B1  jf B2
                B1:
                    ldb [23]
                    jeq #6  jt B4  jf B2
                B2:
                    jeq #0x86dd  jt B3  jf B5
                B3:
                    ldb [20]
                    jeq #6  jt B4  jf B5
                B4:
                    ret #1
                B5:
                    ret #0
                """, """
                B0:
                    ldh [12]
                    jeq #0x800  jt B1  jf B2
                B1:
                    ldb [23]
                    jeq #6  jt B4  jf B5
                B2:
                    jeq #0x86dd  jt B3  jf B5
                B3:
                    ldb [20]
                    jeq #6  jt B4  jf B5
                B4:
                    ret #1
                B5:
                    ret #0
                """);
    }

    @Test
    void anEdgeIsNotThreadedPastALoadThatMayFail() {
        // B2 loads [40] first: skipping it would accept packets too short for it.
        assertUnchanged(pass, """
                B0:
                    ldh [12]
                    jeq #0x800  jt B1  jf B2
                B1:
                    ldb [23]
                    jeq #6  jt B4  jf B2
                B2:
                    ldb [40]
                    ldh [12]
                    jeq #0x86dd  jt B4  jf B5
                B4:
                    ret #1
                B5:
                    ret #0
                """);
    }

    @Test
    void anEdgeThreadedPastADefinitionHoldsBackTheRewritesBelowIt() {
        // The entry's false edge skips B6's "ld #2" (A is dead at B4 in this graph); B4's jump, judged by the same
        // graph, skips B3's "ld #2" as already done. Both at once would leave A = 0 where B2 reads 2.
        CfgText.assertKeepsResults(pass, """
                B21:
                    jset x  jt B13  jf B6
                B13:
                    ldx #pktlen
                    sub x
                    ja B0
                B6:
                    ld #2
                    jeq #2  jt B4  jf B4
                B4:
                    ldxb 4*([20]&0xf)
                    ja B3
                B3:
                    ld #2
                    jeq #0  jt B1  jf B2
                B2:
                    neg
                    jgt x  jt B0  jf B1
                B0:
                    ret #262144
                B1:
                    ret #0
                """);
    }
}
