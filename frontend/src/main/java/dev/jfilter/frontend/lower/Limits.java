package dev.jfilter.frontend.lower;

/** libpcap's {@code assert_maxval}: a value above its field's maximum is an error with a fixed wording. */
public final class Limits {
    private Limits() {}

    /**
     * Fails with {@code "NAME VALUE greater than maximum MAX"} when {@code value > max}, both unsigned 32-bit.
     *
     * @throws LoweringException when the value is too large
     */
    public static void atMost(String name, long value, long max) {
        if (Long.compareUnsigned(value & 0xffffffffL, max) > 0) {
            throw new LoweringException(name + " " + (value & 0xffffffffL) + " greater than maximum " + max);
        }
    }
}
