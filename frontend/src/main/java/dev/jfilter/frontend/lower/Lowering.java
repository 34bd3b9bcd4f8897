package dev.jfilter.frontend.lower;

import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgBuilder;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Diagnostic;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.ast.FilterExpr;
import dev.jfilter.frontend.ast.Primitive;
import dev.jfilter.frontend.ast.Span;
import dev.jfilter.frontend.link.LinkLayer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Lowers a filter expression to a {@link Cfg}: libpcap's code generator ({@code gencode.c}, master 1.11) for the
 * link types {@link LinkLayer} knows. Each primitive becomes a {@link Pred} the way libpcap builds its blocks, with
 * libpcap's semantic checks and messages; the predicate is then emitted with {@code ret #snaplen} for true and
 * {@code ret #0} for false. Errors come back as diagnostics with the span of the part they are about.
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-filter.7.html">pcap-filter(7)</a>
 */
public final class Lowering {
    /**
     * How many IPv6/IPv4 extension headers {@code protochain} walks: libpcap loops over the chain with a backward
     * jump, which the kernel refuses, so jfilter unrolls the walk this deep; a longer chain does not match.
     */
    public static final int PROTOCHAIN_MAX_HEADERS = ProtoChain.MAX_HEADERS;

    private final LoweringContext ctx;
    private final Protocols protocols;
    private final QualifiedPrimitives qualified;
    private final Arithmetic arithmetic;
    private final LinkLevel linkLevel;
    private final Encapsulations encapsulations;
    private final Atm atm;
    private final PflogPrimitives pflog;
    private final Ss7 ss7;

    private Lowering(LoweringContext ctx) {
        this.ctx = ctx;
        protocols = new Protocols(ctx);
        Addresses addresses = new Addresses(ctx);
        Ports ports = new Ports(ctx, protocols);
        qualified = new QualifiedPrimitives(ctx, addresses, ports, protocols, new ProtoChain(ctx));
        arithmetic = new Arithmetic(ctx, protocols);
        linkLevel = new LinkLevel(ctx, addresses);
        encapsulations = new Encapsulations(ctx, ports);
        atm = new Atm(ctx);
        pflog = new PflogPrimitives(ctx);
        ss7 = new Ss7(ctx);
    }

    /**
     * The program for {@code expression} (empty: accept every packet) under {@code options}, or the diagnostic
     * that explains why there is none.
     */
    public static Result<Cfg> lower(Optional<FilterExpr> expression, CompileOptions options) {
        return lower(expression, options, true);
    }

    /**
     * As {@link #lower(Optional, CompileOptions)}; with {@code regroup} false, the predicate is emitted as libpcap's
     * code generator builds it, without {@link DisjunctionRegrouping} (for tests that compare the two).
     */
    public static Result<Cfg> lower(Optional<FilterExpr> expression, CompileOptions options, boolean regroup) {
        Span whole = expression.map(FilterExpr::span).orElse(new Span(0, 0));
        if (options.snaplen() == 0) {
            return Result.failed(new Diagnostic(whole, "snaplen of 0 rejects all packets"));
        }
        Optional<LinkLayer> link = LinkLayer.of(options.linkType(), options.loopback());
        if (link.isEmpty()) {
            return Result.failed(new Diagnostic(whole,
                    "link type " + LoweringContext.describe(options.linkType()) + " is not supported yet"));
        }
        if (expression.isEmpty()) {
            return Result.ok(emit(Pred.TRUE, options.snaplen()));
        }
        LoweringContext ctx = new LoweringContext(options, link.get());
        Pred pred;
        try {
            pred = new Lowering(ctx).lower(expression.get());
        } catch (LoweringException e) {
            return Result.failed(new Diagnostic(e.span().orElse(whole), e.getMessage()));
        }
        if (regroup) {
            pred = DisjunctionRegrouping.apply(pred);
        }
        try {
            pred = link.get().finishProgram(pred, ctx.runTimeOffsets());
        } catch (LoweringException e) {
            // Allocating the link-layer header's offset word can run out of scratch words, as in libpcap.
            return Result.failed(new Diagnostic(e.span().orElse(whole), e.getMessage()));
        }
        Cfg cfg = RunTimeHeaderLength.computeFirst(emit(pred, options.snaplen()), ctx);
        return Result.ok(ScratchInitialization.zeroUnwritten(cfg, ctx.offsetRegisters));
    }

    /** The program that returns {@code snaplen} where {@code pred} holds and 0 elsewhere. */
    public static Cfg emit(Pred pred, int snaplen) {
        CfgBuilder builder = new CfgBuilder();
        BlockId accept = builder.addReturn(snaplen);
        BlockId reject = builder.addReturn(0);
        BlockId entry = new CfgEmitter(builder).emit(pred, accept, reject);
        return builder.build(entry);
    }

    /** The predicate of an expression; left-nested {@code and}/{@code or} chains are walked in a loop. */
    private Pred lower(FilterExpr e) {
        Deque<FilterExpr> spine = new ArrayDeque<>();
        FilterExpr leftmost = e;
        while (leftmost instanceof FilterExpr.And || leftmost instanceof FilterExpr.Or) {
            spine.push(leftmost);
            leftmost = leftmost instanceof FilterExpr.And a ? a.left() : ((FilterExpr.Or) leftmost).left();
        }
        Pred acc = switch (leftmost) {
            case FilterExpr.Not n -> Pred.not(lower(n.operand()));
            case Primitive p -> primitive(p);
            case FilterExpr.And a -> throw new IllegalStateException();
            case FilterExpr.Or o -> throw new IllegalStateException();
        };
        while (!spine.isEmpty()) {
            acc = switch (spine.pop()) {
                case FilterExpr.And a -> Pred.and(acc, lower(a.right()));
                case FilterExpr.Or o -> Pred.or(acc, lower(o.right()));
                case FilterExpr.Not n -> throw new IllegalStateException();
                case Primitive p -> throw new IllegalStateException();
            };
        }
        return acc;
    }

    private Pred primitive(Primitive p) {
        try {
            return switch (p) {
                case Primitive.Qualified q -> qualified.lower(q);
                case Primitive.ProtoAbbrev a -> protocols.abbreviation(a.proto());
                case Primitive.Relation r -> arithmetic.relation(r.left(), r.op(), r.right());
                case Primitive.Broadcast b -> linkLevel.broadcast(b.proto());
                case Primitive.Multicast m -> linkLevel.multicast(m.proto());
                case Primitive.LengthCompare l -> linkLevel.length(l.greater(), l.length());
                case Primitive.ByteOp b -> linkLevel.byteOp(b.index(), b.op(), b.value());
                case Primitive.Direction d -> linkLevel.direction(d.outbound());
                case Primitive.IfIndex i -> linkLevel.ifIndex(i.index());
                case Primitive.Encapsulation e -> encapsulations.lower(e);
                case Primitive.Llc l -> linkLevel.llc(l.kind(), l.subtype());
                case Primitive.PfIfname x -> pflog.ifname(x.name());
                case Primitive.PfRuleset x -> pflog.ruleset(x.name());
                case Primitive.PfRuleNumber x -> pflog.ruleNumber(x.number());
                case Primitive.PfSubruleNumber x -> pflog.subruleNumber(x.number());
                case Primitive.PfReason x -> pflog.reason(x.reason());
                case Primitive.PfAction x -> pflog.action(x.action());
                case Primitive.WlanType x -> ctx.link().frameTypeTest(x.value(), x.mask(), ctx)
                        .orElseThrow(() -> ctx.notSupportedOnDlt("type/subtype"));
                case Primitive.WlanDir x -> ctx.link().frameDirectionTest(x.value(), ctx)
                        .orElseThrow(() -> ctx.notSupportedOnDlt("dir"));
                case Primitive.AtmAbbrev x -> atm.abbreviation(x.type());
                case Primitive.AtmField x -> atm.field(x.field(), x.op(), x.value());
                case Primitive.Mtp2Abbrev x -> ss7.signalUnit(x.type());
                case Primitive.Mtp3Field x -> ss7.field(x.field(), x.op(), x.value());
            };
        } catch (LoweringException e) {
            throw e.orAt(p.span());
        }
    }
}
