package dev.jfilter.testpcaps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The 802.11 captures hold both sides of every test libpcap's programs make on them: every frame type and subtype in
 * every DS direction, QoS and protected data, broadcast, multicast and unicast receivers, LLC/SNAP payloads of IPv4,
 * IPv6 and ARP, and the radio-header shapes whose fields the programs read at run time (radiotap's length, presence
 * words and Flags; the AVS length; Prism or AVS in a Prism capture; PPI's length and DLT). Read with an independent
 * parser from the committed bytes.
 */
class WlanCaptureContentTest {
    private static List<PcapFile.Record> records(TestPcap pcap) {
        return PcapFile.parse(pcap.bytes()).records();
    }

    /** The radio header's length as libpcap reads it, or -1 where the packet is too short. */
    private static long radioLength(TestPcap pcap, PcapFile.Record r) {
        return switch (pcap) {
            case IEEE802_11 -> 0;
            case IEEE802_11_RADIO, PPI -> r.caplen() < 4 ? -1 : r.u8(2) | r.u8(3) << 8;
            case IEEE802_11_RADIO_AVS -> r.u32(4);
            case PRISM_HEADER -> r.caplen() < 8 ? -1 : (r.u32(0) & 0xfffff000L) == 0x80211000L ? r.u32(4) : 144;
            default -> throw new IllegalArgumentException(pcap.name());
        };
    }

    /** The records whose MAC header is captured whole, as (frame control, flags) offsets into the record. */
    private static List<int[]> macFrames(TestPcap pcap) {
        return records(pcap).stream().filter(r -> pcap != TestPcap.PPI || r.u32(4) == 0x69000000L).map(r -> {
            long at = radioLength(pcap, r);
            return at < 0 || at + 10 > r.caplen() ? null : new int[] {r.u8((int) at), r.u8((int) at + 1), (int) at};
        }).filter(x -> x != null).toList();
    }

    private static Set<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().collect(Collectors.toSet());
    }

    @ParameterizedTest
    @EnumSource(value = TestPcap.class, names = {"IEEE802_11", "IEEE802_11_RADIO", "IEEE802_11_RADIO_AVS",
        "PRISM_HEADER", "PPI"})
    void everyTypeSubtypeAndDirection(TestPcap pcap) {
        List<int[]> frames = macFrames(pcap);
        Set<Integer> typeSubtypeDir = frames.stream().map(f -> (f[0] & 0xfc) << 2 | f[1] & 3)
                .collect(Collectors.toCollection(TreeSet::new));
        // Version 0, every type (4) and subtype (16), every direction (4).
        Set<Integer> all = IntStream.range(0, 256).map(v -> v << 2 & 0x3f0 | v & 3).boxed()
                .collect(Collectors.toSet());
        assertThat(typeSubtypeDir).containsAll(all);
        assertThat(frames).as("protected data").anyMatch(f -> (f[0] & 0x0c) == 0x08 && (f[1] & 0x40) != 0);
        assertThat(frames).as("retry bit").anyMatch(f -> (f[1] & 0x08) != 0);
        assertThat(frames).as("+HTC").anyMatch(f -> (f[0] & 0x0c) == 0x08 && (f[1] & 0x80) != 0);
    }

    @ParameterizedTest
    @EnumSource(value = TestPcap.class, names = {"IEEE802_11", "IEEE802_11_RADIO", "IEEE802_11_RADIO_AVS",
        "PRISM_HEADER", "PPI"})
    void payloadsAndReceivers(TestPcap pcap) {
        List<PcapFile.Record> rs = records(pcap).stream()
                .filter(r -> pcap != TestPcap.PPI || r.u32(4) == 0x69000000L).toList();
        Set<Integer> snapTypes = new TreeSet<>();
        int broadcast = 0;
        int multicast = 0;
        int unicast = 0;
        for (PcapFile.Record r : rs) {
            long at = radioLength(pcap, r);
            if (at < 0 || at + 32 > r.caplen()) {
                continue;
            }
            int a = (int) at;
            int fc = r.u8(a);
            int da = (r.u8(a + 1) & 1) != 0 && (fc & 0x0c) == 0x08 ? a + 16 : a + 4;
            if (r.u32(da) == 0xffffffffL && r.u16(da + 4) == 0xffff) {
                broadcast++;
            } else if ((r.u8(da) & 1) != 0) {
                multicast++;
            } else {
                unicast++;
            }
            if ((fc & 0x0c) == 0x08 && (r.u8(a + 1) & 3) != 3) {
                int llc = a + 24 + ((fc & 0x80) != 0 ? 2 : 0);
                if (r.u16(llc) == 0xaaaa) {
                    snapTypes.add(r.u16(llc + 6));
                }
            }
        }
        assertThat(snapTypes).contains(0x0800, 0x86dd, 0x0806, 0x8035, 0x8137, 0x809b, 0x80f3, 0x6003);
        assertThat(broadcast).isGreaterThan(20);
        assertThat(multicast).isGreaterThan(20);
        assertThat(unicast).isGreaterThan(200);
    }

    @Test
    void radiotapShapes() {
        List<PcapFile.Record> rs = records(TestPcap.IEEE802_11_RADIO).stream().filter(r -> r.caplen() >= 8).toList();
        // Presence word 0, little-endian: Flags (bit 1), TSFT (bit 0), another word (bit 31).
        assertThat(rs).as("no Flags").anyMatch(r -> (r.u8(4) & 2) == 0);
        assertThat(rs).as("Flags with data padding at 8").anyMatch(r -> (r.u8(4) & 3) == 2 && r.u8(7) < 0x80
                && (r.u8(8) & 0x20) != 0);
        assertThat(rs).as("Flags with data padding after TSFT").anyMatch(r -> (r.u8(4) & 3) == 3 && r.u8(7) < 0x80
                && (r.u8(16) & 0x20) != 0);
        assertThat(rs).as("Flags without data padding").anyMatch(r -> (r.u8(4) & 3) == 2 && (r.u8(8) & 0x20) == 0);
        assertThat(rs).as("FCS at the end").anyMatch(r -> (r.u8(4) & 3) == 2 && (r.u8(8) & 0x10) != 0);
        assertThat(rs).as("several presence words, Flags present").anyMatch(r -> r.u8(7) >= 0x80
                && (r.u8(4) & 2) != 0);
        Set<Integer> lengths = rs.stream().map(r -> r.u8(2) | r.u8(3) << 8).collect(Collectors.toSet());
        assertThat(lengths.size()).as("header lengths").isGreaterThan(15);
        assertThat(lengths).as("length past the packet").contains(0xffff);
    }

    @Test
    void avsPrismAndPpiHeaders() {
        List<PcapFile.Record> avs = records(TestPcap.IEEE802_11_RADIO_AVS);
        assertThat(avs.stream().map(r -> r.u32(4)).collect(Collectors.toSet()))
                .contains(64L, 72L, 128L, 0L, 8L, 0xffffL, 0x7fffffffL, 0xffffffffL);
        List<PcapFile.Record> prism = records(TestPcap.PRISM_HEADER);
        assertThat(prism).as("Prism headers").anyMatch(r -> r.u32(0) == 0x44000000L && r.u32(4) == 0x90000000L);
        assertThat(prism).as("AVS headers").anyMatch(r -> r.u32(0) == 0x80211001L && r.u32(4) == 64);
        assertThat(prism).as("AVS version 2").anyMatch(r -> r.u32(0) == 0x80211002L);
        assertThat(prism).as("first word outside the AVS mask").anyMatch(r -> r.u32(0) == 0x80212001L);
        List<PcapFile.Record> ppi = records(TestPcap.PPI);
        assertThat(ppi.stream().map(r -> r.u32(4)).collect(Collectors.toSet())).as("DLTs")
                .contains(0x69000000L, 0x01000000L, 0x7f000000L, 0L, 0x69L);
        assertThat(ppi.stream().map(r -> r.u8(2) | r.u8(3) << 8).collect(Collectors.toSet())).as("lengths")
                .contains(8, 32, 0, 4, 0xffff);
    }

    @ParameterizedTest
    @EnumSource(value = TestPcap.class, names = {"IEEE802_11_RADIO", "IEEE802_11_RADIO_AVS", "PRISM_HEADER", "PPI"})
    void cutsInsideTheRadioAndMacHeaders(TestPcap pcap) {
        Set<Integer> cuts = records(pcap).stream().filter(r -> r.caplen() < r.wireLength()).map(PcapFile.Record::caplen)
                .collect(Collectors.toSet());
        assertThat(cuts).containsAll(range(0, 16));
        int radio = pcap == TestPcap.PRISM_HEADER ? 144 : pcap == TestPcap.IEEE802_11_RADIO_AVS ? 64 : 0;
        if (radio > 0) {
            assertThat(cuts).as("cuts in the MAC header").containsAll(range(radio, radio + 26));
        }
    }
}
