package dev.jfilter.cbpf.listing;

import dev.jfilter.cfg.Ancillary;
import java.util.Optional;

/** libpcap's names for ancillary load offsets in listings ({@code offsets[]} in bpf_image.c): {@code [vlanp]}. */
final class AncillaryNames {
    private AncillaryNames() {}

    static String name(Ancillary field) {
        return switch (field) {
            case PROTOCOL -> "proto";
            case PKTTYPE -> "type";
            case IFINDEX -> "ifidx";
            case NLATTR -> "nla";
            case NLATTR_NEST -> "nlan";
            case MARK -> "mark";
            case QUEUE -> "queue";
            case HATYPE -> "hatype";
            case RXHASH -> "rxhash";
            case CPU -> "cpu";
            case ALU_XOR_X -> "xor_x";
            case VLAN_TAG -> "vlan_tci";
            case VLAN_TAG_PRESENT -> "vlanp";
            case PAY_OFFSET -> "poff";
            case RANDOM -> "random";
            case VLAN_TPID -> "vlan_tpid";
        };
    }

    static Optional<Ancillary> byName(String name) {
        for (Ancillary a : Ancillary.values()) {
            if (name(a).equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
