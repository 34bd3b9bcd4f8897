package dev.jfilter.frontend.lower;

import static dev.jfilter.frontend.link.LinkProtocols.*;

import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.ast.AddrQualifier;
import dev.jfilter.frontend.ast.ProtoQualifier;
import dev.jfilter.frontend.link.CiscoHdlc;
import dev.jfilter.frontend.link.FrameRelay;
import dev.jfilter.frontend.link.LinkType;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Protocol primitives: the abbreviations ({@code tcp}, {@code ip6}, {@code stp}, {@code l1}...), {@code proto} and
 * the protocol name lookup, as libpcap's {@code gen_proto_abbrev_internal}, {@code gen_proto} and
 * {@code lookup_proto} (gencode.c).
 */
final class Protocols {
    static final int IPPROTO_ICMP = 1;
    static final int IPPROTO_IGMP = 2;
    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_IGRP = 9;
    static final int IPPROTO_UDP = 17;
    static final int IPPROTO_ROUTING = 43;
    static final int IPPROTO_FRAGMENT = 44;
    static final int IPPROTO_ESP = 50;
    static final int IPPROTO_AH = 51;
    static final int IPPROTO_ICMPV6 = 58;
    static final int IPPROTO_NONE = 59;
    static final int IPPROTO_DSTOPTS = 60;
    static final int IPPROTO_PIM = 103;
    static final int IPPROTO_VRRP = 112;
    static final int IPPROTO_CARP = 112;
    static final int IPPROTO_SCTP = 132;

    static final int ISO8473_CLNP = 0x81;
    static final int ISO9542_ESIS = 0x82;
    static final int ISO10589_ISIS = 0x83;

    private static final int ISIS_L1_LAN_IIH = 15;
    private static final int ISIS_L2_LAN_IIH = 16;
    private static final int ISIS_PTP_IIH = 17;
    private static final int ISIS_L1_LSP = 18;
    private static final int ISIS_L2_LSP = 20;
    private static final int ISIS_L1_CSNP = 24;
    private static final int ISIS_L2_CSNP = 25;
    private static final int ISIS_L1_PSNP = 26;
    private static final int ISIS_L2_PSNP = 27;
    private static final int ISIS_PDU_TYPE_MAX = 0x1f;

    /** libpcap's {@code eproto_db} (nametoaddr.c): the names {@code link proto} takes. */
    private static final Map<String, Integer> ETHER_PROTOCOLS = Map.ofEntries(
            Map.entry("aarp", ETHERTYPE_AARP), Map.entry("arp", ETHERTYPE_ARP),
            Map.entry("atalk", ETHERTYPE_ATALK), Map.entry("decnet", ETHERTYPE_DN),
            Map.entry("ip", ETHERTYPE_IP), Map.entry("ip6", ETHERTYPE_IPV6), Map.entry("lat", ETHERTYPE_LAT),
            Map.entry("lldp", ETHERTYPE_LLDP), Map.entry("loopback", ETHERTYPE_LOOPBACK),
            Map.entry("mopdl", ETHERTYPE_MOPDL), Map.entry("moprc", ETHERTYPE_MOPRC),
            Map.entry("rarp", ETHERTYPE_REVARP), Map.entry("sca", ETHERTYPE_SCA),
            Map.entry("slow", ETHERTYPE_SLOW));

    /** libpcap's {@code llc_db}: LLC SAP names, tried after {@link #ETHER_PROTOCOLS}. */
    private static final Map<String, Integer> LLC_SAPS = Map.of(
            "iso", LLCSAP_ISONS, "stp", LLCSAP_8021D, "ipx", LLCSAP_IPX, "netbeui", LLCSAP_NETBEUI);

    private final LoweringContext ctx;

    Protocols(LoweringContext ctx) {
        this.ctx = ctx;
    }

    /** A protocol name alone as a primitive ({@code gen_proto_abbrev_internal}). */
    Pred abbreviation(ProtoQualifier proto) {
        return switch (proto) {
            case SCTP, TCP, UDP, AH, ESP, PIM -> proto(ipProtocol(proto), ProtoQualifier.DEFAULT);
            case ICMP, IGMP, IGRP, VRRP, CARP -> proto(ipProtocol(proto), ProtoQualifier.IP);
            case ICMPV6 -> proto(ipProtocol(proto), ProtoQualifier.IPV6);
            case IP, ARP, RARP, ATALK, AARP, DECNET, SCA, LAT, MOPDL, MOPRC, IPV6 -> ctx.linkType(etherType(proto));
            case ISO -> ctx.linkType(LLCSAP_ISONS);
            case STP -> ctx.linkType(LLCSAP_8021D);
            case IPX -> ctx.linkType(LLCSAP_IPX);
            case NETBEUI -> ctx.linkType(LLCSAP_NETBEUI);
            case ESIS -> proto(ISO9542_ESIS, ProtoQualifier.ISO);
            case ISIS -> proto(ISO10589_ISIS, ProtoQualifier.ISO);
            case CLNP -> proto(ISO8473_CLNP, ProtoQualifier.ISO);
            case ISIS_L1 -> isisAny(ISIS_L1_LAN_IIH, ISIS_PTP_IIH, ISIS_L1_LSP, ISIS_L1_CSNP, ISIS_L1_PSNP);
            case ISIS_L2 -> isisAny(ISIS_L2_LAN_IIH, ISIS_PTP_IIH, ISIS_L2_LSP, ISIS_L2_CSNP, ISIS_L2_PSNP);
            case ISIS_IIH -> isisAny(ISIS_L1_LAN_IIH, ISIS_L2_LAN_IIH, ISIS_PTP_IIH);
            case ISIS_LSP -> isisAny(ISIS_L1_LSP, ISIS_L2_LSP);
            case ISIS_SNP -> isisAny(ISIS_L1_CSNP, ISIS_L2_CSNP, ISIS_L1_PSNP, ISIS_L2_PSNP);
            case ISIS_CSNP -> isisAny(ISIS_L1_CSNP, ISIS_L2_CSNP);
            case ISIS_PSNP -> isisAny(ISIS_L1_PSNP, ISIS_L2_PSNP);
            case DEFAULT, LINK, RADIO -> throw new LoweringException(
                    "'" + Keywords.proto(proto) + "' cannot be used as an abbreviation");
        };
    }

    /**
     * IS-IS PDU types ORed in libpcap's order: the first two, then each further one in front
     * ({@code b1 = gen_or(b0, b1)}).
     */
    private Pred isisAny(int... types) {
        Pred b1 = Pred.or(proto(types[0], ProtoQualifier.ISIS), proto(types[1], ProtoQualifier.ISIS));
        for (int i = 2; i < types.length; i++) {
            b1 = Pred.or(proto(types[i], ProtoQualifier.ISIS), b1);
        }
        return b1;
    }

    /** {@code [qualifier] proto v} ({@code gen_proto}). */
    Pred proto(long v, ProtoQualifier proto) {
        switch (proto) {
            case DEFAULT -> {
                Pred b0 = proto(v, ProtoQualifier.IP);
                Pred b1 = proto(v, ProtoQualifier.IPV6);
                return Pred.or(b0, b1);
            }
            case LINK -> {
                return ctx.linkType(v);
            }
            case IP -> {
                Limits.atMost("protocol number", v, 0xff);
                return Pred.and(ctx.linkType(ETHERTYPE_IP), ipProto((int) v));
            }
            case IPV6 -> {
                Limits.atMost("protocol number", v, 0xff);
                Pred b0 = ctx.linkType(ETHERTYPE_IPV6);
                // Also a fragment header right before the final header.
                Pred b2 = ip6Proto(IPPROTO_FRAGMENT);
                Pred b1 = ctx.eq(Base.NETWORK, 40, LoadSize.BYTE, v);
                b1 = Pred.and(b2, b1);
                b2 = ip6Proto((int) v);
                b1 = Pred.or(b2, b1);
                return Pred.and(b0, b1);
            }
            case ISO -> {
                Limits.atMost("ISO protocol", v, 0xff);
                if (ctx.link().type() == LinkType.FRELAY) {
                    // The NLPID names the OSI protocol itself.
                    return FrameRelay.nlpid(ctx, v);
                }
                if (ctx.link().type() == LinkType.C_HDLC) {
                    // Cisco's OSI EtherType lookalike, then a fudge byte before the NLPID.
                    return Pred.and(ctx.linkType(CiscoHdlc.OSI), ctx.eq(Base.NETWORK_NOSNAP, 1, LoadSize.BYTE, v));
                }
                Pred b0 = ctx.linkType(LLCSAP_ISONS);
                Pred b1 = ctx.eq(Base.NETWORK_NOSNAP, 0, LoadSize.BYTE, v);
                return Pred.and(b0, b1);
            }
            case ISIS -> {
                Limits.atMost("IS-IS PDU type", v, ISIS_PDU_TYPE_MAX);
                Pred b0 = proto(ISO10589_ISIS, ProtoQualifier.ISO);
                // The PDU type, after C-HDLC's fudge byte there.
                int pduType = ctx.link().type() == LinkType.C_HDLC ? 5 : 4;
                Pred b1 = ctx.masked(Base.NETWORK_NOSNAP, pduType, LoadSize.BYTE, v, ISIS_PDU_TYPE_MAX);
                return Pred.and(b0, b1);
            }
            default -> throw LoweringException.qualifier(Keywords.invalidQualifier(Keywords.proto(proto), "proto"));
        }
    }

    /** The IPv4 protocol field ({@code gen_ip_proto}). */
    Pred ipProto(int protocol) {
        return ctx.eq(Base.NETWORK, 9, LoadSize.BYTE, protocol);
    }

    /** The IPv6 next-header field of the fixed header ({@code gen_ip6_proto}). */
    Pred ip6Proto(int protocol) {
        return ctx.eq(Base.NETWORK, 6, LoadSize.BYTE, protocol);
    }

    /** Not an IPv4 fragment other than the first ({@code gen_ipfrag}): {@code ip[6:2] & 0x1fff == 0}. */
    Pred ipFirstFragment() {
        return Checks.unset(ctx.load(Base.NETWORK, 6, LoadSize.HALF), 0x1fff);
    }

    /** The IP protocol of a transport qualifier ({@code pq_to_ipproto}). */
    static int ipProtocol(ProtoQualifier proto) {
        return switch (proto) {
            case AH -> IPPROTO_AH;
            case CARP -> IPPROTO_CARP;
            case ESP -> IPPROTO_ESP;
            case ICMP -> IPPROTO_ICMP;
            case ICMPV6 -> IPPROTO_ICMPV6;
            case IGMP -> IPPROTO_IGMP;
            case IGRP -> IPPROTO_IGRP;
            case PIM -> IPPROTO_PIM;
            case SCTP -> IPPROTO_SCTP;
            case TCP -> IPPROTO_TCP;
            case UDP -> IPPROTO_UDP;
            case VRRP -> IPPROTO_VRRP;
            default -> throw new LoweringException(
                    "Proto qualifier '" + Keywords.proto(proto) + "' has no IP protocol");
        };
    }

    /** The EtherType of a link-level qualifier ({@code pq_to_ethertype}). */
    static int etherType(ProtoQualifier proto) {
        return switch (proto) {
            case AARP -> ETHERTYPE_AARP;
            case ARP -> ETHERTYPE_ARP;
            case ATALK -> ETHERTYPE_ATALK;
            case DECNET -> ETHERTYPE_DN;
            case IP -> ETHERTYPE_IP;
            case IPV6 -> ETHERTYPE_IPV6;
            case LAT -> ETHERTYPE_LAT;
            case MOPDL -> ETHERTYPE_MOPDL;
            case MOPRC -> ETHERTYPE_MOPRC;
            case RARP -> ETHERTYPE_REVARP;
            case SCA -> ETHERTYPE_SCA;
            default -> throw new LoweringException(
                    "Proto qualifier '" + Keywords.proto(proto) + "' has no EtherType");
        };
    }

    /**
     * The number behind a protocol name after {@code proto} or {@code protochain} ({@code lookup_proto}): IP
     * protocols from protocols(5), link protocols from libpcap's tables, three ISO names; an unknown name is an
     * error naming the qualifiers.
     */
    long lookup(String name, ProtoQualifier proto, AddrQualifier addr) {
        OptionalInt v = switch (proto) {
            case DEFAULT, IP, IPV6 -> ctx.options.names().protocol(name);
            case LINK -> {
                Integer e = ETHER_PROTOCOLS.get(name);
                if (e == null) {
                    e = LLC_SAPS.get(name);
                }
                yield e == null ? OptionalInt.empty() : OptionalInt.of(e);
            }
            case ISO -> switch (name) {
                case "esis" -> OptionalInt.of(ISO9542_ESIS);
                case "isis" -> OptionalInt.of(ISO10589_ISIS);
                case "clnp" -> OptionalInt.of(ISO8473_CLNP);
                default -> OptionalInt.empty();
            };
            default -> OptionalInt.empty();
        };
        if (v.isPresent()) {
            return v.getAsInt();
        }
        if (proto == ProtoQualifier.DEFAULT) {
            throw new LoweringException("unknown '" + Keywords.type(addr) + "' value '" + name + "'");
        }
        throw new LoweringException(
                "unknown '" + Keywords.proto(proto) + " " + Keywords.type(addr) + "' value '" + name + "'");
    }
}
