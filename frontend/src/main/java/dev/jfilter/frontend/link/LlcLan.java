package dev.jfilter.frontend.link;

import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.lower.Base;
import dev.jfilter.frontend.lower.Checks;
import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;
import java.util.Optional;

/**
 * The LANs with MAC-48 addresses whose frames carry an 802.2 LLC header right after a fixed MAC header, and no
 * protocol field of their own: FDDI, 802.5 Token Ring and RFC 2625 IP over Fibre Channel (gencode.c
 * {@code init_linktype}, {@code gen_linktype}, {@code gen_mac48host}, {@code gen_multicast}, {@code gen_llc}).
 * The link-level protocol is looked for in the LLC/SNAP header ({@link LlcLinkType}); the network layer follows an
 * 802.2+SNAP header.
 *
 * @param type the DLT
 * @param headerLength the MAC header: where the LLC header starts ({@code off_linktype}, {@code off_linkpl})
 * @param addresses where the source and destination addresses are
 * @param llcAlways whether {@code llc} matches every frame (libpcap checks no frame control), or is unsupported
 * @see <a href="https://www.tcpdump.org/linktypes.html">Link-layer header types</a>
 */
public record LlcLan(LinkType type, int headerLength, MacLayout addresses, boolean llcAlways) implements LinkLayer {

    /** {@code pcap_fddipad}: the padding some systems put before the FDDI header; 0 on Linux. */
    private static final int FDDI_PAD = 0;

    /** {@code DLT_FDDI}: frame control, destination, source (13 bytes). */
    public static LlcLan fddi() {
        return new LlcLan(LinkType.FDDI, 13 + FDDI_PAD, new MacLayout(6 + 1 + FDDI_PAD, 1 + FDDI_PAD), true);
    }

    /**
     * {@code DLT_IEEE802}: access control, frame control, destination, source (14 bytes). As libpcap, this assumes a
     * frame without source-routing information: a routing field is not skipped.
     */
    public static LlcLan tokenRing() {
        return new LlcLan(LinkType.IEEE802, 14, new MacLayout(8, 2), true);
    }

    /** {@code DLT_IP_OVER_FC}: RFC 2625's network header, NAA and address for the destination, then the source. */
    public static LlcLan ipOverFc() {
        return new LlcLan(LinkType.IP_OVER_FC, 16, new MacLayout(10, 2), false);
    }

    @Override
    public LinkOffsets offsets() {
        return new LinkOffsets(headerLength, headerLength, 8, 3);
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        return LlcLinkType.test(f, llProto);
    }

    @Override
    public Optional<MacLayout> mac() {
        return Optional.of(addresses);
    }

    @Override
    public Optional<Pred> multicast(Fields f) {
        // The group bit of the destination address (on FDDI libpcap leaves the padding out here).
        int destination = type == LinkType.FDDI ? 1 : addresses.destinationOffset();
        return Optional.of(Checks.set(f.load(Base.LINK_HEADER, destination, LoadSize.BYTE), 1));
    }

    @Override
    public Optional<Pred> llcFrame(Fields f) {
        return llcAlways ? Optional.of(Pred.TRUE) : Optional.empty();
    }
}
