package dev.jfilter.cfg.opt;

import static dev.jfilter.cfg.opt.CfgText.assertRewrites;
import static dev.jfilter.cfg.opt.CfgText.assertUnchanged;

import org.junit.jupiter.api.Test;

class RejectingEdgesTest {
    private final RejectingEdges pass = new RejectingEdges();

    @Test
    void anEdgeWhoseEveryPathRejectsSkipsTheLoadsOnTheWay() {
        // port 53 and not udp, IPv4 part: after proto == 17 the port loads only lead to "not udp" failing, so the
        // test for 17 rejects both ways, and then every packet that is not TCP is rejected at once.
        assertRewrites(pass, """
                B0:
                    ldb [23]
                    jeq #6  jt B2  jf B1
                B1:
                    jeq #17  jt B2  jf B6
                B2:
                    ldxb 4*([14]&0xf)
                    ldh [x + 14]
                    jeq #53  jt B3  jf B6
                B3:
                    ldb [23]
                    jeq #17  jt B6  jf B5
                B5:
                    ret #1
                B6:
                    ret #0
                """, """
                B0:
                    ldb [23]
                    jeq #6  jt B2  jf B6
                B2:
                    ldxb 4*([14]&0xf)
                    ldh [x + 14]
                    jeq #53  jt B3  jf B6
                B3:
                    ldb [23]
                    jeq #17  jt B6  jf B5
                B5:
                    ret #1
                B6:
                    ret #0
                """);
    }

    @Test
    void anEdgeWithAnAcceptingPathStays() {
        assertUnchanged(pass, """
                B0:
                    ldb [23]
                    jeq #6  jt B2  jf B3
                B2:
                    ldh [40]
                    jeq #53  jt B5  jf B3
                B5:
                    ret #1
                B3:
                    ret #0
                """);
    }

    @Test
    void blocksBelowABranchThatBecameAJumpWaitForTheNextRound() {
        // B9's true edge rejects, and so would its false edge for those packets ([24] & 0x101 is never 2), so B9 jumps
        // to B8. Packets with [30] > 0 now reach B7, which, judged by the old graph (only [30] == 0 came there), could
        // have jumped to B6: [30] = 2 would then be accepted. B8 and below stay as they are this round.
        String below = """
                B8:
                    ldh [28]
                    jeq #1  jt B1  jf B7
                B7:
                    ldh [24]
                    and #0x101
                    jeq #2  jt B6  jf B1
                B6:
                    ldb [30]
                    jeq #0  jt B1  jf B5
                B5:
                    jeq #1  jt B1  jf B4
                B4:
                    jeq #1  jt B1  jf B0
                B0:
                    ret #1
                B1:
                    ret #0
                """;
        assertRewrites(pass, """
                B9:
                    ldb [30]
                    jgt #0  jt B1  jf B8
                """ + below, """
                B9:
                    ldb [30]
                    ja B8
                """ + below);
    }
}
