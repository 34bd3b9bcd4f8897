package dev.jfilter.frontend.parse;

import dev.jfilter.frontend.Diagnostic;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.ast.FilterExpr;
import dev.jfilter.frontend.ast.Span;
import dev.jfilter.grammar.PcapFilterLexer;
import dev.jfilter.grammar.PcapFilterParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parses a filter expression of the pcap-filter(7) language into the AST, as libpcap's scanner and parser read it
 * (scanner.l, grammar.y.in): the same tokens, the same accepted language, the same tree, with qualifier
 * inheritance resolved and the checks of libpcap's grammar actions made. Checks that libpcap makes while
 * generating code are left to lowering.
 *
 * <p>Every error is a {@link Diagnostic} at the offending token. When an input has several errors, the one
 * reported is the first in the text: a lexical error, a syntax error, or an error of a grammar action.
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-filter.7.html">pcap-filter(7)</a>
 */
public final class FilterParser {

    /** Above this many tokens before a syntax error, the words on what was expected come from ANTLR's tables. */
    private static final int PROBE_LIMIT = 2000;

    /** The stack of a retry for inputs nested too deeply for the caller's stack. */
    private static final long DEEP_STACK_BYTES = 1L << 30;

    private FilterParser() {}

    /**
     * Parses {@code text}. An empty or blank text is a valid filter with no expression (libpcap accepts every
     * packet); anything else is an expression or a failure with one diagnostic.
     */
    public static Result<Optional<FilterExpr>> parse(String text) {
        try {
            return parseHere(text);
        } catch (StackOverflowError e) {
            return parseOnDeepStack(text);
        }
    }

    private static Result<Optional<FilterExpr>> parseOnDeepStack(String text) {
        AtomicReference<Result<Optional<FilterExpr>>> result = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.set(parseHere(text));
            } catch (StackOverflowError e) {
                result.set(Result.failed(new Diagnostic(new Span(0, text.length()), "expression is nested too deeply")));
            }
        }, "jfilter-parse", DEEP_STACK_BYTES);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed(new Diagnostic(new Span(0, 0), "interrupted while parsing"));
        }
        return result.get();
    }

    private static Result<Optional<FilterExpr>> parseHere(String text) {
        Source source = new Source(text);
        PcapFilterLexer lexer = new PcapFilterLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        CommonTokenStream stream = new CommonTokenStream(lexer);
        stream.fill();
        List<Token> tokens = List.copyOf(stream.getTokens());
        Optional<Diagnostic> lexical = LexicalCheck.firstError(tokens, source);

        Parsed parsed = parseTokens(stream);
        Diagnostic error;
        if (parsed.error() != null) {
            error = syntaxError(tokens, parsed.error(), source);
            Optional<Diagnostic> earlier = actionErrorBefore(tokens, parsed.error().getOffendingToken(), source);
            if (earlier.isPresent()) {
                error = earlier.get();
            }
        } else if (parsed.prog().expr() == null) {
            return lexical.<Result<Optional<FilterExpr>>>map(Result::failed).orElseGet(() -> Result.ok(Optional.empty()));
        } else {
            try {
                FilterExpr expr = new AstBuilder(source).build(parsed.prog().expr());
                if (lexical.isEmpty()) {
                    return Result.ok(Optional.of(expr));
                }
                error = null;
            } catch (ParseAbort abort) {
                error = abort.diagnostic();
            }
        }
        if (lexical.isPresent() && (error == null || lexical.get().span().start() <= error.span().start())) {
            return Result.failed(lexical.get());
        }
        return Result.failed(error);
    }

    /** Token types tried, in this order, to complete an input cut at a syntax error. */
    private static final int[] COMPLETION = {
        Token.EOF, PcapFilterParser.RPAREN, PcapFilterParser.RBRACKET, PcapFilterParser.NUM, PcapFilterParser.EQ,
        PcapFilterParser.ID, PcapFilterParser.HID, PcapFilterParser.DST, PcapFilterParser.SRC, PcapFilterParser.LBRACKET,
    };

    /**
     * libpcap runs each grammar action as soon as bison reduces its rule, so an error of an action on a token
     * before a syntax error (such as {@code 'port' qualifier applied to IPv4 address}) is the one it reports.
     * To find such an error, the tokens before the syntax error are completed into a valid expression (closing
     * what is open, filling in numbers), and the tree of that is walked: an error it finds before the syntax
     * error's token is reported instead. Errors on the filled-in tokens are ignored.
     */
    private static Optional<Diagnostic> actionErrorBefore(List<Token> tokens, Token offending, Source source) {
        int index = offending.getTokenIndex();
        if (index == 0 || index > PROBE_LIMIT) {
            return Optional.empty();
        }
        List<Token> input = new ArrayList<>(tokens.subList(0, index));
        for (int step = 0; step < 4 * index + 16; step++) {
            int next = Token.INVALID_TYPE;
            for (int type : COMPLETION) {
                if (viable(input, input.size(), type)) {
                    next = type;
                    break;
                }
            }
            if (next == Token.INVALID_TYPE) {
                return Optional.empty();
            }
            if (next == Token.EOF) {
                break;
            }
            input.add(filler(next, offending));
        }
        List<Token> complete = new ArrayList<>(input);
        complete.add(filler(Token.EOF, offending));
        Parsed parsed = parseTokens(new CommonTokenStream(new ListTokenSource(copies(complete))));
        if (parsed.error() != null || parsed.prog().expr() == null) {
            return Optional.empty();
        }
        try {
            new AstBuilder(source).build(parsed.prog().expr());
        } catch (ParseAbort abort) {
            if (abort.lastTokenIndex() < index) {
                return Optional.of(abort.diagnostic());
            }
        }
        return Optional.empty();
    }

    /** A made-up token of {@code type}, placed where the syntax error is. */
    private static Token filler(int type, Token at) {
        String text = switch (type) {
            case PcapFilterParser.NUM -> "1";
            case PcapFilterParser.HID -> "1.1.1.1";
            case PcapFilterParser.ID -> "x";
            case Token.EOF -> "<EOF>";
            default -> SyntaxMessages.display(type).replace("'", "");
        };
        CommonToken token = new CommonToken(type, text);
        token.setStartIndex(at.getStartIndex());
        token.setStopIndex(at.getStartIndex() - 1);
        return token;
    }

    private static List<Token> copies(List<Token> tokens) {
        List<Token> out = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            out.add(new CommonToken(t));
        }
        return out;
    }

    /** A parse tree, or the first syntax error. */
    private record Parsed(PcapFilterParser.ProgContext prog, RecognitionException error) {}

    /** SLL prediction first; the slower full LL only when SLL fails, which also gives the exact error. */
    private static Parsed parseTokens(CommonTokenStream stream) {
        PcapFilterParser parser = new PcapFilterParser(stream);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return new Parsed(parser.prog(), null);
        } catch (ParseCancellationException sllFailed) {
            stream.seek(0);
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            StopAtFirstError strategy = new StopAtFirstError();
            parser.setErrorHandler(strategy);
            try {
                return new Parsed(parser.prog(), null);
            } catch (ParseCancellationException llFailed) {
                return new Parsed(null, strategy.first());
            }
        }
    }

    private static Diagnostic syntaxError(List<Token> tokens, RecognitionException error, Source source) {
        Token offending = error.getOffendingToken();
        int index = offending.getTokenIndex();
        Token previous = index > 0 ? tokens.get(index - 1) : null;
        Set<Integer> expected = index <= PROBE_LIMIT ? probeExpected(tokens, index) : fromTables(error);
        return new Diagnostic(source.span(offending), SyntaxMessages.message(previous, offending, expected));
    }

    private static Set<Integer> fromTables(RecognitionException error) {
        Set<Integer> expected = new LinkedHashSet<>();
        if (error.getExpectedTokens() != null) {
            for (int t : error.getExpectedTokens().toArray()) {
                expected.add(t);
            }
        }
        return expected;
    }

    /**
     * Token types the grammar never tells apart (every rule that takes one takes all): one of each group is
     * tried for all. Types the lexer never hands to the parser (named constants, blanks, errors) are left out.
     */
    private static final List<int[]> PROBE_GROUPS = probeGroups();

    private static List<int[]> probeGroups() {
        List<int[]> groups = new ArrayList<>();
        int[][] same = {
            {PcapFilterParser.LINK, PcapFilterParser.IP, PcapFilterParser.ARP, PcapFilterParser.RARP,
             PcapFilterParser.SCTP, PcapFilterParser.TCP, PcapFilterParser.UDP, PcapFilterParser.ICMP,
             PcapFilterParser.IGMP, PcapFilterParser.IGRP, PcapFilterParser.PIM, PcapFilterParser.VRRP,
             PcapFilterParser.CARP, PcapFilterParser.ATALK, PcapFilterParser.AARP, PcapFilterParser.DECNET,
             PcapFilterParser.LAT, PcapFilterParser.SCA, PcapFilterParser.MOPDL, PcapFilterParser.MOPRC,
             PcapFilterParser.IPV6, PcapFilterParser.ICMPV6, PcapFilterParser.AH, PcapFilterParser.ESP,
             PcapFilterParser.ISO, PcapFilterParser.ESIS, PcapFilterParser.ISIS, PcapFilterParser.L1,
             PcapFilterParser.L2, PcapFilterParser.IIH, PcapFilterParser.LSP, PcapFilterParser.SNP,
             PcapFilterParser.PSNP, PcapFilterParser.CSNP, PcapFilterParser.CLNP, PcapFilterParser.STP,
             PcapFilterParser.IPX, PcapFilterParser.NETBEUI, PcapFilterParser.RADIO},
            {PcapFilterParser.HOST, PcapFilterParser.NET, PcapFilterParser.PORT, PcapFilterParser.PORTRANGE},
            {PcapFilterParser.ADDR1, PcapFilterParser.ADDR2, PcapFilterParser.ADDR3, PcapFilterParser.ADDR4,
             PcapFilterParser.RA, PcapFilterParser.TA},
            {PcapFilterParser.LANE, PcapFilterParser.METAC, PcapFilterParser.BCC, PcapFilterParser.OAMF4EC,
             PcapFilterParser.OAMF4SC, PcapFilterParser.SC, PcapFilterParser.ILMIC, PcapFilterParser.OAM,
             PcapFilterParser.OAMF4, PcapFilterParser.CONNECTMSG, PcapFilterParser.METACONNECT},
            {PcapFilterParser.FISU, PcapFilterParser.LSSU, PcapFilterParser.MSU, PcapFilterParser.HFISU,
             PcapFilterParser.HLSSU, PcapFilterParser.HMSU},
            {PcapFilterParser.VPI, PcapFilterParser.VCI},
            {PcapFilterParser.SIO, PcapFilterParser.OPC, PcapFilterParser.DPC, PcapFilterParser.SLS,
             PcapFilterParser.HSIO, PcapFilterParser.HOPC, PcapFilterParser.HDPC, PcapFilterParser.HSLS},
            {PcapFilterParser.INBOUND, PcapFilterParser.OUTBOUND, PcapFilterParser.PPPOED},
            {PcapFilterParser.MPLS, PcapFilterParser.PPPOES, PcapFilterParser.GENEVE, PcapFilterParser.VXLAN,
             PcapFilterParser.VLAN},
            {PcapFilterParser.PF_IFNAME, PcapFilterParser.PF_RSET},
            {PcapFilterParser.LESS, PcapFilterParser.GREATER, PcapFilterParser.IFINDEX},
            {PcapFilterParser.GEQ, PcapFilterParser.LEQ, PcapFilterParser.NEQ},
            {PcapFilterParser.PLUS, PcapFilterParser.STAR, PcapFilterParser.PERCENT, PcapFilterParser.CARET,
             PcapFilterParser.LSH, PcapFilterParser.RSH},
            {PcapFilterParser.BROADCAST, PcapFilterParser.MULTICAST},
            {PcapFilterParser.HID6, PcapFilterParser.EID, PcapFilterParser.AID},
        };
        Set<Integer> grouped = new java.util.HashSet<>();
        for (int[] g : same) {
            groups.add(g);
            for (int t : g) {
                grouped.add(t);
            }
        }
        // the named constants (type(NUM) in the grammar) are numbered after ID and ERROR_CHAR
        Set<Integer> notForParser = Set.of(PcapFilterLexer.WS, PcapFilterLexer.BAD_EID);
        for (int type = 1; type <= PcapFilterLexer.ID; type++) {
            if (!grouped.contains(type) && !notForParser.contains(type)) {
                groups.add(new int[] {type});
            }
        }
        groups.add(new int[] {Token.EOF});
        return List.copyOf(groups);
    }

    /** The token types that can follow {@code tokens[0..index)}: each is tried, as bison's tables would tell. */
    private static Set<Integer> probeExpected(List<Token> tokens, int index) {
        Set<Integer> expected = new LinkedHashSet<>();
        for (int[] group : PROBE_GROUPS) {
            if (viable(tokens, index, group[0])) {
                for (int t : group) {
                    expected.add(t);
                }
            }
        }
        return expected;
    }

    private static boolean viable(List<Token> tokens, int index, int type) {
        List<Token> probe = copies(tokens.subList(0, index));
        if (type != Token.EOF) {
            probe.add(new CommonToken(type, "x"));
        }
        probe.add(new CommonToken(Token.EOF, "<EOF>"));
        TokenSource source = new ListTokenSource(probe);
        PcapFilterParser parser = new PcapFilterParser(new CommonTokenStream(source));
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        StopAtFirstError strategy = new StopAtFirstError();
        parser.setErrorHandler(strategy);
        try {
            parser.prog();
            return true;
        } catch (ParseCancellationException e) {
            return strategy.first().getOffendingToken().getTokenIndex() > index;
        }
    }
}
