package dev.jfilter.frontend.link;

import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.lower.Base;
import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;
import java.util.Optional;

/**
 * {@code DLT_SLIP} and {@code DLT_SLIP_BSDOS}: SLIP with a 16-byte (BSD/OS: 24-byte) pseudo-header and no protocol
 * field. libpcap master tests {@code ip} and {@code ip6} as on raw IP, by the version nibble at the start of the
 * link-layer header (which is the pseudo-header's first byte); every other protocol is false (gencode.c
 * {@code gen_linktype}). On {@code DLT_SLIP} that first byte is the direction, {@code SLIPDIR_IN} (0) or
 * {@code SLIPDIR_OUT} (1), which {@code inbound}/{@code outbound} test ({@code gen_inbound_outbound}).
 *
 * @param type {@code SLIP} or {@code SLIP_BSDOS}
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_SLIP.html">LINKTYPE_SLIP</a>
 */
public record SerialLineIp(LinkType type) implements LinkLayer {

    private static final int SLIPDIR_OUT = 1;

    public SerialLineIp {
        if (type != LinkType.SLIP && type != LinkType.SLIP_BSDOS) {
            throw new IllegalArgumentException("not a SLIP link type: " + type);
        }
    }

    @Override
    public LinkOffsets offsets() {
        return new LinkOffsets(-1, type == LinkType.SLIP ? 16 : 24, 0, 0);
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        // The same version-nibble tests as raw IP, at the start of the link-layer header.
        return new RawIp().protocolTest(f, llProto);
    }

    @Override
    public Optional<Pred> direction(Fields f, boolean outbound) {
        if (type != LinkType.SLIP) {
            return Optional.empty();
        }
        return Optional.of(f.eq(Base.LINK_HEADER, 0, LoadSize.BYTE, outbound ? SLIPDIR_OUT : 0));
    }
}
