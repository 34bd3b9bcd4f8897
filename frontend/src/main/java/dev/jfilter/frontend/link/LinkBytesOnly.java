package dev.jfilter.frontend.link;

import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.LoweringException;
import dev.jfilter.frontend.lower.Pred;

/**
 * A link type libpcap filters with {@code link[N:M]} (and the length and metadata primitives) only: no protocol
 * field, no payload offset, no addresses ({@code OFFSET_NOT_SET} everywhere, the default case of gencode.c's
 * {@code init_linktype} for the values in {@code DLT_HIGH_MATCHING_MIN..MAX}). Every primitive that needs the
 * link-level protocol fails with libpcap's "link-layer type filtering not implemented" and the others with
 * "not supported on". Here: the DSA tags libpcap does not parse (Broadcom's prefix tag, Marvell's 8-byte EDSA) and
 * the netANALYZER NG pseudo-footer.
 *
 * @see <a href="https://www.tcpdump.org/linktypes.html">Link-layer header types</a>
 */
public record LinkBytesOnly(LinkType type) implements LinkLayer {

    public LinkBytesOnly {
        if (type != LinkType.DSA_TAG_BRCM_PREPEND && type != LinkType.DSA_TAG_EDSA
                && type != LinkType.NETANALYZER_NG) {
            throw new IllegalArgumentException("a link type with fields libpcap parses: " + type);
        }
    }

    @Override
    public LinkOffsets offsets() {
        return new LinkOffsets(-1, -1, -1, -1);
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        throw new LoweringException("link-layer type filtering not implemented for DLT_" + type.name());
    }
}
