package dev.jfilter.frontend.link;

import dev.jfilter.frontend.lower.LoweringException;

/** libpcap's refusal of {@code gen_linktype} on a link type whose header names no network protocol. */
final class NoProtocolField {
    private NoProtocolField() {}

    /** {@code link-layer type filtering not implemented for DLT_X (description)}. */
    static LoweringException linkTypeFilteringNotImplemented(LinkType type) {
        return new LoweringException("link-layer type filtering not implemented for " + type.describe());
    }
}
