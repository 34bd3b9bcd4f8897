package dev.jfilter.frontend.link;

import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;
import java.util.Optional;

/**
 * A link type whose header libpcap cannot test for a link-level protocol: {@code DLT_MFR} (FRF.16 Frame Relay, "not
 * implemented"), {@code DLT_PFSYNC}, {@code DLT_JUNIPER_PIC_PEER} and {@code DLT_ERF} (Endace's record header,
 * on which libpcap knows only where an SS7 signal unit would be: {@link #ss7()}). Every primitive that needs
 * the protocol ({@code ip}, {@code tcp}, {@code host}, ...) fails with libpcap's {@code gen_linktype} message;
 * {@code link[...]}, {@code len} and the like still work. The offsets are {@code init_linktype}'s (-1 for
 * {@code OFFSET_NOT_SET}).
 *
 * @param type the link type
 * @see <a href="https://www.tcpdump.org/linktypes.html">Link-layer header types</a>
 */
public record Untyped(LinkType type) implements LinkLayer {

    public Untyped {
        offsetsOf(type);
    }

    @Override
    public LinkOffsets offsets() {
        return offsetsOf(type);
    }

    private static LinkOffsets offsetsOf(LinkType type) {
        return switch (type) {
            case MFR -> new LinkOffsets(-1, 0, 4, 0);
            case PFSYNC -> new LinkOffsets(-1, 4, 0, 0);
            case JUNIPER_PIC_PEER, ERF -> new LinkOffsets(-1, -1, -1, -1);
            default -> throw new IllegalArgumentException("not a link type without a protocol field: " + type);
        };
    }

    /** On ERF, the MTP2 fields after the 16-byte ERF record header and 4 bytes of MTP2 extension (init_linktype). */
    @Override
    public Optional<Ss7Offsets> ss7() {
        return type == LinkType.ERF ? Optional.of(Ss7Offsets.afterPseudoHeader(20)) : Optional.empty();
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        throw NoProtocolField.linkTypeFilteringNotImplemented(type);
    }
}
