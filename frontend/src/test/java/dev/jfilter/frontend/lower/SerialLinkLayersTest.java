package dev.jfilter.frontend.lower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.link.LinkLayer;
import dev.jfilter.frontend.link.LinkProtocols;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.link.LoopbackEncoding;
import dev.jfilter.frontend.oracle.Frames;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The PPP, serial and other fixed-header link layers: libpcap's offsets, protocol tests and directions. */
class SerialLinkLayersTest {
    private static final LoopbackEncoding LINUX_LE = new LoopbackEncoding.Live(ByteOrder.LITTLE_ENDIAN, 2, 10);

    private static LinkLayer layer(LinkType type) {
        return LinkLayer.of(type, LINUX_LE).orElseThrow();
    }

    private static Fields fields(LinkLayer l) {
        return new LoweringContext(CompileOptions.of(l.type()), l);
    }

    private static boolean accepts(Pred p, byte[] packet) {
        return CfgInterpreter.run(Lowering.emit(p, 1), packet, packet.length, packet.length) != 0;
    }

    private static boolean protocol(LinkType type, long llProto, byte[] packet) {
        LinkLayer l = layer(type);
        return accepts(l.protocolTest(fields(l), llProto), packet);
    }

    private static boolean direction(LinkType type, boolean outbound, byte[] packet) {
        LinkLayer l = layer(type);
        return accepts(l.direction(fields(l), outbound).orElseThrow(), packet);
    }

    /** init_linktype's offsets: off_linktype, off_linkpl, off_nl, off_nl_nosnap (-1: OFFSET_NOT_SET). */
    @ParameterizedTest
    @CsvSource({
        "PPP, 2, 4, 0, 0", "PPP_PPPD, 2, 4, 0, 0", "PPP_SERIAL, 2, 4, 0, 0", "C_HDLC, 2, 4, 0, 0",
        "PPP_ETHER, 6, 8, 0, 0", "PPP_BSDOS, 5, 24, 0, 0", "SLIP, -1, 16, 0, 0", "SLIP_BSDOS, -1, 24, 0, 0",
        "FRELAY, -1, 0, 0, 0", "MFR, -1, 0, 4, 0", "ENC, 0, 12, 0, 0", "LTALK, -1, 0, 0, 0", "IPNET, 1, 24, 0, -1",
        "SYMANTEC_FIREWALL, 6, 44, 0, 0", "APPLE_IP_OVER_IEEE1394, 16, 18, 0, 0", "PFSYNC, -1, 4, 0, 0",
        "JUNIPER_MFR, 4, 4, 0, -1", "JUNIPER_ATM1, 4, 4, 0, 10", "JUNIPER_ATM2, 8, 8, 0, 10",
        "JUNIPER_ETHER, 16, 14, 18, 21", "JUNIPER_PPPOE_ATM, 4, 6, 0, -1", "JUNIPER_GGSN, 6, 12, 0, -1",
        "JUNIPER_ES, 6, -1, -1, -1", "JUNIPER_MONITOR, 12, 12, 0, -1", "JUNIPER_SERVICES, 12, -1, -1, -1",
        "JUNIPER_VP, 18, -1, -1, -1", "JUNIPER_ISM, 8, -1, -1, -1", "JUNIPER_PIC_PEER, -1, -1, -1, -1"})
    void offsetsAreLibpcaps(LinkType type, int linkType, int payload, int nl, int nlNoSnap) {
        LinkLayer l = layer(type);
        assertThat(List.of(l.linkTypeOffset(), l.payloadOffset(), l.networkOffset(), l.networkOffsetNoSnap()))
                .containsExactly(linkType, payload, nl, nlNoSnap);
        assertThat(l.type()).isEqualTo(type);
    }

    @Test
    void pppMapsEtherTypesToPppProtocols() {
        byte[] ipv6 = Frames.b(0xff, 0x03, 0x00, 0x57, 0x60);
        assertThat(protocol(LinkType.PPP, LinkProtocols.ETHERTYPE_IPV6, ipv6)).isTrue();
        assertThat(protocol(LinkType.PPP, LinkProtocols.ETHERTYPE_IP, ipv6)).isFalse();
        assertThat(protocol(LinkType.PPP_SERIAL, LinkProtocols.LLCSAP_ISONS, Frames.b(0x0f, 0, 0x00, 0x23, 0x83)))
                .isTrue();
        // PPPoE session packets without the Ethernet header: the protocol after the 6-byte PPPoE header.
        assertThat(protocol(LinkType.PPP_ETHER, LinkProtocols.ETHERTYPE_IP, Frames.b(0x11, 0, 0, 1, 0, 20, 0, 0x21)))
                .isTrue();
        assertThatThrownBy(() -> protocol(LinkType.PPP, 0x10000, new byte[4]))
                .hasMessage("PPP protocol 65536 greater than maximum 65535");
    }

    @Test
    void pppdAndSlipRecordTheDirectionInTheFirstByte() {
        for (LinkType type : new LinkType[] {LinkType.PPP_PPPD, LinkType.SLIP}) {
            assertThat(direction(type, true, Frames.b(1, 3, 0, 0x21))).isTrue();
            assertThat(direction(type, false, Frames.b(1, 3, 0, 0x21))).isFalse();
            assertThat(direction(type, false, Frames.b(0, 3, 0, 0x21))).isTrue();
            // Neither direction: 2 is not a value pppd or the SLIP driver writes.
            assertThat(direction(type, true, Frames.b(2, 3, 0, 0x21))).isFalse();
            assertThat(direction(type, false, Frames.b(2, 3, 0, 0x21))).isFalse();
        }
        assertThat(layer(LinkType.PPP).direction(fields(layer(LinkType.PPP)), true)).isEmpty();
        assertThat(layer(LinkType.SLIP_BSDOS).direction(fields(layer(LinkType.SLIP_BSDOS)), true)).isEmpty();
    }

    @Test
    void bsdosPppAlsoTakesVanJacobsonCompressionForIp() {
        for (int protocol : new int[] {0x21, 0x2d, 0x2f}) {
            byte[] header = new byte[24];
            header[6] = (byte) protocol;
            assertThat(protocol(LinkType.PPP_BSDOS, LinkProtocols.ETHERTYPE_IP, header)).isTrue();
            assertThat(protocol(LinkType.PPP_BSDOS, LinkProtocols.ETHERTYPE_IPV6, header)).isFalse();
        }
    }

    @Test
    void ciscoHdlcUsesEtherTypesAndFefeForOsi() {
        assertThat(protocol(LinkType.C_HDLC, LinkProtocols.LLCSAP_ISONS, Frames.b(0x0f, 0, 0xfe, 0xfe, 0, 0x83)))
                .isTrue();
        assertThat(protocol(LinkType.C_HDLC, LinkProtocols.ETHERTYPE_ARP, Frames.b(0x8f, 0, 0x08, 0x06))).isTrue();
        assertThatThrownBy(() -> protocol(LinkType.C_HDLC, 0x10000, new byte[4]))
                .hasMessage("HDLC protocol 65536 greater than maximum 65535");
    }

    @Test
    void frameRelayTestsTheControlByteAndTheNlpid() {
        assertThat(protocol(LinkType.FRELAY, LinkProtocols.ETHERTYPE_IP, Frames.b(0x18, 0x41, 0x03, 0xcc))).isTrue();
        assertThat(protocol(LinkType.FRELAY, LinkProtocols.ETHERTYPE_IP, Frames.b(0x18, 0x41, 0x13, 0xcc)))
                .isFalse();
        for (int nlpid : new int[] {0x81, 0x82, 0x83}) {
            assertThat(protocol(LinkType.FRELAY, LinkProtocols.LLCSAP_ISONS, Frames.b(0x18, 0x41, 0x03, nlpid)))
                    .isTrue();
        }
        assertThat(layer(LinkType.FRELAY).protocolTest(fields(layer(LinkType.FRELAY)), LinkProtocols.LLCSAP_8021D))
                .isEqualTo(Pred.FALSE);
    }

    @Test
    void juniperChecksOnlyTheMagicAndTheDirectionFlag() {
        byte[] in = Frames.b(0x4d, 0x47, 0x43, 0x01, 0x45);
        byte[] out = Frames.b(0x4d, 0x47, 0x43, 0x00, 0x60);
        assertThat(protocol(LinkType.JUNIPER_PPP, LinkProtocols.ETHERTYPE_IP, out)).isTrue();
        assertThat(protocol(LinkType.JUNIPER_ES, LinkProtocols.ETHERTYPE_IPV6, in)).isTrue();
        assertThat(protocol(LinkType.JUNIPER_ES, LinkProtocols.ETHERTYPE_IP, Frames.b(0x4d, 0x47, 0x44, 0x01)))
                .isFalse();
        assertThat(direction(LinkType.JUNIPER_MFR, false, in)).isTrue();
        assertThat(direction(LinkType.JUNIPER_MFR, true, in)).isFalse();
        assertThat(direction(LinkType.JUNIPER_VS, true, out)).isTrue();
    }

    @Test
    void ipnetHasItsOwnFamiliesAndDirections() {
        byte[] inbound6 = Frames.b(1, 26, 0, 2);
        assertThat(protocol(LinkType.IPNET, LinkProtocols.ETHERTYPE_IPV6, inbound6)).isTrue();
        assertThat(protocol(LinkType.IPNET, LinkProtocols.ETHERTYPE_IP, inbound6)).isFalse();
        assertThat(direction(LinkType.IPNET, false, inbound6)).isTrue();
        assertThat(direction(LinkType.IPNET, true, inbound6)).isFalse();
        assertThat(direction(LinkType.IPNET, true, Frames.b(1, 2, 0, 1))).isTrue();
    }

    @Test
    void encMatchesTheHostOrderFamilyAndLocalTalkIsAppleTalkOnly() {
        assertThat(protocol(LinkType.ENC, LinkProtocols.ETHERTYPE_IP, Frames.family(2, ByteOrder.LITTLE_ENDIAN)))
                .isTrue();
        assertThat(protocol(LinkType.ENC, LinkProtocols.ETHERTYPE_IP, Frames.family(2, ByteOrder.BIG_ENDIAN)))
                .isFalse();
        LinkLayer ltalk = layer(LinkType.LTALK);
        assertThat(ltalk.protocolTest(fields(ltalk), LinkProtocols.ETHERTYPE_ATALK)).isEqualTo(Pred.TRUE);
        assertThat(ltalk.protocolTest(fields(ltalk), LinkProtocols.ETHERTYPE_IP)).isEqualTo(Pred.FALSE);
    }

    @Test
    void fixedEtherTypeFieldsAreComparedAsEtherTypes() {
        byte[] symantec = new byte[44];
        symantec[6] = 0x08;
        symantec[7] = 0x06;
        assertThat(protocol(LinkType.SYMANTEC_FIREWALL, LinkProtocols.ETHERTYPE_ARP, symantec)).isTrue();
        byte[] firewire = new byte[18];
        firewire[16] = (byte) 0x86;
        firewire[17] = (byte) 0xdd;
        assertThat(protocol(LinkType.APPLE_IP_OVER_IEEE1394, LinkProtocols.ETHERTYPE_IPV6, firewire)).isTrue();
        assertThatThrownBy(() -> protocol(LinkType.APPLE_IP_OVER_IEEE1394, 0x10000, firewire))
                .hasMessage("EtherType 65536 greater than maximum 65535");
    }

    @Test
    void headersWithoutAProtocolFieldRefuseLinkLevelTests() {
        for (LinkType type : new LinkType[] {LinkType.MFR, LinkType.PFSYNC, LinkType.JUNIPER_PIC_PEER}) {
            assertThatThrownBy(() -> protocol(type, LinkProtocols.ETHERTYPE_IP, new byte[4]))
                    .hasMessage("link-layer type filtering not implemented for DLT_" + type.name() + " ("
                            + type.description() + ")");
        }
    }

    @Test
    void unsetJuniperOffsetsWrapAsInLibpcapAndLoadsBeforeThePacketFail() {
        // JUNIPER_ES leaves the payload and network offsets unset (-1): ip[12] lands at 12 - 2 = 10.
        byte[] packet = Frames.cat(Frames.b(0x4d, 0x47, 0x43, 0x01, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4), new byte[40]);
        var ipSrc = (dev.jfilter.frontend.Result.Ok<dev.jfilter.cfg.Cfg>) dev.jfilter.frontend.Frontend.compile(
                "ip src 1.2.3.4", CompileOptions.of(LinkType.JUNIPER_ES));
        assertThat(CfgInterpreter.run(ipSrc.value(), packet, packet.length, packet.length)).isNotZero();
        // iso proto reads the NLPID at -2, before the packet: bpf_filter fails that load, whatever the packet.
        packet[0xe] = (byte) 0x83;
        var iso = (dev.jfilter.frontend.Result.Ok<dev.jfilter.cfg.Cfg>) dev.jfilter.frontend.Frontend.compile(
                "iso proto \\isis or ip6", CompileOptions.of(LinkType.JUNIPER_ES));
        assertThat(CfgInterpreter.run(iso.value(), packet, packet.length, packet.length)).isZero();
    }
}
