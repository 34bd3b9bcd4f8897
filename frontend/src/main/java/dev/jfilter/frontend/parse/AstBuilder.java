package dev.jfilter.frontend.parse;

import dev.jfilter.frontend.Diagnostic;
import dev.jfilter.frontend.ast.AddrQualifier;
import dev.jfilter.frontend.ast.Arith;
import dev.jfilter.frontend.ast.ArithOp;
import dev.jfilter.frontend.ast.DirQualifier;
import dev.jfilter.frontend.ast.FilterExpr;
import dev.jfilter.frontend.ast.IdOperand;
import dev.jfilter.frontend.ast.Primitive;
import dev.jfilter.frontend.ast.ProtoQualifier;
import dev.jfilter.frontend.ast.Qualifiers;
import dev.jfilter.frontend.ast.RelOp;
import dev.jfilter.frontend.ast.Span;
import dev.jfilter.grammar.PcapFilterParser;
import dev.jfilter.grammar.PcapFilterParser.*;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns a parse tree of {@code PcapFilter.g4} into the AST, doing what libpcap's grammar actions do before code
 * generation (grammar.y.in):
 * <ul>
 *   <li>qualifier inheritance: every {@code id} takes the qualifiers of the value below it on bison's stack
 *       ({@code $<blk>0}). After {@code and}, {@code or}, {@code not} and {@code (} that is the value of the
 *       expression before; a qualified term leaves its qualifiers, a parenthesised expression leaves those in
 *       force before its {@code (}, and any other term leaves none ({@code qerr}), so an id after it is a
 *       syntax error;</li>
 *   <li>the checks of the actions: {@code port}/{@code portrange}/{@code proto}/{@code protochain} applied to
 *       an IPv4 or IPv6 address, 802.11 type/subtype/direction names and values, LLC frame type names, pf
 *       reason and action names, with libpcap's messages.</li>
 * </ul>
 * Checks that gencode.c makes (which qualifiers suit which operand, ranges, link types) are left to lowering.
 */
final class AstBuilder {

    /** The qualifiers an id would inherit at some point: some, or none (libpcap's {@code qerr}). */
    private sealed interface Inherited {
        record Some(Qualifiers qualifiers) implements Inherited {}

        /** None: at the start ({@code after} null) or after the term at {@code after}, which has none. */
        record None(Span after) implements Inherited {}
    }

    /** A built piece of boolean expression and the qualifiers it leaves for what follows. */
    private record Built(FilterExpr expr, Inherited after) {}

    private static final Inherited AT_START = new Inherited.None(null);

    private final Source source;

    AstBuilder(Source source) {
        this.source = source;
    }

    /** The expression of {@code prog}; throws {@link ParseAbort} at the first error. */
    FilterExpr build(ExprContext expr) {
        return expr(expr, AT_START).expr();
    }

    // ------------------------------------------------------------------------------------------------------
    // Boolean structure and inheritance
    // ------------------------------------------------------------------------------------------------------

    /** expr: term (boolOp (term | id))*, folded to the left without recursion. */
    private Built expr(ExprContext ctx, Inherited inherited) {
        Built first = term(ctx.term(), inherited);
        FilterExpr result = first.expr();
        Inherited current = first.after();
        List<BoolOpContext> ops = ctx.boolOp();
        List<ExprRestContext> rests = ctx.exprRest();
        for (int i = 0; i < ops.size(); i++) {
            ExprRestContext rest = rests.get(i);
            Built next = rest.term() != null ? term(rest.term(), current) : new Built(id(rest.id(), current), current);
            result = combine(ops.get(i), result, next.expr());
            current = next.after();
        }
        return new Built(result, current);
    }

    private static FilterExpr combine(BoolOpContext op, FilterExpr left, FilterExpr right) {
        Span span = left.span().union(right.span());
        return op.AND() != null ? new FilterExpr.And(left, right, span) : new FilterExpr.Or(left, right, span);
    }

    private Built term(TermContext ctx, Inherited inherited) {
        if (ctx instanceof NotTermContext not) {
            Built inner = term(not.term(), inherited);
            return new Built(new FilterExpr.Not(inner.expr(), source.span(not)), inner.after());
        }
        return rterm(((PlainTermContext) ctx).rterm(), inherited);
    }

    private Built rterm(RtermContext ctx, Inherited inherited) {
        Span span = source.span(ctx);
        Inherited none = new Inherited.None(span);
        return switch (ctx) {
            case QualifiedRtermContext q -> {
                Qualifiers qualifiers = head(q.head());
                Inherited some = new Inherited.Some(qualifiers);
                yield new Built(id(q.id(), some, source.span(q.head())), some);
            }
            case ParenRtermContext p -> new Built(expr(p.expr(), inherited).expr(), inherited);
            case ProtoRtermContext p -> new Built(new Primitive.ProtoAbbrev(pname(p.pname()), span), none);
            case RelationRtermContext r -> new Built(
                    new Primitive.Relation(arith(r.arith(0)), relop(r.relop()), arith(r.arith(1)),
                            source.span(r.relop()), span),
                    none);
            case OtherRtermContext o -> new Built(other(o.other()), none);
            case AtmtypeRtermContext a -> new Built(new Primitive.AtmAbbrev(atmType(a.atmtype().getStart()), span), none);
            case AtmmultitypeRtermContext a ->
                    new Built(new Primitive.AtmAbbrev(atmType(a.atmmultitype().getStart()), span), none);
            case AtmfieldRtermContext a -> new Built(atmField(a), none);
            case Mtp2typeRtermContext m -> new Built(new Primitive.Mtp2Abbrev(mtp2Type(m.mtp2type().getStart()), span), none);
            case Mtp3fieldRtermContext m -> new Built(mtp3Field(m), none);
            default -> throw unexpected(ctx);
        };
    }

    /** An id in a term or after and/or: its leaves take {@code inherited}. */
    private FilterExpr id(IdContext ctx, Inherited inherited) {
        return id(ctx, inherited, null);
    }

    /** {@code headSpan}: the qualifiers written just before this id, included in a single leaf's span. */
    private FilterExpr id(IdContext ctx, Inherited inherited, Span headSpan) {
        return switch (ctx) {
            case NidIdContext n -> nid(n.nid(), inherited, headSpan);
            case PnumIdContext p -> {
                Token num = innermostNum(p.pnum());
                long value = number(num);
                IdOperand operand = new IdOperand.Number(value, num.getText(), source.span(num));
                yield leaf(operand, num, p.pnum(), inherited, headSpan);
            }
            case ParenIdContext p -> pid(p.pid(), inherited);
            default -> throw unexpected(ctx);
        };
    }

    /** pid: a list in parentheses; every id in it takes the same qualifiers. */
    private FilterExpr pid(PidContext ctx, Inherited inherited) {
        FilterExpr result;
        List<BoolOpContext> ops;
        List<IdContext> ids;
        switch (ctx) {
            case NidPidContext n -> {
                result = nid(n.nid(), inherited, null);
                ops = n.boolOp();
                ids = n.id();
            }
            case PnumPidContext p -> {
                Token num = innermostNum(p.pnum());
                result = leaf(new IdOperand.Number(number(num), num.getText(), source.span(num)), num, p.pnum(), inherited, null);
                ops = p.boolOp();
                ids = p.id();
            }
            default -> throw unexpected(ctx);
        }
        for (int i = 0; i < ops.size(); i++) {
            result = combine(ops.get(i), result, id(ids.get(i), inherited));
        }
        return result;
    }

    private FilterExpr nid(NidContext ctx, Inherited inherited, Span headSpan) {
        return switch (ctx) {
            case NameNidContext n -> {
                Token t = n.ID().getSymbol();
                yield leaf(new IdOperand.Name(unescape(t.getText()), source.span(t)), t, n, inherited, headSpan);
            }
            case Ipv4NidContext n -> {
                Token t = n.HID().getSymbol();
                addressCheck(inherited, t, n, "IPv4 address");
                yield leaf(ipv4(t), t, n, inherited, headSpan);
            }
            case Ipv4PrefixNidContext n -> {
                Token t = n.HID().getSymbol();
                addressCheck(inherited, t, n, "IPv4 address and prefix length");
                Span span = source.span(n);
                IdOperand operand = new IdOperand.Ipv4Prefix(ipv4(t), (int) number(n.NUM().getSymbol()), excerpt(n), span);
                yield leaf(operand, t, n, inherited, headSpan);
            }
            case Ipv4MaskNidContext n -> {
                Token t = n.HID(0).getSymbol();
                addressCheck(inherited, t, n, "IPv4 address and netmask");
                IdOperand operand = new IdOperand.Ipv4Masked(ipv4(t), ipv4(n.HID(1).getSymbol()), excerpt(n), source.span(n));
                yield leaf(operand, t, n, inherited, headSpan);
            }
            case Ipv6NidContext n -> {
                Token t = n.HID6().getSymbol();
                addressCheck(inherited, t, n, "IPv6 address");
                yield leaf(ipv6(t), t, n, inherited, headSpan);
            }
            case Ipv6PrefixNidContext n -> {
                Token t = n.HID6().getSymbol();
                addressCheck(inherited, t, n, "IPv6 address and prefix length");
                IdOperand operand = new IdOperand.Ipv6Prefix(ipv6(t), (int) number(n.NUM().getSymbol()), excerpt(n), source.span(n));
                yield leaf(operand, t, n, inherited, headSpan);
            }
            case MacNidContext n -> {
                Token t = n.EID().getSymbol();
                yield leaf(new IdOperand.Mac(MacText.parse(t.getText()), t.getText(), source.span(t)), t, n, inherited, headSpan);
            }
            case LinkByteNidContext n -> {
                Token t = n.AID().getSymbol();
                int value = Integer.parseInt(t.getText().substring(1), 16);
                yield leaf(new IdOperand.LinkByte(value, t.getText(), source.span(t)), t, n, inherited, headSpan);
            }
            case NotNidContext n -> {
                FilterExpr inner = id(n.id(), inherited);
                yield new FilterExpr.Not(inner, source.span(n.NOT().getSymbol()).union(inner.span()));
            }
            default -> throw unexpected(ctx);
        };
    }

    /** A qualified primitive for one operand, or the syntax error of an operand with nothing to inherit. */
    private FilterExpr leaf(IdOperand operand, Token token, ParserRuleContext rule, Inherited inherited, Span headSpan) {
        return switch (inherited) {
            case Inherited.Some some -> new Primitive.Qualified(some.qualifiers(), operand,
                    headSpan == null ? operand.span() : headSpan.union(operand.span()));
            case Inherited.None none -> throw abort(token, rule, "syntax error: '" + operand.text()
                    + "' needs a qualifier such as " + suggestedQualifier(operand) + ": " + why(none));
        };
    }

    private String why(Inherited.None none) {
        if (none.after() == null) {
            return "nothing before it has qualifiers to inherit";
        }
        String before = source.text().substring(none.after().start(), none.after().end());
        if (before.length() > 40) {
            before = before.substring(0, 37) + "...";
        }
        return "'" + before + "' before it has no qualifiers to inherit";
    }

    private static String suggestedQualifier(IdOperand operand) {
        return switch (operand) {
            case IdOperand.Number n -> "'port' or 'host'";
            case IdOperand.Mac m -> "'ether host'";
            case IdOperand.LinkByte b -> "'link host'";
            case IdOperand.Ipv4Prefix p -> "'net'";
            case IdOperand.Ipv4Masked m -> "'net'";
            case IdOperand.Ipv6Prefix p -> "'net'";
            case IdOperand.Name n -> "'host' or 'port'";
            case IdOperand.Ipv4 a -> "'host'";
            case IdOperand.Ipv6 a -> "'host'";
        };
    }

    /** grammar.y.in 456-545: the type qualifiers that libpcap refuses for a numeric address. */
    private void addressCheck(Inherited inherited, Token token, ParserRuleContext rule, String what) {
        if (inherited instanceof Inherited.Some some) {
            AddrQualifier addr = some.qualifiers().addr();
            switch (addr) {
                case PORT, PORTRANGE, PROTO, PROTOCHAIN -> {
                    // libpcap's text has a trailing blank in this one case (grammar.y.in:521)
                    String blank = addr == AddrQualifier.PROTO && what.equals("IPv6 address and prefix length") ? " " : "";
                    throw abort(token, rule, "'" + addr.keyword() + "' qualifier applied to " + what + blank);
                }
                case DEFAULT, HOST, NET, GATEWAY -> {
                }
            }
        }
    }

    private Qualifiers head(HeadContext ctx) {
        ProtoQualifier proto = ctx.pname() != null ? pname(ctx.pname()) : ProtoQualifier.DEFAULT;
        DirQualifier dir = ctx.dqual() != null ? dqual(ctx.dqual()) : DirQualifier.DEFAULT;
        AddrQualifier addr;
        if (ctx.aqual() != null) {
            addr = switch (ctx.aqual().getStart().getType()) {
                case PcapFilterParser.HOST -> AddrQualifier.HOST;
                case PcapFilterParser.NET -> AddrQualifier.NET;
                case PcapFilterParser.PORT -> AddrQualifier.PORT;
                case PcapFilterParser.PORTRANGE -> AddrQualifier.PORTRANGE;
                default -> throw unexpected(ctx);
            };
        } else if (ctx.PROTO() != null) {
            addr = AddrQualifier.PROTO;
        } else if (ctx.PROTOCHAIN() != null) {
            addr = AddrQualifier.PROTOCHAIN;
        } else if (ctx.GATEWAY() != null) {
            addr = AddrQualifier.GATEWAY;
        } else {
            addr = AddrQualifier.DEFAULT;
        }
        return new Qualifiers(proto, dir, addr, source.span(ctx));
    }

    private DirQualifier dqual(DqualContext ctx) {
        return switch (ctx) {
            case SrcDqualContext c -> DirQualifier.SRC;
            case DstDqualContext c -> DirQualifier.DST;
            case SrcOrDstDqualContext c -> DirQualifier.SRC_OR_DST;
            case DstOrSrcDqualContext c -> DirQualifier.SRC_OR_DST;
            case SrcAndDstDqualContext c -> DirQualifier.SRC_AND_DST;
            case DstAndSrcDqualContext c -> DirQualifier.SRC_AND_DST;
            case Addr1DqualContext c -> DirQualifier.ADDR1;
            case Addr2DqualContext c -> DirQualifier.ADDR2;
            case Addr3DqualContext c -> DirQualifier.ADDR3;
            case Addr4DqualContext c -> DirQualifier.ADDR4;
            case RaDqualContext c -> DirQualifier.RA;
            case TaDqualContext c -> DirQualifier.TA;
            default -> throw unexpected(ctx);
        };
    }

    static ProtoQualifier pname(PnameContext ctx) {
        return pname(ctx.getStart().getType());
    }

    /** The protocol qualifier of a {@code pname} token type. */
    static ProtoQualifier pname(int tokenType) {
        return switch (tokenType) {
            case PcapFilterParser.LINK -> ProtoQualifier.LINK;
            case PcapFilterParser.IP -> ProtoQualifier.IP;
            case PcapFilterParser.ARP -> ProtoQualifier.ARP;
            case PcapFilterParser.RARP -> ProtoQualifier.RARP;
            case PcapFilterParser.SCTP -> ProtoQualifier.SCTP;
            case PcapFilterParser.TCP -> ProtoQualifier.TCP;
            case PcapFilterParser.UDP -> ProtoQualifier.UDP;
            case PcapFilterParser.ICMP -> ProtoQualifier.ICMP;
            case PcapFilterParser.IGMP -> ProtoQualifier.IGMP;
            case PcapFilterParser.IGRP -> ProtoQualifier.IGRP;
            case PcapFilterParser.PIM -> ProtoQualifier.PIM;
            case PcapFilterParser.VRRP -> ProtoQualifier.VRRP;
            case PcapFilterParser.CARP -> ProtoQualifier.CARP;
            case PcapFilterParser.ATALK -> ProtoQualifier.ATALK;
            case PcapFilterParser.AARP -> ProtoQualifier.AARP;
            case PcapFilterParser.DECNET -> ProtoQualifier.DECNET;
            case PcapFilterParser.LAT -> ProtoQualifier.LAT;
            case PcapFilterParser.SCA -> ProtoQualifier.SCA;
            case PcapFilterParser.MOPDL -> ProtoQualifier.MOPDL;
            case PcapFilterParser.MOPRC -> ProtoQualifier.MOPRC;
            case PcapFilterParser.IPV6 -> ProtoQualifier.IPV6;
            case PcapFilterParser.ICMPV6 -> ProtoQualifier.ICMPV6;
            case PcapFilterParser.AH -> ProtoQualifier.AH;
            case PcapFilterParser.ESP -> ProtoQualifier.ESP;
            case PcapFilterParser.ISO -> ProtoQualifier.ISO;
            case PcapFilterParser.ESIS -> ProtoQualifier.ESIS;
            case PcapFilterParser.ISIS -> ProtoQualifier.ISIS;
            case PcapFilterParser.L1 -> ProtoQualifier.ISIS_L1;
            case PcapFilterParser.L2 -> ProtoQualifier.ISIS_L2;
            case PcapFilterParser.IIH -> ProtoQualifier.ISIS_IIH;
            case PcapFilterParser.LSP -> ProtoQualifier.ISIS_LSP;
            case PcapFilterParser.SNP -> ProtoQualifier.ISIS_SNP;
            case PcapFilterParser.PSNP -> ProtoQualifier.ISIS_PSNP;
            case PcapFilterParser.CSNP -> ProtoQualifier.ISIS_CSNP;
            case PcapFilterParser.CLNP -> ProtoQualifier.CLNP;
            case PcapFilterParser.STP -> ProtoQualifier.STP;
            case PcapFilterParser.IPX -> ProtoQualifier.IPX;
            case PcapFilterParser.NETBEUI -> ProtoQualifier.NETBEUI;
            case PcapFilterParser.RADIO -> ProtoQualifier.RADIO;
            default -> throw new IllegalStateException("not a protocol keyword: token type " + tokenType);
        };
    }

    // ------------------------------------------------------------------------------------------------------
    // other, pf, 802.11, LLC, ATM, MTP
    // ------------------------------------------------------------------------------------------------------

    private Primitive other(OtherContext ctx) {
        Span span = source.span(ctx);
        return switch (ctx) {
            case BroadcastOtherContext b -> new Primitive.Broadcast(optionalPname(b.pname()), span);
            case MulticastOtherContext m -> new Primitive.Multicast(optionalPname(m.pname()), span);
            case LessOtherContext l -> new Primitive.LengthCompare(false, number(l.NUM().getSymbol()), span);
            case GreaterOtherContext g -> new Primitive.LengthCompare(true, number(g.NUM().getSymbol()), span);
            case ByteOtherContext b -> new Primitive.ByteOp(number(b.NUM(0).getSymbol()),
                    byteop(b.byteop()), number(b.NUM(1).getSymbol()), span);
            case InboundOtherContext i -> new Primitive.Direction(false, span);
            case OutboundOtherContext o -> new Primitive.Direction(true, span);
            case IfindexOtherContext i -> new Primitive.IfIndex(number(i.NUM().getSymbol()), span);
            case VlanOtherContext v -> encapsulation(Primitive.Encapsulation.Kind.VLAN, v.pnum(), span);
            case MplsOtherContext m -> encapsulation(Primitive.Encapsulation.Kind.MPLS, m.pnum(), span);
            case PppoedOtherContext p -> encapsulation(Primitive.Encapsulation.Kind.PPPOED, null, span);
            case PppoesOtherContext p -> encapsulation(Primitive.Encapsulation.Kind.PPPOES, p.pnum(), span);
            case GeneveOtherContext g -> encapsulation(Primitive.Encapsulation.Kind.GENEVE, g.pnum(), span);
            case VxlanOtherContext v -> encapsulation(Primitive.Encapsulation.Kind.VXLAN, v.pnum(), span);
            case PfOtherContext p -> pfvar(p.pfvar(), span);
            case WlanOtherContext w -> p80211(w.p80211(), span); // libpcap ignores the pname before it
            case LlcOtherContext l -> llc(l.pllc(), span);
            default -> throw unexpected(ctx);
        };
    }

    private static ProtoQualifier optionalPname(PnameContext ctx) {
        return ctx == null ? ProtoQualifier.DEFAULT : pname(ctx);
    }

    private static char byteop(ByteopContext ctx) {
        return switch (ctx.getStart().getType()) {
            case PcapFilterParser.AMP -> '&';
            case PcapFilterParser.PIPE -> '|';
            case PcapFilterParser.LT -> '<';
            case PcapFilterParser.GT -> '>';
            case PcapFilterParser.EQ -> '=';
            default -> throw unexpected(ctx);
        };
    }

    private Primitive encapsulation(Primitive.Encapsulation.Kind kind, PnumContext pnum, Span span) {
        OptionalLong value = pnum == null ? OptionalLong.empty() : OptionalLong.of(number(innermostNum(pnum)));
        return new Primitive.Encapsulation(kind, value, span);
    }

    private Primitive pfvar(PfvarContext ctx, Span span) {
        return switch (ctx) {
            case IfnamePfContext i -> new Primitive.PfIfname(unescape(i.ID().getText()), span);
            case RulesetPfContext r -> new Primitive.PfRuleset(unescape(r.ID().getText()), span);
            case RulenumPfContext r -> new Primitive.PfRuleNumber(number(r.NUM().getSymbol()), span);
            case SubrulenumPfContext s -> new Primitive.PfSubruleNumber(number(s.NUM().getSymbol()), span);
            case ReasonPfContext r -> {
                if (r.NUM() != null) {
                    yield new Primitive.PfReason((int) number(r.NUM().getSymbol()), span);
                }
                Token t = r.ID().getSymbol();
                String name = unescape(t.getText());
                OptionalInt reason = SubNames.lookup(SubNames.PF_REASONS, name);
                if (reason.isEmpty()) {
                    throw abort(t, "unknown PF reason \"" + name + "\"");
                }
                yield new Primitive.PfReason(reason.getAsInt(), span);
            }
            case ActionPfContext a -> {
                Token t = a.ID().getSymbol();
                String name = unescape(t.getText());
                OptionalInt action = SubNames.lookup(SubNames.PF_ACTIONS, name);
                if (action.isEmpty()) {
                    throw abort(t, "unknown PF action \"" + name + "\"");
                }
                yield new Primitive.PfAction(action.getAsInt(), span);
            }
            default -> throw unexpected(ctx);
        };
    }

    /** grammar.y.in 694-818. */
    private Primitive p80211(P80211Context ctx, Span span) {
        return switch (ctx) {
            case TypeWlanContext t -> {
                long type = wlanType(t.wlanValue(0));
                if (t.SUBTYPE() == null) {
                    yield new Primitive.WlanType((int) type, SubNames.WLAN_TYPE_MASK, span);
                }
                long subtype = wlanSubtype(t.wlanValue(1), type);
                yield new Primitive.WlanType((int) (type | subtype),
                        SubNames.WLAN_TYPE_MASK | SubNames.WLAN_SUBTYPE_MASK, span);
            }
            case SubtypeWlanContext s -> {
                String name = unescape(s.ID().getText());
                // type_subtype: the first of the mgt, ctl and data tables that knows the name
                for (int type : new int[] {SubNames.WLAN_TYPE_MGT, SubNames.WLAN_TYPE_CTL, SubNames.WLAN_TYPE_DATA}) {
                    OptionalInt sub = SubNames.lookup(SubNames.wlanSubtypes(type), name);
                    if (sub.isPresent()) {
                        yield new Primitive.WlanType(sub.getAsInt() | type,
                                SubNames.WLAN_TYPE_MASK | SubNames.WLAN_SUBTYPE_MASK, span);
                    }
                }
                throw abort(s.ID().getSymbol(), "unknown 802.11 type name");
            }
            case DirWlanContext d -> {
                WlanValueContext v = d.wlanValue();
                if (v.NUM() != null) {
                    long dir = number(v.NUM().getSymbol());
                    if ((dir & ~SubNames.WLAN_DIR_MASK) != 0) {
                        throw abort(v.getStart(), v, "invalid 802.11 direction value 0x" + Long.toHexString(dir));
                    }
                    yield new Primitive.WlanDir((int) dir, span);
                }
                OptionalInt dir = SubNames.lookup(SubNames.WLAN_DIRECTIONS, unescape(v.ID().getText()));
                if (dir.isEmpty()) {
                    throw abort(v.getStart(), v, "unknown 802.11 direction");
                }
                yield new Primitive.WlanDir(dir.getAsInt(), span);
            }
            default -> throw unexpected(ctx);
        };
    }

    private long wlanType(WlanValueContext v) {
        if (v.NUM() != null) {
            long type = number(v.NUM().getSymbol());
            if ((type & ~SubNames.WLAN_TYPE_MASK) != 0) {
                throw abort(v.getStart(), v, String.format("invalid 802.11 type value 0x%02x", type));
            }
            return type;
        }
        String name = unescape(v.ID().getText());
        OptionalInt type = SubNames.lookup(SubNames.WLAN_TYPES, name);
        if (type.isEmpty()) {
            throw abort(v.getStart(), v, "unknown 802.11 type name \"" + name + "\"");
        }
        return type.getAsInt();
    }

    private long wlanSubtype(WlanValueContext v, long type) {
        if (v.NUM() != null) {
            long subtype = number(v.NUM().getSymbol());
            if ((subtype & ~SubNames.WLAN_SUBTYPE_MASK) != 0) {
                throw abort(v.getStart(), v, String.format("invalid 802.11 subtype value 0x%02x", subtype));
            }
            return subtype;
        }
        Map<String, Integer> table = SubNames.wlanSubtypes(type);
        if (table == null) {
            throw abort(v.getStart(), v, "unknown 802.11 type");
        }
        String name = unescape(v.ID().getText());
        OptionalInt subtype = SubNames.lookup(table, name);
        if (subtype.isEmpty()) {
            throw abort(v.getStart(), v, "unknown 802.11 subtype name \"" + name + "\"");
        }
        return subtype.getAsInt();
    }

    /** grammar.y.in 770-796. */
    private Primitive llc(PllcContext ctx, Span span) {
        if (ctx.PF_RNR() != null) {
            return new Primitive.Llc(Primitive.Llc.Kind.S_SUBTYPE, SubNames.LLC_RNR, span);
        }
        if (ctx.ID() == null) {
            return new Primitive.Llc(Primitive.Llc.Kind.ANY, 0, span);
        }
        String name = unescape(ctx.ID().getText());
        String lower = SubNames.asciiLower(name);
        switch (lower) {
            case "i" -> {
                return new Primitive.Llc(Primitive.Llc.Kind.I, 0, span);
            }
            case "s" -> {
                return new Primitive.Llc(Primitive.Llc.Kind.S, 0, span);
            }
            case "u" -> {
                return new Primitive.Llc(Primitive.Llc.Kind.U, 0, span);
            }
            default -> {
            }
        }
        OptionalInt s = SubNames.lookup(SubNames.LLC_S_SUBTYPES, name);
        if (s.isPresent()) {
            return new Primitive.Llc(Primitive.Llc.Kind.S_SUBTYPE, s.getAsInt(), span);
        }
        OptionalInt u = SubNames.lookup(SubNames.LLC_U_SUBTYPES, name);
        if (u.isPresent()) {
            return new Primitive.Llc(Primitive.Llc.Kind.U_SUBTYPE, u.getAsInt(), span);
        }
        throw abort(ctx.ID().getSymbol(), ctx, "unknown LLC type name \"" + name + "\"");
    }

    private static Primitive.AtmAbbrev.Type atmType(Token t) {
        return switch (t.getType()) {
            case PcapFilterParser.LANE -> Primitive.AtmAbbrev.Type.LANE;
            case PcapFilterParser.METAC -> Primitive.AtmAbbrev.Type.METAC;
            case PcapFilterParser.BCC -> Primitive.AtmAbbrev.Type.BCC;
            case PcapFilterParser.OAMF4EC -> Primitive.AtmAbbrev.Type.OAMF4EC;
            case PcapFilterParser.OAMF4SC -> Primitive.AtmAbbrev.Type.OAMF4SC;
            case PcapFilterParser.SC -> Primitive.AtmAbbrev.Type.SC;
            case PcapFilterParser.ILMIC -> Primitive.AtmAbbrev.Type.ILMIC;
            case PcapFilterParser.OAM -> Primitive.AtmAbbrev.Type.OAM;
            case PcapFilterParser.OAMF4 -> Primitive.AtmAbbrev.Type.OAMF4;
            case PcapFilterParser.CONNECTMSG -> Primitive.AtmAbbrev.Type.CONNECTMSG;
            case PcapFilterParser.METACONNECT -> Primitive.AtmAbbrev.Type.METACONNECT;
            default -> throw new IllegalStateException("not an ATM keyword: " + t.getText());
        };
    }

    private FilterExpr atmField(AtmfieldRtermContext ctx) {
        Primitive.AtmField.Field field = ctx.atmfield().VPI() != null
                ? Primitive.AtmField.Field.VPI : Primitive.AtmField.Field.VCI;
        Span fieldSpan = source.span(ctx.atmfield());
        return switch (ctx.atmvalue()) {
            case NumFieldValueContext n -> new Primitive.AtmField(field, RelOp.EQ, number(n.NUM().getSymbol()), source.span(ctx));
            case RelFieldValueContext r -> new Primitive.AtmField(field, relop(r.relop()), number(r.NUM().getSymbol()), source.span(ctx));
            case ListFieldValueContext l -> valueList(l.NUM(), l.OR(), (num, span) ->
                    new Primitive.AtmField(field, RelOp.EQ, number(num), fieldSpan.union(span)));
            default -> throw unexpected(ctx);
        };
    }

    private FilterExpr mtp3Field(Mtp3fieldRtermContext ctx) {
        Primitive.Mtp3Field.Field field = switch (ctx.mtp3field().getStart().getType()) {
            case PcapFilterParser.SIO -> Primitive.Mtp3Field.Field.SIO;
            case PcapFilterParser.OPC -> Primitive.Mtp3Field.Field.OPC;
            case PcapFilterParser.DPC -> Primitive.Mtp3Field.Field.DPC;
            case PcapFilterParser.SLS -> Primitive.Mtp3Field.Field.SLS;
            case PcapFilterParser.HSIO -> Primitive.Mtp3Field.Field.HSIO;
            case PcapFilterParser.HOPC -> Primitive.Mtp3Field.Field.HOPC;
            case PcapFilterParser.HDPC -> Primitive.Mtp3Field.Field.HDPC;
            case PcapFilterParser.HSLS -> Primitive.Mtp3Field.Field.HSLS;
            default -> throw unexpected(ctx);
        };
        Span fieldSpan = source.span(ctx.mtp3field());
        return switch (ctx.mtp3value()) {
            case NumMtp3ValueContext n -> new Primitive.Mtp3Field(field, RelOp.EQ, number(n.NUM().getSymbol()), source.span(ctx));
            case RelMtp3ValueContext r -> new Primitive.Mtp3Field(field, relop(r.relop()), number(r.NUM().getSymbol()), source.span(ctx));
            case ListMtp3ValueContext l -> valueList(l.NUM(), l.OR(), (num, span) ->
                    new Primitive.Mtp3Field(field, RelOp.EQ, number(num), fieldSpan.union(span)));
            default -> throw unexpected(ctx);
        };
    }

    /** {@code (n1 or n2 ...)} after vpi/vci/sio/...: the equality tests, or-ed to the left. */
    private FilterExpr valueList(List<TerminalNode> nums, List<TerminalNode> ors,
                                 java.util.function.BiFunction<Token, Span, FilterExpr> test) {
        FilterExpr result = null;
        for (TerminalNode n : nums) {
            Token t = n.getSymbol();
            FilterExpr next = test.apply(t, source.span(t));
            result = result == null ? next : new FilterExpr.Or(result, next, result.span().union(next.span()));
        }
        return result;
    }

    private static Primitive.Mtp2Abbrev.Type mtp2Type(Token t) {
        return switch (t.getType()) {
            case PcapFilterParser.FISU -> Primitive.Mtp2Abbrev.Type.FISU;
            case PcapFilterParser.LSSU -> Primitive.Mtp2Abbrev.Type.LSSU;
            case PcapFilterParser.MSU -> Primitive.Mtp2Abbrev.Type.MSU;
            case PcapFilterParser.HFISU -> Primitive.Mtp2Abbrev.Type.HFISU;
            case PcapFilterParser.HLSSU -> Primitive.Mtp2Abbrev.Type.HLSSU;
            case PcapFilterParser.HMSU -> Primitive.Mtp2Abbrev.Type.HMSU;
            default -> throw new IllegalStateException("not an MTP2 keyword: " + t.getText());
        };
    }

    // ------------------------------------------------------------------------------------------------------
    // Arithmetic
    // ------------------------------------------------------------------------------------------------------

    private static RelOp relop(RelopContext ctx) {
        return switch (ctx.getStart().getType()) {
            case PcapFilterParser.GT -> RelOp.GT;
            case PcapFilterParser.GEQ -> RelOp.GE;
            case PcapFilterParser.EQ -> RelOp.EQ;
            case PcapFilterParser.LEQ -> RelOp.LE;
            case PcapFilterParser.LT -> RelOp.LT;
            case PcapFilterParser.NEQ -> RelOp.NE;
            default -> throw unexpected(ctx);
        };
    }

    private Arith arith(ArithContext ctx) {
        return fold(ctx);
    }

    /** One precedence level: operand (op operand)*, to the left. */
    private Arith fold(ParserRuleContext ctx) {
        Arith result = level((ParserRuleContext) ctx.getChild(0));
        for (int i = 1; i + 1 < ctx.getChildCount(); i += 2) {
            Token op = ((TerminalNode) ctx.getChild(i)).getSymbol();
            Arith right = level((ParserRuleContext) ctx.getChild(i + 1));
            result = new Arith.Binary(arithOp(op), result, right, source.span(op), result.span().union(right.span()));
        }
        return result;
    }

    private Arith level(ParserRuleContext ctx) {
        return switch (ctx) {
            case ArithAndContext c -> fold(c);
            case ArithShiftContext c -> fold(c);
            case ArithAddContext c -> fold(c);
            case ArithMulContext c -> fold(c);
            case NegateUnaryContext c -> new Arith.Negate(level(c.unary()), source.span(c));
            case OperandUnaryContext c -> level(c.operand());
            case OperandContext c -> {
                Arith left = atom(c.atom());
                if (c.arith() == null) {
                    yield left;
                }
                Token op = c.PERCENT() != null ? c.PERCENT().getSymbol() : c.CARET().getSymbol();
                Arith right = arith(c.arith());
                yield new Arith.Binary(arithOp(op), left, right, source.span(op), left.span().union(right.span()));
            }
            default -> throw unexpected(ctx);
        };
    }

    private Arith atom(AtomContext ctx) {
        return switch (ctx) {
            case NumAtomContext n -> new Arith.Literal(number(n.NUM().getSymbol()), source.span(n));
            case LenAtomContext l -> new Arith.PacketLength(source.span(l));
            case ParenAtomContext p -> arith(p.arith());
            case IndexAtomContext x -> {
                TerminalNode size = x.NUM();
                Span sizeSpan = size != null ? source.span(size.getSymbol())
                        : source.span(x.LBRACKET().getSymbol(), x.RBRACKET().getSymbol());
                yield new Arith.PacketIndex(pname(x.pname()), arith(x.arith()),
                        size != null ? (int) number(size.getSymbol()) : 1,
                        source.span(x.pname()), sizeSpan, source.span(x));
            }
            default -> throw unexpected(ctx);
        };
    }

    private static ArithOp arithOp(Token op) {
        return switch (op.getType()) {
            case PcapFilterParser.PLUS -> ArithOp.ADD;
            case PcapFilterParser.MINUS -> ArithOp.SUB;
            case PcapFilterParser.STAR -> ArithOp.MUL;
            case PcapFilterParser.SLASH -> ArithOp.DIV;
            case PcapFilterParser.PERCENT -> ArithOp.MOD;
            case PcapFilterParser.AMP -> ArithOp.AND;
            case PcapFilterParser.PIPE -> ArithOp.OR;
            case PcapFilterParser.CARET -> ArithOp.XOR;
            case PcapFilterParser.LSH -> ArithOp.LSH;
            case PcapFilterParser.RSH -> ArithOp.RSH;
            default -> throw new IllegalStateException("not an arithmetic operator: " + op.getText());
        };
    }

    // ------------------------------------------------------------------------------------------------------
    // Tokens
    // ------------------------------------------------------------------------------------------------------

    /** The NUM inside {@code pnum: NUM | '(' pnum ')'}. */
    private static Token innermostNum(PnumContext ctx) {
        PnumContext p = ctx;
        while (p instanceof ParenPnumContext paren) {
            p = paren.pnum();
        }
        return ((NumPnumContext) p).NUM().getSymbol();
    }

    /** A NUM token's value; an invalid one stops the walk with the lexical error. */
    private long number(Token t) {
        return switch (NumberLiteral.parse(t.getText())) {
            case Literal.Value v -> v.value();
            case Literal.Invalid invalid -> throw abort(t, invalid.message());
        };
    }

    private IdOperand.Ipv4 ipv4(Token t) {
        Ipv4Text.Parsed parsed = Ipv4Text.atoin(t.getText());
        return new IdOperand.Ipv4(parsed.value(), parsed.bits(), t.getText(), source.span(t));
    }

    private IdOperand.Ipv6 ipv6(Token t) {
        Ipv6Text.Bits bits = Ipv6Text.parse(t.getText())
                .orElseThrow(() -> abort(t, "invalid IPv6 address " + t.getText()));
        return new IdOperand.Ipv6(bits.high(), bits.low(), t.getText(), source.span(t));
    }

    /** {@code \word} is the ID {@code word} (scanner.l:468). */
    static String unescape(String idText) {
        return idText.startsWith("\\") ? idText.substring(1) : idText;
    }

    private String excerpt(ParserRuleContext ctx) {
        Span span = source.span(ctx);
        return source.text().substring(span.start(), span.end());
    }

    private ParseAbort abort(Token token, String message) {
        return new ParseAbort(new Diagnostic(source.span(token), message), token.getTokenIndex());
    }

    /** An error at {@code token} of the action of {@code rule}. */
    private ParseAbort abort(Token token, ParserRuleContext rule, String message) {
        return new ParseAbort(new Diagnostic(source.span(token), message), rule.getStop().getTokenIndex());
    }

    private static IllegalStateException unexpected(ParseTree node) {
        return new IllegalStateException("unexpected parse tree node " + node.getClass().getSimpleName());
    }
}
