package dev.jfilter.frontend.link;

import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.lower.Base;
import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;
import java.util.Optional;

/**
 * {@code DLT_SUNATM}: an AAL5 PDU after SunATM's 4-byte pseudo-header (flags and traffic type, VPI, VCI), as
 * gencode.c's {@code init_linktype} describes it. The low four bits of the first byte say what the PDU carries:
 * an 802.2 LLC-encapsulated packet, LANE, ILMI or Q.SAAL signalling. A link-level protocol is looked for in an
 * LLC-encapsulated PDU ({@code gen_linktype}); after {@code lane} the lowering switches to the LANE-encapsulated
 * Ethernet frame. The ATM primitives ({@code vpi}, {@code vci}, {@code oam}, ...) read the pseudo-header.
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_SUNATM.html">LINKTYPE_SUNATM</a>
 */
public record SunAtm() implements LinkLayer {

    /** {@code PROTO_POS}: the traffic type, in the low four bits. */
    public static final int PROTOCOL = 0;
    /** {@code SUNATM_VPI_POS}. */
    public static final int VPI = 1;
    /** {@code SUNATM_VCI_POS}. */
    public static final int VCI = 2;
    /** {@code SUNATM_PKT_BEGIN_POS}: where the AAL5 PDU starts ({@code off_payload}). */
    public static final int PAYLOAD = 4;
    /** The traffic-type mask of the first byte. */
    public static final int PROTOCOL_MASK = 0x0f;
    /** {@code PT_LANE}: LAN Emulation. */
    public static final int PT_LANE = 0x01;
    /** {@code PT_LLC}: 802.2 LLC encapsulation. */
    public static final int PT_LLC = 0x02;

    @Override
    public LinkType type() {
        return LinkType.SUNATM;
    }

    @Override
    public LinkOffsets offsets() {
        // As if LLC-encapsulated: the LLC header at the start of the PDU, the network layer after LLC+SNAP.
        return new LinkOffsets(PAYLOAD, PAYLOAD, 8, 3);
    }

    /** {@code gen_atm_prototype}: the traffic type of the pseudo-header. */
    public static Pred trafficType(Fields f, int type) {
        return f.masked(Base.LINK_HEADER, PROTOCOL, LoadSize.BYTE, type, PROTOCOL_MASK);
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        Pred b0 = trafficType(f, PT_LLC);
        Pred b1 = LlcLinkType.test(f, llProto);
        return Pred.and(b0, b1);
    }

    @Override
    public Optional<Pred> llcFrame(Fields f) {
        return Optional.of(trafficType(f, PT_LLC));
    }
}
