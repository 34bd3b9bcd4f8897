package dev.jfilter.frontend.link;

import static dev.jfilter.frontend.link.LinkProtocols.*;

import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.lower.Checks;
import dev.jfilter.frontend.lower.Limits;
import dev.jfilter.frontend.lower.Pred;
import java.util.Optional;

/**
 * {@code DLT_EN10MB}: Ethernet II and 802.3 frames. The type/length field at 12 holds an EtherType above 1500 and
 * an 802.3 length at or below, followed then by an 802.2 LLC header (gencode.c {@code gen_ether_linktype}).
 */
public record Ethernet() implements LinkLayer {

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

    @Override
    public Pred protocolTest(long llProto) {
        Pred b0;
        Pred b1;
        if (llProto == LLCSAP_ISONS || llProto == LLCSAP_IP || llProto == LLCSAP_NETBEUI) {
            // OSI and NetBEUI always use 802.2: check the DSAP and the SSAP.
            b0 = is8023();
            b1 = Checks.eq(LoadSize.HALF, PAYLOAD, (llProto << 8) | llProto);
            return Pred.and(b0, b1);
        }
        if (llProto == LLCSAP_IPX) {
            // Ethernet_II, Ethernet_802.3 (raw 0xffff), Ethernet_802.2 (IPX SAP) and Ethernet_SNAP frames.
            b0 = Checks.eq(LoadSize.BYTE, PAYLOAD, LLCSAP_IPX);
            b1 = Checks.eq(LoadSize.HALF, PAYLOAD, 0xffff);
            b1 = Pred.or(b0, b1);
            b0 = Snap.test(PAYLOAD, 0x000000, ETHERTYPE_IPX);
            b1 = Pred.or(b0, b1);
            b0 = is8023();
            b1 = Pred.and(b0, b1);
            b0 = Checks.eq(LoadSize.HALF, TYPE, ETHERTYPE_IPX);
            return Pred.or(b0, b1);
        }
        if (llProto == ETHERTYPE_ATALK || llProto == ETHERTYPE_AARP) {
            // EtherTalk phase 2 uses 802.2 SNAP, phase 1 the EtherType.
            b0 = is8023();
            b1 = llProto == ETHERTYPE_ATALK
                    ? Snap.test(PAYLOAD, 0x080007, ETHERTYPE_ATALK)
                    : Snap.test(PAYLOAD, 0x000000, ETHERTYPE_AARP);
            b1 = Pred.and(b0, b1);
            b0 = Checks.eq(LoadSize.HALF, TYPE, llProto);
            return Pred.or(b0, b1);
        }
        if (Long.compareUnsigned(llProto, ETHERMTU) <= 0) {
            Limits.atMost("LLC DSAP", llProto, 0xff);
            b0 = is8023();
            b1 = Checks.eq(LoadSize.BYTE, TYPE + 2, llProto);
            return Pred.and(b0, b1);
        }
        Limits.atMost("EtherType", llProto, 0xffff);
        return Checks.eq(LoadSize.HALF, TYPE, llProto);
    }

    /** The type/length field is a length: an 802.3 frame. */
    private static Pred is8023() {
        return Checks.le(LoadSize.HALF, TYPE, ETHERMTU);
    }

    @Override
    public Optional<MacLayout> mac() {
        return Optional.of(new MacLayout(6, 0));
    }

    @Override
    public Optional<Pred> multicast() {
        // The group bit: the low-order bit of the first destination byte.
        return Optional.of(Checks.set(Checks.load(LoadSize.BYTE, 0), 1));
    }

    @Override
    public Optional<Pred> llcFrame() {
        // An 802.3 length, and not NetWare's raw 802.3 (0xffff where the SAPs would be).
        return Optional.of(Pred.and(is8023(), Checks.ne(LoadSize.HALF, PAYLOAD, 0xffff)));
    }
}
