package dev.jfilter.testpcaps.gen;

import java.util.HashSet;
import java.util.Set;

/**
 * Finds packets on which libpcap's {@code protochain} program never terminates, so that the generator can leave
 * them out: a differential test cannot use an oracle that hangs.
 *
 * <p>libpcap's {@code gen_protochain} (gencode.c; the same in 1.10.3 and in master) walks the header chain in a
 * loop with a backward jump. For IPv6 hop-by-hop, destination-options, routing and fragment headers it advances
 * {@code X += (P[X+1] + 1) * 8}, but for AH, although its comment says {@code X = X + (P[X + 1] + 2) * 4}, the code
 * sets {@code X = (P[X + 1] + 2) * 4}, an offset from the start of the IP header rather than from the AH header. So
 * the walk can come back to a position it has visited and loop forever in {@code bpf_filter} (the kernel never
 * runs it: its checker rejects backward jumps). This class runs the same walk, without a target protocol, and
 * reports whether it revisits a state.
 *
 * @see <a href="https://github.com/the-tcpdump-group/libpcap/issues/1521">libpcap issue 1521</a>
 */
public final class ProtochainGuard {
    private static final int NONE = 59, HOPOPTS = 0, DSTOPTS = 60, ROUTING = 43, FRAGMENT = 44, AH = 51;
    private ProtochainGuard() {
    }

    /**
     * True if libpcap's protochain walk loops forever on {@code frame} when the network layer starts at one of
     * {@code networkOffsets} (the link header length, and the lengths with VLAN tags where they apply).
     */
    public static boolean mayLoopForever(byte[] frame, int... networkOffsets) {
        for (int off : networkOffsets) {
            if (loopsV4(frame, off) || loopsV6(frame, off)) {
                return true;
            }
        }
        return false;
    }

    /** The IPv4 walk: protocol at 9, X = IHL * 4, and only AH is followed. */
    static boolean loopsV4(byte[] p, int off) {
        if (off + 9 >= p.length) {
            return false;
        }
        int a = p[off + 9] & 0xff;
        long x = (p[off] & 0x0f) * 4L;
        Set<Long> seen = new HashSet<>();
        while (a == AH) {
            if (!seen.add(x << 8 | a)) {
                return true;
            }
            Integer next = load(p, off, x);
            Integer len = load(p, off, x + 1);
            if (next == null || len == null) {
                return false;
            }
            a = next;
            x = (len + 2) * 4L;
        }
        return false;
    }

    /** The IPv6 walk: next header at 6, X = 40, extension headers and AH followed. */
    static boolean loopsV6(byte[] p, int off) {
        if (off + 6 >= p.length) {
            return false;
        }
        int a = p[off + 6] & 0xff;
        long x = 40;
        Set<Long> seen = new HashSet<>();
        while (a != NONE) {
            if (!seen.add(x << 8 | a)) {
                return true;
            }
            Integer next = load(p, off, x);
            Integer len = load(p, off, x + 1);
            if (next == null || len == null) {
                return false;
            }
            if (a == HOPOPTS || a == DSTOPTS || a == ROUTING || a == FRAGMENT) {
                x = (x + (len + 1) * 8L) & 0xffffffffL;
            } else if (a == AH) {
                x = (len + 2) * 4L;
            } else {
                return false;
            }
            a = next;
        }
        return false;
    }

    /** The byte at network offset {@code x}, or null where libpcap's load would end the program. */
    private static Integer load(byte[] p, int off, long x) {
        long at = off + x;
        return at < p.length ? p[(int) at] & 0xff : null;
    }
}
