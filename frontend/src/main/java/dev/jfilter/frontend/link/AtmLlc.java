package dev.jfilter.frontend.link;

import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;
import java.util.Optional;

/**
 * {@code DLT_ATM_RFC1483} and {@code DLT_ATM_CLIP}: AAL5 frames that begin with an 802.2 LLC header (RFC 1483
 * LLC encapsulation, Linux Classical IP over ATM), no link-layer header before it (gencode.c
 * {@code init_linktype}, {@code gen_linktype}, {@code gen_llc}). libpcap assumes routed non-ISO PDUs: the network
 * layer after an LLC+SNAP header. {@code llc} matches every frame on RFC 1483 and is unsupported on CLIP.
 *
 * @param type {@link LinkType#ATM_RFC1483} or {@link LinkType#ATM_CLIP}
 * @see <a href="https://www.rfc-editor.org/rfc/rfc1483">RFC 1483</a>
 */
public record AtmLlc(LinkType type) implements LinkLayer {

    public AtmLlc {
        if (type != LinkType.ATM_RFC1483 && type != LinkType.ATM_CLIP) {
            throw new IllegalArgumentException("not an LLC-encapsulated ATM link type: " + type);
        }
    }

    @Override
    public LinkOffsets offsets() {
        return new LinkOffsets(0, 0, 8, 3);
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        return LlcLinkType.test(f, llProto);
    }

    @Override
    public Optional<Pred> llcFrame(Fields f) {
        // RFC 1483's LLC encapsulation always has one (VC multiplexing cannot be told apart); CLIP has no test.
        return type == LinkType.ATM_RFC1483 ? Optional.of(Pred.TRUE) : Optional.empty();
    }
}
