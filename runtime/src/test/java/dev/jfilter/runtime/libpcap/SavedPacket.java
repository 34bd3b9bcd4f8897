package dev.jfilter.runtime.libpcap;

/**
 * One packet of a savefile as libpcap's {@code pcap_next_ex()} returns it: the file's link type ({@code DLT_} value),
 * the captured length, the length on the wire, and the captured bytes.
 */
public record SavedPacket(int dlt, int caplen, int wirelen, byte[] bytes) {
    public SavedPacket {
        bytes = bytes.clone();
        if (caplen != bytes.length) {
            throw new IllegalArgumentException("caplen " + caplen + " but " + bytes.length + " bytes");
        }
    }

    /** A copy of the captured bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }
}
