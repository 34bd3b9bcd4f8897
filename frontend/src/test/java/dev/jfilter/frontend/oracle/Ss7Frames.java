package dev.jfilter.frontend.oracle;

import static dev.jfilter.frontend.oracle.Frames.*;

import dev.jfilter.frontend.link.LinkType;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic SS7 frames: MTP2 signal units (ITU-T Q.703) in the basic format (1-byte sequence numbers, 6-bit length
 * indicator) and the high-speed format of Annex A (2-byte sequence numbers, 9-bit length indicator), FISUs, LSSUs and
 * MSUs, with MTP3 routing labels (ITU-T Q.704: 14-bit DPC and OPC and 4-bit SLS, little-endian) whose values are
 * those of libpcap's SS7 tests and their neighbours. {@code DLT_MTP2_WITH_PHDR} puts a 4-byte pseudo-header first;
 * {@code DLT_MTP3} frames are the MTP3 message alone (SIO, label, data).
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_MTP2.html">LINKTYPE_MTP2</a>
 */
public final class Ss7Frames {
    private Ss7Frames() {}

    /** SIO values: the tests' (and one less and more), ISUP (0x85), SCCP (0x83) and the extremes. */
    static final int[] SIOS = {0xd2, 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 73, 74, 75, 76, 0x41, 0x42, 0x43,
        0x44, 0x45, 0x40, 0x85, 0x83, 0, 0xff};
    /** Point codes: the tests' DPC and OPC values and their neighbours, the apply tests' 0, 1, 2, the extremes. */
    static final int[] POINT_CODES = {0x31d6, 0x31d5, 0x1272, 0x1273, 0x1274, 0x1275, 0x1276, 0x1277, 0x3b35,
        0x606, 0x607, 0x608, 0x609, 0x60a, 0x60b, 0x0ab4, 0x0ab5, 0x0ab6, 0x0ab7, 0x0ab8, 0x3ab9, 0x3aba, 0x3abb,
        9000, 9001, 10000, 0, 1, 2, 3, 0x3fff, 0x2000, 0x00ff, 0x0100};

    /** The frames of an SS7 link type, or none for the others. */
    static List<byte[]> forLinkType(LinkType type) {
        return switch (type) {
            case MTP2 -> signalUnits();
            case MTP2_WITH_PHDR -> {
                List<byte[]> out = new ArrayList<>();
                int n = 0;
                for (byte[] su : signalUnits()) {
                    // sent, annex A used, link number (little-endian), as Wireshark writes them.
                    out.add(cat(b(n % 2, (n / 2) % 2, n % 7, 0), su));
                    n++;
                }
                yield out;
            }
            case MTP3 -> {
                List<byte[]> out = new ArrayList<>();
                int n = 0;
                for (int sio : SIOS) {
                    out.add(cat(b(sio), label(POINT_CODES[n % POINT_CODES.length],
                            POINT_CODES[(n * 7 + 3) % POINT_CODES.length], n % 16), data(n)));
                    n++;
                }
                yield out;
            }
            default -> List.of();
        };
    }

    /** A routing label: DPC in bits 0-13, OPC in 14-27, SLS in 28-31, least significant byte first. */
    public static byte[] label(int dpc, int opc, int sls) {
        long w = (dpc & 0x3fffL) | (opc & 0x3fffL) << 14 | (long) (sls & 0xf) << 28;
        return b((int) w, (int) (w >>> 8), (int) (w >>> 16), (int) (w >>> 24));
    }

    private static byte[] data(int n) {
        byte[] d = new byte[n % 9];
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) (n * 31 + i * 17);
        }
        return d;
    }

    /** Basic and high-speed FISUs, LSSUs and MSUs, with every spare-bit pattern and the labels' values. */
    static List<byte[]> signalUnits() {
        List<byte[]> out = new ArrayList<>();
        // Basic format: BSN+BIB, FSN+FIB, LI (6 bits, 2 spare), then SF or SIO + SIF.
        for (int li : new int[] {0, 1, 2, 3, 4, 20, 62, 63}) {
            for (int spare : new int[] {0, 0x40, 0x80, 0xc0}) {
                int liByte = li | spare;
                byte[] body = switch (li) {
                    case 0 -> new byte[0];
                    case 1 -> b(li * 3);
                    case 2 -> b(0, 1);
                    default -> cat(b(0x85), label(li * 97, li * 13, li), data(li));
                };
                out.add(cat(b(0x80 | li, 0x80 | spare >> 1, liByte), body));
            }
        }
        int n = 0;
        for (int sio : SIOS) {
            for (int k = 0; k < 3; k++) {
                int dpc = POINT_CODES[(n + k) % POINT_CODES.length];
                int opc = POINT_CODES[(n * 5 + k * 11 + 1) % POINT_CODES.length];
                int sls = (n + k * 5) % 16;
                byte[] sif = cat(label(dpc, opc, sls), data(n + k));
                int li = Math.min(63, 1 + sif.length);
                out.add(cat(b(n, n + k, li | (k << 6)), b(sio), sif));
            }
            n++;
        }
        // Every DPC and OPC as both, every SLS.
        for (int i = 0; i < POINT_CODES.length; i++) {
            out.add(cat(b(1, 2, 0x3f), b(0x85), label(POINT_CODES[i], POINT_CODES[(i + 1) % POINT_CODES.length],
                    i % 16), b(0)));
            out.add(cat(b(1, 2, 0x05), b(0x83), label(POINT_CODES[(i + 2) % POINT_CODES.length], POINT_CODES[i],
                    (i + 7) % 16)));
        }
        // High-speed format: BSN+BIB (2 bytes), FSN+FIB (2 bytes), LI (9 bits) + spare (7 bits) in 2 bytes, then SIO
        // and SIF. The length indicator, as libpcap loads it, is the half-word's top 9 bits.
        for (int li : new int[] {0, 1, 2, 3, 4, 100, 273, 511}) {
            for (int spare : new int[] {0, 0x7f, 0x01}) {
                int half = li << 7 | spare;
                byte[] body = li == 0 ? new byte[0] : li <= 2 ? b(li) : cat(b(0x85), label(li, li * 3, li % 16));
                out.add(cat(b(0x0f, 0xff, 0x80, 0x01), b(half >>> 8, half), body));
            }
        }
        n = 0;
        for (int sio : SIOS) {
            for (int k = 0; k < 3; k++) {
                int dpc = POINT_CODES[(n * 3 + k) % POINT_CODES.length];
                int opc = POINT_CODES[(n + k * 7 + 2) % POINT_CODES.length];
                int sls = (n * 3 + k) % 16;
                byte[] sif = cat(label(dpc, opc, sls), data(n + 2 * k));
                int half = (1 + sif.length) << 7 | k;
                out.add(cat(b(0, n, 0, n + k), b(half >>> 8, half), b(sio), sif));
            }
            n++;
        }
        for (int i = 0; i < POINT_CODES.length; i++) {
            int half = 9 << 7;
            out.add(cat(b(0, 0, 0, 0), b(half >>> 8, half), b(0x85), label(POINT_CODES[i],
                    POINT_CODES[(i + 3) % POINT_CODES.length], (i + 5) % 16), b(0, 0, 0, 0)));
        }
        // Short frames, for the loads past the end.
        byte[] full = cat(b(1, 2, 0x3f, 0xd2), label(0x31d6, 0x3b35, 3), b(0x41), label(0x0ab5, 0x3aba, 5));
        for (int cut = 0; cut < full.length; cut++) {
            out.add(java.util.Arrays.copyOf(full, cut));
        }
        return out;
    }
}
