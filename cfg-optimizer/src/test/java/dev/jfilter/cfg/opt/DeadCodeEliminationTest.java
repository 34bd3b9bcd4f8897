package dev.jfilter.cfg.opt;

import static dev.jfilter.cfg.opt.CfgText.assertRewrites;
import static dev.jfilter.cfg.opt.CfgText.assertUnchanged;

import org.junit.jupiter.api.Test;

/** Dead statements: stores to scratch memory and X, and values nobody reads; loads that may fail stay. */
class DeadCodeEliminationTest {

    @Test
    void deadStoresToScratchAndXGo() {
        assertRewrites(new DeadCodeElimination(false), """
                B0:
                    ldb [23]
                    st M[3]
                    tax
                    stx M[4]
                    ldh [12]
                    st M[3]
                    jeq #0x800  jt B1  jf B2
                B1:
                    ld M[3]
                    ret a
                B2:
                    ret #0
                """, """
                B0:
                    ldb [23]
                    ldh [12]
                    st M[3]
                    jeq #0x800  jt B1  jf B2
                B1:
                    ld M[3]
                    ret a
                B2:
                    ret #0
                """);
    }

    @Test
    void aStoreReadOnOnlyOnePathStays() {
        // libpcap issues 1670/1726: a store that one successor reads must survive.
        assertUnchanged(new DeadCodeElimination(false), """
                B0:
                    ldb [23]
                    st M[1]
                    ldh [12]
                    jeq #0x800  jt B1  jf B2
                B1:
                    ld M[1]
                    jeq #6  jt B3  jf B2
                B2:
                    ret #0
                B3:
                    ret #1
                """);
    }

    @Test
    void anUnusedLoadThatMayFailStaysInTheFirstMode() {
        assertUnchanged(new DeadCodeElimination(false), """
                B0:
                    ldb [100]
                    ldh [12]
                    jeq #0x800  jt B1  jf B2
                B1:
                    ret #1
                B2:
                    ret #0
                """);
    }

    @Test
    void anUnusedLoadCoveredByALaterLongerLoadOnEveryAcceptingPathGoesInTheSecondMode() {
        assertRewrites(new DeadCodeElimination(true), """
                B0:
                    ldb [20]
                    ldh [12]
                    jeq #0x800  jt B1  jf B2
                B1:
                    ld [30]
                    jeq #1  jt B3  jf B2
                B2:
                    ret #0
                B3:
                    ret #1
                """, """
                B0:
                    ldh [12]
                    jeq #0x800  jt B1  jf B2
                B1:
                    ld [30]
                    jeq #1  jt B3  jf B2
                B2:
                    ret #0
                B3:
                    ret #1
                """);
    }
}
