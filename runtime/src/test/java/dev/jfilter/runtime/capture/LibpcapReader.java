package dev.jfilter.runtime.capture;

import java.io.EOFException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

/** Reads a capture file with the system libpcap through pcap4j: the reference the reader is compared with. */
final class LibpcapReader {
    private LibpcapReader() {}

    /**
     * One packet as libpcap delivers it; {@code data} is null when pcap4j could not build the packet's timestamp
     * (it refuses a sub-second part of a second or more, which libpcap passes through from malformed files).
     */
    record LibpcapPacket(int dlt, int caplen, long len, long timestampNanos, byte[] data) {
        boolean unreadable() {
            return data == null;
        }
    }

    /** Every packet libpcap delivers, then its error message if it stopped on one. */
    record LibpcapContents(List<LibpcapPacket> packets, Optional<String> error, boolean opened) {}

    static LibpcapContents read(Path path, PcapHandle.TimestampPrecision precision) {
        List<LibpcapPacket> packets = new ArrayList<>();
        PcapHandle handle;
        try {
            handle = Pcaps.openOffline(path.toString(), precision);
        } catch (PcapNativeException e) {
            return new LibpcapContents(packets, Optional.of(e.getMessage()), false);
        }
        try {
            int dlt = handle.getDlt().value();
            while (true) {
                byte[] data;
                try {
                    data = handle.getNextRawPacketEx();
                } catch (EOFException e) {
                    return new LibpcapContents(packets, Optional.empty(), true);
                } catch (PcapNativeException e) {
                    return new LibpcapContents(packets, Optional.of(e.getMessage()), true);
                } catch (IllegalArgumentException e) {
                    // java.sql.Timestamp.setNanos refused the timestamp; libpcap itself read the packet.
                    packets.add(new LibpcapPacket(dlt, -1, -1, -1, null));
                    continue;
                } catch (Exception e) {
                    return new LibpcapContents(packets, Optional.of(e.toString()), true);
                }
                Timestamp ts = handle.getTimestamp();
                long nanos = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
                long len = Integer.toUnsignedLong(handle.getOriginalLength());
                packets.add(new LibpcapPacket(dlt, data.length, len, nanos, data));
            }
        } finally {
            handle.close();
        }
    }
}
