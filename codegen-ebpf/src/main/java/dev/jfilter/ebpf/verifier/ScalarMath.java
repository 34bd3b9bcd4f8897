package dev.jfilter.ebpf.verifier;

import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.JumpOp;
import dev.jfilter.ebpf.insn.Width;
import dev.jfilter.ebpf.verifier.Value.Scalar;

/**
 * Unsigned-interval arithmetic on scalars, as far as the verifier's bounds decide pruning: results of known operands
 * are known, ranges follow the operations that keep them (masks, shifts, constant additions), everything else is
 * unknown. Branches are settled the way {@code is_branch_taken} settles them from the same bounds.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#arithmetic-instructions">BPF Instruction Set: arithmetic</a>
 */
final class ScalarMath {
    private static final long LOW32 = 0xffff_ffffL;

    private ScalarMath() {}

    /** {@code a op b} in {@code width}; the precise mark of {@code a} carries over (the destination keeps it). */
    static Scalar alu(Width width, AluOp op, Scalar a, Scalar b) {
        boolean w32 = width == Width.W32;
        Scalar x = w32 ? a.low32() : a;
        Scalar y = w32 ? b.low32() : b;
        Scalar r;
        if (op == AluOp.MOV) {
            r = y;
        } else if (x.known() && y.known()) {
            r = exact(w32, op, x.min(), y.min());
        } else {
            Scalar range = interval(w32, op, x, y);
            KnownBits bits = knownBits(op, x, y);
            r = Scalar.of(range.min(), range.max(), w32 ? bits.low32() : bits);
        }
        if (w32 && Long.compareUnsigned(r.max(), LOW32) > 0) {
            r = Value.bits(32);
        }
        return r.withPrecise(op == AluOp.MOV ? b.precise() : a.precise());
    }

    private static KnownBits knownBits(AluOp op, Scalar x, Scalar y) {
        KnownBits a = x.bits();
        KnownBits b = y.bits();
        int shift = y.known() && Long.compareUnsigned(y.min(), 63) <= 0 ? (int) y.min() : -1;
        return switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case AND -> a.and(b);
            case OR -> a.or(b);
            case XOR -> a.xor(b);
            case LSH -> shift >= 0 ? a.shiftLeft(shift) : KnownBits.UNKNOWN;
            case RSH -> shift >= 0 ? a.shiftRight(shift) : KnownBits.UNKNOWN;
            case DIV, MOD, NEG, ARSH, MOV -> KnownBits.UNKNOWN;
        };
    }

    private static Scalar exact(boolean w32, AluOp op, long x, long y) {
        long v = switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> y == 0 ? 0 : w32 ? Integer.toUnsignedLong(Integer.divideUnsigned((int) x, (int) y))
                    : Long.divideUnsigned(x, y);
            case MOD -> y == 0 ? x : w32 ? Integer.toUnsignedLong(Integer.remainderUnsigned((int) x, (int) y))
                    : Long.remainderUnsigned(x, y);
            case OR -> x | y;
            case AND -> x & y;
            case XOR -> x ^ y;
            case LSH -> w32 ? (x << (y & 31)) : x << (y & 63);
            case RSH -> w32 ? (x & LOW32) >>> (y & 31) : x >>> (y & 63);
            case ARSH -> w32 ? ((int) x) >> (y & 31) : x >> (y & 63);
            case NEG -> -x;
            case MOV -> y;
        };
        return Value.constant(w32 ? v & LOW32 : v);
    }

    private static Scalar interval(boolean w32, AluOp op, Scalar x, Scalar y) {
        long top = w32 ? LOW32 : -1L;
        return switch (op) {
            case MOV -> y;
            case ADD -> noWrap(x.max(), y.max(), top) ? Scalar.range(x.min() + y.min(), x.max() + y.max())
                    : Scalar.range(0, top);
            case SUB -> Long.compareUnsigned(x.min(), y.max()) >= 0
                    ? Scalar.range(x.min() - y.max(), x.max() - y.min()) : Scalar.range(0, top);
            case MUL -> Long.compareUnsigned(x.max(), LOW32) <= 0 && Long.compareUnsigned(y.max(), LOW32) <= 0
                    && Long.compareUnsigned(Math.multiplyHigh(x.max(), y.max()), 0) == 0
                    && Long.compareUnsigned(x.max() * y.max(), top) <= 0
                    ? Scalar.range(x.min() * y.min(), x.max() * y.max()) : Scalar.range(0, top);
            case AND -> Scalar.range(0, unsignedMin(x.max(), y.max()));
            case OR -> Scalar.range(unsignedMax(x.min(), y.min()), mask(unsignedMax(x.max(), y.max())));
            case XOR -> Scalar.range(0, mask(unsignedMax(x.max(), y.max())));
            case LSH -> {
                if (!y.known() || Long.compareUnsigned(y.min(), w32 ? 31 : 63) > 0) {
                    yield Scalar.range(0, top);
                }
                int k = (int) y.min();
                long hi = x.max() << k;
                yield (hi >>> k) == x.max() && Long.compareUnsigned(hi, top) <= 0
                        ? Scalar.range(x.min() << k, hi) : Scalar.range(0, top);
            }
            case RSH, ARSH -> {
                boolean nonNegative = op == AluOp.RSH || Long.compareUnsigned(x.max(), top >>> 1) <= 0;
                if (!nonNegative || !y.known() || Long.compareUnsigned(y.min(), w32 ? 31 : 63) > 0) {
                    yield Scalar.range(0, top);
                }
                int k = (int) y.min();
                yield Scalar.range(x.min() >>> k, x.max() >>> k);
            }
            case DIV -> y.known() && y.min() != 0
                    ? Scalar.range(Long.divideUnsigned(x.min(), y.min()), Long.divideUnsigned(x.max(), y.min()))
                    : Scalar.range(0, top);
            case MOD -> y.known() && y.min() != 0 ? Scalar.range(0, unsignedMin(x.max(), y.min() - 1))
                    : Scalar.range(0, top);
            case NEG -> Scalar.range(0, top);
        };
    }

    /**
     * Whether {@code a op b} is certainly true (1), certainly false (0), or either (-1), in {@code width}.
     */
    static int decide(Width width, JumpOp op, Scalar a, Scalar b) {
        Scalar x = width == Width.W32 ? a.low32() : a;
        Scalar y = width == Width.W32 ? b.low32() : b;
        return switch (op) {
            case JEQ -> x.known() && y.known() ? bool(x.min() == y.min()) : cannotBeEqual(width, x, y) ? 0 : -1;
            case JNE -> x.known() && y.known() ? bool(x.min() != y.min()) : cannotBeEqual(width, x, y) ? 1 : -1;
            case JGT -> gt(x, y);
            case JGE -> ge(x, y);
            case JLT -> gt(y, x);
            case JLE -> ge(y, x);
            case JSET -> testBits(x, y);
            case JSGT, JSGE, JSLT, JSLE -> signed(width, op, x, y);
        };
    }

    private static int signed(Width width, JumpOp op, Scalar x, Scalar y) {
        long signBit = width == Width.W32 ? 0x8000_0000L : Long.MIN_VALUE;
        boolean bothNonNegative = Long.compareUnsigned(x.max(), signBit) < 0 && Long.compareUnsigned(y.max(), signBit) < 0;
        // op is one of the four signed comparisons: less-than forms compare the operands swapped
        boolean swap = op == JumpOp.JSLT || op == JumpOp.JSLE;
        boolean strict = op == JumpOp.JSGT || op == JumpOp.JSLT;
        Scalar l = swap ? y : x;
        Scalar r = swap ? x : y;
        if (bothNonNegative) {
            return strict ? gt(l, r) : ge(l, r);
        }
        if (!x.known() || !y.known()) {
            return -1;
        }
        long sl = width == Width.W32 ? (int) l.min() : l.min();
        long sr = width == Width.W32 ? (int) r.min() : r.min();
        return bool(strict ? sl > sr : sl >= sr);
    }

    /** {@code is_scalar_branch_taken} for JSET: settled when the constant's bits are all known in the other. */
    private static int testBits(Scalar x, Scalar y) {
        Scalar value = y.known() ? x : y;
        Scalar constant = y.known() ? y : x;
        if (!constant.known()) {
            return -1;
        }
        long c = constant.min();
        KnownBits t = value.bits();
        if ((~t.mask() & t.value() & c) != 0) {
            return 1;
        }
        return ((t.mask() | t.value()) & c) == 0 ? 0 : -1;
    }

    /** Disjoint ranges (the 64-bit comparison consults the 32-bit ones too) or known bits that differ. */
    private static boolean cannotBeEqual(Width width, Scalar x, Scalar y) {
        if (disjoint(x, y) || !x.bits().overlaps(y.bits())) {
            return true;
        }
        return width == Width.W64 && (x.max32() < y.min32() || y.max32() < x.min32());
    }

    /**
     * The range of {@code a} on the side of a branch where {@code a op b} is {@code taken}, with {@code b} known; the
     * range as it is where the comparison teaches nothing this model follows. A 32-bit comparison narrows the low
     * half, and the whole value when its high half is zero.
     */
    static Scalar refine(Width width, JumpOp op, boolean taken, Scalar a, Scalar b) {
        if (!b.known()) {
            return a;
        }
        boolean w32 = width == Width.W32;
        long c = w32 ? b.min() & LOW32 : b.min();
        if (op == JumpOp.JSET) {
            // not taken: the constant's bits are clear; taken with one bit: that bit is set
            KnownBits bits = !taken ? a.bits().and(KnownBits.constant(~c))
                    : Long.bitCount(c) == 1 ? a.bits().or(KnownBits.constant(c)) : a.bits();
            return Scalar.normalized(a.min(), a.max(), a.min32(), a.max32(), bits, a.precise()).withLink(a.link());
        }
        JumpOp effective = taken ? op : negate(op);
        if (effective == null) {
            return a;
        }
        if (w32) {
            long[] r = narrow(effective, a.min32(), a.max32(), c);
            if (r == null) {
                return a;
            }
            KnownBits bits = effective == JumpOp.JEQ
                    ? new KnownBits((a.bits().value() & ~LOW32) | c, a.bits().mask() & ~LOW32) : a.bits();
            return Scalar.normalized(a.min(), a.max(), r[0], r[1], bits, a.precise()).withLink(a.link());
        }
        long[] r = narrow(effective, a.min(), a.max(), c);
        if (r == null) {
            return a;
        }
        KnownBits bits = effective == JumpOp.JEQ ? KnownBits.constant(c) : a.bits();
        return Scalar.normalized(r[0], r[1], a.min32(), a.max32(), bits, a.precise()).withLink(a.link());
    }

    /** {@code [lo, hi]} narrowed by {@code value op c}, or null when it is unchanged or would be empty. */
    private static long[] narrow(JumpOp op, long lo, long hi, long c) {
        switch (op) {
            case JEQ -> {
                lo = c;
                hi = c;
            }
            case JGT -> lo = c == -1L ? lo : unsignedMax(lo, c + 1);
            case JGE -> lo = unsignedMax(lo, c);
            case JLT -> hi = c == 0 ? hi : unsignedMin(hi, c - 1);
            case JLE -> hi = unsignedMin(hi, c);
            case JNE, JSET, JSGT, JSGE, JSLT, JSLE -> {
                return null;
            }
        }
        return Long.compareUnsigned(lo, hi) <= 0 ? new long[] {lo, hi} : null;
    }

    private static JumpOp negate(JumpOp op) {
        return switch (op) {
            case JEQ -> JumpOp.JNE;
            case JNE -> JumpOp.JEQ;
            case JGT -> JumpOp.JLE;
            case JGE -> JumpOp.JLT;
            case JLT -> JumpOp.JGE;
            case JLE -> JumpOp.JGT;
            case JSET, JSGT, JSGE, JSLT, JSLE -> null;
        };
    }

    private static int gt(Scalar x, Scalar y) {
        if (Long.compareUnsigned(x.min(), y.max()) > 0) {
            return 1;
        }
        return Long.compareUnsigned(x.max(), y.min()) <= 0 ? 0 : -1;
    }

    private static int ge(Scalar x, Scalar y) {
        if (Long.compareUnsigned(x.min(), y.max()) >= 0) {
            return 1;
        }
        return Long.compareUnsigned(x.max(), y.min()) < 0 ? 0 : -1;
    }

    private static boolean disjoint(Scalar x, Scalar y) {
        return Long.compareUnsigned(x.max(), y.min()) < 0 || Long.compareUnsigned(y.max(), x.min()) < 0;
    }

    private static int bool(boolean b) {
        return b ? 1 : 0;
    }

    private static boolean noWrap(long a, long b, long top) {
        long s = a + b;
        return Long.compareUnsigned(s, a) >= 0 && Long.compareUnsigned(s, top) <= 0;
    }

    /** All bits up to the highest set bit of {@code v}. */
    private static long mask(long v) {
        return v == 0 ? 0 : -1L >>> Long.numberOfLeadingZeros(v);
    }

    static long unsignedMin(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? a : b;
    }

    static long unsignedMax(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }
}
