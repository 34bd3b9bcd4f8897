package dev.jfilter.testpcaps.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Field positions of the builders checked against the offsets libpcap reads (pcap-filter(7), gencode.c). */
class PacketBuildersTest {
    private static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    private static int u16(byte[] b, int i) {
        return u8(b, i) << 8 | u8(b, i + 1);
    }

    @Test
    void ipv4HeaderFields() {
        byte[] p = Ipv4.of(Addr.v4("10.0.0.1"), Addr.v4("224.0.0.5")).ttl(1).id(0x1234).dontFragment(true)
                .payload(Transport.udp(53, 80, new byte[4])).build();
        assertThat(u8(p, 0)).isEqualTo(0x45);
        assertThat(u16(p, 2)).isEqualTo(p.length).isEqualTo(20 + 8 + 4);
        assertThat(u16(p, 6)).isEqualTo(0x4000);
        assertThat(u8(p, 8)).isEqualTo(1);
        assertThat(u8(p, 9)).isEqualTo(17);
        assertThat(Checksums.internet(p, 0, 20)).isZero();
        assertThat(u16(p, 20)).isEqualTo(53);
        assertThat(u16(p, 22)).isEqualTo(80);
        assertThat(Checksums.pseudoHeader(Addr.v4("10.0.0.1"), Addr.v4("224.0.0.5"), 17,
                java.util.Arrays.copyOfRange(p, 20, p.length))).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 5, 6, 15})
    void ihlOverrideOnlyChangesTheNibble(int ihl) {
        byte[] p = Ipv4.of(Addr.v4("10.0.0.1"), Addr.v4("10.0.0.2")).ihl(ihl).payload(6, new byte[20]).build();
        assertThat(u8(p, 0)).isEqualTo(0x40 | ihl);
        assertThat(p).hasSize(40);
    }

    @Test
    void optionsArePaddedAndCountedInTheIhl() {
        byte[] p = Ipv4.of(Addr.v4("10.0.0.1"), Addr.v4("10.0.0.2")).options(new byte[] {(byte) 0x94, 4, 0, 0, 1})
                .payload(6, new byte[0]).build();
        assertThat(u8(p, 0) & 0xf).isEqualTo(7);
        assertThat(p).hasSize(28);
        assertThat(u8(p, 20)).isEqualTo(0x94);
    }

    @Test
    void fragmentFieldsMatchIp6_2Mask() {
        byte[] first = Ipv4.of(new byte[4], new byte[4]).fragment(0, true).payload(17, new byte[8]).build();
        byte[] later = Ipv4.of(new byte[4], new byte[4]).fragment(185, false).payload(17, new byte[8]).build();
        assertThat(u16(first, 6) & 0x1fff).isZero();
        assertThat(u16(first, 6) & 0x2000).isNotZero();
        assertThat(u16(later, 6) & 0x1fff).isEqualTo(185);
        assertThat(u16(later, 6) & 0x2000).isZero();
    }

    @Test
    void ipv6ExtensionChainLinksEveryNextHeader() {
        Payload tcp = Tcp.ports(1024, 80).flags(Tcp.SYN).build();
        byte[] p = Ipv6.of(Addr.v6("2001:db8::1"), Addr.v6("ff02::1"))
                .ext(new Ipv6Ext.HopByHop(new byte[] {5, 2, 0, 0}))
                .ext(new Ipv6Ext.Routing(0, 1, List.of(Addr.v6("2001:db8::2"))))
                .ext(new Ipv6Ext.Fragment(0, false, 1))
                .ext(new Ipv6Ext.Authentication(1, 1, 12))
                .ext(new Ipv6Ext.DestinationOptions(new byte[0]))
                .payload(tcp).build();
        assertThat(u8(p, 0) >> 4).isEqualTo(6);
        assertThat(u16(p, 4)).isEqualTo(p.length - 40);
        assertThat(u8(p, 24)).isEqualTo(0xff);
        // Walk the chain the RFC 8200 way (AH lengths in 4-byte units, the others in 8-byte units).
        List<Integer> seen = new ArrayList<>();
        int nh = u8(p, 6);
        int off = 40;
        while (nh == 0 || nh == 43 || nh == 44 || nh == 51 || nh == 60) {
            seen.add(nh);
            int len = nh == 51 ? (u8(p, off + 1) + 2) * 4 : nh == 44 ? 8 : (u8(p, off + 1) + 1) * 8;
            nh = u8(p, off);
            off += len;
        }
        assertThat(seen).containsExactly(0, 43, 44, 51, 60);
        assertThat(nh).isEqualTo(6);
        assertThat(u16(p, off + 2)).isEqualTo(80);
        assertThat(u8(p, off + 13)).isEqualTo(Tcp.SYN);
    }

    @Test
    void ipv6FragmentHeaderCarriesOffsetAndMoreFlag() {
        byte[] p = Ipv6.of(new byte[16], new byte[16]).ext(new Ipv6Ext.Fragment(100, true, 7)).payload(17, new byte[8])
                .build();
        assertThat(u8(p, 6)).isEqualTo(44);
        assertThat(u8(p, 40)).isEqualTo(17);
        assertThat(u16(p, 42)).isEqualTo(100 << 3 | 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4, 5, 15})
    void tcpDataOffsetAndFlagsSitWhereTcpTcpflagsReads(int words) {
        byte[] seg = Tcp.ports(80, 443).flags(Tcp.SYN | Tcp.ACK).dataOffset(words).build().bytes();
        assertThat(u8(seg, 12) >> 4).isEqualTo(words);
        assertThat(u8(seg, 13)).isEqualTo(0x12);
        assertThat(u16(seg, 0)).isEqualTo(80);
    }

    @Test
    void linuxCookedHeadersPutTypeProtocolAndIfindexWhereLibpcapLooks() {
        byte[] sll = Link.sll(Link.OUTGOING, 1, Addr.mac("00:11:22:33:44:55"), 0x86dd, new byte[] {0x60});
        assertThat(u16(sll, 0)).isEqualTo(4);
        assertThat(u16(sll, 2)).isEqualTo(1);
        assertThat(u16(sll, 4)).isEqualTo(6);
        assertThat(u16(sll, 14)).isEqualTo(0x86dd);
        assertThat(u8(sll, 16)).isEqualTo(0x60);
        byte[] sll2 = Link.sll2(0x0800, 0x01020304L, 1, Link.OUTGOING, new byte[6], new byte[] {0x45});
        assertThat(u16(sll2, 0)).isEqualTo(0x0800);
        assertThat(u16(sll2, 4) << 16 | u16(sll2, 6)).isEqualTo(0x01020304);
        assertThat(u8(sll2, 10)).isEqualTo(4);
        assertThat(u8(sll2, 20)).isEqualTo(0x45);
    }

    @Test
    void loopbackHeadersInBothByteOrders() {
        assertThat(Link.nullHeader(24, true, new byte[0])).containsExactly(24, 0, 0, 0);
        assertThat(Link.nullHeader(24, false, new byte[0])).containsExactly(0, 0, 0, 24);
        assertThat(Link.loopHeader(2, new byte[0])).containsExactly(0, 0, 0, 2);
    }

    @Test
    void ieee8023FrameHasLengthFieldAndLlcAt14() {
        byte[] f = Link.ieee8023(new byte[6], new byte[6], Link.llc(0x42, 0x42, 0x03, new byte[35]));
        assertThat(u16(f, 12)).isEqualTo(38);
        assertThat(u16(f, 14)).isEqualTo(0x4242);
        byte[] snap = Link.snap(0x080007, 0x809b, new byte[0]);
        assertThat(snap).containsExactly(0xaa, 0xaa, 0x03, 0x08, 0x00, 0x07, 0x80, 0x9b);
    }

    @Test
    void decnetAddressesWhereGenDnhostopReadsThem() {
        int a = NonIp.decnetAddress(1, 10);
        int b = NonIp.decnetAddress(2, 5);
        // gen_dnhostop: flags at payload+2 (+1 when padded); short header dst at +1, src at +3; long header dst at
        // +7, src at +15; addresses little-endian.
        byte[] shortNoPad = NonIp.decnetData(false, false, a, b, new byte[0]);
        assertThat(u8(shortNoPad, 2) & 7).isEqualTo(2);
        assertThat(u8(shortNoPad, 3) | u8(shortNoPad, 4) << 8).isEqualTo(a);
        assertThat(u8(shortNoPad, 5) | u8(shortNoPad, 6) << 8).isEqualTo(b);
        byte[] longPad = NonIp.decnetData(true, true, a, b, new byte[0]);
        assertThat(u16(longPad, 2) & 0xff07).isEqualTo(0x8106);
        assertThat(u8(longPad, 3 + 7) | u8(longPad, 3 + 8) << 8).isEqualTo(a);
        assertThat(u8(longPad, 3 + 15) | u8(longPad, 3 + 16) << 8).isEqualTo(b);
        assertThat(u8(longPad, 0) | u8(longPad, 1) << 8).isEqualTo(longPad.length - 2);
    }

    @Test
    void isisPduTypeIsFourBytesAfterTheNlpid() {
        byte[] pdu = NonIp.isis(0xe0 | 15, 27, new byte[19]);
        assertThat(u8(pdu, 0)).isEqualTo(0x83);
        assertThat(u8(pdu, 4) & 0x1f).isEqualTo(15);
        assertThat(u8(pdu, 4) & 0xe0).isEqualTo(0xe0);
    }

    @Test
    void arpAddressesAtTheOffsetsArpHostTests() {
        byte[] arp = NonIp.arp(1, new byte[6], Addr.v4("10.0.0.1"), new byte[6], Addr.v4("192.168.1.1"));
        assertThat(u16(arp, 6)).isEqualTo(1);
        assertThat(u16(arp, 14) << 16 | u16(arp, 16)).isEqualTo(0x0a000001);
        assertThat(u16(arp, 24) << 16 | u16(arp, 26)).isEqualTo(0xc0a80101);
    }

    @Test
    void sctpCarriesAValidCrc32c() {
        byte[] p = Transport.sctp(2905, 2905, 1, Transport.sctpChunk(1, 0, new byte[16])).bytes();
        long stored = (long) u16(p, 8) << 16 | u16(p, 10);
        byte[] zeroed = p.clone();
        zeroed[8] = zeroed[9] = zeroed[10] = zeroed[11] = 0;
        assertThat(stored).isEqualTo(Checksums.sctp(zeroed));
        assertThat(u8(p, 12)).isEqualTo(1);
    }

    @Test
    void ahPayloadGetsItsInnerChecksumOverThePseudoHeader() {
        byte[] src = Addr.v4("10.0.0.1");
        byte[] dst = Addr.v4("10.0.0.2");
        byte[] p = Ipv4.of(src, dst).payload(Transport.ah(1, 1, Transport.udp(53, 53, new byte[3]))).build();
        assertThat(u8(p, 9)).isEqualTo(51);
        assertThat(u8(p, 20)).isEqualTo(17);
        int ahLength = (u8(p, 21) + 2) * 4;
        assertThat(Checksums.pseudoHeader(src, dst, 17, java.util.Arrays.copyOfRange(p, 20 + ahLength, p.length)))
                .isZero();
    }
}
