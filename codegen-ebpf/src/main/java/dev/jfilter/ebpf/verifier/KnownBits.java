package dev.jfilter.ebpf.verifier;

/**
 * The bits of a value the verifier knows ({@code struct tnum}): bits set in {@code mask} are unknown, the others are
 * those of {@code value}. Operations follow {@code kernel/bpf/tnum.c}.
 *
 * @see <a href="https://github.com/torvalds/linux/blob/master/kernel/bpf/tnum.c">kernel/bpf/tnum.c</a>
 */
record KnownBits(long value, long mask) {
    static final KnownBits UNKNOWN = new KnownBits(0, -1L);

    static KnownBits constant(long v) {
        return new KnownBits(v, 0);
    }

    /** The bits every value in {@code [min, max]} (unsigned) shares. */
    static KnownBits range(long min, long max) {
        long chi = min ^ max;
        int bits = 64 - Long.numberOfLeadingZeros(chi);
        if (bits > 63) {
            return UNKNOWN;
        }
        long delta = (1L << bits) - 1;
        return new KnownBits(min & ~delta, delta);
    }

    boolean known() {
        return mask == 0;
    }

    /** The smallest and largest values these bits allow. */
    long min() {
        return value;
    }

    long max() {
        return value | mask;
    }

    KnownBits add(KnownBits b) {
        long sm = mask + b.mask;
        long sv = value + b.value;
        long sigma = sm + sv;
        long chi = sigma ^ sv;
        long mu = chi | mask | b.mask;
        return new KnownBits(sv & ~mu, mu);
    }

    KnownBits sub(KnownBits b) {
        long dv = value - b.value;
        long alpha = dv + mask;
        long beta = dv - b.mask;
        long chi = alpha ^ beta;
        long mu = chi | mask | b.mask;
        return new KnownBits(dv & ~mu, mu);
    }

    KnownBits and(KnownBits b) {
        long alpha = value | mask;
        long beta = b.value | b.mask;
        long v = value & b.value;
        return new KnownBits(v, alpha & beta & ~v);
    }

    KnownBits or(KnownBits b) {
        long v = value | b.value;
        long mu = mask | b.mask;
        return new KnownBits(v, mu & ~v);
    }

    KnownBits xor(KnownBits b) {
        long v = value ^ b.value;
        long mu = mask | b.mask;
        return new KnownBits(v & ~mu, mu);
    }

    KnownBits shiftLeft(int k) {
        return new KnownBits(value << k, mask << k);
    }

    KnownBits shiftRight(int k) {
        return new KnownBits(value >>> k, mask >>> k);
    }

    KnownBits mul(KnownBits other) {
        long accValue = value * other.value;
        KnownBits acc = constant(0);
        KnownBits a = this;
        KnownBits b = other;
        while (a.value != 0 || a.mask != 0) {
            if ((a.value & 1) != 0) {
                acc = acc.add(new KnownBits(0, b.mask));
            } else if ((a.mask & 1) != 0) {
                acc = acc.add(new KnownBits(0, b.value | b.mask));
            }
            a = a.shiftRight(1);
            b = b.shiftLeft(1);
        }
        return constant(accValue).add(acc);
    }

    /** The bits both describe ({@code tnum_intersect}). */
    KnownBits intersect(KnownBits b) {
        long v = value | b.value;
        long mu = mask & b.mask;
        return new KnownBits(v & ~mu, mu);
    }

    /** The low 32 bits, zero-extended ({@code tnum_subreg}). */
    KnownBits low32() {
        return new KnownBits(value & 0xffff_ffffL, mask & 0xffff_ffffL);
    }

    /** Whether every value {@code b} allows, these bits allow too ({@code tnum_in}). */
    boolean contains(KnownBits b) {
        if ((b.mask & ~mask) != 0) {
            return false;
        }
        return value == (b.value & ~mask);
    }

    /** Whether some value satisfies both ({@code tnum_overlap}). */
    boolean overlaps(KnownBits b) {
        long known = ~mask & ~b.mask;
        return ((value ^ b.value) & known) == 0;
    }
}
