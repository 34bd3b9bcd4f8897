package dev.jfilter.frontend.parse;

import dev.jfilter.grammar.PcapFilterLexer;
import dev.jfilter.grammar.PcapFilterParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.Token;

/**
 * Words for a syntax error. libpcap says only "syntax error"; jfilter keeps those words first and adds what was
 * found and what could have come instead, in the terms of pcap-filter(7), from the token before the error, the
 * offending token and the set of tokens that would have been accepted there.
 */
final class SyntaxMessages {

    private SyntaxMessages() {}

    /**
     * The message for a syntax error at {@code offending}.
     *
     * @param previous the token before it, or null at the start
     * @param expected the token types that could continue the input there ({@link Token#EOF} for its end)
     */
    static String message(Token previous, Token offending, Set<Integer> expected) {
        String prev = previous == null ? null : previous.getText();
        int prevType = previous == null ? Token.INVALID_TYPE : previous.getType();
        String slot = previous == null ? null : slot(prevType, prev);
        boolean idSlot = expected.contains(PcapFilterParser.ID);
        boolean numSlot = expected.contains(PcapFilterParser.NUM);

        if (offending.getType() == Token.EOF) {
            String what = slot != null && (idSlot || numSlot) && !expected.contains(Token.EOF)
                    ? slot : describe(expected, prevType, prev);
            return "syntax error: the expression ends after '" + prev + "'" + (what.isEmpty() ? "" : "; expected " + what);
        }
        String text = offending.getText();
        int type = offending.getType();
        if (isKeyword(type) && idSlot) {
            boolean protocol = prevType == PcapFilterParser.PROTO || prevType == PcapFilterParser.PROTOCHAIN;
            return "syntax error: '" + text + "' is a keyword; write '\\" + text + "' for the "
                    + (protocol ? "protocol name" : "name");
        }
        if (isIdLike(type) && !idSlot && expected.contains(PcapFilterParser.HOST)) {
            return "syntax error: '" + text + "' needs a qualifier such as " + suggestion(type);
        }
        if (slot != null && (idSlot || numSlot) && !expected.contains(Token.EOF) && !expected.contains(PcapFilterParser.AND)) {
            return "syntax error: expected " + slot + " after '" + prev + "', not '" + text + "'";
        }
        String what = describe(expected, prevType, prev);
        return "syntax error: unexpected '" + text + "'" + (prev == null ? "" : " after '" + prev + "'")
                + (what.isEmpty() ? "" : "; expected " + what);
    }

    /** What the value after a keyword is, in words, or null when the keyword takes no value. */
    private static String slot(int prevType, String prev) {
        return switch (prevType) {
            case PcapFilterParser.HOST -> "a host name or address";
            case PcapFilterParser.NET -> "a network address or name";
            case PcapFilterParser.PORT -> "a port number or name";
            case PcapFilterParser.PORTRANGE -> "a port range such as 1024-2048, or a port";
            case PcapFilterParser.GATEWAY -> "a host name";
            case PcapFilterParser.PROTO, PcapFilterParser.PROTOCHAIN -> "a protocol number or name";
            case PcapFilterParser.SRC, PcapFilterParser.DST, PcapFilterParser.ADDR1, PcapFilterParser.ADDR2,
                 PcapFilterParser.ADDR3, PcapFilterParser.ADDR4, PcapFilterParser.RA, PcapFilterParser.TA ->
                    "a host or network, or a qualifier such as 'host', 'net' or 'port'";
            case PcapFilterParser.NETMASK -> "a netmask such as 255.255.255.0";
            case PcapFilterParser.LESS, PcapFilterParser.GREATER -> "a packet length";
            case PcapFilterParser.CBYTE -> "a byte offset";
            case PcapFilterParser.IFINDEX -> "an interface index";
            case PcapFilterParser.TYPE -> "an 802.11 frame type such as 'mgt', 'ctl' or 'data'";
            case PcapFilterParser.SUBTYPE -> "an 802.11 frame subtype such as 'beacon' or 'ack'";
            case PcapFilterParser.DIR -> "an 802.11 direction such as 'nods', 'tods', 'fromds' or 'dstods'";
            case PcapFilterParser.PF_IFNAME -> "an interface name";
            case PcapFilterParser.PF_RSET -> "a ruleset name";
            case PcapFilterParser.PF_RNR, PcapFilterParser.PF_SRNR -> "a rule number";
            case PcapFilterParser.PF_REASON -> "a pf reason such as 'match', or a number";
            case PcapFilterParser.PF_ACTION -> "a pf action such as 'pass' or 'block'";
            case PcapFilterParser.VPI, PcapFilterParser.VCI, PcapFilterParser.SIO, PcapFilterParser.OPC,
                 PcapFilterParser.DPC, PcapFilterParser.SLS, PcapFilterParser.HSIO, PcapFilterParser.HOPC,
                 PcapFilterParser.HDPC, PcapFilterParser.HSLS ->
                    "a number, a comparison such as '> 5' or a list such as '(1 or 2)'";
            case PcapFilterParser.COLON -> "a size (1, 2 or 4)";
            case PcapFilterParser.LBRACKET -> "an offset";
            case PcapFilterParser.GT, PcapFilterParser.GEQ, PcapFilterParser.EQ, PcapFilterParser.LEQ,
                 PcapFilterParser.LT, PcapFilterParser.NEQ, PcapFilterParser.PLUS, PcapFilterParser.MINUS,
                 PcapFilterParser.STAR, PcapFilterParser.PERCENT,
                 PcapFilterParser.AMP, PcapFilterParser.PIPE, PcapFilterParser.CARET, PcapFilterParser.LSH,
                 PcapFilterParser.RSH -> "an arithmetic expression such as 'len' or 'ip[2:2]'";
            default -> null;
        };
    }

    /** The expected set in words, most useful first. */
    private static String describe(Set<Integer> expected, int prevType, String prev) {
        List<String> items = new ArrayList<>();
        boolean primitive = expected.contains(PcapFilterParser.HOST) && expected.contains(PcapFilterParser.TCP)
                && expected.contains(PcapFilterParser.NOT);
        boolean id = expected.contains(PcapFilterParser.ID);
        if (primitive) {
            items.add(id ? "a primitive such as 'host 10.0.0.1', 'port 80' or 'tcp', or an address or name that"
                    + " takes the qualifiers before it" : "a primitive such as 'host 10.0.0.1', 'port 80' or 'tcp'");
        } else {
            String slot = slot(prevType, prev);
            if ((id || expected.contains(PcapFilterParser.NUM)) && slot != null) {
                items.add(slot);
            } else if (id) {
                items.add("a name, number or address");
            } else if (expected.contains(PcapFilterParser.NUM)) {
                items.add(expected.contains(PcapFilterParser.LEN) ? "an arithmetic expression" : "a number");
            }
            if (expected.contains(PcapFilterParser.HOST)) {
                items.add("a qualifier such as 'host', 'net' or 'port'");
            }
            if (expected.contains(PcapFilterParser.BROADCAST)) {
                items.add("'broadcast' or 'multicast'");
            }
            if (expected.contains(PcapFilterParser.LBRACKET)) {
                items.add("'['");
            }
        }
        if (expected.contains(PcapFilterParser.GT) && expected.contains(PcapFilterParser.NEQ)) {
            items.add("a comparison such as '=' or '>'");
        }
        if (expected.contains(PcapFilterParser.PLUS) && expected.contains(PcapFilterParser.STAR)) {
            items.add("an arithmetic operator");
        }
        for (int t : new int[] {PcapFilterParser.DST, PcapFilterParser.SRC, PcapFilterParser.SUBTYPE,
                PcapFilterParser.NETMASK, PcapFilterParser.SLASH, PcapFilterParser.COLON}) {
            if (expected.contains(t) && !(t == PcapFilterParser.SLASH && expected.contains(PcapFilterParser.STAR))
                    && !primitive) {
                items.add(display(t));
            }
        }
        if (expected.contains(PcapFilterParser.AND) && expected.contains(PcapFilterParser.OR)) {
            items.add("'and'");
            items.add("'or'");
        } else if (expected.contains(PcapFilterParser.OR)) {
            items.add("'or'");
        }
        if (expected.contains(PcapFilterParser.RPAREN)) {
            items.add("')'");
        }
        if (expected.contains(PcapFilterParser.RBRACKET)) {
            items.add("']'");
        }
        if (expected.contains(Token.EOF)) {
            items.add("the end of the expression");
        }
        return join(items);
    }

    private static String join(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.getFirst();
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.getLast();
    }

    /** How a token type is written, for the expected list. */
    static String display(int type) {
        String literal = PcapFilterLexer.VOCABULARY.getLiteralName(type);
        if (literal != null) {
            return literal;
        }
        return switch (type) {
            case PcapFilterParser.LINK -> "'ether'";
            case PcapFilterParser.AND -> "'and'";
            case PcapFilterParser.OR -> "'or'";
            case PcapFilterParser.NOT -> "'not'";
            case PcapFilterParser.EQ -> "'='";
            case PcapFilterParser.DIR -> "'dir'";
            default -> PcapFilterLexer.VOCABULARY.getSymbolicName(type);
        };
    }

    /** Keywords: tokens spelled with letters that the scanner would otherwise read as an ID. */
    static boolean isKeyword(int type) {
        return type >= PcapFilterParser.DST && type <= PcapFilterParser.HSLS
                && type != PcapFilterParser.AND && type != PcapFilterParser.OR && type != PcapFilterParser.NOT;
    }

    private static boolean isIdLike(int type) {
        return type == PcapFilterParser.ID || type == PcapFilterParser.HID || type == PcapFilterParser.HID6
                || type == PcapFilterParser.EID || type == PcapFilterParser.AID;
    }

    private static String suggestion(int type) {
        return switch (type) {
            case PcapFilterParser.EID -> "'ether host'";
            case PcapFilterParser.AID -> "'link host'";
            case PcapFilterParser.ID -> "'host' or 'port'";
            default -> "'host'";
        };
    }
}
