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
 * The netANALYZER, DSA-tagged, ARCnet and BACnet MS/TP captures hold every link-header value libpcap's programs
 * for those link types test, on both sides: read with the independent parser from the committed bytes.
 */
class EthernetVariantAndMac8CaptureContentTest {
    private static List<PcapFile.Record> records(TestPcap pcap) {
        return PcapFile.parse(pcap.bytes()).records();
    }

    private static <T extends Comparable<T>> Set<T> values(List<PcapFile.Record> rs,
            Function<PcapFile.Record, T> f) {
        return rs.stream().map(f).filter(v -> v != null).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }

    /** The Ethernet frame inside each record: past the pseudo-header (and preamble and SFD), the DSA tag removed. */
    private static int ethernetStart(TestPcap pcap) {
        return switch (pcap) {
            case NETANALYZER -> 4;
            case NETANALYZER_TRANSPARENT -> 12;
            default -> 0;
        };
    }

    @ParameterizedTest
    @EnumSource(value = TestPcap.class, names = {"NETANALYZER", "NETANALYZER_TRANSPARENT", "DSA_TAG_BRCM",
        "DSA_TAG_DSA"})
    void ethernetVariantsCarryEveryKindOfFrame(TestPcap pcap) {
        List<PcapFile.Record> rs = records(pcap);
        int eth = ethernetStart(pcap);
        int type = eth + 12 + (pcap.name().startsWith("DSA") ? 4 : 0);
        Set<Integer> types = values(rs, r -> r.u16(type) < 0 ? null : r.u16(type));
        assertThat(types).as("EtherTypes and 802.3 lengths").contains(0x0800, 0x86dd, 0x0806, 0x8035, 0x8137,
                0x6003, 0x6004, 0x809b, 0x80f3, 0x8100, 0x88a8, 0x8847, 0x88cc);
        assertThat(types).as("802.3 frames").anyMatch(t -> t <= 1500);
        Set<Integer> dsaps = values(rs, r -> r.u16(type) >= 0 && r.u16(type) <= 1500 ? r.u8(type + 2) : null);
        assertThat(dsaps).as("DSAPs").contains(0x42, 0xe0, 0xf0, 0xfe, 0xaa, 0x06, 0xff);
        assertThat(rs).as("broadcast").anyMatch(r -> r.u32(eth) == 0xffffffffL && r.u16(eth + 4) == 0xffff);
        assertThat(rs).as("multicast").anyMatch(r -> r.u8(eth) == 0x01);
        assertThat(rs).as("unicast").anyMatch(r -> r.u8(eth) == 0x00);
        assertThat(rs).as("cut inside the link header").anyMatch(r -> r.caplen() > 0 && r.caplen() < type + 2);
        assertThat(rs).as("VLAN 2061 over 2014").anyMatch(r -> r.u16(type) == 0x8100
                && (r.u16(type + 2) & 0xfff) == 2061 && (r.u16(type + 6) & 0xfff) == 2014);
    }

    @Test
    void netAnalyzerHeaders() {
        for (TestPcap pcap : List.of(TestPcap.NETANALYZER, TestPcap.NETANALYZER_TRANSPARENT)) {
            List<PcapFile.Record> rs = records(pcap).stream().filter(r -> r.caplen() >= 4).toList();
            assertThat(values(rs, r -> r.u8(0))).as("error flags").contains(0, 1, 2, 4, 8, 0x10, 0x20, 0x40, 0x80);
            assertThat(values(rs, r -> r.u8(1) >> 6)).as("ports").containsAll(range(0, 3));
            assertThat(rs).as("GPIO events").anyMatch(r -> (r.u8(1) & 1) == 1);
            boolean transparent = pcap == TestPcap.NETANALYZER_TRANSPARENT;
            assertThat(rs).as("header version 1 with the transparent flag as the link type says").anyMatch(r ->
                    (r.u8(1) >> 2 & 0xf) == 1 && ((r.u8(1) & 2) != 0) == transparent);
            if (transparent) {
                assertThat(rs).as("preamble and SFD").anyMatch(r -> r.u32(4) == 0x55555555L
                        && r.u32(8) == 0x555555d5L);
            }
        }
    }

    @Test
    void dsaTagsInEveryDirection() {
        List<PcapFile.Record> brcm = records(TestPcap.DSA_TAG_BRCM);
        assertThat(values(brcm, r -> r.caplen() > 12 ? r.u8(12) >> 5 : null)).as("Broadcom opcodes")
                .containsAll(range(0, 7));
        List<PcapFile.Record> dsa = records(TestPcap.DSA_TAG_DSA);
        assertThat(values(dsa, r -> r.caplen() > 12 ? r.u8(12) >> 6 : null)).as("Marvell modes")
                .containsAll(range(0, 3));
        assertThat(dsa).as("tagged bit").anyMatch(r -> r.caplen() > 12 && (r.u8(12) & 0x20) != 0);
    }

    @Test
    void arcnetSystemCodesFramesAndStations() {
        for (TestPcap pcap : List.of(TestPcap.ARCNET, TestPcap.ARCNET_LINUX)) {
            int code = pcap == TestPcap.ARCNET ? 2 : 4;
            List<PcapFile.Record> rs = records(pcap);
            assertThat(values(rs, r -> r.u8(code) < 0 ? null : r.u8(code))).as("system codes")
                    .contains(212, 213, 214, 221, 0xc4, 240, 241, 250, 247, 0x80);
            assertThat(rs).as("exception frames").anyMatch(r -> r.u8(code + 1) == 0xff && r.u8(code + 2) == 0xff
                    && r.u8(code + 4) == r.u8(code));
            assertThat(rs).as("first fragments").anyMatch(r -> r.u8(code) == 212 && r.u8(code + 1) % 2 == 1
                    && r.u8(code + 1) != 0xff);
            assertThat(rs).as("later fragments").anyMatch(r -> r.u8(code) == 212 && r.u8(code + 1) > 0
                    && r.u8(code + 1) % 2 == 0);
            assertThat(rs).as("broadcast").anyMatch(r -> r.u8(1) == 0);
            assertThat(values(rs, r -> r.u8(0))).as("sources").contains(0x0e, 0x8c, 0xa4, 0xdd);
            assertThat(values(rs, r -> r.u8(1))).as("destinations").contains(0x0e, 0x8c, 0xa4, 0xdd);
            assertThat(rs).as("cut inside the header").anyMatch(r -> r.caplen() > 0 && r.caplen() <= code);
            if (pcap == TestPcap.ARCNET_LINUX) {
                assertThat(rs).as("short frames").anyMatch(r -> r.u8(2) > 0 && r.u8(3) == 0);
                assertThat(rs).as("long frames").anyMatch(r -> r.u8(2) == 0 && r.u8(3) > 0);
            }
        }
    }

    @Test
    void mstpFrameTypesAndStations() {
        List<PcapFile.Record> rs = records(TestPcap.BACNET_MS_TP);
        assertThat(values(rs, r -> r.u16(0) == 0x55ff ? r.u8(2) : null)).as("frame types")
                .containsAll(range(0, 7)).contains(32, 33, 34, 128, 255);
        assertThat(rs).as("broadcast").anyMatch(r -> r.u8(3) == 0xff);
        assertThat(values(rs, r -> r.u8(3))).as("destinations").contains(0x07, 0xa7, 0xa9, 0xb3);
        assertThat(values(rs, r -> r.u8(4))).as("sources").contains(0x7e, 0xa8, 0xb3);
        assertThat(rs).as("bad preambles").anyMatch(r -> r.caplen() >= 8 && r.u16(0) != 0x55ff);
        assertThat(rs).as("NPDUs").anyMatch(r -> r.u16(5) > 0 && r.u8(8) == 1);
    }
}
