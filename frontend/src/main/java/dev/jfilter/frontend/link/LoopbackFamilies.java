package dev.jfilter.frontend.link;

import static dev.jfilter.frontend.link.LinkProtocols.*;

import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.lower.Base;
import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;
import java.nio.ByteOrder;

/**
 * Tests of the 4-byte {@code AF_} value at the start of {@code DLT_NULL} and {@code DLT_LOOP} headers (gencode.c
 * {@code gen_loopback_linktype}, {@code gen_bsd_af_linktype_offline}). BPF loads words big-endian, so a value
 * stored little-endian is compared byte-swapped.
 */
final class LoopbackFamilies {
    private LoopbackFamilies() {}

    /** The value as a big-endian load sees it when it was stored in {@code order}. */
    static long asLoaded(int af, ByteOrder order) {
        return Integer.toUnsignedLong(order == ByteOrder.LITTLE_ENDIAN ? Integer.reverseBytes(af) : af);
    }

    /** A live capture: this host's {@code AF_INET} or {@code AF_INET6}, stored in {@code order}. */
    static Pred live(Fields f, long llProto, ByteOrder order, int afInet, int afInet6) {
        if (llProto == ETHERTYPE_IP) {
            return f.eq(Base.LINK_HEADER, 0, LoadSize.WORD, asLoaded(afInet, order));
        }
        if (llProto == ETHERTYPE_IPV6) {
            return f.eq(Base.LINK_HEADER, 0, LoadSize.WORD, asLoaded(afInet6, order));
        }
        return Pred.FALSE;
    }

    /** A savefile: {@code AF_INET}, or every known {@code AF_INET6}, byte-swapped when {@code swapped}. */
    static Pred offline(Fields f, long llProto, boolean swapped) {
        if (llProto == ETHERTYPE_IP) {
            return word(f, BSD_AFNUM_INET, swapped);
        }
        if (llProto == ETHERTYPE_IPV6) {
            Pred b0 = word(f, BSD_AFNUM_INET6_BSD, swapped);
            Pred b1 = word(f, BSD_AFNUM_INET6_FREEBSD, swapped);
            b1 = Pred.or(b0, b1);
            b0 = word(f, BSD_AFNUM_INET6_DARWIN, swapped);
            return Pred.or(b0, b1);
        }
        return Pred.FALSE;
    }

    private static Pred word(Fields f, int af, boolean swapped) {
        long loaded = Integer.toUnsignedLong(swapped ? Integer.reverseBytes(af) : af);
        return f.eq(Base.LINK_HEADER, 0, LoadSize.WORD, loaded);
    }
}
