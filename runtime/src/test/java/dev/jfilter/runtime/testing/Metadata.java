package dev.jfilter.runtime.testing;

import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.AncillarySource;
import java.util.List;
import java.util.OptionalInt;

/**
 * The packet metadata a live Linux capture gives a socket filter ({@code SKF_AD_*} loads), as values a test sets: for
 * comparing programs compiled for the Linux live-capture mode, both run on each packet with each of {@link #VARIANTS}.
 *
 * @param vlanPresent whether the kernel removed a VLAN tag ({@code SKF_AD_VLAN_TAG_PRESENT})
 * @param tci the removed tag's TCI ({@code SKF_AD_VLAN_TAG})
 * @param packetType the packet type ({@code SKF_AD_PKTTYPE}: 0 to us, 1 broadcast, 2 multicast, 3 other host,
 *     4 outgoing)
 * @param ifIndex the interface index ({@code SKF_AD_IFINDEX})
 * @see <a href="https://www.kernel.org/doc/html/latest/networking/filter.html">Linux Socket Filtering</a>
 */
public record Metadata(boolean vlanPresent, int tci, int packetType, int ifIndex) implements AncillarySource {

    /** Metadata that covers each branch of {@code vlan [id]}, {@code inbound}/{@code outbound} and {@code ifindex}. */
    public static final List<Metadata> VARIANTS = List.of(
            new Metadata(false, 0, 0, 1),
            new Metadata(true, 100, 0, 1),
            new Metadata(true, 0x2064, 4, 10), // priority 1, id 100
            new Metadata(true, 4095, 3, 10),
            new Metadata(true, 0, 4, 2),
            new Metadata(false, 100, 1, 10));

    @Override
    public OptionalInt value(Ancillary field) {
        return switch (field) {
            case VLAN_TAG_PRESENT -> OptionalInt.of(vlanPresent ? 1 : 0);
            case VLAN_TAG -> OptionalInt.of(tci);
            case VLAN_TPID -> OptionalInt.of(vlanPresent ? 0x8100 : 0);
            case PKTTYPE -> OptionalInt.of(packetType);
            case IFINDEX -> OptionalInt.of(ifIndex);
            case PROTOCOL, NLATTR, NLATTR_NEST, MARK, QUEUE, HATYPE, RXHASH, CPU, ALU_XOR_X, PAY_OFFSET, RANDOM ->
                    OptionalInt.empty();
        };
    }
}
