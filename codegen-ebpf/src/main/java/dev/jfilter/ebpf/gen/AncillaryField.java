package dev.jfilter.ebpf.gen;

import dev.jfilter.cfg.Ancillary;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an eBPF program finds the metadata a classic socket filter reads at {@code SKF_AD_OFF + n}: a field of
 * {@code struct __sk_buff}, or a helper call. Byte-order fields hold the network-order value the kernel stores, so
 * the generator swaps them to the host-order value cBPF gives.
 *
 * @param offset      the field's offset in {@code struct __sk_buff} (linux/bpf.h), or -1 for a helper
 * @param networkOrder whether the field is a {@code __be16} that cBPF returns in host order
 * @param helper      the helper's id when {@code offset} is -1
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/bpf.h">linux/bpf.h, struct __sk_buff</a>
 * @see <a href="https://github.com/torvalds/linux/blob/master/net/core/filter.c">net/core/filter.c, convert_skb_access</a>
 */
record AncillaryField(int offset, boolean networkOrder, int helper) {
    /** {@code bpf_get_prandom_u32}. */
    static final int HELPER_PRANDOM_U32 = 7;
    /** {@code bpf_get_smp_processor_id}. */
    static final int HELPER_SMP_PROCESSOR_ID = 8;

    /** The field for a cBPF ancillary load, if eBPF can read it. */
    static Optional<AncillaryField> of(Ancillary field) {
        return Optional.ofNullable(switch (field) {
            case PROTOCOL -> new AncillaryField(16, true, 0);
            case PKTTYPE -> new AncillaryField(4, false, 0);
            case IFINDEX -> new AncillaryField(40, false, 0);
            case MARK -> new AncillaryField(8, false, 0);
            case QUEUE -> new AncillaryField(12, false, 0);
            case RXHASH -> new AncillaryField(68, false, 0);
            case VLAN_TAG -> new AncillaryField(24, false, 0);
            case VLAN_TAG_PRESENT -> new AncillaryField(20, false, 0);
            case VLAN_TPID -> new AncillaryField(28, true, 0);
            case CPU -> new AncillaryField(-1, false, HELPER_SMP_PROCESSOR_ID);
            case RANDOM -> new AncillaryField(-1, false, HELPER_PRANDOM_U32);
            // dev->type, the payload offset, netlink attributes and the XOR trick have no eBPF counterpart here.
            case HATYPE, PAY_OFFSET, NLATTR, NLATTR_NEST, ALU_XOR_X -> null;
        });
    }

    /** Whether the value comes from a helper call, which clobbers R1-R5. */
    boolean isHelper() {
        return offset < 0;
    }

    /** The name libpcap's listings give the field ({@code vlan_tci} style). */
    static String name(Ancillary field) {
        return field.name().toLowerCase(Locale.ROOT);
    }
}
