package dev.jfilter.frontend.link;

import dev.jfilter.frontend.lower.Checks;
import dev.jfilter.frontend.lower.Pred;

/** An 802.2 LLC header with a SNAP header: libpcap's {@code gen_snap}. */
final class Snap {
    private Snap() {}

    /** SNAP SAPs, UI control, then {@code orgCode} and {@code protocolType}, at {@code llcOffset}. */
    static Pred test(int llcOffset, int orgCode, int protocolType) {
        byte[] b = {
            (byte) LinkProtocols.LLCSAP_SNAP, (byte) LinkProtocols.LLCSAP_SNAP, 0x03,
            (byte) (orgCode >>> 16), (byte) (orgCode >>> 8), (byte) orgCode,
            (byte) (protocolType >>> 8), (byte) protocolType
        };
        return Checks.bytes(llcOffset, b);
    }
}
