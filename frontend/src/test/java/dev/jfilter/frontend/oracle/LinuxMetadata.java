package dev.jfilter.frontend.oracle;

import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.AncillarySource;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The metadata a Linux socket filter sees beside the packet data (linux/filter.h {@code SKF_AD_*}): the VLAN tag
 * the kernel took out of the frame, if any ({@code vlanp}, {@code vlan_tci}), the packet type ({@code PACKET_HOST}
 * 0 ... {@code PACKET_OUTGOING} 4) and the interface index. The fields libpcap never loads get fixed values, so a
 * program that reaches one anyway reads the same thing in every interpreter.
 *
 * @param vlanTci the tag control information of a tag in the metadata, or empty when the frame had none
 * @param packetType {@code SKF_AD_PKTTYPE}
 * @param ifIndex {@code SKF_AD_IFINDEX}
 */
public record LinuxMetadata(OptionalInt vlanTci, int packetType, int ifIndex) implements AncillarySource {

    @Override
    public OptionalInt value(Ancillary field) {
        return switch (field) {
            case VLAN_TAG_PRESENT -> OptionalInt.of(vlanTci.isPresent() ? 1 : 0);
            case VLAN_TAG -> OptionalInt.of(vlanTci.orElse(0));
            case PKTTYPE -> OptionalInt.of(packetType);
            case IFINDEX -> OptionalInt.of(ifIndex);
            case PROTOCOL, NLATTR, NLATTR_NEST, MARK, QUEUE, HATYPE, RXHASH, CPU, ALU_XOR_X, PAY_OFFSET, RANDOM,
                 VLAN_TPID -> OptionalInt.of(0x100 + field.ordinal());
        };
    }

    /**
     * Metadata to run each packet with: no tag, or a tag with VID 0, 10, 778, 20 or 4095 (one with priority bits set),
     * each with every packet type and two interface indexes.
     */
    public static List<LinuxMetadata> variants() {
        List<OptionalInt> tags = List.of(OptionalInt.empty(), OptionalInt.of(0), OptionalInt.of(10),
                OptionalInt.of(0xa00a), OptionalInt.of(0x030a), OptionalInt.of(20), OptionalInt.of(0x0fff));
        List<LinuxMetadata> out = new ArrayList<>();
        for (OptionalInt tag : tags) {
            for (int type = 0; type <= 4; type++) {
                for (int ifIndex : new int[] {10, 11}) {
                    out.add(new LinuxMetadata(tag, type, ifIndex));
                }
            }
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "{vlan " + (vlanTci.isPresent() ? "0x" + Integer.toHexString(vlanTci.getAsInt()) : "none")
                + ", type " + packetType + ", ifindex " + ifIndex + "}";
    }
}
