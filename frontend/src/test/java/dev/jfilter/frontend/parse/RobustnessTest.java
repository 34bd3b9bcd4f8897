package dev.jfilter.frontend.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.ast.FilterExpr;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Long and deep inputs, and garbage: a result every time, never an exception. */
class RobustnessTest {

    @Test
    void tenThousandOredHosts() {
        StringBuilder b = new StringBuilder("host 10.0.0.1");
        for (int i = 2; i <= 10_000; i++) {
            b.append(" or host 10.0.").append(i / 256).append('.').append(i % 256);
        }
        Result<Optional<FilterExpr>> result = FilterParser.parse(b.toString());
        FilterExpr e = ((Result.Ok<Optional<FilterExpr>>) result).value().orElseThrow();
        int depth = 0;
        while (e instanceof FilterExpr.Or or) {
            e = or.left();
            depth++;
        }
        assertThat(depth).isEqualTo(9_999);
    }

    @Test
    void tenThousandInheritedIds() {
        StringBuilder b = new StringBuilder("tcp dst port 1");
        for (int i = 2; i <= 10_000; i++) {
            b.append(i % 2 == 0 ? " or " : " and not ").append(i);
        }
        assertThat(FilterParser.parse(b.toString())).isInstanceOf(Result.Ok.class);
    }

    @Test
    void syntaxErrorAtTheEndOfALongChain() {
        String text = "host a or ".repeat(5_000) + ")";
        var result = FilterParser.parse(text);
        assertThat(((Result.Failed<Optional<FilterExpr>>) result).diagnostics().getFirst().span().start())
                .isEqualTo(text.length() - 1);
    }

    @Test
    void deepNesting() {
        String text = "(".repeat(3_000) + "tcp" + ")".repeat(3_000) + " and " + "not ".repeat(3_000) + "udp";
        assertThat(FilterParser.parse(text)).isInstanceOf(Result.Ok.class);
    }

    static IntStream seeds() {
        return IntStream.range(0, 20);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void garbageGivesADiagnosticOrATree(int seed) {
        Random random = new Random(seed);
        String alphabet = "abcdefxhostportandornot0123456789.:-$\\()[]!<>=&|^+*/% \t\n\u00e9\u0000";
        for (int n = 0; n < 200; n++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Result<Optional<FilterExpr>> result = FilterParser.parse(b.toString());
            if (result instanceof Result.Failed<Optional<FilterExpr>> failed) {
                assertThat(failed.diagnostics().getFirst().span().end()).isLessThanOrEqualTo(b.length());
                assertThat(failed.diagnostics().getFirst().message()).isNotBlank();
            }
        }
    }

    @Test
    void charactersOutsideTheBasicPlaneKeepColumns() {
        String text = "host \uD83D\uDE00";
        var d = ((Result.Failed<Optional<FilterExpr>>) FilterParser.parse(text)).diagnostics().getFirst();
        assertThat(d.span().start()).isEqualTo(5);
        assertThat(d.span().end()).isEqualTo(7);
    }
}
