package dev.jfilter.frontend.link;

import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.lower.Base;
import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;
import java.util.Optional;

/**
 * The {@code DLT_JUNIPER_*} link types: a Juniper pseudo-header that starts with the 3-byte magic "MGC" and a flags
 * byte whose low bit is set for packets received. libpcap only checks the magic for any link-level protocol
 * (gencode.c {@code gen_linktype}) and the flag for {@code inbound}/{@code outbound}
 * ({@code gen_inbound_outbound}); where the payload is depends on the type ({@code init_linktype}), and for the
 * types whose payload offset libpcap leaves unset ({@code OFFSET_NOT_SET}, -1), the network-layer loads land where
 * libpcap's wrapped-around offsets put them.
 *
 * @param type one of the Juniper link types {@code gen_linktype} lists
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_JUNIPER_MFR.html">LINKTYPE_JUNIPER_MFR</a>
 */
public record Juniper(LinkType type) implements LinkLayer {

    /** "MGC" and a flags byte, masked off. */
    private static final long MAGIC = 0x4d474300L;
    private static final long MAGIC_MASK = 0xffffff00L;
    /** The flags bit set on packets received ({@code JUNIPER_BPF_IN}). */
    private static final int FLAG_IN = 0x01;
    /** libpcap's {@code OFFSET_NOT_SET}. */
    private static final int NOT_SET = -1;

    public Juniper {
        offsetsOf(type);
    }

    @Override
    public LinkOffsets offsets() {
        return offsetsOf(type);
    }

    /** {@code init_linktype}'s offsets for each Juniper type. */
    private static LinkOffsets offsetsOf(LinkType type) {
        return switch (type) {
            case JUNIPER_MFR, JUNIPER_MLFR, JUNIPER_MLPPP, JUNIPER_PPP, JUNIPER_CHDLC, JUNIPER_FRELAY ->
                    new LinkOffsets(4, 4, 0, NOT_SET);
            case JUNIPER_ATM1 -> new LinkOffsets(4, 4, 0, 10);
            case JUNIPER_ATM2 -> new LinkOffsets(8, 8, 0, 10);
            case JUNIPER_PPPOE, JUNIPER_ETHER -> new LinkOffsets(16, 14, 18, 21);
            case JUNIPER_PPPOE_ATM -> new LinkOffsets(4, 6, 0, NOT_SET);
            case JUNIPER_GGSN -> new LinkOffsets(6, 12, 0, NOT_SET);
            case JUNIPER_ES -> new LinkOffsets(6, NOT_SET, NOT_SET, NOT_SET);
            case JUNIPER_MONITOR -> new LinkOffsets(12, 12, 0, NOT_SET);
            case JUNIPER_SERVICES -> new LinkOffsets(12, NOT_SET, NOT_SET, NOT_SET);
            case JUNIPER_VP, JUNIPER_ST -> new LinkOffsets(18, NOT_SET, NOT_SET, NOT_SET);
            case JUNIPER_ISM, JUNIPER_VS, JUNIPER_SRX_E2E, JUNIPER_FIBRECHANNEL, JUNIPER_ATM_CEMIC ->
                    new LinkOffsets(8, NOT_SET, NOT_SET, NOT_SET);
            default -> throw new IllegalArgumentException("not a Juniper link type libpcap filters: " + type);
        };
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        // Only the magic number: the encapsulation behind the cookie is not decoded.
        return f.masked(Base.LINK_HEADER, 0, LoadSize.WORD, MAGIC, MAGIC_MASK);
    }

    @Override
    public Optional<Pred> direction(Fields f, boolean outbound) {
        return Optional.of(f.masked(Base.LINK_HEADER, 3, LoadSize.BYTE, outbound ? 0 : FLAG_IN, FLAG_IN));
    }
}
