package dev.jfilter.frontend.link;

import static dev.jfilter.frontend.link.LinkProtocols.LLCSAP_ISONS;

import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.lower.Base;
import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Limits;
import dev.jfilter.frontend.lower.Pred;

/**
 * {@code DLT_C_HDLC}: Cisco HDLC, an address and a control byte, then a 16-bit protocol that is an EtherType; OSI
 * is 0xfefe, followed by a fudge byte before the NLPID (gencode.c {@code gen_linktype}, {@code gen_proto}).
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_C_HDLC.html">LINKTYPE_C_HDLC</a>
 */
public record CiscoHdlc() implements LinkLayer {

    /** Cisco's EtherType lookalike for OSI. */
    public static final int OSI = LLCSAP_ISONS << 8 | LLCSAP_ISONS;

    @Override
    public LinkType type() {
        return LinkType.C_HDLC;
    }

    @Override
    public LinkOffsets offsets() {
        return new LinkOffsets(2, 4, 0, 0);
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        Limits.atMost("HDLC protocol", llProto, 0xffff);
        return f.eq(Base.LINK_TYPE, 0, LoadSize.HALF, llProto == LLCSAP_ISONS ? OSI : llProto);
    }
}
