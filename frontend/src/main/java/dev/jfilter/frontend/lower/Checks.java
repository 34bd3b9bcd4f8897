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
 * {@code gen_set} and friends (gencode.c), over a list of statements that leaves the field in the accumulator.
 * Loads relative to the headers come from {@link Fields}; {@link #eq} is for a fixed offset from the packet's start.
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

    /** {@code (A & mask) == v} after {@code load}; a zero mask makes a constant. */
    public static Pred masked(List<Stmt> load, long v, long mask) {
        if ((int) mask == 0) {
            return (int) v != 0 ? Pred.FALSE : Pred.TRUE;
        }
        return ncmp(load, mask, JumpOp.JEQ, false, v);
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

    /** A MAC-48 address, held in the 48 low bits, as its six bytes. */
    public static byte[] mac48(long mac) {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (mac >>> (8 * (5 - i)));
        }
        return b;
    }
}
