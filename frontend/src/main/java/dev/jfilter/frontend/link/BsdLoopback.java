package dev.jfilter.frontend.link;

import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;

/**
 * {@code DLT_NULL}: BSD loopback, a 4-byte address family in the byte order of the capturing host. Live captures
 * match this host's value; savefiles match every known value in both byte orders (gencode.c
 * {@code gen_loopback_linktype}).
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_NULL.html">LINKTYPE_NULL</a>
 */
public record BsdLoopback(LoopbackEncoding encoding) implements LinkLayer {

    @Override
    public LinkType type() {
        return LinkType.NULL;
    }

    @Override
    public LinkOffsets offsets() {
        return new LinkOffsets(0, 4, 0, 0);
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        return switch (encoding) {
            case LoopbackEncoding.Live live ->
                    LoopbackFamilies.live(f, llProto, live.hostOrder(), live.afInet(), live.afInet6());
            case LoopbackEncoding.Savefile file -> Pred.or(
                    LoopbackFamilies.offline(f, llProto, file.swapped()),
                    LoopbackFamilies.offline(f, llProto, !file.swapped()));
        };
    }
}
