package dev.jfilter.frontend.lower;

import static dev.jfilter.frontend.link.LinkProtocols.*;

import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.ast.DirQualifier;
import dev.jfilter.frontend.ast.ProtoQualifier;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.link.Mac8Layout;
import dev.jfilter.frontend.link.MacLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Host and network primitives over IPv4, IPv6, MAC-48 and DECnet addresses: libpcap's {@code gen_host},
 * {@code gen_host6}, {@code gen_hostop}, {@code gen_hostop6}, {@code gen_host46_byname}, {@code gen_mac48host},
 * {@code gen_dnhost} and {@code gen_gateway} (gencode.c).
 */
final class Addresses {
    private static final int IPV4_SRC = 12;
    private static final int IPV4_DST = 16;
    private static final int ARP_SRC = 14;
    private static final int ARP_DST = 24;
    private static final int IPV6_SRC = 8;
    private static final int IPV6_DST = 24;
    /** libpcap's {@code MAX_PER_AF}: addresses of one family a host name may resolve to. */
    private static final int MAX_PER_FAMILY = 100;

    private final LoweringContext ctx;

    Addresses(LoweringContext ctx) {
        this.ctx = ctx;
    }

    /** libpcap's {@code assert_nonwlan_dqual}. */
    static void requireNonWlan(DirQualifier dir) {
        if (dir.isWlanOnly()) {
            throw LoweringException.qualifier("'" + dir.keyword() + "' is valid for 802.11 syntax only");
        }
    }

    /** Where a protocol carries IPv4 addresses: its link-level protocol and the sender and target fields. */
    private record AddressFields(int llProto, int src, int dst) {}

    /**
     * IPv4 addresses under masks, ORed, in the IPv4 header or the ARP/RARP sender and target fields
     * ({@code gen_host}); {@code negate} gives {@code gateway}'s "not host".
     */
    Pred host(long[] addrs, long[] masks, ProtoQualifier proto, DirQualifier dir, boolean negate, String context) {
        requireNonWlan(dir);
        if (proto == ProtoQualifier.DEFAULT) {
            Pred b0 = host(addrs, masks, ProtoQualifier.IP, dir, negate, context);
            if (ctx.layout.mplsDepth > 0) {
                // Inside MPLS there is no ARP or RARP.
                return b0;
            }
            Pred b1 = host(addrs, masks, ProtoQualifier.ARP, dir, negate, context);
            b1 = Pred.or(b0, b1);
            b0 = host(addrs, masks, ProtoQualifier.RARP, dir, negate, context);
            return Pred.or(b1, b0);
        }
        AddressFields fields = switch (proto) {
            case IP -> new AddressFields(ETHERTYPE_IP, IPV4_SRC, IPV4_DST);
            case RARP -> new AddressFields(ETHERTYPE_REVARP, ARP_SRC, ARP_DST);
            case ARP -> new AddressFields(ETHERTYPE_ARP, ARP_SRC, ARP_DST);
            case DEFAULT, LINK, SCTP, TCP, UDP, ICMP, IGMP, IGRP, ATALK, DECNET, LAT, SCA, MOPRC, MOPDL, IPV6, ICMPV6,
                    AH, ESP, PIM, VRRP, AARP, ISO, ESIS, ISIS, CLNP, STP, IPX, NETBEUI, ISIS_L1, ISIS_L2,
                    ISIS_IIH, ISIS_SNP, ISIS_CSNP, ISIS_PSNP, ISIS_LSP, RADIO, CARP ->
                    throw LoweringException.qualifier(Keywords.invalidQualifier(Keywords.proto(proto), context));
        };
        int llProto = fields.llProto();
        int src = fields.src();
        int dst = fields.dst();
        Pred b0 = ctx.linkType(llProto);
        if (b0 instanceof Pred.Const c && !c.value()) {
            return b0;
        }
        Pred b1 = Pred.FALSE;
        for (int i = 0; i < addrs.length; i++) {
            b1 = Pred.or(b1, hostOp(addrs[i], masks[i], dir, src, dst));
        }
        return Pred.and(b0, negate ? Pred.not(b1) : b1);
    }

    private Pred hostOp(long addr, long mask, DirQualifier dir, int src, int dst) {
        return switch (dir) {
            case SRC -> ctx.masked(Base.NETWORK, src, LoadSize.WORD, addr, mask);
            case DST -> ctx.masked(Base.NETWORK, dst, LoadSize.WORD, addr, mask);
            case SRC_AND_DST -> Pred.and(hostOp(addr, mask, DirQualifier.SRC, src, dst),
                    hostOp(addr, mask, DirQualifier.DST, src, dst));
            case DEFAULT, SRC_OR_DST -> Pred.or(hostOp(addr, mask, DirQualifier.SRC, src, dst),
                    hostOp(addr, mask, DirQualifier.DST, src, dst));
            case ADDR1, ADDR2, ADDR3, ADDR4, RA, TA -> throw new IllegalStateException("802.11 qualifier " + dir);
        };
    }

    /** IPv6 addresses under masks, ORed ({@code gen_host6}); each address and mask is 16 bytes. */
    Pred host6(List<byte[]> addrs, List<byte[]> masks, ProtoQualifier proto, DirQualifier dir, boolean negate,
            String context) {
        requireNonWlan(dir);
        if (proto != ProtoQualifier.DEFAULT && proto != ProtoQualifier.IPV6) {
            throw LoweringException.qualifier(Keywords.invalidQualifier(Keywords.proto(proto), context));
        }
        Pred link = ctx.linkType(ETHERTYPE_IPV6);
        Pred hosts = Pred.FALSE;
        for (int i = 0; i < addrs.size(); i++) {
            hosts = Pred.or(hosts, hostOp6(addrs.get(i), masks.get(i), dir));
        }
        return Pred.and(link, negate ? Pred.not(hosts) : hosts);
    }

    private Pred hostOp6(byte[] addr, byte[] mask, DirQualifier dir) {
        int offset = switch (dir) {
            case SRC -> IPV6_SRC;
            case DST -> IPV6_DST;
            case SRC_AND_DST -> -1;
            case DEFAULT, SRC_OR_DST -> -2;
            case ADDR1, ADDR2, ADDR3, ADDR4, RA, TA -> throw new IllegalStateException("802.11 qualifier " + dir);
        };
        if (offset == -1) {
            return Pred.and(hostOp6(addr, mask, DirQualifier.SRC), hostOp6(addr, mask, DirQualifier.DST));
        }
        if (offset == -2) {
            return Pred.or(hostOp6(addr, mask, DirQualifier.SRC), hostOp6(addr, mask, DirQualifier.DST));
        }
        // The last word first, each ANDed in front: the words end up tested first to last.
        Pred b1 = Pred.TRUE;
        for (int i = 3; i >= 0; i--) {
            Pred b0 = ctx.masked(Base.NETWORK, offset + 4 * i, LoadSize.WORD, word(addr, i), word(mask, i));
            b1 = Pred.and(b0, b1);
        }
        return b1;
    }

    private static long word(byte[] b, int i) {
        long v = 0;
        for (int k = 0; k < 4; k++) {
            v = (v << 8) | (b[4 * i + k] & 0xff);
        }
        return v;
    }

    /**
     * A host name's IPv4 addresses (unless {@code proto4} is {@code ip6}) and then its IPv6 addresses (unless
     * {@code proto6} is {@code ip}, {@code arp} or {@code rarp}), each family sorted ({@code gen_host46_byname}).
     */
    Pred hostByName(String name, ProtoQualifier proto4, ProtoQualifier proto6, DirQualifier dir, boolean negate) {
        String context = "host <Internet hostname>";
        List<InetAddress> resolved = ctx.options.names().hostAddresses(name);
        if (resolved.isEmpty()) {
            throw new LoweringException("unknown host '" + name + "'");
        }
        Pred ret = null;
        if (proto4 != ProtoQualifier.IPV6) {
            List<Long> v4 = new ArrayList<>();
            for (InetAddress a : resolved) {
                if (a instanceof Inet4Address) {
                    if (v4.size() == MAX_PER_FAMILY) {
                        throw new LoweringException("More than " + MAX_PER_FAMILY + " IPv4 addresses per name");
                    }
                    v4.add(word(pad(a.getAddress()), 0));
                }
            }
            v4.sort(Long::compare);
            if (!v4.isEmpty()) {
                long[] addrs = v4.stream().mapToLong(Long::longValue).toArray();
                long[] masks = new long[addrs.length];
                Arrays.fill(masks, 0xffffffffL);
                ret = host(addrs, masks, proto4, dir, negate, context);
            }
        }
        if (proto6 != ProtoQualifier.ARP && proto6 != ProtoQualifier.IP && proto6 != ProtoQualifier.RARP) {
            List<byte[]> v6 = new ArrayList<>();
            for (InetAddress a : resolved) {
                if (a instanceof Inet6Address) {
                    if (v6.size() == MAX_PER_FAMILY) {
                        throw new LoweringException("More than " + MAX_PER_FAMILY + " IPv6 addresses per name");
                    }
                    v6.add(a.getAddress());
                }
            }
            v6.sort(Arrays::compareUnsigned);
            if (!v6.isEmpty()) {
                List<byte[]> masks = new ArrayList<>();
                for (int i = 0; i < v6.size(); i++) {
                    masks.add(prefixMask(128));
                }
                Pred hosts6 = host6(v6, masks, proto6, dir, negate, context);
                ret = ret == null ? hosts6 : Pred.or(ret, hosts6);
            }
        }
        if (ret == null) {
            throw new LoweringException("unknown host '" + name + "'"
                    + (proto4 == ProtoQualifier.DEFAULT ? "" : " for specified address family"));
        }
        return ret;
    }

    private static byte[] pad(byte[] b) {
        return Arrays.copyOf(b, 16);
    }

    /** A 16-byte mask of {@code bits} leading ones. */
    static byte[] prefixMask(int bits) {
        byte[] m = new byte[16];
        for (int i = 0; i < 16; i++) {
            int ones = Math.max(0, Math.min(8, bits - 8 * i));
            m[i] = (byte) (0xff00 >>> ones);
        }
        return m;
    }

    /** A MAC-48 address in the link-layer header ({@code gen_mac48host}); {@code keyword} names it in errors. */
    Pred mac48(long mac, DirQualifier dir, String keyword) {
        MacLayout layout = ctx.link().mac().orElseThrow(() -> ctx.notSupportedOnDlt(keyword));
        Optional<Pred> byFrame = ctx.link().mac48Host(ctx, Checks.mac48(mac), dir);
        if (byFrame.isPresent()) {
            return byFrame.get();
        }
        // Inside a tunnel, the inner frame must have an Ethernet header.
        Pred b1 = ctx.link().type() == LinkType.EN10MB ? ctx.previousLinkHeaderCheck() : null;
        requireNonWlan(dir);
        byte[] bytes = Checks.mac48(mac);
        int src = layout.sourceOffset();
        int dst = layout.destinationOffset();
        Pred b0 = switch (dir) {
            case SRC -> ctx.bytes(Base.LINK_HEADER, src, bytes);
            case DST -> ctx.bytes(Base.LINK_HEADER, dst, bytes);
            case SRC_AND_DST -> Pred.and(ctx.bytes(Base.LINK_HEADER, src, bytes),
                    ctx.bytes(Base.LINK_HEADER, dst, bytes));
            case DEFAULT, SRC_OR_DST -> Pred.or(ctx.bytes(Base.LINK_HEADER, src, bytes),
                    ctx.bytes(Base.LINK_HEADER, dst, bytes));
            case ADDR1, ADDR2, ADDR3, ADDR4, RA, TA -> throw new IllegalStateException("802.11 qualifier " + dir);
        };
        return b1 == null ? b0 : Pred.and(b1, b0);
    }

    /** A MAC-8 address in the link-layer header ({@code gen_mac8host}); {@code keyword} names it in errors. */
    Pred mac8(int address, DirQualifier dir, String keyword) {
        Mac8Layout layout = ctx.link().mac8().orElseThrow(() -> ctx.notSupportedOnDlt(keyword));
        int src = layout.sourceOffset();
        int dst = layout.destinationOffset();
        return switch (dir) {
            case SRC -> ctx.eq(Base.LINK_HEADER, src, LoadSize.BYTE, address);
            case DST -> ctx.eq(Base.LINK_HEADER, dst, LoadSize.BYTE, address);
            case SRC_AND_DST -> Pred.and(ctx.eq(Base.LINK_HEADER, src, LoadSize.BYTE, address),
                    ctx.eq(Base.LINK_HEADER, dst, LoadSize.BYTE, address));
            case DEFAULT, SRC_OR_DST -> Pred.or(ctx.eq(Base.LINK_HEADER, src, LoadSize.BYTE, address),
                    ctx.eq(Base.LINK_HEADER, dst, LoadSize.BYTE, address));
            case ADDR1, ADDR2, ADDR3, ADDR4, RA, TA -> throw new IllegalStateException("802.11 qualifier " + dir);
        };
    }

    /** An Ethernet host name from the ethers database ({@code gen_mac48host_byname}). */
    Pred mac48ByName(String name, DirQualifier dir, String context) {
        if (ctx.link().mac().isEmpty()) {
            throw ctx.notSupportedOnDlt(context);
        }
        OptionalLong mac = ctx.options.names().etherAddress(name);
        if (mac.isEmpty()) {
            throw new LoweringException("unknown Ethernet-like host '" + name + "'");
        }
        return mac48(mac.getAsLong(), dir, context);
    }

    /**
     * {@code gateway NAME}: the host's Ethernet address, and not one of its IPv4 addresses at the IP layer
     * ({@code gen_gateway}).
     */
    Pred gateway(String name, ProtoQualifier proto) {
        switch (proto) {
            case DEFAULT, IP, ARP, RARP -> { }
            case LINK, SCTP, TCP, UDP, ICMP, IGMP, IGRP, ATALK, DECNET, LAT, SCA, MOPRC, MOPDL, IPV6, ICMPV6,
                    AH, ESP, PIM, VRRP, AARP, ISO, ESIS, ISIS, CLNP, STP, IPX, NETBEUI, ISIS_L1, ISIS_L2,
                    ISIS_IIH, ISIS_SNP, ISIS_CSNP, ISIS_PSNP, ISIS_LSP, RADIO, CARP -> throw LoweringException.qualifier(Keywords.invalidQualifier(Keywords.proto(proto), "gateway"));
        }
        if (ctx.layout.mplsDepth > 0) {
            throw new LoweringException("'gateway' cannot be used within MPLS");
        }
        if (ctx.layout.encapsulated) {
            throw new LoweringException("'gateway' cannot be used within VXLAN or Geneve");
        }
        Pred b0 = mac48ByName(name, DirQualifier.SRC_OR_DST, "gateway");
        // IPv4 only, as documented: the IPv6 leg of the name is skipped.
        Pred b1 = hostByName(name, proto, ProtoQualifier.IP, DirQualifier.SRC_OR_DST, true);
        return Pred.and(b0, b1);
    }

    /** {@code decnet [src|dst] host AREA.NODE} ({@code gen_dnhost}, {@code gen_dnhostop}). */
    Pred decnetHost(int addr, DirQualifier dir) {
        Pred b0 = ctx.linkType(ETHERTYPE_DN);
        Pred b1 = decnetHostOp(addr, dir);
        return Pred.and(b0, b1);
    }

    private Pred decnetHostOp(int addr, DirQualifier dir) {
        if (dir == DirQualifier.SRC_AND_DST) {
            return Pred.and(decnetHostOp(addr, DirQualifier.SRC), decnetHostOp(addr, DirQualifier.DST));
        }
        if (dir == DirQualifier.DEFAULT || dir == DirQualifier.SRC_OR_DST) {
            return Pred.or(decnetHostOp(addr, DirQualifier.SRC), decnetHostOp(addr, DirQualifier.DST));
        }
        // SRC or DST: 802.11 qualifiers were refused before.
        int offsetShort = dir == DirQualifier.DST ? 1 : 3;
        int offsetLong = dir == DirQualifier.DST ? 7 : 15;
        // The address is little-endian on the wire; BPF loads are big-endian.
        long swapped = ((addr & 0xff) << 8) | ((addr >>> 8) & 0xff);
        // Padding of one byte (PLENGTH 0x81), long header.
        Pred tmp = ctx.masked(Base.NETWORK, 2, LoadSize.HALF, 0x8106, 0xff07);
        Pred b1 = ctx.eq(Base.NETWORK, 2 + 1 + offsetLong, LoadSize.HALF, swapped);
        b1 = Pred.and(tmp, b1);
        // No padding, long header.
        tmp = ctx.masked(Base.NETWORK, 2, LoadSize.BYTE, 0x06, 0x07);
        Pred b2 = ctx.eq(Base.NETWORK, 2 + offsetLong, LoadSize.HALF, swapped);
        b2 = Pred.and(tmp, b2);
        b1 = Pred.or(b2, b1);
        // Padding of one byte, short header.
        if (dir == DirQualifier.DST) {
            b2 = ctx.masked(Base.NETWORK, 2, LoadSize.WORD, 0x81020000L | swapped, 0xff07ffffL);
        } else {
            tmp = ctx.masked(Base.NETWORK, 2, LoadSize.HALF, 0x8102, 0xff07);
            b2 = ctx.eq(Base.NETWORK, 2 + 1 + offsetShort, LoadSize.HALF, swapped);
            b2 = Pred.and(tmp, b2);
        }
        b1 = Pred.or(b2, b1);
        // No padding, short header.
        if (dir == DirQualifier.DST) {
            b2 = ctx.masked(Base.NETWORK, 2, LoadSize.WORD, 0x02000000L | (swapped << 8), 0x07ffff00L);
        } else {
            tmp = ctx.masked(Base.NETWORK, 2, LoadSize.BYTE, 0x02, 0x07);
            b2 = ctx.eq(Base.NETWORK, 2 + offsetShort, LoadSize.HALF, swapped);
            b2 = Pred.and(tmp, b2);
        }
        return Pred.or(b2, b1);
    }
}
