package dev.jfilter.cfg.opt;

import static dev.jfilter.cfg.opt.CfgText.assertRewrites;
import static dev.jfilter.cfg.opt.CfgText.parse;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Redundant-predicate elimination: tests decided by every path to them (the edge-dominator condition, and more). */
class BranchFoldingTest {
    private final BranchFolding pass = new BranchFolding();

    @Test
    void aTestMadeOnADominatingEdgeIsNotRepeated() {
        // The statements stay (the reload may still be dropped by value numbering); only the test goes.
        assertRewrites(pass, """
                B0:
                    ldh [12]
                    jeq #0x800  jt B1  jf B3
                B1:
                    ldh [12]
                    jeq #0x800  jt B2  jf B3
                B2:
                    ret #1
                B3:
                    ret #0
                """, """
                B0:
                    ldh [12]
                    jeq #0x800  jt B1  jf B3
                B1:
                    ldh [12]
                    ja B2
                B2:
                    ret #1
                B3:
                    ret #0
                """);
    }

    @Test
    void aTestDecidedOnEveryIncomingEdgeOfAJoinIsDecided() {
        // ip proto 6 or ip proto 17, then tcp or udp again: at the join, proto is one of {6, 17}; no edge dominates.
        assertRewrites(pass, """
                B0:
                    ldb [23]
                    jeq #6  jt B2  jf B1
                B1:
                    jeq #17  jt B2  jf B4
                B2:
                    ldh [20]
                    jgt #100  jt B5  jf B3
                B3:
                    ldb [23]
                    jeq #1  jt B4  jf B5
                B4:
                    ret #0
                B5:
                    ret #1
                """, """
                B0:
                    ldb [23]
                    jeq #6  jt B2  jf B1
                B1:
                    jeq #17  jt B2  jf B4
                B2:
                    ldh [20]
                    jgt #100  jt B5  jf B3
                B3:
                    ldb [23]
                    ja B5
                B4:
                    ret #0
                B5:
                    ret #1
                """);
    }

    @Test
    void libpcapReasoningDecidesOnlyWhatFoldEdgeDecides() {
        var cfg = parse("""
                B0:
                    ldb [0]
                    jgt #300  jt B1  jf B2
                B1:
                    ret #1
                B2:
                    ret #0
                """);
        assertThat(pass.run(cfg, Reasoning.LIBPCAP)).isSameAs(cfg);
        assertThat(pass.run(cfg, Reasoning.FULL)).isNotEqualTo(cfg);
    }
}
