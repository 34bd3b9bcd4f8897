package dev.jfilter.frontend.link;

import static dev.jfilter.frontend.link.LinkProtocols.*;

import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.lower.Base;
import dev.jfilter.frontend.lower.Checks;
import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Limits;
import dev.jfilter.frontend.lower.Pred;
import java.util.Optional;

/**
 * {@code DLT_EN10MB}: Ethernet II and 802.3 frames. The type/length field holds an EtherType above 1500 and an
 * 802.3 length at or below, followed then by an 802.2 LLC header (gencode.c {@code gen_ether_linktype}). Also the
 * frame inside a Geneve or VXLAN tunnel, where the fields are at offsets computed at run time.
 */
public record Ethernet() implements EthernetFramed {

    private static final int TYPE = 12;
    private static final int PAYLOAD = 14;

    @Override
    public LinkType type() {
        return LinkType.EN10MB;
    }

    @Override
    public LinkOffsets offsets() {
        return new LinkOffsets(TYPE, PAYLOAD, 0, 3);
    }

    /**
     * {@code gen_ether_linktype}: the test of an Ethernet type/length field, shared by the link layers that carry an
     * Ethernet header behind a pseudo-header or with a tag inside it.
     */
    static Pred etherProtocolTest(Fields f, long llProto) {
        Pred b0;
        Pred b1;
        if (llProto == LLCSAP_ISONS || llProto == LLCSAP_IP || llProto == LLCSAP_NETBEUI) {
            // OSI and NetBEUI always use 802.2: check the DSAP and the SSAP.
            b0 = is8023(f);
            b1 = f.eq(Base.LLC, 0, LoadSize.HALF, (llProto << 8) | llProto);
            return Pred.and(b0, b1);
        }
        if (llProto == LLCSAP_IPX) {
            // Ethernet_II, Ethernet_802.3 (raw 0xffff), Ethernet_802.2 (IPX SAP) and Ethernet_SNAP frames.
            b0 = f.eq(Base.LLC, 0, LoadSize.BYTE, LLCSAP_IPX);
            b1 = f.eq(Base.LLC, 0, LoadSize.HALF, 0xffff);
            b1 = Pred.or(b0, b1);
            b0 = Snap.test(f, 0x000000, ETHERTYPE_IPX);
            b1 = Pred.or(b0, b1);
            b0 = is8023(f);
            b1 = Pred.and(b0, b1);
            b0 = f.eq(Base.LINK_TYPE, 0, LoadSize.HALF, ETHERTYPE_IPX);
            return Pred.or(b0, b1);
        }
        if (llProto == ETHERTYPE_ATALK || llProto == ETHERTYPE_AARP) {
            // EtherTalk phase 2 uses 802.2 SNAP, phase 1 the EtherType.
            b0 = is8023(f);
            b1 = llProto == ETHERTYPE_ATALK
                    ? Snap.test(f, 0x080007, ETHERTYPE_ATALK)
                    : Snap.test(f, 0x000000, ETHERTYPE_AARP);
            b1 = Pred.and(b0, b1);
            b0 = f.eq(Base.LINK_TYPE, 0, LoadSize.HALF, llProto);
            return Pred.or(b0, b1);
        }
        if (Long.compareUnsigned(llProto, ETHERMTU) <= 0) {
            Limits.atMost("LLC DSAP", llProto, 0xff);
            b0 = is8023(f);
            b1 = f.eq(Base.LINK_TYPE, 2, LoadSize.BYTE, llProto);
            return Pred.and(b0, b1);
        }
        Limits.atMost("EtherType", llProto, 0xffff);
        return f.eq(Base.LINK_TYPE, 0, LoadSize.HALF, llProto);
    }

    /** The type/length field is a length: an 802.3 frame. */
    private static Pred is8023(Fields f) {
        return f.le(Base.LINK_TYPE, 0, LoadSize.HALF, ETHERMTU);
    }

    /** The group bit: the low-order bit of the first destination byte. */
    static Pred groupBit(Fields f) {
        return Checks.set(f.load(Base.LINK_HEADER, 0, LoadSize.BYTE), 1);
    }

    @Override
    public Optional<Pred> llcFrame(Fields f) {
        return Optional.of(llcTest(f));
    }

    /** An 802.3 length, and not NetWare's raw 802.3 (0xffff where the SAPs would be). */
    static Pred llcTest(Fields f) {
        return Pred.and(is8023(f), f.ne(Base.LLC, 0, LoadSize.HALF, 0xffff));
    }
}
