package dev.jfilter.frontend.link;

import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.lower.Base;
import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Limits;
import dev.jfilter.frontend.lower.Pred;
import java.util.Optional;

/**
 * {@code DLT_LINUX_SLL2}: Linux cooked capture v2, a 20-byte pseudo-header with the protocol at 0, the interface
 * index at 4 and the packet type at 10. libpcap treats the protocol as a plain EtherType, LLC values included
 * (gencode.c {@code gen_linktype}, default case).
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL2.html">LINKTYPE_LINUX_SLL2</a>
 */
public record LinuxSll2() implements LinkLayer {

    @Override
    public LinkType type() {
        return LinkType.LINUX_SLL2;
    }

    @Override
    public LinkOffsets offsets() {
        return new LinkOffsets(0, 20, 0, 0);
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        Limits.atMost("EtherType", llProto, 0xffff);
        return f.eq(Base.LINK_TYPE, 0, LoadSize.HALF, llProto);
    }

    @Override
    public Optional<Pred> direction(Fields f, boolean outbound) {
        Pred out = f.eq(Base.LINK_HEADER, 10, LoadSize.BYTE, LinkProtocols.LINUX_SLL_OUTGOING);
        return Optional.of(outbound ? out : Pred.not(out));
    }

    @Override
    public Optional<Pred> ifIndex(Fields f, long index) {
        return Optional.of(f.eq(Base.LINK_HEADER, 4, LoadSize.WORD, index));
    }
}
