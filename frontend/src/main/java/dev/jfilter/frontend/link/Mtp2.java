package dev.jfilter.frontend.link;

import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;
import java.util.Optional;

/**
 * {@code DLT_MTP2} and {@code DLT_MTP2_WITH_PHDR}: an SS7 MTP2 signal unit without its flag, after a 4-byte
 * pseudo-header in the second. Only the SS7 primitives ({@code fisu}, {@code sio}, ...) and {@code link[]} apply: the
 * header names no network protocol, and there is no payload libpcap's other primitives know (gencode.c
 * {@code init_linktype}: every offset but the SS7 ones {@code OFFSET_NOT_SET}).
 *
 * @param type {@link LinkType#MTP2} or {@link LinkType#MTP2_WITH_PHDR}
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_MTP2.html">LINKTYPE_MTP2</a>, <a
 *     href="https://www.tcpdump.org/linktypes/LINKTYPE_MTP2_WITH_PHDR.html">LINKTYPE_MTP2_WITH_PHDR</a>
 */
public record Mtp2(LinkType type) implements LinkLayer {
    /** The pseudo-header before the signal unit in {@code DLT_MTP2_WITH_PHDR} (sent, annex A used, link number). */
    public static final int PSEUDO_HEADER = 4;

    public Mtp2 {
        if (type != LinkType.MTP2 && type != LinkType.MTP2_WITH_PHDR) {
            throw new IllegalArgumentException("not an MTP2 link type: " + type);
        }
    }

    @Override
    public LinkOffsets offsets() {
        return new LinkOffsets(-1, -1, -1, -1);
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        throw NoProtocolField.linkTypeFilteringNotImplemented(type);
    }

    @Override
    public Optional<Ss7Offsets> ss7() {
        return Optional.of(Ss7Offsets.afterPseudoHeader(type == LinkType.MTP2 ? 0 : PSEUDO_HEADER));
    }
}
