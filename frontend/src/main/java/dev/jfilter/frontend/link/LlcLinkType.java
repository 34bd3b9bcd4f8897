package dev.jfilter.frontend.link;

import static dev.jfilter.frontend.link.LinkProtocols.*;

import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.lower.Base;
import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Limits;
import dev.jfilter.frontend.lower.Pred;

/**
 * A link-level protocol on a link layer whose payload starts with an 802.2 LLC header: libpcap's
 * {@code gen_llc_linktype} (gencode.c). An LLC SAP (at most 1500) is the DSAP, or both SAPs for OSI, IP and
 * NetBEUI; an EtherType is the protocol ID of a SNAP header, the OUI unchecked (AppleTalk: the whole SNAP header).
 */
final class LlcLinkType {
    /** The protocol ID of a SNAP header: after DSAP, SSAP, control and the 3-byte OUI. */
    private static final int SNAP_TYPE = 6;

    private LlcLinkType() {}

    static Pred test(Fields f, long llProto) {
        if (llProto == LLCSAP_IP || llProto == LLCSAP_ISONS || llProto == LLCSAP_NETBEUI) {
            return f.eq(Base.LLC, 0, LoadSize.HALF, (llProto << 8) | llProto);
        }
        if (llProto == LLCSAP_IPX) {
            return f.eq(Base.LLC, 0, LoadSize.BYTE, LLCSAP_IPX);
        }
        if (llProto == ETHERTYPE_ATALK) {
            return Snap.test(f, 0x080007, ETHERTYPE_ATALK);
        }
        if (Long.compareUnsigned(llProto, ETHERMTU) <= 0) {
            Limits.atMost("LLC DSAP", llProto, 0xff);
            return f.eq(Base.LLC, 0, LoadSize.BYTE, llProto);
        }
        Limits.atMost("EtherType", llProto, 0xffff);
        return f.eq(Base.LLC, SNAP_TYPE, LoadSize.HALF, llProto);
    }
}
