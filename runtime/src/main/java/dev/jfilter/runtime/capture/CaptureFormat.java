package dev.jfilter.runtime.capture;

/**
 * The two capture-file formats libpcap reads.
 *
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcap/">pcap</a>
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcapng/">pcapng</a>
 */
public enum CaptureFormat {
    /** The classic libpcap format: one file header, then a record header before each packet. */
    PCAP,
    /** The block-based format: sections, interface descriptions, packet blocks. */
    PCAPNG
}
