package dev.jfilter.frontend.lower;

import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * Comparisons of packet fields with constants: libpcap's {@code gen_cmp}, {@code gen_mcmp}, {@code gen_ncmp},
 * {@code gen_bcmp}, {@code gen_set} and friends (gencode.c), over absolute offsets or over a list of statements
 * that leaves the field in the accumulator.
 */
public final class Checks {
    private Checks() {}

    /** {@code A = P[offset : size]}. */
    public static List<Stmt> load(LoadSize size, int offset) {
        return List.of(new Stmt.LoadAbsolute(size, offset));
    }

    /** {@code P[offset:size] == v}. */
    public static Pred eq(LoadSize size, int offset, long v) {
        return compare(load(size, offset), JumpOp.JEQ, false, v);
    }

    /** {@code P[offset:size] != v}. */
    public static Pred ne(LoadSize size, int offset, long v) {
        return compare(load(size, offset), JumpOp.JEQ, true, v);
    }

    /** {@code P[offset:size] <= v}, unsigned. */
    public static Pred le(LoadSize size, int offset, long v) {
        return compare(load(size, offset), JumpOp.JGT, true, v);
    }

    /** {@code (P[offset:size] & mask) == v}; a zero mask makes a constant, as libpcap's {@code gen_mcmp}. */
    public static Pred masked(LoadSize size, int offset, long v, long mask) {
        return masked(load(size, offset), v, mask);
    }

    /** {@code (A & mask) == v} after {@code load}; a zero mask makes a constant. */
    public static Pred masked(List<Stmt> load, long v, long mask) {
        if ((int) mask == 0) {
            return (int) v != 0 ? Pred.FALSE : Pred.TRUE;
        }
        return ncmp(load, mask, JumpOp.JEQ, false, v);
    }

    /** {@code (P[offset:size] & mask) != v}. */
    public static Pred maskedNe(LoadSize size, int offset, long v, long mask) {
        return ncmp(load(size, offset), mask, JumpOp.JEQ, true, v);
    }

    /** {@code A op v} after {@code load}, negated when {@code reverse} (libpcap's {@code gen_ncmp} without a mask). */
    public static Pred compare(List<Stmt> load, JumpOp op, boolean reverse, long v) {
        return ncmp(load, 0xffffffffL, op, reverse, v);
    }

    /** libpcap's {@code gen_ncmp}: load, {@code and #mask} unless the mask is all ones, test, maybe negate. */
    public static Pred ncmp(List<Stmt> load, long mask, JumpOp op, boolean reverse, long v) {
        List<Stmt> s = new ArrayList<>(load);
        if ((int) mask != -1) {
            s.add(new Stmt.AluConstant(AluOp.AND, (int) mask));
        }
        Pred b = new Pred.Test(s, Condition.of(op, (int) v));
        return reverse ? Pred.not(b) : b;
    }

    /** {@code (A & bits) != 0} after {@code load} (libpcap's {@code gen_set}). */
    public static Pred set(List<Stmt> load, long bits) {
        return new Pred.Test(load, Condition.of(JumpOp.JSET, (int) bits));
    }

    /** {@code (A & bits) == 0} after {@code load} (libpcap's {@code gen_unset}). */
    public static Pred unset(List<Stmt> load, long bits) {
        return Pred.not(set(load, bits));
    }

    /**
     * {@code bytes} at {@code offset}, compared a word, then a half-word, then a byte at a time from the end
     * (libpcap's {@code gen_bcmp}).
     */
    public static Pred bytes(int offset, byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("nothing to compare");
        }
        Pred b = null;
        int size = bytes.length;
        while (size >= 4) {
            Pred t = eq(LoadSize.WORD, offset + size - 4, bigEndian(bytes, size - 4, 4));
            b = b == null ? t : Pred.and(b, t);
            size -= 4;
        }
        while (size >= 2) {
            Pred t = eq(LoadSize.HALF, offset + size - 2, bigEndian(bytes, size - 2, 2));
            b = b == null ? t : Pred.and(b, t);
            size -= 2;
        }
        if (size > 0) {
            Pred t = eq(LoadSize.BYTE, offset, bytes[0] & 0xff);
            b = b == null ? t : Pred.and(b, t);
        }
        return b;
    }

    /** A MAC-48 address, held in the 48 low bits, as its six bytes. */
    public static byte[] mac48(long mac) {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (mac >>> (8 * (5 - i)));
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
