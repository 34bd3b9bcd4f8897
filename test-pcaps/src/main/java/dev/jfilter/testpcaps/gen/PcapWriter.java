package dev.jfilter.testpcaps.gen;

import java.util.List;

/**
 * Writes a classic pcap file: little-endian, microsecond timestamps (magic {@code 0xa1b2c3d4} stored as
 * {@code d4 c3 b2 a1}), version 2.4, snapshot length 262144. Timestamps are synthetic and deterministic:
 * packet {@code i} is stamped {@code START + i} milliseconds.
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-savefile.5.html">pcap-savefile(5)</a>
 */
public final class PcapWriter {
    /** The magic number of a microsecond pcap file. */
    public static final long MAGIC = 0xa1b2c3d4L;
    /** The snapshot length in the file header: libpcap's default, the value jfilter's programs accept with. */
    public static final int SNAPLEN = 262144;
    /** 2023-11-14T22:13:20Z, the first packet's timestamp in seconds. */
    public static final long START_SECONDS = 1_700_000_000L;

    private PcapWriter() {
    }

    /** The whole file for {@code frames} with link type {@code linkType} (a {@code LINKTYPE_} value). */
    public static byte[] write(int linkType, List<Frame> frames) {
        ByteBuilder b = new ByteBuilder();
        b.u32le(MAGIC).u16le(2).u16le(4).u32le(0).u32le(0).u32le(SNAPLEN).u32le(linkType);
        long micros = 0;
        for (Frame f : frames) {
            b.u32le(START_SECONDS + micros / 1_000_000).u32le(micros % 1_000_000);
            b.u32le(f.capturedLength()).u32le(f.wireLength());
            b.bytes(f.data());
            micros += 1000;
        }
        return b.toByteArray();
    }
}
