package dev.jfilter.frontend.link;

import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.lower.Base;
import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;
import java.util.Optional;

/**
 * {@code DLT_DSA_TAG_BRCM} and {@code DLT_DSA_TAG_DSA}: an Ethernet frame from a switch's CPU port with a 4-byte
 * Distributed Switch Architecture tag between the source address and the EtherType, so the type field is at 16 and
 * the payload at 18 (gencode.c {@code init_linktype}); everything else is Ethernet's. The tag tells the direction:
 * Broadcom's opcode (the three high bits of its first byte) is 0 from the switch and 1 towards it; Marvell's mode
 * (the two high bits) is To_CPU or To_Sniffer from the switch and From_CPU towards it, while Forward can be either
 * ({@code gen_inbound_outbound}).
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_DSA_TAG_BRCM.html">LINKTYPE_DSA_TAG_BRCM</a>
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_DSA_TAG_DSA.html">LINKTYPE_DSA_TAG_DSA</a>
 */
public record DsaTagged(LinkType type) implements EthernetFramed {

    /** The tag's first byte, after the two addresses. */
    private static final int TAG = 12;
    private static final int TYPE = TAG + 4;
    private static final int PAYLOAD = TYPE + 2;

    public DsaTagged {
        if (type != LinkType.DSA_TAG_BRCM && type != LinkType.DSA_TAG_DSA) {
            throw new IllegalArgumentException("not an infix DSA tag: " + type);
        }
    }

    @Override
    public LinkOffsets offsets() {
        return new LinkOffsets(TYPE, PAYLOAD, 0, 3);
    }

    @Override
    public Optional<Pred> llcFrame(Fields f) {
        return Optional.of(Ethernet.llcTest(f));
    }

    @Override
    public Optional<Pred> direction(Fields f, boolean outbound) {
        if (type == LinkType.DSA_TAG_BRCM) {
            // Opcode 0b001 (CPU to switch) is outbound, 0b000 (switch to CPU) inbound.
            return Optional.of(f.masked(Base.LINK_HEADER, TAG, LoadSize.BYTE, outbound ? 0x20 : 0x00, 0xe0));
        }
        // Mode 0b01 (From_CPU) is outbound; 0b00 (To_CPU) and 0b10 (To_Sniffer), the modes with the second bit
        // clear, are inbound.
        return Optional.of(outbound
                ? f.masked(Base.LINK_HEADER, TAG, LoadSize.BYTE, 0x40, 0xc0)
                : f.masked(Base.LINK_HEADER, TAG, LoadSize.BYTE, 0x00, 0x40));
    }
}
