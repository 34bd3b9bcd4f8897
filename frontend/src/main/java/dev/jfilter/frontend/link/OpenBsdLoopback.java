package dev.jfilter.frontend.link;

import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;
import java.nio.ByteOrder;

/**
 * {@code DLT_LOOP}: OpenBSD loopback, a 4-byte address family in network byte order. Live captures match this
 * host's {@code AF_INET6}; savefiles match the BSD values 24, 28 and 30 (gencode.c {@code gen_loopback_linktype}).
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_LOOP.html">LINKTYPE_LOOP</a>
 */
public record OpenBsdLoopback(LoopbackEncoding encoding) implements LinkLayer {

    @Override
    public LinkType type() {
        return LinkType.LOOP;
    }

    @Override
    public LinkOffsets offsets() {
        return new LinkOffsets(0, 4, 0, 0);
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        return switch (encoding) {
            case LoopbackEncoding.Live live ->
                    LoopbackFamilies.live(f, llProto, ByteOrder.BIG_ENDIAN, live.afInet(), live.afInet6());
            case LoopbackEncoding.Savefile file -> LoopbackFamilies.offline(f, llProto, false);
        };
    }
}
