package dev.jfilter.frontend.lower;

import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.frontend.ast.DirQualifier;
import dev.jfilter.frontend.ast.Primitive;
import dev.jfilter.frontend.ast.ProtoQualifier;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.link.LinkProtocols;
import dev.jfilter.frontend.link.LinkType;
import java.util.ArrayList;
import java.util.List;

/**
 * Primitives about the frame rather than a protocol field: {@code broadcast}, {@code multicast}, {@code less},
 * {@code greater}, {@code byte}, {@code inbound}/{@code outbound}, {@code ifindex} and {@code llc} (gencode.c
 * {@code gen_broadcast}, {@code gen_multicast}, {@code gen_less}, {@code gen_greater}, {@code gen_byteop},
 * {@code gen_inbound_outbound}, {@code gen_ifindex}, {@code gen_llc*}).
 */
final class LinkLevel {
    /** Linux's {@code PACKET_OUTGOING} packet type. */
    private static final int PACKET_OUTGOING = 4;
    private static final long BROADCAST_MAC = 0xffff_ffff_ffffL;

    private final LoweringContext ctx;
    private final Addresses addresses;

    LinkLevel(LoweringContext ctx, Addresses addresses) {
        this.ctx = ctx;
        this.addresses = addresses;
    }

    Pred broadcast(ProtoQualifier proto) {
        return switch (proto) {
            case DEFAULT, LINK -> ctx.link().mac8().isPresent()
                    ? addresses.mac8(ctx.link().mac8().get().broadcast(), DirQualifier.DST, "broadcast")
                    : addresses.mac48(BROADCAST_MAC, DirQualifier.DST, "broadcast");
            case IP -> {
                if (ctx.options.netmask() == CompileOptions.NETMASK_UNKNOWN) {
                    throw new LoweringException("netmask not known, so 'ip broadcast' not supported");
                }
                Pred b0 = ctx.linkType(LinkProtocols.ETHERTYPE_IP);
                long hostmask = ~ctx.options.netmask() & 0xffffffffL;
                Pred b1 = ctx.masked(Base.NETWORK, 16, LoadSize.WORD, 0, hostmask);
                Pred b2 = ctx.masked(Base.NETWORK, 16, LoadSize.WORD, hostmask, hostmask);
                yield Pred.and(b0, Pred.or(b1, b2));
            }
            case ARP, RARP, SCTP, TCP, UDP, ICMP, IGMP, IGRP, ATALK, DECNET, LAT, SCA, MOPRC, MOPDL, IPV6,
                    ICMPV6, AH, ESP, PIM, VRRP, AARP, ISO, ESIS, ISIS, CLNP, STP, IPX, NETBEUI, ISIS_L1,
                    ISIS_L2, ISIS_IIH, ISIS_SNP, ISIS_CSNP, ISIS_PSNP, ISIS_LSP, RADIO, CARP -> throw LoweringException.qualifier(Keywords.invalidQualifier(Keywords.proto(proto), "broadcast"));
        };
    }

    Pred multicast(ProtoQualifier proto) {
        return switch (proto) {
            case DEFAULT, LINK -> {
                // Inside a tunnel, only a frame with an Ethernet header has a destination address.
                Pred b1 = ctx.link().type() == LinkType.EN10MB ? ctx.previousLinkHeaderCheck() : null;
                Pred b0 = ctx.link().multicast(ctx).orElseThrow(() -> ctx.notSupportedOnDlt("multicast"));
                yield b1 == null ? b0 : Pred.and(b1, b0);
            }
            case IP -> Pred.and(ctx.linkType(LinkProtocols.ETHERTYPE_IP),
                    ctx.masked(Base.NETWORK, 16, LoadSize.BYTE, 0xe0, 0xf0));
            case IPV6 -> Pred.and(ctx.linkType(LinkProtocols.ETHERTYPE_IPV6),
                    ctx.eq(Base.NETWORK, 24, LoadSize.BYTE, 255));
            case ARP, RARP, SCTP, TCP, UDP, ICMP, IGMP, IGRP, ATALK, DECNET, LAT, SCA, MOPRC, MOPDL, ICMPV6,
                    AH, ESP, PIM, VRRP, AARP, ISO, ESIS, ISIS, CLNP, STP, IPX, NETBEUI, ISIS_L1, ISIS_L2,
                    ISIS_IIH, ISIS_SNP, ISIS_CSNP, ISIS_PSNP, ISIS_LSP, RADIO, CARP -> throw LoweringException.qualifier(Keywords.invalidQualifier(Keywords.proto(proto), "multicast"));
        };
    }

    /** {@code greater n} is {@code len >= n}; {@code less n} is {@code not len > n}. */
    Pred length(boolean greater, long n) {
        List<Stmt> len = List.of(new Stmt.LoadLength(Register.A));
        return greater
                ? new Pred.Test(len, Condition.of(JumpOp.JGE, (int) n))
                : Pred.not(new Pred.Test(len, Condition.of(JumpOp.JGT, (int) n)));
    }

    /** {@code byte idx op val}, from the start of the link-layer header. */
    Pred byteOp(long index, char op, long value) {
        Limits.atMost("byte argument", value, 0xff);
        List<Stmt> load = ctx.load(Base.LINK_HEADER, (int) index, LoadSize.BYTE);
        return switch (op) {
            case '=' -> Checks.compare(load, JumpOp.JEQ, false, value);
            case '<' -> Checks.compare(load, JumpOp.JGE, true, value);
            case '>' -> Checks.compare(load, JumpOp.JGT, false, value);
            case '|', '&' -> {
                List<Stmt> s = new ArrayList<>(load);
                s.add(new Stmt.AluConstant(op == '|' ? AluOp.OR : AluOp.AND, (int) value));
                yield Pred.not(new Pred.Test(s, Condition.of(JumpOp.JEQ, 0)));
            }
            default -> throw new IllegalArgumentException("byte operator " + op);
        };
    }

    /** {@code inbound} or {@code outbound}: from the link-layer header, or from Linux packet metadata. */
    Pred direction(boolean outbound) {
        String keyword = outbound ? "outbound" : "inbound";
        return ctx.link().direction(ctx, outbound).orElseGet(() -> {
            requireLinuxExtensions(keyword);
            Pred out = ctx.ancillaryIs(Ancillary.PKTTYPE, LoadSize.HALF, PACKET_OUTGOING);
            return outbound ? out : Pred.not(out);
        });
    }

    /** {@code ifindex n}: from the link-layer header, or from Linux packet metadata. */
    Pred ifIndex(long index) {
        return ctx.link().ifIndex(ctx, index).orElseGet(() -> {
            requireLinuxExtensions("ifindex");
            return ctx.ancillaryIs(Ancillary.IFINDEX, LoadSize.WORD, index);
        });
    }

    /** libpcap's {@code require_basic_bpf_extensions} on Linux. */
    private void requireLinuxExtensions(String keyword) {
        if (!ctx.options.linuxExtensions()) {
            throw new LoweringException("not a live capture, '" + keyword + "' not supported on " + ctx.dltName());
        }
    }

    /** {@code llc} and its frame types and subtypes. */
    Pred llc(Primitive.Llc.Kind kind, int subtype) {
        Pred b0 = ctx.link().llcFrame(ctx).orElseThrow(() -> ctx.notSupportedOnDlt("llc"));
        // Loaded only for a frame type: the load may need a run-time payload offset (802.11) that plain 'llc' does not.
        List<Stmt> control = kind == Primitive.Llc.Kind.ANY ? List.of() : ctx.load(Base.LLC, 2, LoadSize.BYTE);
        Pred b1 = switch (kind) {
            case ANY -> null;
            case I -> Checks.unset(control, 0x01);
            case S -> Checks.masked(control, 0x01, 0x03);
            case U -> Checks.masked(control, 0x03, 0x03);
            case S_SUBTYPE -> Checks.masked(control, subtype, 0x0f);
            case U_SUBTYPE -> Checks.masked(control, subtype, 0xef);
        };
        return b1 == null ? b0 : Pred.and(b0, b1);
    }
}
