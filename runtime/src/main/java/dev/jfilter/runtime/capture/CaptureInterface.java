package dev.jfilter.runtime.capture;

import java.nio.ByteOrder;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An interface packets of a capture file arrived on: a pcap file's single one (from its file header), or a pcapng
 * Interface Description Block. pcapng numbers interfaces per section, from 0 in the order of their blocks.
 *
 * @param section        the pcapng section (0 for the first Section Header Block; always 0 for pcap)
 * @param id             the interface id within its section (always 0 for pcap)
 * @param linkType       the link-layer header type
 * @param snaplen        the snapshot length as the file states it (unsigned 32 bits; 0 in pcapng means none)
 * @param resolution     the unit of the interface's timestamps
 * @param timestampOffsetSeconds pcapng's {@code if_tsoffset}: seconds added to every timestamp (0 for pcap)
 * @param fcsLengthBits  the frame check sequence at the end of each packet, in bits, when the file says:
 *                       pcapng's {@code if_fcslen}, or pcap's FCS-length bits of the link-type field
 * @param name           pcapng's {@code if_name}, when present
 * @param byteOrder      the byte order of the file (pcap) or section (pcapng): the order of the writer's host,
 *                       which some link types' pseudo-headers (pflog, USB Linux, NFLOG, Linux SLL with CAN) also
 *                       use. Packet bytes are delivered as stored; libpcap swaps those fields when the order
 *                       differs from its host's ({@code pcap_post_process}).
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcapng/">pcapng, Interface Description Block</a>
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcap/">pcap, File Header</a>
 */
public record CaptureInterface(
        int section,
        int id,
        FileLinkType linkType,
        long snaplen,
        TimestampResolution resolution,
        long timestampOffsetSeconds,
        OptionalInt fcsLengthBits,
        Optional<String> name,
        ByteOrder byteOrder) {

    /** libpcap's largest snapshot length for most link types ({@code MAXIMUM_SNAPLEN}). */
    public static final int MAXIMUM_SNAPLEN = 262144;

    public CaptureInterface {
        Objects.requireNonNull(linkType);
        Objects.requireNonNull(resolution);
        Objects.requireNonNull(fcsLengthBits);
        Objects.requireNonNull(name);
        Objects.requireNonNull(byteOrder);
        if (snaplen < 0 || snaplen > 0xffffffffL) {
            throw new IllegalArgumentException("snapshot length " + snaplen + " does not fit 32 bits");
        }
    }

    /** An interface with no options: microseconds, no offset, FCS length unknown, no name, little-endian. */
    public static CaptureInterface of(FileLinkType linkType, long snaplen) {
        return new CaptureInterface(0, 0, linkType, snaplen, TimestampResolution.MICROSECONDS, 0,
                OptionalInt.empty(), Optional.empty(), ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The snapshot length libpcap uses when reading ({@code pcap_adjust_snapshot}): the stated one, or the link
     * type's maximum when it is 0 or above {@code INT_MAX}.
     */
    public int snapshot() {
        return snaplen == 0 || snaplen > Integer.MAX_VALUE ? maximumSnaplen(linkType) : (int) snaplen;
    }

    /**
     * The largest captured length libpcap accepts for a link type ({@code max_snaplen_for_dlt}): D-Bus, EBHSCR and
     * USBPcap carry larger messages than network packets.
     */
    public static int maximumSnaplen(FileLinkType linkType) {
        return switch (linkType.linktype()) {
            case 231 -> 128 * 1024 * 1024; // DBUS
            case 279 -> 8 * 1024 * 1024; // EBHSCR
            case 249 -> 1024 * 1024; // USBPCAP
            default -> MAXIMUM_SNAPLEN;
        };
    }
}
