package dev.jfilter.frontend.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.grammar.PcapFilterLexer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lexer against libpcap master's flex scanner (scanner.l) on random strings of tricky fragments
 * ({@code flex-tokens.tsv}, see {@code oracle/README.md}): the same tokens with the same texts, up to and
 * including the first lexical error and its message.
 */
class FlexTokensTest {

    static Stream<Arguments> corpus() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                FlexTokensTest.class.getResourceAsStream("flex-tokens.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                int tab = line.indexOf('\t');
                cases.add(Arguments.of(BisonOracleTest.unescape(line.substring(0, tab)), line.substring(tab + 1)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("corpus")
    void sameTokensAsFlex(String input, String flex) {
        assertThat(render(input)).isEqualTo(flex);
    }

    /** The tokens as the harness prints them: bison's token names, characters for one-character tokens. */
    static String render(String input) {
        PcapFilterLexer lexer = new PcapFilterLexer(CharStreams.fromString(input));
        lexer.removeErrorListeners();
        StringBuilder b = new StringBuilder();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            String text = t.getText();
            Optional<String> error = switch (t.getType()) {
                case PcapFilterLexer.NUM -> NumberLiteral.parse(text) instanceof Literal.Invalid invalid
                        ? Optional.of(invalid.message()) : Optional.empty();
                case PcapFilterLexer.HID6 -> Ipv6Text.parse(text).isPresent()
                        ? Optional.empty() : Optional.of("invalid IPv6 address " + text);
                case PcapFilterLexer.BAD_EID -> Optional.of("invalid Ethernet address " + text);
                default -> Optional.empty();
            };
            String name = t.getType() == PcapFilterLexer.NUM && error.isPresent() ? "LEX_ERROR" : bisonName(t.getType(), text);
            b.append(name).append(':').append(text).append(' ');
            if (error.isPresent()) {
                b.append("!ERR ").append(error.get());
                break;
            }
        }
        return b.toString();
    }

    private static String bisonName(int type, String text) {
        return switch (type) {
            case PcapFilterLexer.BROADCAST -> "TK_BROADCAST";
            case PcapFilterLexer.MULTICAST -> "TK_MULTICAST";
            case PcapFilterLexer.NOT -> "!";
            case PcapFilterLexer.EQ -> "=";
            case PcapFilterLexer.BAD_EID -> "EID";
            case PcapFilterLexer.ERROR_CHAR -> "LEX_ERROR";
            case PcapFilterLexer.PLUS, PcapFilterLexer.MINUS, PcapFilterLexer.STAR, PcapFilterLexer.SLASH,
                 PcapFilterLexer.PERCENT, PcapFilterLexer.COLON, PcapFilterLexer.LBRACKET, PcapFilterLexer.RBRACKET,
                 PcapFilterLexer.LT, PcapFilterLexer.GT, PcapFilterLexer.LPAREN, PcapFilterLexer.RPAREN,
                 PcapFilterLexer.AMP, PcapFilterLexer.PIPE, PcapFilterLexer.CARET -> text;
            default -> PcapFilterLexer.VOCABULARY.getSymbolicName(type);
        };
    }
}
