package dev.jfilter.ebpf.gen;

/**
 * What holds on every path into a point of the generated program, as the verifier will also know it: how many packet
 * bytes from {@code data} have been checked, whether the base register holds {@code data + X} and how far past it has
 * been checked, and the largest value X can have.
 *
 * @param checked   bytes from {@code data} known to be in the packet
 * @param baseRange bytes from {@code data + X} known to be in the packet, or {@link #NO_BASE} when the base register
 *                  does not hold {@code data + X}
 * @param xMax      the largest value X can hold, unsigned
 */
record Facts(int checked, int baseRange, long xMax) {
    static final int NO_BASE = -1;
    static final long X_UNKNOWN = 0xffff_ffffL;

    /** Nothing known: the program's entry. */
    static final Facts NONE = new Facts(0, NO_BASE, X_UNKNOWN);

    /** What holds after either of two paths. */
    Facts meet(Facts other) {
        int base = baseRange == NO_BASE || other.baseRange == NO_BASE ? NO_BASE : Math.min(baseRange, other.baseRange);
        return new Facts(Math.min(checked, other.checked), base, Math.max(xMax, other.xMax));
    }

    Facts withChecked(int bytes) {
        return new Facts(bytes, baseRange, xMax);
    }

    Facts withBase(int range) {
        return new Facts(checked, range, xMax);
    }

    /** X has a new value of which at most {@code max} is known; the base register no longer matches it. */
    Facts withNewX(long max) {
        return new Facts(checked, NO_BASE, max);
    }

    Facts withXMax(long max) {
        return new Facts(checked, baseRange, max);
    }
}
