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

    private static <T extends Comparable<T>> Set<T> values(List<PcapFile.Record> rs, Function<PcapFile.Record, T> f) {
        return rs.stream().map(f).filter(v -> v != null).collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest
    @EnumSource(TestPcap.class)
    void sizeAndTruncationCorners(TestPcap pcap) {
        List<PcapFile.Record> rs = records(pcap);
        assertThat(rs.size()).isBetween(300, 3000);
        assertThat(rs).allMatch(r -> r.caplen() <= r.wireLength() && r.caplen() <= 262144);
        assertThat(rs).as("truncated captures").anyMatch(r -> r.caplen() < r.wireLength());
        assertThat(rs).as("empty captures").anyMatch(r -> r.caplen() == 0);
        assertThat(rs).as("1-byte captures").anyMatch(r -> r.caplen() == 1);
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

    private static List<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }
}
