package dev.jfilter.frontend.link;

import static dev.jfilter.frontend.link.LinkProtocols.*;

import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.lower.Base;
import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;
import java.util.Optional;

/**
 * {@code DLT_ARCNET} (BSD) and {@code DLT_ARCNET_LINUX}: one-byte source and destination station addresses (the
 * source first), then an 8-bit system code naming the protocol of the payload: at 2 with the payload at 6 (BSD),
 * at 4 with the payload at 8 (Linux, which keeps a 2-byte offset field). libpcap's {@code gen_linktype} knows the
 * RFC 1201 codes only, as the payload offsets are RFC 1201's; any other protocol matches nothing. Broadcast (and
 * multicast, which ARCnet does not have apart) is destination 0.
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_ARCNET_BSD.html">LINKTYPE_ARCNET_BSD</a>
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_ARCNET_LINUX.html">LINKTYPE_ARCNET_LINUX</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc1201">RFC 1201</a>
 */
public record Arcnet(LinkType type) implements LinkLayer {

    /** RFC 1201 system codes (NetBSD's if_arc.h). */
    public static final int ARCTYPE_IP = 212;
    public static final int ARCTYPE_ARP = 213;
    public static final int ARCTYPE_REVARP = 214;
    public static final int ARCTYPE_ATALK = 221;
    public static final int ARCTYPE_INET6 = 0xc4;

    private static final int SOURCE = 0;
    private static final int DESTINATION = 1;
    private static final int BROADCAST = 0;

    public Arcnet {
        if (type != LinkType.ARCNET && type != LinkType.ARCNET_LINUX) {
            throw new IllegalArgumentException("not an ARCnet link type: " + type);
        }
    }

    @Override
    public LinkOffsets offsets() {
        return type == LinkType.ARCNET ? new LinkOffsets(2, 6, 0, 0) : new LinkOffsets(4, 8, 0, 0);
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        int code;
        if (llProto == ETHERTYPE_IPV6) {
            code = ARCTYPE_INET6;
        } else if (llProto == ETHERTYPE_IP) {
            code = ARCTYPE_IP;
        } else if (llProto == ETHERTYPE_ARP) {
            code = ARCTYPE_ARP;
        } else if (llProto == ETHERTYPE_REVARP) {
            code = ARCTYPE_REVARP;
        } else if (llProto == ETHERTYPE_ATALK) {
            code = ARCTYPE_ATALK;
        } else {
            return Pred.FALSE;
        }
        return f.eq(Base.LINK_TYPE, 0, LoadSize.BYTE, code);
    }

    @Override
    public Optional<Mac8Layout> mac8() {
        return Optional.of(new Mac8Layout(SOURCE, DESTINATION, BROADCAST));
    }

    @Override
    public Optional<Pred> multicast(Fields f) {
        return Optional.of(f.eq(Base.LINK_HEADER, DESTINATION, LoadSize.BYTE, BROADCAST));
    }
}
