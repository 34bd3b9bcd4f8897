package dev.jfilter.cfg.opt;

import static dev.jfilter.cfg.opt.CfgText.assertRewrites;
import static dev.jfilter.cfg.opt.CfgText.assertUnchanged;

import org.junit.jupiter.api.Test;

class RejectChainGroupingTest {
    private final RejectChainGrouping pass = new RejectChainGrouping();

    @Test
    void testsThatRejectAreGroupedByTheValueTheyTest() {
        // not (port 80 or port 443) on IPv6: [54]==80, [56]==80, [54]==443, [56]==443 all reject.
        assertRewrites(pass, """
                B0:
                    ldh [54]
                    jeq #80  jt B9  jf B1
                B1:
                    ldh [56]
                    jeq #80  jt B9  jf B2
                B2:
                    ldh [54]
                    jeq #443  jt B9  jf B3
                B3:
                    ldh [56]
                    jeq #443  jt B9  jf B8
                B8:
                    ret #1
                B9:
                    ret #0
                """, """
                B0:
                    ldh [54]
                    jeq #80  jt B9  jf B1
                B1:
                    jeq #443  jt B9  jf B2
                B2:
                    ldh [56]
                    jeq #80  jt B9  jf B3
                B3:
                    jeq #443  jt B9  jf B8
                B8:
                    ret #1
                B9:
                    ret #0
                """);
    }

    @Test
    void aTestOfTheValueAlreadyInAGoesFirst() {
        // host a and host b, after [26] != a: test [26] == b before loading [30].
        assertRewrites(pass, """
                B0:
                    ld [26]
                    jeq #1  jt B8  jf B1
                B1:
                    ld [30]
                    jeq #1  jt B2  jf B9
                B2:
                    ld [26]
                    jeq #2  jt B8  jf B9
                B8:
                    ret #1
                B9:
                    ret #0
                """, """
                B0:
                    ld [26]
                    jeq #1  jt B8  jf B1
                B1:
                    ld [26]
                    jeq #2  jt B2  jf B9
                B2:
                    ld [30]
                    jeq #1  jt B8  jf B9
                B8:
                    ret #1
                B9:
                    ret #0
                """);
    }

    @Test
    void testsThatAcceptKeepTheirOrder() {
        // port 80 or port 443: a failing load of [56] must still come before [54] == 443 accepts.
        assertUnchanged(pass, """
                B0:
                    ldh [54]
                    jeq #80  jt B8  jf B1
                B1:
                    ldh [56]
                    jeq #80  jt B8  jf B2
                B2:
                    ldh [54]
                    jeq #443  jt B8  jf B9
                B8:
                    ret #1
                B9:
                    ret #0
                """);
    }
}
