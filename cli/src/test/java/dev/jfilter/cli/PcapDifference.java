package dev.jfilter.cli;

import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;

/**
 * The documented ways a pcap file {@code jfilter filter -w} writes differs from the one {@code tcpdump -r -w}
 * writes from the same input (both microseconds, in this host's byte order): applied to tcpdump's file, they give
 * jfilter's byte for byte. Neither changes a packet's bytes or lengths.
 *
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcap/">pcap: LinkType and additional information,
 *     Packet Record</a>
 */
enum PcapDifference {
    /**
     * The link-type field's top six bits (FCS length, its "present" bit and a reserved bit): libpcap 1.10 copies
     * them from the input as they are ({@code linktype_ext}); jfilter writes an FCS length only when the input's
     * "present" bit says there is one. Fuzzed headers set them without it.
     */
    LINK_FIELD_TOP_BITS("the link-type field's top six bits, copied by tcpdump without an FCS length in them"),
    /**
     * A record whose microseconds field holds a second or more: libpcap copies it as read; jfilter reads the
     * timestamp as the instant it states and writes it normalized (the whole seconds in the seconds field, modulo
     * 2^32 as tcpdump's own overflowing seconds).
     */
    FRACTION_OF_A_SECOND_OR_MORE("records whose microseconds field is a second or more, normalized by jfilter");

    private static final int FCS_PRESENT = 0x0400_0000;
    private static final int FCS_BITS = 0xF000_0000;
    private static final int TOP_BITS = 0xFC00_0000;
    private static final long MICROS = 1_000_000;

    private final String description;

    PcapDifference(String description) {
        this.description = description;
    }

    /** What the difference is, for outcome summaries. */
    String description() {
        return description;
    }

    /** A file of tcpdump's as jfilter writes it, and the differences that changed it. */
    record Applied(byte[] bytes, Set<PcapDifference> differences) {}

    /** tcpdump's microsecond file {@code tcpdumps} with every difference applied. */
    static Applied toJfilters(byte[] tcpdumps) {
        PcapBytes file = PcapBytes.parse(tcpdumps);
        if (file.nanoseconds()) {
            throw new IllegalArgumentException("tcpdump -w writes microseconds unless told otherwise");
        }
        byte[] bytes = tcpdumps.clone();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(file.order());
        Set<PcapDifference> applied = EnumSet.noneOf(PcapDifference.class);
        int field = file.linkField();
        int top = (field & FCS_PRESENT) != 0 ? field & (FCS_BITS | FCS_PRESENT) : 0;
        if ((field & TOP_BITS) != top) {
            b.putInt(PcapBytes.LINK_FIELD, (field & ~TOP_BITS) | top);
            applied.add(LINK_FIELD_TOP_BITS);
        }
        for (PcapBytes.Rec r : file.records()) {
            if (r.fraction() >= MICROS) {
                b.putInt(r.offset(), (int) (r.seconds() + r.fraction() / MICROS));
                b.putInt(r.offset() + 4, (int) (r.fraction() % MICROS));
                applied.add(FRACTION_OF_A_SECOND_OR_MORE);
            }
        }
        return new Applied(bytes, applied);
    }
}
