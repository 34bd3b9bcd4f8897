package dev.jfilter.frontend.lower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.frontend.link.BsdLoopback;
import dev.jfilter.frontend.link.LinkLayer;
import dev.jfilter.frontend.link.LinkProtocols;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.link.LoopbackEncoding;
import dev.jfilter.frontend.link.OpenBsdLoopback;
import dev.jfilter.frontend.oracle.Frames;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinkLayerTest {
    private static final LoopbackEncoding LINUX_LE = new LoopbackEncoding.Live(ByteOrder.LITTLE_ENDIAN, 2, 10);

    private static boolean accepts(Pred p, byte[] packet) {
        return CfgInterpreter.run(Lowering.emit(p, 1), packet, packet.length, packet.length) != 0;
    }

    /** init_linktype's offsets: off_linktype, off_linkpl, off_nl, off_nl_nosnap. */
    @ParameterizedTest
    @CsvSource({
        "EN10MB, 12, 14, 0, 3", "RAW, -1, 0, 0, 0", "IPV4, -1, 0, 0, 0", "IPV6, -1, 0, 0, 0",
        "LINUX_SLL, 14, 16, 0, 0", "LINUX_SLL2, 0, 20, 0, 0", "NULL, 0, 4, 0, 0", "LOOP, 0, 4, 0, 0"})
    void offsetsAreLibpcaps(LinkType type, int linkType, int payload, int nl, int nlNoSnap) {
        LinkLayer l = LinkLayer.of(type, LINUX_LE).orElseThrow();
        assertThat(List.of(l.linkTypeOffset(), l.payloadOffset(), l.networkOffset(), l.networkOffsetNoSnap()))
                .containsExactly(linkType, payload, nl, nlNoSnap);
        assertThat(l.type()).isEqualTo(type);
    }

    @Test
    void otherLinkTypesAreNotSupportedYet() {
        assertThat(LinkLayer.of(LinkType.PPP, LINUX_LE)).isEmpty();
        assertThat(LinkLayer.of(LinkType.IEEE802_11, LINUX_LE)).isEmpty();
    }

    @Test
    void rawIpTestsTheVersionNibble() {
        LinkLayer raw = LinkLayer.of(LinkType.RAW, LINUX_LE).orElseThrow();
        Pred ip = raw.protocolTest(LinkProtocols.ETHERTYPE_IP);
        Pred ip6 = raw.protocolTest(LinkProtocols.ETHERTYPE_IPV6);
        assertThat(accepts(ip, Frames.b(0x45))).isTrue();
        assertThat(accepts(ip, Frames.b(0x60))).isFalse();
        assertThat(accepts(ip6, Frames.b(0x6f))).isTrue();
        assertThat(raw.protocolTest(LinkProtocols.ETHERTYPE_ARP)).isEqualTo(Pred.FALSE);
        // Any value at all: no EtherType range check on a link layer without a type field.
        assertThat(raw.protocolTest(70000)).isEqualTo(Pred.FALSE);
    }

    @Test
    void rawIpv4AndIpv6AreConstants() {
        assertThat(LinkLayer.of(LinkType.IPV4, LINUX_LE).orElseThrow().protocolTest(0x800)).isEqualTo(Pred.TRUE);
        assertThat(LinkLayer.of(LinkType.IPV4, LINUX_LE).orElseThrow().protocolTest(0x86dd)).isEqualTo(Pred.FALSE);
        assertThat(LinkLayer.of(LinkType.IPV6, LINUX_LE).orElseThrow().protocolTest(0x86dd)).isEqualTo(Pred.TRUE);
        assertThat(LinkLayer.of(LinkType.IPV6, LINUX_LE).orElseThrow().protocolTest(0x800)).isEqualTo(Pred.FALSE);
    }

    @Test
    void liveNullMatchesThisHostsByteOrderAndFamily() {
        Pred ip6 = new BsdLoopback(LINUX_LE).protocolTest(LinkProtocols.ETHERTYPE_IPV6);
        assertThat(accepts(ip6, Frames.family(10, ByteOrder.LITTLE_ENDIAN))).isTrue();
        assertThat(accepts(ip6, Frames.family(10, ByteOrder.BIG_ENDIAN))).isFalse();
        assertThat(accepts(ip6, Frames.family(30, ByteOrder.LITTLE_ENDIAN))).isFalse();
        Pred ipBigEndianHost = new BsdLoopback(new LoopbackEncoding.Live(ByteOrder.BIG_ENDIAN, 2, 10))
                .protocolTest(LinkProtocols.ETHERTYPE_IP);
        assertThat(accepts(ipBigEndianHost, Frames.family(2, ByteOrder.BIG_ENDIAN))).isTrue();
    }

    @Test
    void savefileNullMatchesEveryFamilyInBothByteOrders() {
        for (boolean swapped : new boolean[] {false, true}) {
            Pred ip6 = new BsdLoopback(new LoopbackEncoding.Savefile(swapped))
                    .protocolTest(LinkProtocols.ETHERTYPE_IPV6);
            for (int af : new int[] {24, 28, 30}) {
                assertThat(accepts(ip6, Frames.family(af, ByteOrder.LITTLE_ENDIAN))).isTrue();
                assertThat(accepts(ip6, Frames.family(af, ByteOrder.BIG_ENDIAN))).isTrue();
            }
            assertThat(accepts(ip6, Frames.family(10, ByteOrder.LITTLE_ENDIAN))).isFalse();
        }
    }

    @Test
    void loopIsAlwaysNetworkByteOrder() {
        Pred live = new OpenBsdLoopback(LINUX_LE).protocolTest(LinkProtocols.ETHERTYPE_IPV6);
        assertThat(accepts(live, Frames.family(10, ByteOrder.BIG_ENDIAN))).isTrue();
        assertThat(accepts(live, Frames.family(10, ByteOrder.LITTLE_ENDIAN))).isFalse();
        Pred file = new OpenBsdLoopback(new LoopbackEncoding.Savefile(true)).protocolTest(LinkProtocols.ETHERTYPE_IPV6);
        assertThat(accepts(file, Frames.family(28, ByteOrder.BIG_ENDIAN))).isTrue();
        assertThat(accepts(file, Frames.family(28, ByteOrder.LITTLE_ENDIAN))).isFalse();
        assertThat(accepts(file, Frames.family(10, ByteOrder.BIG_ENDIAN))).isFalse();
    }

    @Test
    void ethernetTellsEtherTypesFromLlcSaps() {
        LinkLayer eth = LinkLayer.of(LinkType.EN10MB, LINUX_LE).orElseThrow();
        byte[] stp = Frames.ieee8023(1, 2, Frames.b(0x42, 0x42, 3, 0, 0));
        byte[] ipv4 = Frames.ethernet(1, 2, 0x0800, new byte[20]);
        assertThat(accepts(eth.protocolTest(LinkProtocols.LLCSAP_8021D), stp)).isTrue();
        assertThat(accepts(eth.protocolTest(LinkProtocols.LLCSAP_8021D), ipv4)).isFalse();
        assertThat(accepts(eth.protocolTest(LinkProtocols.ETHERTYPE_IP), ipv4)).isTrue();
        assertThatThrownBy(() -> eth.protocolTest(65536)).hasMessage("EtherType 65536 greater than maximum 65535");
        assertThatThrownBy(() -> eth.protocolTest(1500)).hasMessage("LLC DSAP 1500 greater than maximum 255");
    }

    @Test
    void linuxCookedV1UsesThe8022PseudoProtocol() {
        LinkLayer sll = LinkLayer.of(LinkType.LINUX_SLL, LINUX_LE).orElseThrow();
        byte[] stp = Frames.sll(0, 0x0004, Frames.b(0x42, 0x42, 3));
        assertThat(accepts(sll.protocolTest(LinkProtocols.LLCSAP_8021D), stp)).isTrue();
        assertThat(accepts(sll.protocolTest(LinkProtocols.LLCSAP_8021D), Frames.sll(0, 0x0042, new byte[4]))).isFalse();
        assertThat(accepts(sll.direction(true).orElseThrow(), Frames.sll(4, 0x800, new byte[4]))).isTrue();
        assertThat(accepts(sll.direction(false).orElseThrow(), Frames.sll(4, 0x800, new byte[4]))).isFalse();
    }

    @Test
    void linuxCookedV2TreatsEveryValueAsAnEtherType() {
        LinkLayer sll2 = LinkLayer.of(LinkType.LINUX_SLL2, LINUX_LE).orElseThrow();
        assertThat(accepts(sll2.protocolTest(LinkProtocols.LLCSAP_8021D), Frames.sll2(0x0042, 1, 0, new byte[4])))
                .isTrue();
        assertThat(accepts(sll2.ifIndex(7).orElseThrow(), Frames.sll2(0x0800, 7, 0, new byte[4]))).isTrue();
        assertThat(accepts(sll2.ifIndex(7).orElseThrow(), Frames.sll2(0x0800, 8, 0, new byte[4]))).isFalse();
        assertThat(accepts(sll2.direction(true).orElseThrow(), Frames.sll2(0x0800, 8, 4, new byte[4]))).isTrue();
        assertThatThrownBy(() -> sll2.protocolTest(0x10000)).hasMessageContaining("EtherType 65536");
    }
}
