package dev.jfilter.runtime.jit;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cfg.AncillarySource;
import java.lang.foreign.MemorySegment;

/**
 * Something that runs a classic BPF program on packets with libpcap 1.10's {@code bpf_filter()} semantics: the
 * {@link dev.jfilter.runtime.cbpf.CbpfInterpreter} or a class {@link CbpfJit} generated for the program. Both return
 * the same value on every packet.
 *
 * @see <a href="https://github.com/the-tcpdump-group/libpcap/blob/libpcap-1.10/bpf_filter.c">libpcap 1.10
 *     bpf_filter.c</a>
 */
public interface PacketFilter {

    /** The program this runs. */
    CbpfProgram program();

    /**
     * The program's return value (unsigned: the number of bytes to accept, 0 to reject).
     *
     * @param segment memory holding the packet, read in place
     * @param offset where the packet's first byte is in {@code segment}
     * @param captured how many bytes were captured (libpcap's {@code buflen}); only these are visible to loads
     * @param wireLength the packet's length on the wire ({@code wirelen}, what {@code len} loads), unsigned
     * @param ancillary the packet's metadata for ancillary loads
     * @throws IndexOutOfBoundsException if the captured bytes do not lie within {@code segment}
     */
    int run(MemorySegment segment, long offset, int captured, int wireLength, AncillarySource ancillary);

    /** The return value for a packet in a byte array, without ancillary data. */
    default int run(byte[] packet, int captured, int wireLength) {
        return run(MemorySegment.ofArray(packet), 0, captured, wireLength, AncillarySource.NONE);
    }

    /** The return value for a packet that fills {@code packet} from its start, without ancillary data. */
    default int run(MemorySegment packet, int captured, int wireLength) {
        return run(packet, 0, captured, wireLength, AncillarySource.NONE);
    }

    /** A filter for the same program that another thread may use ({@code this} when the filter has no state). */
    PacketFilter copy();

    /**
     * The captured length as libpcap's unsigned {@code buflen}, after checking that the captured bytes lie within the
     * segment: the check every engine makes before running a program.
     *
     * @throws IndexOutOfBoundsException if they do not
     */
    static long capturedLength(MemorySegment segment, long offset, int captured) {
        long buflen = Integer.toUnsignedLong(captured);
        if (offset < 0 || offset > segment.byteSize() || buflen > segment.byteSize() - offset) {
            throw new IndexOutOfBoundsException("captured bytes [" + offset + ", " + offset + " + " + buflen
                    + ") lie outside a segment of " + segment.byteSize() + " bytes");
        }
        return buflen;
    }

    /** What every engine throws when a program takes more backward jumps on one packet than {@code limit}. */
    static IllegalStateException nonTerminating(int limit, int at) {
        return new IllegalStateException("the program took more than " + limit
                + " backward jumps on one packet (at instruction " + at + "): it does not end");
    }
}
