package dev.jfilter.cli;

import dev.jfilter.frontend.link.LinkType;

/** Reads a link type as tcpdump's {@code -y} takes it: a {@code DLT_} name in any case, or a number. */
final class LinkTypes {
    private LinkTypes() {}

    static LinkType parse(String text) throws UsageError {
        if (text.matches("[0-9]+")) {
            return LinkType.ofDlt(Integer.parseInt(text))
                    .orElseThrow(() -> new UsageError("unknown link-layer type " + text));
        }
        return LinkType.ofName(text)
                .orElseThrow(() -> new UsageError("unknown link-layer type '" + text + "' (names are libpcap's DLT_ names, such as EN10MB, RAW, LINUX_SLL2)"));
    }
}
