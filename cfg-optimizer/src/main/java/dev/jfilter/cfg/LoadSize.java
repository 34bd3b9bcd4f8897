package dev.jfilter.cfg;

/** The width of a packet load: {@code ldb}, {@code ldh} or {@code ld} (linux/filter.h {@code BPF_B/H/W}). */
public enum LoadSize {
    BYTE(1),
    HALF(2),
    WORD(4);

    private final int bytes;

    LoadSize(int bytes) {
        this.bytes = bytes;
    }

    /** The number of bytes loaded, 1, 2 or 4. */
    public int bytes() {
        return bytes;
    }

    /** The size for a byte count of 1, 2 or 4. */
    public static LoadSize ofBytes(int bytes) {
        return switch (bytes) {
            case 1 -> BYTE;
            case 2 -> HALF;
            case 4 -> WORD;
            default -> throw new IllegalArgumentException("load size must be 1, 2 or 4, not " + bytes);
        };
    }
}
