package dev.jfilter.cfg.opt;

import static dev.jfilter.cfg.opt.CfgText.assertRewrites;

import org.junit.jupiter.api.Test;

/** Dead blocks: a block whose every path returns the same constant is that return. */
class ConstantResultSinkingTest {
    private final ConstantResultSinking pass = new ConstantResultSinking();

    @Test
    void aBlockThatRejectsOnEveryPathIsReturnZeroEvenWithLoads() {
        assertRewrites(pass, """
                B0:
                    ldh [12]
                    jeq #0x800  jt B1  jf B2
                B1:
                    ld [100]
                    jeq #7  jt B2  jf B2
                B2:
                    ret #0
                """, """
                B0:
                    ret #0
                """);
    }

    @Test
    void aBlockThatAcceptsOnEveryPathIsReturnWhenNoLoadOnTheWayCanFail() {
        // [12] is proven there; [14] is not.
        assertRewrites(pass, """
                B0:
                    ldh [12]
                    jeq #0x800  jt B1  jf B2
                B1:
                    ldb [13]
                    jeq #7  jt B3  jf B3
                B2:
                    ldb [14]
                    jeq #7  jt B3  jf B3
                B3:
                    ret #1
                """, """
                B0:
                    ldh [12]
                    jeq #0x800  jt B1  jf B2
                B1:
                    ret #1
                B2:
                    ldb [14]
                    jeq #7  jt B3  jf B3
                B3:
                    ret #1
                """);
    }
}
