package dev.jfilter.frontend.lower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.frontend.CompileOptions;
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

    /** The fields of an outermost link layer: where libpcap's {@code init_linktype} puts them. */
    private static Fields fields(LinkLayer l) {
        return new LoweringContext(CompileOptions.of(l.type()), l);
    }

    private static Pred proto(LinkLayer l, long llProto) {
        return l.protocolTest(fields(l), llProto);
    }

    private static java.util.Optional<Pred> direction(LinkLayer l, boolean outbound) {
        return l.direction(fields(l), outbound);
    }

    private static java.util.Optional<Pred> ifIndex(LinkLayer l, long index) {
        return l.ifIndex(fields(l), index);
    }

    private static boolean accepts(Pred p, byte[] packet) {
        return CfgInterpreter.run(Lowering.emit(p, 1), packet, packet.length, packet.length) != 0;
    }

    /** init_linktype's offsets: off_linktype, off_linkpl, off_nl, off_nl_nosnap. */
    @ParameterizedTest
    @CsvSource({
        "EN10MB, 12, 14, 0, 3", "RAW, -1, 0, 0, 0", "IPV4, -1, 0, 0, 0", "IPV6, -1, 0, 0, 0",
        "LINUX_SLL, 14, 16, 0, 0", "LINUX_SLL2, 0, 20, 0, 0", "NULL, 0, 4, 0, 0", "LOOP, 0, 4, 0, 0",
        "IEEE802_11, 24, 0, 8, 3", "PRISM_HEADER, 24, 0, 8, 3", "IEEE802_11_RADIO_AVS, 24, 0, 8, 3",
        "IEEE802_11_RADIO, 24, 0, 8, 3", "PPI, 24, 0, 8, 3"})
    void offsetsAreLibpcaps(LinkType type, int linkType, int payload, int nl, int nlNoSnap) {
        LinkLayer l = LinkLayer.of(type, LINUX_LE).orElseThrow();
        assertThat(List.of(l.linkTypeOffset(), l.payloadOffset(), l.networkOffset(), l.networkOffsetNoSnap()))
                .containsExactly(linkType, payload, nl, nlNoSnap);
        assertThat(l.type()).isEqualTo(type);
    }

    /** init_linktype: 802.11's payload offset is computed at run time, after a radio header of run-time length. */
    @ParameterizedTest
    @CsvSource({"IEEE802_11, false", "PRISM_HEADER, true", "IEEE802_11_RADIO_AVS, true", "IEEE802_11_RADIO, true",
        "PPI, true", "EN10MB, false"})
    void variableOffsetsAreLibpcaps(LinkType type, boolean variableHeader) {
        LinkLayer l = LinkLayer.of(type, LINUX_LE).orElseThrow();
        assertThat(l.variableLinkHeader()).isEqualTo(variableHeader);
        assertThat(l.variablePayload()).isEqualTo(type != LinkType.EN10MB);
    }

    @Test
    void everyLinkTypeLibpcapNamesHasALayer() {
        for (LinkType type : LinkType.values()) {
            assertThat(LinkLayer.of(type, LINUX_LE)).as("%s", type).isPresent();
        }
        assertThat(LinkLayer.of(LinkType.ERF, LINUX_LE).orElseThrow().ss7()).isPresent();
        assertThat(LinkLayer.of(LinkType.MFR, LINUX_LE).orElseThrow().ss7()).isEmpty();
    }

    @Test
    void rawIpTestsTheVersionNibble() {
        LinkLayer raw = LinkLayer.of(LinkType.RAW, LINUX_LE).orElseThrow();
        Pred ip = proto(raw, LinkProtocols.ETHERTYPE_IP);
        Pred ip6 = proto(raw, LinkProtocols.ETHERTYPE_IPV6);
        assertThat(accepts(ip, Frames.b(0x45))).isTrue();
        assertThat(accepts(ip, Frames.b(0x60))).isFalse();
        assertThat(accepts(ip6, Frames.b(0x6f))).isTrue();
        assertThat(proto(raw, LinkProtocols.ETHERTYPE_ARP)).isEqualTo(Pred.FALSE);
        // Any value at all: no EtherType range check on a link layer without a type field.
        assertThat(proto(raw, 70000)).isEqualTo(Pred.FALSE);
    }

    @Test
    void rawIpv4AndIpv6AreConstants() {
        assertThat(proto(LinkLayer.of(LinkType.IPV4, LINUX_LE).orElseThrow(), 0x800)).isEqualTo(Pred.TRUE);
        assertThat(proto(LinkLayer.of(LinkType.IPV4, LINUX_LE).orElseThrow(), 0x86dd)).isEqualTo(Pred.FALSE);
        assertThat(proto(LinkLayer.of(LinkType.IPV6, LINUX_LE).orElseThrow(), 0x86dd)).isEqualTo(Pred.TRUE);
        assertThat(proto(LinkLayer.of(LinkType.IPV6, LINUX_LE).orElseThrow(), 0x800)).isEqualTo(Pred.FALSE);
    }

    @Test
    void liveNullMatchesThisHostsByteOrderAndFamily() {
        Pred ip6 = proto(new BsdLoopback(LINUX_LE), LinkProtocols.ETHERTYPE_IPV6);
        assertThat(accepts(ip6, Frames.family(10, ByteOrder.LITTLE_ENDIAN))).isTrue();
        assertThat(accepts(ip6, Frames.family(10, ByteOrder.BIG_ENDIAN))).isFalse();
        assertThat(accepts(ip6, Frames.family(30, ByteOrder.LITTLE_ENDIAN))).isFalse();
        Pred ipBigEndianHost = proto(new BsdLoopback(new LoopbackEncoding.Live(ByteOrder.BIG_ENDIAN, 2, 10)),
                LinkProtocols.ETHERTYPE_IP);
        assertThat(accepts(ipBigEndianHost, Frames.family(2, ByteOrder.BIG_ENDIAN))).isTrue();
    }

    @Test
    void savefileNullMatchesEveryFamilyInBothByteOrders() {
        for (boolean swapped : new boolean[] {false, true}) {
            Pred ip6 = proto(new BsdLoopback(new LoopbackEncoding.Savefile(swapped)),
                    LinkProtocols.ETHERTYPE_IPV6);
            for (int af : new int[] {24, 28, 30}) {
                assertThat(accepts(ip6, Frames.family(af, ByteOrder.LITTLE_ENDIAN))).isTrue();
                assertThat(accepts(ip6, Frames.family(af, ByteOrder.BIG_ENDIAN))).isTrue();
            }
            assertThat(accepts(ip6, Frames.family(10, ByteOrder.LITTLE_ENDIAN))).isFalse();
        }
    }

    @Test
    void loopIsAlwaysNetworkByteOrder() {
        Pred live = proto(new OpenBsdLoopback(LINUX_LE), LinkProtocols.ETHERTYPE_IPV6);
        assertThat(accepts(live, Frames.family(10, ByteOrder.BIG_ENDIAN))).isTrue();
        assertThat(accepts(live, Frames.family(10, ByteOrder.LITTLE_ENDIAN))).isFalse();
        Pred file = proto(new OpenBsdLoopback(new LoopbackEncoding.Savefile(true)), LinkProtocols.ETHERTYPE_IPV6);
        assertThat(accepts(file, Frames.family(28, ByteOrder.BIG_ENDIAN))).isTrue();
        assertThat(accepts(file, Frames.family(28, ByteOrder.LITTLE_ENDIAN))).isFalse();
        assertThat(accepts(file, Frames.family(10, ByteOrder.BIG_ENDIAN))).isFalse();
    }

    @Test
    void ethernetTellsEtherTypesFromLlcSaps() {
        LinkLayer eth = LinkLayer.of(LinkType.EN10MB, LINUX_LE).orElseThrow();
        byte[] stp = Frames.ieee8023(1, 2, Frames.b(0x42, 0x42, 3, 0, 0));
        byte[] ipv4 = Frames.ethernet(1, 2, 0x0800, new byte[20]);
        assertThat(accepts(proto(eth, LinkProtocols.LLCSAP_8021D), stp)).isTrue();
        assertThat(accepts(proto(eth, LinkProtocols.LLCSAP_8021D), ipv4)).isFalse();
        assertThat(accepts(proto(eth, LinkProtocols.ETHERTYPE_IP), ipv4)).isTrue();
        assertThatThrownBy(() -> proto(eth, 65536)).hasMessage("EtherType 65536 greater than maximum 65535");
        assertThatThrownBy(() -> proto(eth, 1500)).hasMessage("LLC DSAP 1500 greater than maximum 255");
    }

    @Test
    void linuxCookedV1UsesThe8022PseudoProtocol() {
        LinkLayer sll = LinkLayer.of(LinkType.LINUX_SLL, LINUX_LE).orElseThrow();
        byte[] stp = Frames.sll(0, 0x0004, Frames.b(0x42, 0x42, 3));
        assertThat(accepts(proto(sll, LinkProtocols.LLCSAP_8021D), stp)).isTrue();
        assertThat(accepts(proto(sll, LinkProtocols.LLCSAP_8021D), Frames.sll(0, 0x0042, new byte[4]))).isFalse();
        assertThat(accepts(direction(sll, true).orElseThrow(), Frames.sll(4, 0x800, new byte[4]))).isTrue();
        assertThat(accepts(direction(sll, false).orElseThrow(), Frames.sll(4, 0x800, new byte[4]))).isFalse();
    }

    @Test
    void linuxCookedV2TreatsEveryValueAsAnEtherType() {
        LinkLayer sll2 = LinkLayer.of(LinkType.LINUX_SLL2, LINUX_LE).orElseThrow();
        assertThat(accepts(proto(sll2, LinkProtocols.LLCSAP_8021D), Frames.sll2(0x0042, 1, 0, new byte[4])))
                .isTrue();
        assertThat(accepts(ifIndex(sll2, 7).orElseThrow(), Frames.sll2(0x0800, 7, 0, new byte[4]))).isTrue();
        assertThat(accepts(ifIndex(sll2, 7).orElseThrow(), Frames.sll2(0x0800, 8, 0, new byte[4]))).isFalse();
        assertThat(accepts(direction(sll2, true).orElseThrow(), Frames.sll2(0x0800, 8, 4, new byte[4]))).isTrue();
        assertThatThrownBy(() -> proto(sll2, 0x10000)).hasMessageContaining("EtherType 65536");
    }
}
