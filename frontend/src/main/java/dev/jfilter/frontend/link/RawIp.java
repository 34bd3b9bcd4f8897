package dev.jfilter.frontend.link;

import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.lower.Base;
import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;

/**
 * {@code DLT_RAW}: a bare IPv4 or IPv6 packet with no link-layer header. {@code ip} and {@code ip6} test the
 * version nibble; every other link-level protocol is false (gencode.c {@code gen_linktype}).
 */
public record RawIp() implements LinkLayer {

    @Override
    public LinkType type() {
        return LinkType.RAW;
    }

    @Override
    public LinkOffsets offsets() {
        return new LinkOffsets(-1, 0, 0, 0);
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        if (llProto == LinkProtocols.ETHERTYPE_IP) {
            return f.masked(Base.LINK_HEADER, 0, LoadSize.BYTE, 0x40, 0xf0);
        }
        if (llProto == LinkProtocols.ETHERTYPE_IPV6) {
            return f.masked(Base.LINK_HEADER, 0, LoadSize.BYTE, 0x60, 0xf0);
        }
        return Pred.FALSE;
    }
}
