package dev.jfilter.runtime.capture;

/**
 * What a {@link PcapWriter} does with a timestamp whose seconds do not fit a pcap record's unsigned 32 bits: one
 * before 1970 (pcapng's {@code if_tsoffset} can move a timestamp there) or after 2106-02-07T06:28:15Z (pcapng's
 * 64-bit timestamps reach that far). Either way the file cannot say when the packet was captured.
 *
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcap/">pcap, Packet Record: Timestamp (Seconds)</a>
 */
public enum SecondsOverflow {
    /** Throw {@link IllegalArgumentException}: the default, since the file would state another time. */
    REFUSE,
    /**
     * Write the seconds modulo 2^32, the fraction as it is: what libpcap's {@code pcap_dump} writes (it casts the
     * seconds of the packet's {@code struct timeval} to 32 bits), so {@code tcpdump -r in.pcapng -w out.pcap}.
     */
    WRAP
}
