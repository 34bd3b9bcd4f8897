package dev.jfilter.frontend.link;

import dev.jfilter.frontend.lower.Base;
import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;

/** An 802.2 LLC header with a SNAP header: libpcap's {@code gen_snap}. */
final class Snap {
    private Snap() {}

    /** SNAP SAPs, UI control, then {@code orgCode} and {@code protocolType}, at the LLC header. */
    static Pred test(Fields f, int orgCode, int protocolType) {
        byte[] b = {
            (byte) LinkProtocols.LLCSAP_SNAP, (byte) LinkProtocols.LLCSAP_SNAP, 0x03,
            (byte) (orgCode >>> 16), (byte) (orgCode >>> 8), (byte) orgCode,
            (byte) (protocolType >>> 8), (byte) protocolType
        };
        return f.bytes(Base.LLC, 0, b);
    }
}
