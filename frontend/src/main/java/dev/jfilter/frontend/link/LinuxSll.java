package dev.jfilter.frontend.link;

import static dev.jfilter.frontend.link.LinkProtocols.*;

import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.lower.Base;
import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Limits;
import dev.jfilter.frontend.lower.Pred;
import java.util.Optional;

/**
 * {@code DLT_LINUX_SLL}: Linux cooked capture v1, a 16-byte pseudo-header with the packet type at 0 and the
 * protocol at 14, where {@code LINUX_SLL_P_802_2} and {@code LINUX_SLL_P_802_3} stand for 802.2 and raw 802.3
 * frames (gencode.c {@code gen_linux_sll_linktype}).
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html">LINKTYPE_LINUX_SLL</a>
 */
public record LinuxSll() implements LinkLayer {

    private static final int TYPE = 14;
    private static final int PAYLOAD = 16;

    @Override
    public LinkType type() {
        return LinkType.LINUX_SLL;
    }

    @Override
    public LinkOffsets offsets() {
        return new LinkOffsets(TYPE, PAYLOAD, 0, 0);
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        Pred b0;
        Pred b1;
        if (llProto == LLCSAP_ISONS || llProto == LLCSAP_IP || llProto == LLCSAP_NETBEUI) {
            b0 = f.eq(Base.LINK_TYPE, 0, LoadSize.HALF, LINUX_SLL_P_802_2);
            b1 = f.eq(Base.LLC, 0, LoadSize.HALF, (llProto << 8) | llProto);
            return Pred.and(b0, b1);
        }
        if (llProto == LLCSAP_IPX) {
            b0 = f.eq(Base.LLC, 0, LoadSize.BYTE, LLCSAP_IPX);
            b1 = Snap.test(f, 0x000000, ETHERTYPE_IPX);
            b1 = Pred.or(b0, b1);
            b0 = f.eq(Base.LINK_TYPE, 0, LoadSize.HALF, LINUX_SLL_P_802_2);
            b1 = Pred.and(b0, b1);
            b0 = f.eq(Base.LINK_TYPE, 0, LoadSize.HALF, LINUX_SLL_P_802_3);
            b1 = Pred.or(b0, b1);
            b0 = f.eq(Base.LINK_TYPE, 0, LoadSize.HALF, ETHERTYPE_IPX);
            return Pred.or(b0, b1);
        }
        if (llProto == ETHERTYPE_ATALK || llProto == ETHERTYPE_AARP) {
            b0 = f.eq(Base.LINK_TYPE, 0, LoadSize.HALF, LINUX_SLL_P_802_2);
            b1 = llProto == ETHERTYPE_ATALK
                    ? Snap.test(f, 0x080007, ETHERTYPE_ATALK)
                    : Snap.test(f, 0x000000, ETHERTYPE_AARP);
            b1 = Pred.and(b0, b1);
            b0 = f.eq(Base.LINK_TYPE, 0, LoadSize.HALF, llProto);
            return Pred.or(b0, b1);
        }
        if (Long.compareUnsigned(llProto, ETHERMTU) <= 0) {
            Limits.atMost("LLC DSAP", llProto, 0xff);
            b0 = f.eq(Base.LINK_TYPE, 0, LoadSize.HALF, LINUX_SLL_P_802_2);
            // libpcap tests the DSAP from the link-layer header, at the payload offset.
            b1 = f.eq(Base.LINK_HEADER, PAYLOAD, LoadSize.BYTE, llProto);
            return Pred.and(b0, b1);
        }
        Limits.atMost("EtherType", llProto, 0xffff);
        return f.eq(Base.LINK_TYPE, 0, LoadSize.HALF, llProto);
    }

    @Override
    public Optional<Pred> direction(Fields f, boolean outbound) {
        Pred out = f.eq(Base.LINK_HEADER, 0, LoadSize.HALF, LINUX_SLL_OUTGOING);
        return Optional.of(outbound ? out : Pred.not(out));
    }
}
