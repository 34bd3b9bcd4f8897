package dev.jfilter.runtime.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Timestamp units to nanoseconds and back, for every resolution pcap and pcapng can state. */
class TimestampResolutionTest {

    @ParameterizedTest(name = "{0}^-{1}: {2} units + {3} s = {4} ns")
    @CsvSource({
        // base, exponent, units (unsigned), offset s, expected ns
        "10, 6, 1500000123, 0, 1500000123000",
        "10, 9, 1500000123, 0, 1500000123",
        "10, 0, 1700000000, 0, 1700000000000000000",
        "10, 3, 1500, -2, -500000000",
        "10, 12, 1500000000123456, 0, 1500000000123",
        "10, 19, 18446744073709551615, 0, 1844674407", // 2^64-1 units of 10^-19 s: 1.84 s
        "2, 10, 7680, 0, 7500000000", // 7.5 s in 1/1024 s
        "2, 10, 1, 0, 976562", // 1/1024 s, truncated
        "2, 63, 9223372036854775808, 0, 1000000000", // exactly 1 s
        "2, 63, 9223372036854775807, 0, 999999999",
        "2, 0, 3, 0, 3000000000",
        "10, 6, 18446744073709551615, 0, 9223372036854775807", // beyond 2262: saturates
        "10, 9, 0, -9223372037, -9223372036854775808", // before 1677: saturates
        "10, 9, 5, 100, 100000000005",
    })
    void unitsToNanoseconds(int base, int exponent, String units, long offset, long expected) {
        long raw = new BigInteger(units).longValue();
        assertThat(new TimestampResolution(base, exponent).toNanos(raw, offset)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "pcap {0}^-{1}: {2} s + {3} units = {4} ns")
    @CsvSource({
        "10, 6, 1418145369, 999999, 1418145369999999000",
        "10, 6, 1418145370, 2147483648, 1418147517483648000", // malformed fraction: 2147.48 s more
        "10, 9, 4294967295, 999999999, 4294967295999999999",
    })
    void pcapSecondsAndFraction(int base, int exponent, long seconds, long fraction, long expected) {
        assertThat(new TimestampResolution(base, exponent).toNanos(seconds, fraction, 0)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "if_tsresol {0}")
    @ValueSource(ints = {0, 3, 6, 9, 19, 0x80, 0x8a, 0x80 | 63})
    void tsresolRoundTrips(int tsresol) {
        assertThat(TimestampResolution.ofTsresol(tsresol)).get()
                .extracting(TimestampResolution::tsresol).isEqualTo(tsresol);
    }

    @ParameterizedTest(name = "if_tsresol {0} is too fine")
    @ValueSource(ints = {20, 127, 0x80 | 64, 0xff})
    void tooFineResolutionsAreRefused(int tsresol) {
        assertThat(TimestampResolution.ofTsresol(tsresol)).isEmpty();
        assertThatThrownBy(() -> new TimestampResolution(tsresol >= 0x80 ? 2 : 10, tsresol & 0x7f))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}^-{1}")
    @CsvSource({"10, 0", "10, 3", "10, 6", "10, 9", "10, 12", "10, 19", "2, 1", "2, 10", "2, 30", "2, 63"})
    void nanosecondsSurviveAWriteAndARead(int base, int exponent) {
        TimestampResolution resolution = new TimestampResolution(base, exponent);
        // 64 bits of units last 2^64 / unitsPerSecond seconds: 584 years in ns, 1.8 s in 10^-19 s.
        BigInteger lastSecond = BigInteger.TWO.pow(64).subtract(BigInteger.ONE)
                .divide(new BigInteger(Long.toUnsignedString(resolution.unitsPerSecond())));
        long limit = lastSecond.multiply(BigInteger.valueOf(1_000_000_000L))
                .min(BigInteger.valueOf(4_000_000_000_000_000_000L)).longValueExact();
        if (limit < 4_000_000_000_000_000_000L) {
            assertThatThrownBy(() -> resolution.fromNanos(4_000_000_000_000_000_000L))
                    .hasMessageContaining("does not fit 64 bits");
        }
        Random random = new Random(base * 100L + exponent);
        for (int i = 0; i < 1000; i++) {
            long nanos = random.nextLong(0, limit);
            long back = resolution.toNanos(resolution.fromNanos(nanos), 0);
            if (base == 10 && exponent >= 9) {
                assertThat(back).isEqualTo(nanos);
            } else {
                // A coarser unit keeps the time to within one of its units, never later.
                BigInteger unitNanos = BigInteger.valueOf(1_000_000_000L).multiply(BigInteger.ONE)
                        .divide(new BigInteger(Long.toUnsignedString(resolution.unitsPerSecond())));
                assertThat(back).isLessThanOrEqualTo(nanos);
                assertThat(BigInteger.valueOf(nanos - back)).isLessThanOrEqualTo(unitNanos.add(BigInteger.ONE));
            }
        }
    }
}
