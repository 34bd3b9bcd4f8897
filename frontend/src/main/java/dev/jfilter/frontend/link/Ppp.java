package dev.jfilter.frontend.link;

import static dev.jfilter.frontend.link.LinkProtocols.*;

import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.lower.Base;
import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Limits;
import dev.jfilter.frontend.lower.Pred;
import java.util.Optional;

/**
 * {@code DLT_PPP} and the link types libpcap treats alike ({@code DLT_PPP_PPPD}, {@code DLT_PPP_SERIAL},
 * {@code DLT_PPP_ETHER}): a PPP frame, whose 16-bit protocol field names the network protocol. The EtherType a
 * primitive wants is mapped to the PPP protocol (gencode.c {@code ethertype_to_ppptype}). jfilter also meets PPP
 * inside a PPPoE session ({@code pppoes}), where libpcap switches the link type to PPP for the rest of the
 * expression. {@code DLT_PPP_PPPD} replaces the address byte with the direction (pppd's {@code PPP_PPPD_IN/OUT}).
 *
 * @param type {@code PPP}, {@code PPP_PPPD}, {@code PPP_SERIAL} or {@code PPP_ETHER}
 * @see <a href="https://www.rfc-editor.org/rfc/rfc1661">RFC 1661</a>, <a
 *     href="https://www.rfc-editor.org/rfc/rfc2516">RFC 2516</a>, <a
 *     href="https://www.tcpdump.org/linktypes/LINKTYPE_PPP_PPPD.html">LINKTYPE_PPP_PPPD</a>
 */
public record Ppp(LinkType type) implements LinkLayer {

    /** {@code DLT_PPP}, as inside a PPPoE session. */
    public Ppp() {
        this(LinkType.PPP);
    }

    public Ppp {
        if (type != LinkType.PPP && type != LinkType.PPP_PPPD && type != LinkType.PPP_SERIAL
                && type != LinkType.PPP_ETHER) {
            throw new IllegalArgumentException("not a PPP link type: " + type);
        }
    }

    public static final int PPP_IP = 0x0021;
    public static final int PPP_OSI = 0x0023;
    public static final int PPP_NS = 0x0025;
    public static final int PPP_DECNET = 0x0027;
    public static final int PPP_APPLE = 0x0029;
    public static final int PPP_IPX = 0x002b;
    public static final int PPP_BRPDU = 0x0031;
    public static final int PPP_IPV6 = 0x0057;
    /** RFC 3032's MPLS unicast, which {@code mpls} tests on PPP. */
    public static final int PPP_MPLS_UCAST = 0x0281;

    /** {@code PPP_PPPD_OUT}: the direction byte of a packet this host sent ({@code PPP_PPPD_IN} is 0). */
    private static final int PPP_PPPD_OUT = 0x01;

    @Override
    public LinkOffsets offsets() {
        // HDLC-like framing, then the protocol field (init_linktype); PPPoE session packets without the Ethernet
        // header have the 6-byte PPPoE header first. Inside PPPoE the lowering sets its own offsets.
        return type == LinkType.PPP_ETHER ? new LinkOffsets(6, 8, 0, 0) : new LinkOffsets(2, 4, 0, 0);
    }

    @Override
    public Optional<Pred> direction(Fields f, boolean outbound) {
        if (type != LinkType.PPP_PPPD) {
            return Optional.empty();
        }
        return Optional.of(f.eq(Base.LINK_HEADER, 0, LoadSize.BYTE, outbound ? PPP_PPPD_OUT : 0));
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        return f.eq(Base.LINK_TYPE, 0, LoadSize.HALF, pppProtocol(llProto));
    }

    /** The PPP protocol for a link-level protocol value ({@code ethertype_to_ppptype}). */
    static long pppProtocol(long llProto) {
        if (llProto == ETHERTYPE_IP) {
            return PPP_IP;
        } else if (llProto == ETHERTYPE_IPV6) {
            return PPP_IPV6;
        } else if (llProto == ETHERTYPE_DN) {
            return PPP_DECNET;
        } else if (llProto == ETHERTYPE_ATALK) {
            return PPP_APPLE;
        } else if (llProto == ETHERTYPE_NS) {
            return PPP_NS;
        } else if (llProto == LLCSAP_ISONS) {
            return PPP_OSI;
        } else if (llProto == LLCSAP_8021D) {
            // Spanning Tree bridging PDUs.
            return PPP_BRPDU;
        } else if (llProto == LLCSAP_IPX) {
            return PPP_IPX;
        }
        Limits.atMost("PPP protocol", llProto, 0xffff);
        return llProto;
    }
}
