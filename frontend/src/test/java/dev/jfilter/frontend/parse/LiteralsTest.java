package dev.jfilter.frontend.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The conversions of literal tokens, against libpcap's stoulen(), pcap_atoin(), glibc inet_pton() and atomac48. */
class LiteralsTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "0, 0", "7, 7", "4294967295, 4294967295", "0x0, 0", "0xff, 255", "0XfF, 255", "0xffffffff, 4294967295",
        "00, 0", "010, 8", "037777777777, 4294967295", "0037777777777, 4294967295", "000000000000001, 1",
        "icmptype, 0", "icmpcode, 1", "icmp-echoreply, 0", "icmp-echo, 8", "icmp-maskreply, 18",
        "icmp6type, 0", "icmp6code, 1", "icmp6-destinationunreach, 1", "icmp6-echo, 128",
        "icmp6-multicastrouterterm, 153", "tcpflags, 13", "tcp-fin, 1", "tcp-syn, 2", "tcp-rst, 4", "tcp-push, 8",
        "tcp-ack, 16", "tcp-urg, 32", "tcp-ece, 64", "tcp-cwr, 128",
    })
    void numbers(String text, long value) {
        assertThat(NumberLiteral.parse(text)).isEqualTo(new Literal.Value(value));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "4294967296 | decimal number 4294967296 overflows 32 bits",
        "99999999999999999999 | decimal number 99999999999999999999 overflows 32 bits",
        "0x100000000 | hexadecimal number 0x100000000 overflows 32 bits",
        "0X100000000 | hexadecimal number 0X100000000 overflows 32 bits",
        "0040000000000 | octal number 0040000000000 overflows 32 bits",
        "003777777777778 | octal number 003777777777778 overflows 32 bits",
        "08 | number 08 contains non-octal digit",
        "0037777777779 | number 0037777777779 contains non-octal digit",
        "0x1g | number 0x1g contains non-hex digit",
        "1a | number 1a contains non-decimal digit",
    })
    void invalidNumbers(String text, String message) {
        assertThat(NumberLiteral.stoulen(text)).isEqualTo(new Literal.Invalid(message));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "10.1, 2561, 16", "10.1.2, 655618, 24", "1.2.3.4, 16909060, 32", "255.255.255.255, 4294967295, 32",
        "010.1, 2561, 16", "12.500, 0, 0", "256.1, 0, 0", "0x1.2, 0, 0", "1.0xa, 0, 0",
    })
    void ipv4AsPcapAtoin(String text, long value, int bits) {
        assertThat(Ipv4Text.atoin(text)).isEqualTo(new Ipv4Text.Parsed(value, bits));
    }

    /** Expected values from glibc's inet_pton (python3 socket.inet_pton on the build machine). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "::, 00000000000000000000000000000000",
        "::1, 00000000000000000000000000000001",
        "1::, 00010000000000000000000000000000",
        "1:2:3:4:5:6:7:8, 00010002000300040005000600070008",
        "1:2:3:4:5:6:7::, 00010002000300040005000600070000",
        "::2:3:4:5:6:7:8, 00000002000300040005000600070008",
        "1:2:3:4:5:6:1.2.3.4, 00010002000300040005000601020304",
        "::ffff:1.2.3.4, 00000000000000000000ffff01020304",
        "1:2:3:4:5::1.2.3.4, 00010002000300040005000001020304",
        "ffff::, ffff0000000000000000000000000000",
        "fe80::256.1.2.3, INVALID",
        "fe80::01.2.3.4, INVALID",
        "fe80::0x1.2.3.4, INVALID",
        "1:2:3:4:5:6:7:8:9, INVALID",
        "12345::1, INVALID",
        "1::2::3, INVALID",
        ":1, INVALID",
        "1:, INVALID",
        "::1.2.3, INVALID",
        "::1.2.3.4.5, INVALID",
        "1:2:3:4:5:6:7::1.2.3.4, INVALID",
    })
    void ipv6AsInetPton(String text, String hex) {
        Optional<Ipv6Text.Bits> bits = Ipv6Text.parse(text);
        if (hex.equals("INVALID")) {
            assertThat(bits).isEmpty();
        } else {
            byte[] b = HexFormat.of().parseHex(hex);
            long high = 0;
            long low = 0;
            for (int i = 0; i < 8; i++) {
                high = (high << 8) | (b[i] & 0xff);
                low = (low << 8) | (b[i + 8] & 0xff);
            }
            assertThat(bits).contains(new Ipv6Text.Bits(high, low));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "aa:bb:cc:dd:ee:ff, aabbccddeeff", "1:2:3:4:5:6, 010203040506", "a-b-c-d-e-f, 0a0b0c0d0e0f",
        "AA.bb.0C.d.e.f, aabb0c0d0e0f", "aabb.ccdd.eeff, aabbccddeeff", "a.bb.c.dd.e.ff, 0abb0cdd0eff",
        "001122334455, 001122334455",
    })
    void macAddresses(String text, String hex) {
        assertThat(MacText.parse(text)).isEqualTo(Long.parseLong(hex, 16));
    }
}
