package dev.jfilter.frontend.link;

/**
 * {@code DLT_NETANALYZER} and {@code DLT_NETANALYZER_TRANSPARENT}: an Ethernet frame behind Hilscher's 4-byte
 * netANALYZER pseudo-header, and for the transparent type also behind the 7-byte preamble and the SFD. libpcap
 * moves the link-layer header ({@code off_linkhdr}) past them, so {@code link[...]} and the addresses count from
 * the Ethernet header, and tests the frame as Ethernet; {@code llc} is not among the primitives it supports here.
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_NETANALYZER.html">LINKTYPE_NETANALYZER</a>
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_NETANALYZER_TRANSPARENT.html">
 *     LINKTYPE_NETANALYZER_TRANSPARENT</a>
 */
public record NetAnalyzer(LinkType type) implements EthernetFramed {

    private static final int PSEUDO_HEADER = 4;
    private static final int PREAMBLE_AND_SFD = 8;

    public NetAnalyzer {
        if (type != LinkType.NETANALYZER && type != LinkType.NETANALYZER_TRANSPARENT) {
            throw new IllegalArgumentException("not a netANALYZER link type: " + type);
        }
    }

    @Override
    public int headerOffset() {
        return type == LinkType.NETANALYZER ? PSEUDO_HEADER : PSEUDO_HEADER + PREAMBLE_AND_SFD;
    }

    @Override
    public LinkOffsets offsets() {
        return new LinkOffsets(headerOffset() + 12, headerOffset() + 14, 0, 3);
    }
}
