package dev.jfilter.frontend.link;

import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;

/**
 * {@code DLT_ENC}: OpenBSD's IPsec encapsulation header, 12 bytes that start with the address family in the byte
 * order of the capturing host, matched as on {@code DLT_NULL} (gencode.c {@code gen_loopback_linktype}).
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_ENC.html">LINKTYPE_ENC</a>
 */
public record Enc(LoopbackEncoding encoding) implements LinkLayer {

    @Override
    public LinkType type() {
        return LinkType.ENC;
    }

    @Override
    public LinkOffsets offsets() {
        return new LinkOffsets(0, 12, 0, 0);
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        return new BsdLoopback(encoding).protocolTest(f, llProto);
    }
}
