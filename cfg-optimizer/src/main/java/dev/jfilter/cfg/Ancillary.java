package dev.jfilter.cfg;

/**
 * Packet metadata that Linux socket filters read with a load from {@code SKF_AD_OFF + offset}
 * (linux/filter.h {@code SKF_AD_*}). libpcap uses these for live captures ({@code vlan}, {@code inbound},
 * {@code ifindex}).
 */
public enum Ancillary {
    PROTOCOL(0),
    PKTTYPE(4),
    IFINDEX(8),
    NLATTR(12),
    NLATTR_NEST(16),
    MARK(20),
    QUEUE(24),
    HATYPE(28),
    RXHASH(32),
    CPU(36),
    ALU_XOR_X(40),
    VLAN_TAG(44),
    VLAN_TAG_PRESENT(48),
    PAY_OFFSET(52),
    RANDOM(56),
    VLAN_TPID(60);

    /** {@code SKF_AD_OFF}: ancillary loads use absolute offsets from here. */
    public static final int BASE = -0x1000;

    private final int offset;

    Ancillary(int offset) {
        this.offset = offset;
    }

    /** The field's offset from {@link #BASE}. */
    public int offset() {
        return offset;
    }

    /** The absolute load offset that names this field, {@code SKF_AD_OFF + offset}. */
    public int absoluteOffset() {
        return BASE + offset;
    }

    /** The field for an absolute load offset, if that offset names one. */
    public static java.util.Optional<Ancillary> ofAbsoluteOffset(int k) {
        for (Ancillary a : values()) {
            if (a.absoluteOffset() == k) {
                return java.util.Optional.of(a);
            }
        }
        return java.util.Optional.empty();
    }
}
