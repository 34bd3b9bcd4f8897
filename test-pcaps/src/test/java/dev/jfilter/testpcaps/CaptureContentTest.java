package dev.jfilter.testpcaps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The committed captures hold what the differential tests need: both sides of every test the corpus makes. Read
 * with an independent parser from the committed bytes.
 */
class CaptureContentTest {
    private static List<PcapFile.Record> records(TestPcap... pcaps) {
        return java.util.Arrays.stream(pcaps).flatMap(p -> PcapFile.parse(p.bytes()).records().stream()).toList();
    }

    private static <R, T extends Comparable<T>> Set<T> values(List<R> rs, Function<R, T> f) {
        return rs.stream().map(f).filter(v -> v != null).collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest
    @EnumSource(TestPcap.class)
    void sizeAndTruncationCorners(TestPcap pcap) {
        List<PcapFile.Record> rs = records(pcap);
        assertThat(rs.size()).isBetween(300, 3000);
        assertThat(rs).allMatch(r -> r.caplen() <= r.wireLength() && r.caplen() <= 262144);
        assertThat(rs).as("truncated captures").anyMatch(r -> r.caplen() < r.wireLength());
        // A SunATM record holds at least the 4-byte pseudo-header: Wireshark refuses a shorter one as corrupt.
        int least = pcap == TestPcap.SUNATM ? 4 : 0;
        assertThat(rs).as("empty captures").anyMatch(r -> r.caplen() == least);
        assertThat(rs).as("1-byte captures").anyMatch(r -> r.caplen() == least + 1);
        assertThat(rs).as("records shorter than the pseudo-header").allMatch(r -> r.caplen() >= least);
    }

    @Test
    void ethernetTypeAndLengthValues() {
        List<PcapFile.Record> rs = records(TestPcap.EN10MB_MIXED, TestPcap.EN10MB_CORNERS);
        Set<Integer> types = values(rs, r -> r.u16(12) < 0 ? null : r.u16(12));
        assertThat(types).contains(0x0800, 0x86dd, 0x0806, 0x8035, 0x8137, 0x6001, 0x6002, 0x6003, 0x6004, 0x6007,
                0x809b, 0x80f3, 0x8863, 0x8864, 0x8100, 0x88a8, 0x8847, 0x88cc, 0x0600, 0x05dc, 0x05dd, 0x05ff, 0);
        Set<Integer> dsaps = values(rs, r -> r.u16(12) >= 0 && r.u16(12) <= 1500 ? r.u8(14) : null);
        assertThat(dsaps).contains(0x42, 0xe0, 0xf0, 0xfe, 0xaa, 0x06, 0x04, 0x00, 0xff);
        assertThat(rs).as("runts").anyMatch(r -> r.caplen() > 0 && r.caplen() < 14);
        assertThat(rs).as("broadcast").anyMatch(r -> r.u32(0) == 0xffffffffL && r.u16(4) == 0xffff);
        assertThat(rs).as("multicast").anyMatch(r -> r.u8(0) == 0x01);
        assertThat(rs).as("unicast").anyMatch(r -> r.u8(0) == 0x00);
    }

    @Test
    void ethernetIpv4Corners() {
        List<PcapFile.Record> v4 = records(TestPcap.EN10MB_MIXED, TestPcap.EN10MB_CORNERS).stream()
                .filter(r -> r.u16(12) == 0x0800 && r.caplen() >= 34).toList();
        assertThat(values(v4, r -> r.u8(14) & 0x0f)).as("IHL").containsAll(range(0, 15));
        assertThat(values(v4, r -> r.u8(14) >> 4)).as("versions").contains(0, 4, 5, 6, 15);
        assertThat(values(v4, r -> r.u8(23))).as("protocols").containsAll(range(0, 255));
        assertThat(v4).as("first fragment").anyMatch(r -> (r.u16(20) & 0x2000) != 0 && (r.u16(20) & 0x1fff) == 0);
        assertThat(v4).as("middle fragment").anyMatch(r -> (r.u16(20) & 0x2000) != 0 && (r.u16(20) & 0x1fff) != 0);
        assertThat(v4).as("last fragment").anyMatch(r -> (r.u16(20) & 0x2000) == 0 && (r.u16(20) & 0x1fff) != 0);
        assertThat(v4).as("non-first TCP fragment with port 80 bytes").anyMatch(r -> r.u8(23) == 6
                && (r.u16(20) & 0x1fff) != 0 && r.u16(14 + 4 * (r.u8(14) & 0xf) + 2) == 80);
        assertThat(v4).as("multicast destination").anyMatch(r -> (r.u8(30) & 0xf0) == 0xe0);
        assertThat(v4).as("limited broadcast").anyMatch(r -> r.u32(30) == 0xffffffffL);
        assertThat(values(v4, r -> r.u8(22))).as("TTLs").contains(1, 64, 255);
    }

    @Test
    void ethernetIpv6Corners() {
        List<PcapFile.Record> v6 = records(TestPcap.EN10MB_MIXED, TestPcap.EN10MB_CORNERS).stream()
                .filter(r -> r.u16(12) == 0x86dd && r.caplen() >= 54).toList();
        assertThat(values(v6, r -> r.u8(20))).as("next headers").containsAll(range(0, 255));
        assertThat(v6).as("fragment header before TCP").anyMatch(r -> r.u8(20) == 44 && r.u8(54) == 6);
        assertThat(v6).as("fragment header before UDP").anyMatch(r -> r.u8(20) == 44 && r.u8(54) == 17);
        assertThat(v6).as("hop-by-hop before ICMPv6").anyMatch(r -> r.u8(20) == 0 && r.u8(54) == 58);
        assertThat(v6).as("multicast destination").anyMatch(r -> r.u8(38) == 0xff);
        assertThat(values(v6.stream().filter(r -> r.u8(20) == 58).toList(), r -> r.u8(54))).as("ICMPv6 types")
                .contains(1, 2, 3, 4, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 143);
    }

    @Test
    void rawMixesVersions() {
        Set<Integer> versions = values(records(TestPcap.RAW), r -> r.caplen() > 0 ? r.u8(0) >> 4 : null);
        assertThat(versions).contains(4, 6, 0, 5, 7, 15);
        assertThat(values(records(TestPcap.IPV4), r -> r.caplen() > 0 ? r.u8(0) >> 4 : null)).contains(4, 6);
        assertThat(values(records(TestPcap.IPV6), r -> r.caplen() > 0 ? r.u8(0) >> 4 : null)).contains(6, 4);
        long fours = records(TestPcap.IPV4).stream().filter(r -> r.u8(0) >> 4 == 4).count();
        assertThat(fours).isGreaterThan(records(TestPcap.IPV4).size() * 8L / 10);
    }

    @Test
    void linuxSllHasEveryPacketTypeAndTheLlcProtocols() {
        List<PcapFile.Record> rs = records(TestPcap.LINUX_SLL);
        assertThat(values(rs, r -> r.u16(0) < 0 ? null : r.u16(0))).containsAll(range(0, 4));
        Set<Integer> protocols = values(rs, r -> r.u16(14) < 0 ? null : r.u16(14));
        assertThat(protocols).contains(0x0001, 0x0004, 0x0800, 0x86dd, 0x0806, 0x8035, 0x8137, 0x6003, 0x809b);
        assertThat(rs).as("802.2 with STP").anyMatch(r -> r.u16(14) == 4 && r.u16(16) == 0x4242);
        assertThat(rs).as("802.2 with ISO").anyMatch(r -> r.u16(14) == 4 && r.u16(16) == 0xfefe);
        assertThat(values(rs, r -> r.u16(2) < 0 ? null : r.u16(2))).as("ARPHRD").contains(1, 772, 65534);
    }

    @Test
    void linuxSll2HasPacketTypesAndInterfaceIndexes() {
        List<PcapFile.Record> rs = records(TestPcap.LINUX_SLL2);
        assertThat(values(rs, r -> r.caplen() >= 11 ? r.u8(10) : null)).containsAll(range(0, 4));
        assertThat(values(rs, r -> r.u32(4) < 0 ? null : r.u32(4))).contains(0L, 1L, 2L, 3L, 4L, 100L,
                0xffffffffL);
        assertThat(values(rs, r -> r.u16(0) < 0 ? null : r.u16(0))).contains(0x0004, 0x0800, 0x86dd, 0x0806);
    }

    @Test
    void nullHasEveryAddressFamilyInBothByteOrders() {
        Set<Long> afs = values(records(TestPcap.NULL), r -> r.u32(0) < 0 ? null : r.u32(0));
        for (long af : new long[] {2, 10, 24, 28, 30}) {
            assertThat(afs).as("AF %d", af).contains(af, Long.reverseBytes(af) >>> 32);
        }
    }

    @Test
    void loopHasNetworkOrderFamiliesAndAFewLittleEndianOnes() {
        Set<Long> afs = values(records(TestPcap.LOOP), r -> r.u32(0) < 0 ? null : r.u32(0));
        assertThat(afs).contains(2L, 10L, 24L, 28L, 30L, 0x02000000L, 0x18000000L);
    }

    @Test
    void ethernetEncapsulations() {
        List<PcapFile.Record> rs = records(TestPcap.EN10MB_ENCAP);
        assertThat(values(rs, r -> r.u16(12) < 0 ? null : r.u16(12))).as("types").contains(0x8100, 0x88a8, 0x9100,
                0x8847, 0x8848, 0x8863, 0x8864, 0x0800, 0x86dd, 0x0806, 0x8200);
        List<PcapFile.Record> tagged = rs.stream().filter(r -> isTpid(r.u16(12))).toList();
        assertThat(values(tagged, r -> r.u16(14) < 0 ? null : r.u16(14) & 0xfff)).as("VLAN ids")
                .contains(0, 1, 2, 10, 20, 100, 200, 1000, 4094, 4095);
        assertThat(values(tagged, r -> r.u16(14) < 0 ? null : r.u16(14) >> 12)).as("priority and DEI bits")
                .containsAll(range(0, 15));
        assertThat(values(tagged, r -> r.u16(16) < 0 ? null : r.u16(16))).as("second type")
                .contains(0x8100, 0x88a8, 0x9100, 0x0800, 0x86dd, 0x0806, 0x8847, 0x8863, 0x8864);
        assertThat(tagged).as("three tags").anyMatch(r -> isTpid(r.u16(16)) && isTpid(r.u16(20)));
        assertThat(tagged).as("four tags").anyMatch(r -> isTpid(r.u16(16)) && isTpid(r.u16(20)) && isTpid(r.u16(24)));
        assertThat(tagged).as("an 802.3 length behind a tag").anyMatch(r -> r.u16(16) >= 0 && r.u16(16) <= 1500);

        List<PcapFile.Record> mpls = rs.stream().filter(r -> r.u16(12) == 0x8847 && r.caplen() >= 18).toList();
        assertThat(values(mpls, r -> r.u32(14) >>> 12)).as("labels").contains(0L, 1L, 2L, 16L, 17L, 100L, 100000L,
                0xfffffL);
        assertThat(mpls).as("one label").anyMatch(r -> (r.u8(16) & 1) == 1);
        assertThat(mpls).as("two labels, bottom right").anyMatch(r -> (r.u8(16) & 1) == 0 && (r.u8(20) & 1) == 1);
        assertThat(mpls).as("three labels").anyMatch(r -> (r.u8(16) & 1) == 0 && (r.u8(20) & 1) == 0
                && (r.u8(24) & 1) == 1);
        assertThat(mpls).as("no bottom of stack in three").anyMatch(r -> r.caplen() > 30 && (r.u8(16) & 1) == 0
                && (r.u8(20) & 1) == 0 && (r.u8(24) & 1) == 0);
        assertThat(values(mpls.stream().filter(r -> (r.u8(16) & 1) == 1).toList(), r -> r.u8(18) >> 4))
                .as("versions behind one label").contains(4, 6, 0, 5, 7, 15);

        List<PcapFile.Record> pppoed = rs.stream().filter(r -> r.u16(12) == 0x8863).toList();
        assertThat(values(pppoed, r -> r.u8(15))).as("discovery codes").contains(0x09, 0x07, 0x19, 0x65, 0xa7, 0);
        List<PcapFile.Record> pppoes = rs.stream().filter(r -> r.u16(12) == 0x8864).toList();
        assertThat(values(pppoes, r -> r.u16(16))).as("session ids").contains(0, 1, 0x3b, 0x1234, 0xffff);
        assertThat(values(pppoes, r -> r.u16(20))).as("PPP protocols").contains(0x0021, 0x0057, 0xc021, 0x0281);
        assertThat(values(pppoes, r -> r.u8(14))).as("version/type").contains(0x11, 0x12);

        assertThat(values(udpTo(rs, 6081), r -> r.u8(r.offset() + 8) >> 6)).as("Geneve versions")
                .containsAll(range(0, 3));
        assertThat(values(udpTo(rs, 6081), r -> r.u8(r.offset() + 8) & 0x3f)).as("Geneve option words")
                .contains(0, 1, 2, 8, 63);
        assertThat(values(udpTo(rs, 6081), r -> r.u16(r.offset() + 10))).as("Geneve protocol types")
                .contains(0x6558, 0x0800, 0x86dd, 0x8847);
        assertThat(udpTo(rs, 6081)).as("Geneve over IPv4 with options").anyMatch(r -> r.offset() > 34);
        assertThat(udpTo(rs, 6081)).as("Geneve over IPv6").anyMatch(r -> r.u16(12) == 0x86dd);
        assertThat(values(udpTo(rs, 4789), r -> r.u8(r.offset() + 8))).as("VXLAN flags").contains(0x08, 0x00, 0x0c);
        assertThat(values(udpTo(rs, 4789), r -> r.u32(r.offset() + 12) >>> 8)).as("VXLAN VNIs").contains(0L, 42L,
                100L, 101L, 12345L, 0xffffffL);
        assertThat(rs).as("a non-first fragment whose data reads as UDP to 6081").anyMatch(r -> r.u16(12) == 0x0800
                && r.u8(23) == 17 && (r.u16(20) & 0x1fff) != 0 && r.u16(14 + 4 * (r.u8(14) & 0xf) + 2) == 6081);
        assertThat(rs).as("frames cut inside a tag").anyMatch(r -> isTpid(r.u16(12)) && r.caplen() < 18);
    }

    @Test
    void cookedEncapsulations() {
        Set<Integer> sll = values(records(TestPcap.LINUX_SLL_ENCAP), r -> r.u16(14) < 0 ? null : r.u16(14));
        Set<Integer> sll2 = values(records(TestPcap.LINUX_SLL2_ENCAP), r -> r.u16(0) < 0 ? null : r.u16(0));
        for (Set<Integer> protocols : List.of(sll, sll2)) {
            assertThat(protocols).contains(0x8863, 0x8864, 0x8100, 0x88a8, 0x8847, 0x0800, 0x86dd);
        }
    }

    /** An IPv4 or IPv6 packet behind a plain Ethernet header, UDP to {@code port}; offset is the UDP header's. */
    private record Udp(PcapFile.Record record, int offset) {
        int u8(int i) {
            return record.u8(i);
        }

        int u16(int i) {
            return record.u16(i);
        }

        long u32(int i) {
            return record.u32(i);
        }
    }

    private static List<Udp> udpTo(List<PcapFile.Record> rs, int port) {
        List<Udp> out = new java.util.ArrayList<>();
        for (PcapFile.Record r : rs) {
            int at = -1;
            if (r.u16(12) == 0x0800 && r.u8(23) == 17 && r.u16(20) >= 0 && (r.u16(20) & 0x1fff) == 0) {
                at = 14 + 4 * (r.u8(14) & 0xf);
            } else if (r.u16(12) == 0x86dd && r.u8(20) == 17) {
                at = 54;
            }
            if (at > 0 && r.u16(at + 2) == port && r.caplen() >= at + 16) {
                out.add(new Udp(r, at));
            }
        }
        return out;
    }

    private static boolean isTpid(int type) {
        return type == 0x8100 || type == 0x88a8 || type == 0x9100;
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }
}
