package dev.jfilter.frontend.link;

import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;

/**
 * {@code DLT_MTP3}: an SS7 MTP3 message without MTP2's framing. libpcap knows no field of it: only {@code link[]}
 * and the length apply, and the SS7 primitives are refused, as they read MTP2's offsets (gencode.c
 * {@code init_linktype}'s default case, {@code assert_ss7}).
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_MTP3.html">LINKTYPE_MTP3</a>
 */
public record Mtp3() implements LinkLayer {

    @Override
    public LinkType type() {
        return LinkType.MTP3;
    }

    @Override
    public LinkOffsets offsets() {
        return new LinkOffsets(-1, -1, -1, -1);
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        throw NoProtocolField.linkTypeFilteringNotImplemented(LinkType.MTP3);
    }
}
