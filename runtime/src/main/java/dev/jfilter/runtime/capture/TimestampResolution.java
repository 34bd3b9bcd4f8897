package dev.jfilter.runtime.capture;

import java.math.BigInteger;
import java.util.Optional;

/**
 * The unit of an interface's timestamps: {@code base^-exponent} seconds, with base 10 or 2. pcap files use
 * microseconds or nanoseconds (by their magic number); pcapng interfaces say theirs in the {@code if_tsresol}
 * option (default microseconds).
 *
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcapng/">pcapng, if_tsresol</a>
 */
public record TimestampResolution(int base, int exponent) {

    /** 10^-6 s, pcap's classic magic and pcapng's default. */
    public static final TimestampResolution MICROSECONDS = new TimestampResolution(10, 6);
    /** 10^-9 s, pcap's nanosecond magic. */
    public static final TimestampResolution NANOSECONDS = new TimestampResolution(10, 9);

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MAX_SECONDS = Long.MAX_VALUE / NANOS_PER_SECOND;
    private static final long MIN_SECONDS = Long.MIN_VALUE / NANOS_PER_SECOND;

    public TimestampResolution {
        // libpcap's limits: the number of units per second must fit an unsigned 64-bit integer.
        if (base == 10 ? exponent < 0 || exponent > 19 : base != 2 || exponent < 0 || exponent > 63) {
            throw new IllegalArgumentException("resolution " + base + "^-" + exponent + " is not supported");
        }
    }

    /** The resolution an {@code if_tsresol} option byte names, or empty when it is too fine to represent. */
    public static Optional<TimestampResolution> ofTsresol(int value) {
        int exponent = value & 0x7f;
        boolean binary = (value & 0x80) != 0;
        if (binary ? exponent > 63 : exponent > 19) {
            return Optional.empty();
        }
        return Optional.of(new TimestampResolution(binary ? 2 : 10, exponent));
    }

    /** The {@code if_tsresol} option byte for this resolution. */
    public int tsresol() {
        return base == 2 ? 0x80 | exponent : exponent;
    }

    /** Units per second, as an unsigned 64-bit integer (10^19 does not fit a signed long). */
    public long unitsPerSecond() {
        return base == 2 ? 1L << exponent : pow10(exponent);
    }

    /**
     * Nanoseconds since the epoch for a timestamp of {@code units} (unsigned) in this resolution, plus
     * {@code offsetSeconds}. Fractions finer than a nanosecond are truncated; results outside a signed 64-bit
     * count of nanoseconds (before 1677, after 2262) saturate.
     */
    public long toNanos(long units, long offsetSeconds) {
        long perSecond = unitsPerSecond();
        long seconds = Long.divideUnsigned(units, perSecond);
        long fraction = Long.remainderUnsigned(units, perSecond);
        return combine(seconds, fractionToNanos(fraction), offsetSeconds);
    }

    /**
     * Nanoseconds since the epoch for a pcap record's {@code seconds} (unsigned 32 bits) and {@code fraction} (in
     * this resolution's units, passed through as libpcap does even when not below one second).
     */
    public long toNanos(long seconds, long fraction, long offsetSeconds) {
        return combine(seconds, fractionToNanos(fraction), offsetSeconds);
    }

    /** {@code nanos} (since the epoch) in this resolution's units, as an unsigned 64-bit integer. */
    public long fromNanos(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("timestamp " + nanos + " ns is before the epoch");
        }
        long seconds = nanos / NANOS_PER_SECOND;
        long fraction = nanos % NANOS_PER_SECOND;
        if (base == 10 && exponent <= 9) {
            // seconds < 9.3e9 and units per second <= 1e9: the product fits a signed long.
            return seconds * pow10(exponent) + fraction / pow10(9 - exponent);
        }
        BigInteger perSecond = new BigInteger(Long.toUnsignedString(unitsPerSecond()));
        BigInteger units = BigInteger.valueOf(seconds).multiply(perSecond)
                .add(BigInteger.valueOf(fraction).multiply(perSecond).divide(BigInteger.valueOf(NANOS_PER_SECOND)));
        if (units.bitLength() > 64) {
            throw new IllegalArgumentException("timestamp " + nanos + " ns does not fit 64 bits at " + this);
        }
        return units.longValue();
    }

    private static long pow10(int exponent) {
        long value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }

    /** A count of units (unsigned) converted to nanoseconds, truncated. */
    private long fractionToNanos(long fraction) {
        if (base == 10) {
            if (exponent <= 9) {
                long scale = pow10(9 - exponent);
                long high = Math.unsignedMultiplyHigh(fraction, scale);
                return high == 0 && fraction * scale >= 0 ? fraction * scale : Long.MAX_VALUE;
            }
            return Long.divideUnsigned(fraction, pow10(exponent - 9));
        }
        if (exponent == 0) {
            return fraction <= Long.MAX_VALUE / NANOS_PER_SECOND ? fraction * NANOS_PER_SECOND : Long.MAX_VALUE;
        }
        // floor(fraction * 10^9 / 2^exponent) with a 128-bit product.
        long high = Math.unsignedMultiplyHigh(fraction, NANOS_PER_SECOND);
        long low = fraction * NANOS_PER_SECOND;
        long quotientHigh = high >>> exponent;
        if (quotientHigh != 0) {
            return Long.MAX_VALUE;
        }
        long quotient = (low >>> exponent) | (high << (64 - exponent));
        return quotient < 0 ? Long.MAX_VALUE : quotient;
    }

    private static long combine(long unsignedSeconds, long nanos, long offsetSeconds) {
        if (unsignedSeconds < 0 || nanos == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long seconds = unsignedSeconds + offsetSeconds;
        if (((unsignedSeconds ^ seconds) & (offsetSeconds ^ seconds)) < 0) {
            return offsetSeconds < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (seconds > MAX_SECONDS || seconds < MIN_SECONDS) {
            return seconds < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        long result = seconds * NANOS_PER_SECOND + nanos;
        return result < seconds * NANOS_PER_SECOND && nanos > 0 ? Long.MAX_VALUE : result;
    }

    @Override
    public String toString() {
        return base + "^-" + exponent + " s";
    }
}
