package dev.jfilter.frontend.link;

import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;

/**
 * {@code DLT_LTALK}: LocalTalk, whose LLAP header only says whether a short or a long DDP packet follows; libpcap
 * takes every packet for AppleTalk and nothing else (gencode.c {@code gen_linktype}).
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_LTALK.html">LINKTYPE_LTALK</a>
 */
public record LocalTalk() implements LinkLayer {

    @Override
    public LinkType type() {
        return LinkType.LTALK;
    }

    @Override
    public LinkOffsets offsets() {
        return new LinkOffsets(-1, 0, 0, 0);
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        return llProto == LinkProtocols.ETHERTYPE_ATALK ? Pred.TRUE : Pred.FALSE;
    }
}
