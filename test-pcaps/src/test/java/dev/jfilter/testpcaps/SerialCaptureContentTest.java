package dev.jfilter.testpcaps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The serial-family captures (PPP and relatives, Cisco HDLC, Frame Relay, SLIP, Juniper MFR, ipnet, enc, LocalTalk,
 * Symantec firewall, IP over 1394) hold every value of the header fields libpcap's programs test (gencode.c
 * {@code init_linktype}, {@code gen_linktype}, {@code gen_inbound}), read with the test's own pcap parser.
 */
class SerialCaptureContentTest {
    /** One header field: where it is, how wide (1, 2 or 4 bytes, the last little-endian), what it must hold. */
    record Field(TestPcap pcap, String name, int offset, int width, Set<Long> required) {
        long read(PcapFile.Record r) {
            return switch (width) {
                case 1 -> r.u8(offset);
                case 2 -> r.u16(offset);
                default -> r.caplen() < offset + 4 ? -1 : Long.reverseBytes(r.u32(offset)) >>> 32;
            };
        }

        @Override
        public String toString() {
            return pcap + " " + name;
        }
    }

    private static final Set<Long> PPP_PROTOCOLS = Set.of(0x0021L, 0x0057L, 0x002bL, 0x0029L, 0x0027L, 0x003dL,
            0x0031L, 0x00fdL, 0x0023L, 0x0025L, 0x002dL, 0x002fL, 0x0281L, 0xc021L, 0x8021L, 0x8057L, 0xc023L, 0xc223L,
            0x0806L, 0x8035L);

    private static Set<Long> of(long... values) {
        Set<Long> s = new TreeSet<>();
        for (long v : values) {
            s.add(v);
        }
        return s;
    }

    static Stream<Arguments> fields() {
        return Stream.of(
                new Field(TestPcap.PPP, "protocol", 2, 2, PPP_PROTOCOLS),
                new Field(TestPcap.PPP, "address and control", 0, 2, of(0xff03, 0x0021, 0x0057, 0x0f00)),
                new Field(TestPcap.PPP_SERIAL, "protocol", 2, 2, PPP_PROTOCOLS),
                new Field(TestPcap.PPP_SERIAL, "Cisco HDLC address", 0, 1, of(0x0f, 0x8f, 0xff)),
                new Field(TestPcap.PPP_PPPD, "protocol", 2, 2, PPP_PROTOCOLS),
                new Field(TestPcap.PPP_PPPD, "direction", 0, 1, of(0, 1, 2, 0xff)),
                new Field(TestPcap.PPP_ETHER, "protocol", 6, 2, PPP_PROTOCOLS),
                new Field(TestPcap.PPP_BSDOS, "protocol", 5, 2, PPP_PROTOCOLS),
                new Field(TestPcap.C_HDLC, "address", 0, 1, of(0x0f, 0x8f, 0x00, 0xff)),
                new Field(TestPcap.C_HDLC, "protocol", 2, 2, of(0x0800, 0x86dd, 0x0806, 0xfefe, 0x8035, 0x2000,
                        0x6558, 0x4242, 0x8137, 0x6003, 0x809b, 0x8847)),
                new Field(TestPcap.FRELAY, "control and NLPID", 2, 2, of(0x03cc, 0x038e, 0x0381, 0x0382, 0x0383,
                        0x0380, 0x0300, 0x0308, 0x13cc)),
                new Field(TestPcap.FRELAY, "Q.922 address", 0, 2, of(0x1841, 0x0001, 0xfcf1, 0x1a43, 0x184d, 0x1a4f)),
                new Field(TestPcap.SLIP, "direction", 0, 1, of(0, 1, 2, 0x45, 0x60)),
                new Field(TestPcap.SLIP, "VJ type", 1, 1, of(0x40, 0x70, 0x80)),
                new Field(TestPcap.SLIP_BSDOS, "first byte", 0, 1, of(0, 1, 0x45, 0x60)),
                new Field(TestPcap.SLIP_BSDOS, "VJ type", 1, 1, of(0x40, 0x70, 0x80)),
                new Field(TestPcap.JUNIPER_MFR, "magic and flags", 0, 2, of(0x4d47)),
                new Field(TestPcap.JUNIPER_MFR, "flags", 3, 1, of(0, 1, 2, 3, 0x80, 0x81, 0x82, 0x83)),
                new Field(TestPcap.IPNET, "family", 1, 1, of(2, 26, 0)),
                new Field(TestPcap.IPNET, "direction", 2, 2, of(1, 2, 0, 3)),
                new Field(TestPcap.ENC, "family (host order)", 0, 4, of(2, 10, 24, 28, 30, 0)),
                new Field(TestPcap.LTALK, "LLAP type", 2, 1, of(1, 2, 0x81, 0x82, 0x84, 0x85)),
                new Field(TestPcap.LTALK, "destination", 0, 1, of(0xff)),
                new Field(TestPcap.SYMANTEC_FIREWALL, "EtherType", 6, 2, of(0x0800, 0x86dd, 0x0806, 0x8035, 0x809b,
                        0x6003, 0x8137)),
                new Field(TestPcap.APPLE_IP_OVER_IEEE1394, "EtherType", 16, 2, of(0x0800, 0x86dd, 0x0806, 0x8035,
                        0x809b, 0x6003, 0x8137)))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void everyTestedValueIsPresent(Field field) {
        List<PcapFile.Record> rs = PcapFile.parse(field.pcap().bytes()).records();
        Set<Long> seen = new TreeSet<>();
        rs.forEach(r -> seen.add(field.read(r)));
        assertThat(seen).as(field.toString()).containsAll(field.required());
        // Other values too: the field is not constant in the capture.
        assertThat(seen.size()).as(field + " varies").isGreaterThan(field.required().size() > 1 ? 2 : 1);
    }
}
