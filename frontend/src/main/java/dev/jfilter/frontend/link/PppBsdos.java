package dev.jfilter.frontend.link;

import static dev.jfilter.frontend.link.LinkProtocols.ETHERTYPE_IP;

import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.lower.Base;
import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;

/**
 * {@code DLT_PPP_BSDOS}: BSD/OS PPP, a 24-byte header with the PPP protocol at offset 5. {@code ip} also matches Van
 * Jacobson compressed and uncompressed TCP/IP; other protocols map as on PPP (gencode.c {@code gen_linktype},
 * {@code ethertype_to_ppptype}).
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_PPP_BSDOS.html">LINKTYPE_PPP_BSDOS</a>
 */
public record PppBsdos() implements LinkLayer {

    /** {@code PPP_VJC}: Van Jacobson compressed TCP/IP. */
    static final int PPP_VJC = 0x002d;
    /** {@code PPP_VJNC}: Van Jacobson uncompressed TCP/IP. */
    static final int PPP_VJNC = 0x002f;

    @Override
    public LinkType type() {
        return LinkType.PPP_BSDOS;
    }

    @Override
    public LinkOffsets offsets() {
        return new LinkOffsets(5, 24, 0, 0);
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        if (llProto == ETHERTYPE_IP) {
            Pred b0 = f.eq(Base.LINK_TYPE, 0, LoadSize.HALF, Ppp.PPP_IP);
            Pred b1 = f.eq(Base.LINK_TYPE, 0, LoadSize.HALF, PPP_VJC);
            b1 = Pred.or(b0, b1);
            b0 = f.eq(Base.LINK_TYPE, 0, LoadSize.HALF, PPP_VJNC);
            return Pred.or(b1, b0);
        }
        return f.eq(Base.LINK_TYPE, 0, LoadSize.HALF, Ppp.pppProtocol(llProto));
    }
}
