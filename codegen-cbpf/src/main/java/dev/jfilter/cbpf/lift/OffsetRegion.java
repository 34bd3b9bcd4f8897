package dev.jfilter.cbpf.lift;

import dev.jfilter.cbpf.Opcodes;

/**
 * What the kernel makes of a load offset read as a signed 32-bit number (net/core/filter.c,
 * {@code bpf_internal_load_pointer_neg_helper} and {@code convert_bpf_extensions}). libpcap reads every offset as
 * unsigned, so for it all negative offsets lie past any captured packet and the load fails.
 *
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/filter.h">linux/filter.h,
 *     SKF_AD_OFF, SKF_NET_OFF, SKF_LL_OFF</a>
 */
enum OffsetRegion {
    /** 0 to 2^31 - 1: a byte of the packet, where kernel and libpcap agree. */
    PACKET,
    /** {@code SKF_AD_OFF} and above: packet metadata (ancillary data). */
    ANCILLARY,
    /** {@code SKF_NET_OFF} to {@code SKF_AD_OFF - 1}: the kernel reads from the network header on. */
    NETWORK_HEADER,
    /** {@code SKF_LL_OFF} to {@code SKF_NET_OFF - 1}: the kernel reads from the link-layer header on. */
    LINK_LAYER_HEADER,
    /** Below {@code SKF_LL_OFF}: the kernel fails the load, as libpcap does. */
    NOWHERE;

    /** {@code SKF_NET_OFF}. */
    static final int NET_OFF = -0x100000;
    /** {@code SKF_LL_OFF}. */
    static final int LL_OFF = -0x200000;

    /** The region of {@code offset}. */
    static OffsetRegion of(int offset) {
        if (offset >= 0) {
            return PACKET;
        }
        if (offset >= Opcodes.SKF_AD_OFF) {
            return ANCILLARY;
        }
        if (offset >= NET_OFF) {
            return NETWORK_HEADER;
        }
        return offset >= LL_OFF ? LINK_LAYER_HEADER : NOWHERE;
    }

    /** {@code offset} as the kernel's headers would write it, {@code SKF_NET_OFF+14}. */
    static String name(int offset) {
        return switch (of(offset)) {
            case PACKET, NOWHERE -> Integer.toUnsignedString(offset);
            case ANCILLARY -> "SKF_AD_OFF+" + (offset - Opcodes.SKF_AD_OFF);
            case NETWORK_HEADER -> "SKF_NET_OFF+" + (offset - NET_OFF);
            case LINK_LAYER_HEADER -> "SKF_LL_OFF+" + (offset - LL_OFF);
        };
    }
}
