package dev.jfilter.frontend.link;

import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;
import java.util.Optional;

/**
 * The link layers whose frames are Ethernet frames, possibly behind a pseudo-header (netANALYZER) or with a tag
 * inside (the DSA tags): libpcap tests their type/length field as Ethernet's ({@code gen_ether_linktype}), their
 * addresses are 48-bit destination then source, and the group bit of the destination is {@code multicast}.
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_ETHERNET.html">LINKTYPE_ETHERNET</a>
 */
public sealed interface EthernetFramed extends LinkLayer permits Ethernet, DsaTagged, NetAnalyzer {

    @Override
    default Pred protocolTest(Fields f, long llProto) {
        return Ethernet.etherProtocolTest(f, llProto);
    }

    @Override
    default Optional<MacLayout> mac() {
        return Optional.of(new MacLayout(6, 0));
    }

    @Override
    default Optional<Pred> multicast(Fields f) {
        return Optional.of(Ethernet.groupBit(f));
    }

    @Override
    default boolean ethernetFraming() {
        return true;
    }
}
