package dev.jfilter.testpcaps.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The encapsulation headers put their fields where libpcap reads them (gencode.c gen_vlan_vid_test, gen_mpls,
 * gen_mpls_linktype, gen_pppoes, gen_geneve_check, gen_geneve_offsets, and master's gen_vxlan_check).
 */
class EncapBuildersTest {
    private static final byte[] MAC_A = Addr.mac("00:11:22:33:44:55");
    private static final byte[] MAC_B = Addr.mac("00:11:22:33:44:66");

    private static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    private static int u16(byte[] b, int i) {
        return u8(b, i) << 8 | u8(b, i + 1);
    }

    private static long u32(byte[] b, int i) {
        return (long) u16(b, i) << 16 | u16(b, i + 2);
    }

    private static LinkPayload ipv4() {
        return LinkPayload.ethernet(Ipv4.ETHERTYPE, Ipv4.of(Addr.v4("10.0.0.1"), Addr.v4("10.0.0.2"))
                .payload(Tcp.ports(1024, 80).build()).build(), MAC_A, "IPv4 TCP");
    }

    @Test
    void tciPacksPriorityDeiAndId() {
        assertThat(Encap.tci(0, false, 100)).isEqualTo(100);
        assertThat(Encap.tci(7, true, 4095)).isEqualTo(0xffff);
        assertThat(Encap.tci(5, false, 1) & 0x0fff).isEqualTo(1);
        assertThat(Encap.tci(5, false, 1) >>> 13).isEqualTo(5);
        assertThat(Encap.tci(0, true, 0)).isEqualTo(0x1000);
    }

    @Test
    void stackedTagsPutTpidTciAndInnerTypeAtTheOffsetsVlanMovesTo() {
        LinkPayload qinq = Encap.vlan(Encap.TPID_8021AD, Encap.tci(3, false, 10), Encap.vlan(Encap.TPID_8021Q,
                Encap.tci(0, true, 20), ipv4()));
        byte[] f = qinq.toEthernet(MAC_B, false);
        // gen_vlan: the TPID at off_linktype (12), the VLAN id in the low 12 bits at off_linkpl (14); both move 4.
        assertThat(u16(f, 12)).isEqualTo(0x88a8);
        assertThat(u16(f, 14) & 0x0fff).isEqualTo(10);
        assertThat(u16(f, 16)).isEqualTo(0x8100);
        assertThat(u16(f, 18) & 0x0fff).isEqualTo(20);
        assertThat(u16(f, 20)).isEqualTo(0x0800);
        assertThat(u8(f, 22)).isEqualTo(0x45);
        assertThat(f).hasSize(14 + 8 + ipv4().bytes().length);
    }

    @Test
    void aTaggedLlcFrameCarriesItsLengthAsTheInnerType() {
        LinkPayload llc = LinkPayload.llc(Link.llc(0x42, 0x42, 0x03, new byte[35]), MAC_A, "STP");
        byte[] f = Encap.vlan(Encap.TPID_9100, 0, llc).toEthernet(MAC_B, false);
        assertThat(u16(f, 12)).isEqualTo(0x9100);
        assertThat(u16(f, 16)).isEqualTo(38);
        assertThat(u8(f, 18)).isEqualTo(0x42);
    }

    @Test
    void labelStackEntriesCarryLabelTcBottomAndTtl() {
        long e = Encap.label(0xfffff, 5, true, 64);
        assertThat(e >>> 12).isEqualTo(0xfffff);
        assertThat((e >>> 9) & 7).isEqualTo(5);
        assertThat(e & 0x100).isEqualTo(0x100);
        assertThat(e & 0xff).isEqualTo(64);
        byte[] f = Encap.mpls(Encap.MPLS_UNICAST, new long[] {Encap.label(100, 0, false, 64), Encap.label(17, 0,
                true, 1)}, ipv4().bytes(), MAC_A, "x").toEthernet(MAC_B, false);
        // gen_mpls: the label at off_nl (14, then 18), compared under 0xfffff000; the bottom bit at off_nl - 2.
        assertThat(u32(f, 14) & 0xfffff000L).isEqualTo(100L << 12);
        assertThat(u32(f, 18) & 0xfffff000L).isEqualTo(17L << 12);
        assertThat(u8(f, 16) & 1).isZero();
        assertThat(u8(f, 20) & 1).isOne();
        assertThat(u8(f, 22) & 0xf0).isEqualTo(0x40);
    }

    @Test
    void pppoeSessionPutsTheSessionIdAndThePppProtocolWhereLibpcapReadsThem() {
        byte[] f = EncapTraffic.session(0x1234, Encap.PPP_IPV6, ipv4()).toEthernet(MAC_A, false);
        assertThat(u16(f, 12)).isEqualTo(0x8864);
        assertThat(u8(f, 14)).isEqualTo(0x11);
        assertThat(u8(f, 15)).isZero();
        // gen_pppoes: the session id is the low 16 bits of the word at off_linkpl; the PPP protocol 6 bytes in.
        assertThat(u32(f, 14) & 0xffff).isEqualTo(0x1234);
        assertThat(u16(f, 18)).isEqualTo(f.length - 20);
        assertThat(u16(f, 20)).isEqualTo(0x0057);
        assertThat(u8(f, 22)).isEqualTo(0x45);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 5, 31, 32, 33, 63})
    void geneveOptionsFillExactlyTheAnnouncedWords(int words) {
        byte[] options = Encap.geneveOptions(words, 0x0102, new byte[] {1, 2, 3});
        assertThat(options).hasSize(words * 4);
        byte[] g = Encap.geneve(0, words, false, true, Encap.TEB, 0xabcdef, options);
        // gen_geneve_offsets: header length = (first byte & 0x3f) * 4 + 8.
        assertThat((u8(g, 0) & 0x3f) * 4 + 8).isEqualTo(g.length);
        assertThat(u8(g, 0) & 0xc0).isZero();
        assertThat(u8(g, 1)).isEqualTo(0x40);
        assertThat(u16(g, 2)).isEqualTo(0x6558);
        assertThat(u32(g, 4) & 0xffffff00L).isEqualTo(0xabcdefL << 8);
        // Each option's length field counts the data words that follow its 4-byte header.
        int at = 8;
        while (at < g.length) {
            at += 4 + (u8(g, at + 3) & 0x1f) * 4;
        }
        assertThat(at).isEqualTo(g.length);
    }

    @Test
    void geneveVersionLivesInTheTopTwoBits() {
        assertThat(u8(Encap.geneve(3, 0, false, false, 0x0800, 1, new byte[0]), 0)).isEqualTo(0xc0);
        assertThat(u8(Encap.geneve(1, 63, false, false, 0x0800, 1, new byte[0]), 0)).isEqualTo(0x7f);
    }

    @Test
    void vxlanHeaderHasFlagsThenVni() {
        byte[] v = Encap.vxlan(0x08, 12345);
        assertThat(v).hasSize(8);
        assertThat(u8(v, 0)).isEqualTo(0x08);
        assertThat(u32(v, 4)).isEqualTo(12345L << 8);
    }

    @Test
    void tunnelsGoToTheirUdpPortAfterTheOuterHeader() {
        EncapTraffic t = traffic(7);
        int v4 = 0;
        int v6 = 0;
        for (int i = 0; i < 200; i++) {
            LinkPayload g = i % 2 == 0 ? t.geneve() : t.vxlan();
            byte[] b = g.bytes();
            int port = i % 2 == 0 ? Encap.GENEVE_PORT : Encap.VXLAN_PORT;
            if (g.etherType() == Ipv4.ETHERTYPE) {
                v4++;
                int ihl = (u8(b, 0) & 0xf) * 4;
                assertThat(u8(b, 9)).isEqualTo(17);
                assertThat(u16(b, ihl + 2)).isEqualTo(port);
            } else {
                v6++;
                assertThat(g.etherType()).isEqualTo(Ipv6.ETHERTYPE);
                assertThat(u8(b, 6)).isEqualTo(17);
                assertThat(u16(b, 42)).isEqualTo(port);
            }
        }
        assertThat(v4).isGreaterThan(50);
        assertThat(v6).isGreaterThan(20);
    }

    @Test
    void sweepsAreTheSameForTheSameSeed() {
        List<String> a = traffic(1).geneveSweep().stream().map(LinkPayload::note).toList();
        List<String> b = traffic(1).geneveSweep().stream().map(LinkPayload::note).toList();
        assertThat(a).isEqualTo(b).isNotEmpty();
    }

    private static EncapTraffic traffic(long seed) {
        Pools p = new Pools(new Random(seed));
        IpTraffic ip = new IpTraffic(p);
        return new EncapTraffic(p, ip, new NonIpTraffic(p, ip));
    }
}
