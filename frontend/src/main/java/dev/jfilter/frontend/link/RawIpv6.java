package dev.jfilter.frontend.link;

import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;

/**
 * {@code DLT_IPV6}: a bare IPv6 packet. {@code ip6} is always true and every other link-level protocol always false,
 * with no code at all (gencode.c {@code gen_linktype}).
 */
public record RawIpv6() implements LinkLayer {

    @Override
    public LinkType type() {
        return LinkType.IPV6;
    }

    @Override
    public LinkOffsets offsets() {
        return new LinkOffsets(-1, 0, 0, 0);
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        return llProto == LinkProtocols.ETHERTYPE_IPV6 ? Pred.TRUE : Pred.FALSE;
    }
}
