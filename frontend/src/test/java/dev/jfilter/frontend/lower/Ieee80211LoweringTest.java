package dev.jfilter.frontend.lower;

import static dev.jfilter.frontend.oracle.Frames.b;
import static dev.jfilter.frontend.oracle.Frames.ipv4;
import static dev.jfilter.frontend.oracle.Frames.ports;
import static dev.jfilter.frontend.oracle.Frames.snap;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Frontend;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.WlanFrames;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The 802.11 link types read the payload where the frame builder put it, whatever the radio header and the MAC
 * header (QoS, radiotap's data padding, a Prism link carrying AVS headers): the run-time offsets are computed as the
 * frames are laid out. And the 802.11-only primitives are refused elsewhere with libpcap's reasons.
 */
class Ieee80211LoweringTest {
    private static final long SUITE_MAC = 0x1234_5678_9abcL;

    private static Cfg compile(LinkType type, String expression) {
        Result<Cfg> r = Frontend.compile(expression, CompileOptions.of(type));
        assertThat(r).as("%s on %s", expression, type).isInstanceOf(Result.Ok.class);
        return ((Result.Ok<Cfg>) r).value();
    }

    private static boolean accepts(Cfg cfg, byte[] packet) {
        return CfgInterpreter.run(cfg, packet, packet.length, packet.length) != 0;
    }

    @ParameterizedTest
    @EnumSource(value = LinkType.class, names = {"IEEE802_11", "PRISM_HEADER", "IEEE802_11_RADIO_AVS",
        "IEEE802_11_RADIO", "PPI"})
    void thePayloadIsFoundBehindEveryRadioHeaderShapeAndMacHeader(LinkType type) {
        Cfg tcp = compile(type, "tcp dst port 53 and ip src 10.0.0.2");
        Cfg other = compile(type, "tcp dst port 25");
        byte[] llc = snap(0, 0x0800, ipv4(6, 0x0a000002L, 0x01020304L, ports(25, 53, 20)));
        for (int shape = 0; shape < 8; shape++) {
            for (int subtype : new int[] {0x0, 0x8}) {
                for (int ds = 0; ds < 3; ds++) {
                    byte[] p = WlanFrames.radio(type, shape, WlanFrames.data(subtype, ds, 1, 2, 3, llc));
                    // PPI shape 2 carries another link type: libpcap's program turns it away.
                    boolean ppiOther = type == LinkType.PPI && shape % 3 == 2;
                    assertThat(accepts(tcp, p)).as("shape %d subtype %d ds %d", shape, subtype, ds)
                            .isEqualTo(!ppiOther);
                    assertThat(accepts(other, p)).isFalse();
                }
            }
            byte[] beacon = WlanFrames.radio(type, shape, WlanFrames.frame(0, 8, 0, -1L, 2, 3, 0, llc));
            assertThat(accepts(tcp, beacon)).as("a beacon has no LLC payload").isFalse();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "'wlan addr1 12:34:56:78:9a:bc', 0, true, true", "'wlan addr2 12:34:56:78:9a:bc', 1, true, true",
        "'wlan addr3 12:34:56:78:9a:bc', 2, true, true", "'wlan addr4 12:34:56:78:9a:bc', 3, false, false",
        "'wlan ra 12:34:56:78:9a:bc', 0, true, false", "'wlan ta 12:34:56:78:9a:bc', 1, true, false"})
    void eachAddressQualifierReadsItsAddress(String expression, int position, boolean data, boolean management) {
        Cfg cfg = compile(LinkType.IEEE802_11, expression);
        long[] addr = {2, 3, 4, 5};
        addr[position] = SUITE_MAC;
        byte[] body = b(0, 0, 0, 0);
        assertThat(accepts(cfg, WlanFrames.frame(2, 0, 3, addr[0], addr[1], addr[2], addr[3], body)))
                .as("a 4-address data frame").isTrue();
        assertThat(accepts(cfg, WlanFrames.frame(2, 0, 0, addr[0], addr[1], addr[2], addr[3], body)))
                .as("a data frame inside a BSS").isEqualTo(data);
        assertThat(accepts(cfg, WlanFrames.frame(0, 8, 0, addr[0], addr[1], addr[2], 0, body)))
                .as("a beacon").isEqualTo(management);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "EN10MB | wlan type data | 'type/subtype' not supported on DLT_EN10MB (Ethernet)",
        "LINUX_SLL | wlan dir tods | 'dir' not supported on DLT_LINUX_SLL (Linux cooked v1)",
        "EN10MB | wlan addr1 12:34:56:78:9a:bc | 'addr1' is valid for 802.11 syntax only",
        "IEEE802_11 | radio[0] = 0 | radio information not present in capture",
        "PPI | radio[0] = 0 | radio information not present in capture",
        "PPI | vlan | 'vlan' not supported on DLT_PPI (Per-Packet Information)",
        "IEEE802_11 | mpls | 'mpls' not supported on DLT_IEEE802_11 (802.11)",
        "IEEE802_11 | ip addr1 1.2.3.4 | 'addr1' is valid for 802.11 syntax only"})
    void refusedWithLibpcapsReasons(LinkType type, String expression, String message) {
        Result<Cfg> r = Frontend.compile(expression, CompileOptions.of(type));
        assertThat(r).isInstanceOf(Result.Failed.class);
        assertThat(((Result.Failed<Cfg>) r).diagnostics().getFirst().message()).isEqualTo(message);
    }
}
