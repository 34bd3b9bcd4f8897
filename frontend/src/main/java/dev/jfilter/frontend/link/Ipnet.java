package dev.jfilter.frontend.link;

import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.lower.Base;
import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;
import java.util.Optional;

/**
 * {@code DLT_IPNET}: Solaris ipnet, a 24-byte header with a version byte, the address family at offset 1 (Solaris's
 * {@code AF_INET} 2 and {@code AF_INET6} 26) and the 16-bit direction at offset 2 (gencode.c
 * {@code gen_ipnet_linktype}, {@code gen_inbound_outbound}; pcap/ipnet.h).
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_IPNET.html">LINKTYPE_IPNET</a>
 */
public record Ipnet() implements LinkLayer {

    static final int IPH_AF_INET = 2;
    static final int IPH_AF_INET6 = 26;
    static final int IPNET_OUTBOUND = 1;
    static final int IPNET_INBOUND = 2;

    @Override
    public LinkType type() {
        return LinkType.IPNET;
    }

    @Override
    public LinkOffsets offsets() {
        return new LinkOffsets(1, 24, 0, -1);
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        if (llProto == LinkProtocols.ETHERTYPE_IP) {
            return f.eq(Base.LINK_TYPE, 0, LoadSize.BYTE, IPH_AF_INET);
        }
        if (llProto == LinkProtocols.ETHERTYPE_IPV6) {
            return f.eq(Base.LINK_TYPE, 0, LoadSize.BYTE, IPH_AF_INET6);
        }
        return Pred.FALSE;
    }

    @Override
    public Optional<Pred> direction(Fields f, boolean outbound) {
        return Optional.of(f.eq(Base.LINK_HEADER, 2, LoadSize.HALF, outbound ? IPNET_OUTBOUND : IPNET_INBOUND));
    }
}
