package dev.jfilter.frontend.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.ast.FilterExpr;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random expressions (valid, mutated and garbage) against libpcap master's own scanner.l and grammar.y.in, built
 * with flex and bison and with code generation replaced by a printer of the tree (resources {@code oracle/}).
 * Each line of {@code bison-oracle.tsv} holds the expression and bison's verdict: {@code OK} and the tree, or
 * {@code ERR} and libpcap's message ({@code QERR}: an id with no qualifiers to inherit, a syntax error for
 * jfilter).
 */
class BisonOracleTest {

    static Stream<Arguments> corpus() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                BisonOracleTest.class.getResourceAsStream("bison-oracle.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                int tab = line.indexOf('\t');
                cases.add(Arguments.of(unescape(line.substring(0, tab)), line.substring(tab + 1)));
            }
        }
        return cases.stream();
    }

    /** The harness reads {@code \\} as one backslash and {@code \n} as a newline. */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                b.append('\\');
                i++;
            } else if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == 'n') {
                b.append('\n');
                i++;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("corpus")
    void sameVerdictAndTreeAsBison(String expression, String bison) {
        Result<Optional<FilterExpr>> result = FilterParser.parse(expression);
        if (bison.startsWith("OK")) {
            assertThat(result).as("bison accepts it").isInstanceOf(Result.Ok.class);
            Optional<FilterExpr> expr = ((Result.Ok<Optional<FilterExpr>>) result).value();
            String tree = expr.map(AstPrinter::print).orElse("");
            assertThat("OK " + tree).isEqualTo(bison);
        } else {
            assertThat(result).as("bison rejects it: " + bison).isInstanceOf(Result.Failed.class);
            String message = ((Result.Failed<Optional<FilterExpr>>) result).diagnostics().getFirst().message();
            String libpcap = bison.substring("ERR ".length());
            if (libpcap.equals("QERR") || libpcap.equals("can't parse filter expression: syntax error")) {
                assertThat(message).startsWith("syntax error");
            } else {
                assertThat(message).contains(libpcap);
            }
        }
    }
}
