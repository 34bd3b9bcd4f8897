package dev.jfilter.frontend.lower;

import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Stmt;
import java.util.List;

/**
 * Loads and comparisons of packet fields relative to the headers where the lowering stands ({@link Base}):
 * libpcap's {@code gen_load_a}, {@code gen_cmp}, {@code gen_mcmp} and {@code gen_bcmp} over an {@code e_offrel}.
 * A base can be at a constant offset or at a constant plus a scratch word computed at run time (after
 * {@code geneve}, {@code vxlan}, or {@code vlan} in Linux live-capture mode); the statements hide which.
 */
public interface Fields {

    /** Statements that leave the field at {@code offset} from {@code base} in A. */
    List<Stmt> load(Base base, int offset, LoadSize size);

    /** {@code field == v}. */
    default Pred eq(Base base, int offset, LoadSize size, long v) {
        return Checks.compare(load(base, offset, size), JumpOp.JEQ, false, v);
    }

    /** {@code field != v}. */
    default Pred ne(Base base, int offset, LoadSize size, long v) {
        return Checks.compare(load(base, offset, size), JumpOp.JEQ, true, v);
    }

    /** {@code field <= v}, unsigned. */
    default Pred le(Base base, int offset, LoadSize size, long v) {
        return Checks.compare(load(base, offset, size), JumpOp.JGT, true, v);
    }

    /** {@code (field & mask) == v}; a zero mask makes a constant. */
    default Pred masked(Base base, int offset, LoadSize size, long v, long mask) {
        return Checks.masked(load(base, offset, size), v, mask);
    }

    /**
     * {@code bytes} at {@code offset} from {@code base}, compared a word, then a half-word, then a byte at a time
     * from the end (libpcap's {@code gen_bcmp}).
     */
    default Pred bytes(Base base, int offset, byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("nothing to compare");
        }
        Pred b = null;
        int size = bytes.length;
        while (size >= 4) {
            Pred t = eq(base, offset + size - 4, LoadSize.WORD, bigEndian(bytes, size - 4, 4));
            b = b == null ? t : Pred.and(b, t);
            size -= 4;
        }
        while (size >= 2) {
            Pred t = eq(base, offset + size - 2, LoadSize.HALF, bigEndian(bytes, size - 2, 2));
            b = b == null ? t : Pred.and(b, t);
            size -= 2;
        }
        if (size > 0) {
            Pred t = eq(base, offset, LoadSize.BYTE, bytes[0] & 0xff);
            b = b == null ? t : Pred.and(b, t);
        }
        return b;
    }

    private static long bigEndian(byte[] b, int from, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (b[from + i] & 0xff);
        }
        return v;
    }
}
