package dev.jfilter.frontend.parse;

import dev.jfilter.frontend.Diagnostic;
import dev.jfilter.grammar.PcapFilterLexer;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;

/**
 * The errors libpcap's scanner reports (scanner.l): numbers that {@code stoulen()} rejects, IPv6 text that
 * {@code inet_pton()} rejects, colon groups that are no MAC address, and characters that start no token. libpcap
 * sets the message when it scans the token; the parse then stops at that token or soon after it.
 */
final class LexicalCheck {

    private LexicalCheck() {}

    /** The first lexical error among {@code tokens}, if any. */
    static Optional<Diagnostic> firstError(List<? extends Token> tokens, Source source) {
        for (Token token : tokens) {
            Optional<String> message = error(token);
            if (message.isPresent()) {
                return Optional.of(new Diagnostic(source.span(token), message.get()));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> error(Token token) {
        String text = token.getText();
        return switch (token.getType()) {
            case PcapFilterLexer.NUM -> switch (NumberLiteral.parse(text)) {
                case Literal.Value v -> Optional.empty();
                case Literal.Invalid invalid -> Optional.of(invalid.message());
            };
            case PcapFilterLexer.HID6 -> Ipv6Text.parse(text).isPresent()
                    ? Optional.empty()
                    : Optional.of("invalid IPv6 address " + text);
            case PcapFilterLexer.BAD_EID -> Optional.of("invalid Ethernet address " + text);
            case PcapFilterLexer.ERROR_CHAR -> Optional.of("syntax error: unexpected character " + quoteChar(text));
            default -> Optional.empty();
        };
    }

    /** A character as users can read it, control characters escaped. */
    static String quoteChar(String text) {
        int cp = text.codePointAt(0);
        if (cp < 0x20 || cp == 0x7f || Character.isWhitespace(cp) || Character.getType(cp) == Character.FORMAT) {
            return String.format("U+%04X", cp);
        }
        return "'" + text + "'";
    }
}
