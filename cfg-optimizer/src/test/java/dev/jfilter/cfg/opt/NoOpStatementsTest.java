package dev.jfilter.cfg.opt;

import static dev.jfilter.cfg.opt.CfgText.assertRewrites;
import static dev.jfilter.cfg.opt.CfgText.assertUnchanged;

import org.junit.jupiter.api.Test;

class NoOpStatementsTest {
    private final NoOpStatements pass = new NoOpStatements();

    @Test
    void statementsThatRecomputeWhatTheRegistersHoldGoTogether() {
        assertRewrites(pass, """
                B0:
                    ldb [21]
                    and #0x1f
                    jeq #0x1a  jt B2  jf B1
                B1:
                    ldb [21]
                    and #0x1f
                    jeq #0x18  jt B2  jf B3
                B2:
                    ret #1
                B3:
                    ret #0
                """, """
                B0:
                    ldb [21]
                    and #0x1f
                    jeq #0x1a  jt B2  jf B1
                B1:
                    jeq #0x18  jt B2  jf B3
                B2:
                    ret #1
                B3:
                    ret #0
                """);
    }

    @Test
    void aValueLoadedAndMaskedOnEveryPathIsNotLoadedAndMaskedAgainAfterTheJoin() {
        // libpcap issue 110 (src net 10.0.1.0/24 or src net 10.0.2.0/24 reloads and re-masks [16]), behind a join.
        assertRewrites(pass, """
                B0:
                    ld [0]
                    jeq #2  jt B1  jf B2
                B1:
                    ld [16]
                    and #0xffffff00
                    jeq #0xa000100  jt B4  jf B3
                B2:
                    ld [16]
                    and #0xffffff00
                    jeq #0xa000300  jt B4  jf B3
                B3:
                    ld [16]
                    and #0xffffff00
                    jeq #0xa000200  jt B4  jf B5
                B4:
                    ret #1
                B5:
                    ret #0
                """, """
                B0:
                    ld [0]
                    jeq #2  jt B1  jf B2
                B1:
                    ld [16]
                    and #0xffffff00
                    jeq #0xa000100  jt B4  jf B3
                B2:
                    ld [16]
                    and #0xffffff00
                    jeq #0xa000300  jt B4  jf B3
                B3:
                    jeq #0xa000200  jt B4  jf B5
                B4:
                    ret #1
                B5:
                    ret #0
                """);
    }

    @Test
    void aBlockWithALoadThatMayFailStays() {
        // [30] was never loaded before: on short packets it decides the verdict.
        assertUnchanged(pass, """
                B0:
                    ldb [21]
                    jeq #0x1a  jt B2  jf B1
                B1:
                    ld [30]
                    ldb [21]
                    jeq #0x18  jt B2  jf B3
                B2:
                    ret #1
                B3:
                    ret #0
                """);
    }

    @Test
    void aHeaderLengthComputedAtRunTimeIsNotComputedAgainForTheSecondPortTest() {
        // pflog's 'tcp src portrange 20-25': the payload offset is in M[0], the port at [x + 0] after the IPv4 header.
        // The second computation loads what the first did, with the same index: it cannot fail, and changes nothing.
        assertRewrites(pass, """
                B0:
                    ldx M[0]
                    ldb [x + 0]
                    and #0xf
                    lsh #2
                    add x
                    tax
                    ldh [x + 0]
                    jge #0x14  jt B1  jf B3
                B1:
                    ldx M[0]
                    ldb [x + 0]
                    and #0xf
                    lsh #2
                    add x
                    tax
                    ldh [x + 0]
                    jgt #0x19  jt B3  jf B2
                B2:
                    ret #1
                B3:
                    ret #0
                """, """
                B0:
                    ldx M[0]
                    ldb [x + 0]
                    and #0xf
                    lsh #2
                    add x
                    tax
                    ldh [x + 0]
                    jge #0x14  jt B1  jf B3
                B1:
                    jgt #0x19  jt B3  jf B2
                B2:
                    ret #1
                B3:
                    ret #0
                """);
    }

    @Test
    void anIndexedLoadReachingFurtherThanTheOneBeforeStays() {
        // [x + 2] succeeded; [x + 4] may run past the packet and decide the verdict.
        assertUnchanged(pass, """
                B0:
                    ldx M[0]
                    ldh [x + 2]
                    jge #0x14  jt B1  jf B3
                B1:
                    ldh [x + 4]
                    ldh [x + 2]
                    jgt #0x19  jt B3  jf B2
                B2:
                    ret #1
                B3:
                    ret #0
                """);
    }

    @Test
    void aBlockWhoseCheckReliesOnWhatAnEmptiedBlockLeftWaits() {
        // B19's "ld M[2]" is dead (B2 loads A again), so it goes; B2's "ld M[2]" changes nothing only because B19
        // loaded M[2] into A first. Both at once would leave the byte from [x + 23] in A for the jset.
        CfgText.assertKeepsResults(pass, """
                B24:
                    ldh [6]
                    ld #2
                    ldxb 4*([20]&0xf)
                    add x
                    tax
                    ldb [x + 23]
                    ja B19
                B19:
                    ld M[2]
                    ja B2
                B2:
                    ldxb 4*([1]&0xf)
                    ld M[2]
                    jset #0x45  jt B0  jf B1
                B0:
                    ret #262144
                B1:
                    ret #0
                """);
    }
}
