package dev.jfilter.frontend.link;

import static dev.jfilter.frontend.link.LinkProtocols.*;

import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.lower.Base;
import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;

/**
 * {@code DLT_FRELAY}: Frame Relay (Q.922) with a 2-byte address, the UI control byte 0x03 and a Q.933 NLPID at
 * offset 3 naming the protocol: IPv4, IPv6 and the OSI protocols; anything else is false (gencode.c
 * {@code gen_linktype}, {@code gen_frelay_nlpid}). {@code iso proto} tests the NLPID itself.
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_FRELAY.html">LINKTYPE_FRELAY</a>, <a
 *     href="https://www.rfc-editor.org/rfc/rfc2427">RFC 2427</a>
 */
public record FrameRelay() implements LinkLayer {

    static final int ISO9577_IPV4 = 0xcc;
    static final int ISO9577_IPV6 = 0x8e;
    static final int ISO8473_CLNP = 0x81;
    static final int ISO9542_ESIS = 0x82;
    static final int ISO10589_ISIS = 0x83;

    @Override
    public LinkType type() {
        return LinkType.FRELAY;
    }

    @Override
    public LinkOffsets offsets() {
        return new LinkOffsets(-1, 0, 0, 0);
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        if (llProto == ETHERTYPE_IP) {
            return nlpid(f, ISO9577_IPV4);
        }
        if (llProto == ETHERTYPE_IPV6) {
            return nlpid(f, ISO9577_IPV6);
        }
        if (llProto == LLCSAP_ISONS) {
            Pred b0 = nlpid(f, ISO8473_CLNP);
            Pred b1 = nlpid(f, ISO9542_ESIS);
            Pred b2 = nlpid(f, ISO10589_ISIS);
            b2 = Pred.or(b1, b2);
            return Pred.or(b0, b2);
        }
        return Pred.FALSE;
    }

    /** The UI control byte and an NLPID ({@code gen_frelay_nlpid}). */
    public static Pred nlpid(Fields f, long nlpid) {
        return f.eq(Base.LINK_HEADER, 2, LoadSize.HALF, (0x03 << 8) | nlpid);
    }
}
