package dev.jfilter.ebpf.verifier;

/**
 * What the kernel verifier knows of a register's content at one point of one path: the register state
 * ({@code struct bpf_reg_state}) reduced to what decides whether a path may be pruned. Scalars carry unsigned
 * bounds and the {@code precise} mark: a scalar that is not precise never keeps two states apart.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/verifier.html#register-value-tracking">eBPF verifier:
 *     register value tracking</a>
 */
sealed interface Value {
    /** A register never written on this path: it must not be read. */
    record NotInit() implements Value {}

    /**
     * A number within {@code [min, max]}, unsigned, whose low 32 bits are within {@code [min32, max32]}, with the
     * {@code bits} known of it: the kernel keeps all three, so a 32-bit comparison teaches the low half of a 64-bit
     * value and a mask teaches bits a range cannot. Known when min equals max.
     *
     * @param precise whether its exact range matters to a later decision (a branch it settles, pointer arithmetic)
     * @param link    the registers it was copied from or to, which a comparison narrows together
     */
    record Scalar(long min, long max, long min32, long max32, KnownBits bits, boolean precise, Link link)
            implements Value {
        private static final long LOW32 = 0xffff_ffffL;

        /** A value in {@code [min, max]}. */
        static Scalar range(long min, long max) {
            return of(min, max, KnownBits.range(min, max));
        }

        /** A value in {@code [min, max]} with these known bits, the 32-bit bounds derived from both. */
        static Scalar of(long min, long max, KnownBits bits) {
            long min32;
            long max32;
            if ((min >>> 32) == (max >>> 32)) {
                min32 = min & LOW32;
                max32 = max & LOW32;
            } else {
                min32 = 0;
                max32 = LOW32;
            }
            return normalized(min, max, min32, max32, bits, false);
        }

        /** {@code reg_bounds_sync}, in part: bounds and known bits narrowed by each other. */
        static Scalar normalized(long min, long max, long min32, long max32, KnownBits bits, boolean precise) {
            min = ScalarMath.unsignedMax(min, bits.min());
            max = ScalarMath.unsignedMin(max, bits.max());
            KnownBits low = bits.low32();
            min32 = Math.max(min32, low.min());
            max32 = Math.min(max32, low.max());
            if (Long.compareUnsigned(max, LOW32) <= 0) {
                min = ScalarMath.unsignedMax(min, min32);
                max = ScalarMath.unsignedMin(max, max32);
                min32 = Math.max(min32, min);
                max32 = Math.min(max32, max);
            }
            if (Long.compareUnsigned(min, max) > 0 || min32 > max32) {
                return new Scalar(min, min, min & LOW32, min & LOW32, KnownBits.constant(min), precise, Link.NONE);
            }
            KnownBits fromRanges = KnownBits.range(min, max);
            KnownBits low32 = KnownBits.range(min32, max32);
            KnownBits combined = new KnownBits((fromRanges.value() & ~LOW32) | low32.value(),
                    (fromRanges.mask() & ~LOW32) | low32.mask());
            return new Scalar(min, max, min32, max32, bits.intersect(combined), precise, Link.NONE);
        }

        boolean known() {
            return min == max;
        }

        /** The low 32 bits, as a value of their own. */
        Scalar low32() {
            return new Scalar(min32, max32, min32, max32, bits.low32(), precise, link);
        }

        Scalar withPrecise(boolean p) {
            return p == precise ? this : new Scalar(min, max, min32, max32, bits, p, link);
        }

        Scalar withLink(Link l) {
            return l.equals(link) ? this : new Scalar(min, max, min32, max32, bits, precise, l);
        }

        /** The same bounds and bits as {@code other}, keeping this one's link. */
        Scalar boundsOf(Scalar other) {
            return new Scalar(other.min, other.max, other.min32, other.max32, other.bits, other.precise, link);
        }

        /** Whether this holds every value {@code other} may have: both ranges and the known bits. */
        boolean contains(Scalar other) {
            return Long.compareUnsigned(min, other.min) <= 0 && Long.compareUnsigned(other.max, max) <= 0
                    && min32 <= other.min32 && other.max32 <= max32 && bits.contains(other.bits);
        }
    }

    /**
     * Scalars copied from one another share an {@code id} ({@code reg->id}); one to which a constant was added
     * since keeps the id with that offset ({@code BPF_ADD_CONST}).
     */
    record Link(int id, boolean added, long off) {
        static final Link NONE = new Link(0, false, 0);
    }

    /** The program's context argument ({@code __sk_buff} or {@code xdp_md}). */
    record Context() implements Value {}

    /**
     * A pointer into the packet: {@code data + off + v} with v in {@code [varMin, varMax]}; the {@code range} bytes
     * from it are proven readable. Pointers derived by constant offsets share an {@code id}, so a bounds check on one
     * grants its range to all.
     */
    record Packet(int id, int off, int range, long varMin, long varMax) implements Value {
        Packet withRange(int r) {
            return new Packet(id, off, r, varMin, varMax);
        }
    }

    /** The end of the packet ({@code data_end}). */
    record PacketEnd() implements Value {}

    /** The frame pointer R10 plus a constant. */
    record Frame(int off) implements Value {}

    NotInit NOT_INIT = new NotInit();
    Scalar UNKNOWN = Scalar.range(0, -1L);
    Context CONTEXT = new Context();
    PacketEnd PACKET_END = new PacketEnd();

    /** A known constant, not precise. */
    static Scalar constant(long v) {
        return Scalar.range(v, v);
    }

    /** A value of {@code bits} unknown bits. */
    static Scalar bits(int bits) {
        return Scalar.range(0, bits >= 64 ? -1L : (1L << bits) - 1);
    }
}
