package dev.jfilter.frontend.link;

import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;
import java.util.Optional;

/**
 * {@code DLT_BACNET_MS_TP}: a BACnet MS/TP frame, the preamble (0x55 0xff), the frame type, the one-byte
 * destination and source station addresses, the data length and the header CRC. The frame type is MS/TP's own
 * (token, poll for master, data...), not a network protocol, so libpcap filters only on the addresses and on
 * {@code link[...]} here: there is no protocol field and no payload offset ({@code OFFSET_NOT_SET}). Broadcast is
 * destination 0xff; MS/TP has no multicast.
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_BACNET_MS_TP.html">LINKTYPE_BACNET_MS_TP</a>
 */
public record BacnetMsTp() implements LinkLayer {

    private static final int DESTINATION = 3;
    private static final int SOURCE = 4;
    private static final int BROADCAST = 0xff;

    @Override
    public LinkType type() {
        return LinkType.BACNET_MS_TP;
    }

    @Override
    public LinkOffsets offsets() {
        return new LinkOffsets(-1, -1, -1, -1);
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        throw NoProtocolField.linkTypeFilteringNotImplemented(type());
    }

    @Override
    public Optional<Mac8Layout> mac8() {
        return Optional.of(new Mac8Layout(SOURCE, DESTINATION, BROADCAST));
    }
}
