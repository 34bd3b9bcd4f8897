package dev.jfilter.testpcaps.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChecksumsTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void rfc1071Example() {
        // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to ddf2 (with carries); the checksum is ~ddf2.
        assertThat(Checksums.internet(hex("0001 f203 f4f5 f6f7"))).isEqualTo(0x220d);
    }

    @Test
    void ipv4HeaderExample() {
        assertThat(Checksums.internet(hex("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7"))).isEqualTo(0xb861);
    }

    @Test
    void oddLengthPadsWithZero() {
        assertThat(Checksums.internet(hex("01"))).isEqualTo(~0x0100 & 0xffff);
    }

    @Test
    void crc32cCheckValueInSctpByteOrder() {
        // CRC32c("123456789") = 0xe3069283 (RFC 3720 B.4); SCTP puts its bytes in reflected order.
        assertThat(Checksums.sctp("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x839206e3L);
    }

    @Test
    void pseudoHeaderChecksumVerifiesToZero() {
        byte[] src = Addr.v4("10.0.0.1");
        byte[] dst = Addr.v4("192.168.1.2");
        byte[] seg = Payload.raw(17, Transport.udp(53, 1024, new byte[] {1, 2, 3}).bytes()).bytes();
        int c = Checksums.pseudoHeader(src, dst, 17, seg);
        seg[6] = (byte) (c >>> 8);
        seg[7] = (byte) c;
        assertThat(Checksums.pseudoHeader(src, dst, 17, seg)).isZero();
    }
}
