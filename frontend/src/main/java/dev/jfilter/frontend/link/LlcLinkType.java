package dev.jfilter.frontend.link;

import static dev.jfilter.frontend.link.LinkProtocols.*;

import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.lower.Base;
import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Limits;
import dev.jfilter.frontend.lower.Pred;

/**
 * The link-level protocol test of the link types whose payload starts with an 802.2 LLC header and that have no
 * protocol field of their own (FDDI, Token Ring, IP over Fibre Channel, LLC-encapsulated ATM): libpcap's
 * {@code gen_llc_linktype}. An LLC SAP (at most 1500) is the DSAP, or both SAPs for OSI, NetBEUI and IP; an
 * EtherType is looked for where a SNAP header keeps it, without checking the SNAP SAPs and OUI, except for
 * AppleTalk, whose SNAP header is checked whole.
 *
 * @see <a href="https://www.tcpdump.org/linktypes.html">Link-layer header types</a>
 */
public final class LlcLinkType {
    private LlcLinkType() {}

    /** Where a SNAP header keeps the EtherType, from the start of the LLC header. */
    private static final int SNAP_TYPE = 6;

    /**
     * {@code gen_llc_linktype}: a test for {@code llProto} at the LLC header.
     *
     * @throws dev.jfilter.frontend.lower.LoweringException when the value is out of range
     */
    public static Pred test(Fields f, long llProto) {
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
