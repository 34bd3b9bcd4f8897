package dev.jfilter.frontend.lower;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.AncillarySource;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Frontend;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.cfg.opt.Optimizer;
import dev.jfilter.frontend.oracle.CbpfText;
import dev.jfilter.frontend.oracle.Frames;
import java.util.List;
import org.junit.jupiter.api.Test;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Linux live-capture mode ({@code linuxExtensions}): {@code inbound}, {@code outbound} and {@code ifindex} read the
 * packet's metadata, as libpcap master's programs in its test suite do ({@code ldh [type]}, {@code ld [ifidx]});
 * the link types that record them in the header keep using the header; {@code vlan} reads the outermost tag from the
 * metadata when the kernel took it out of the frame ({@code vlanp}, {@code vlan_tci}) and from the frame otherwise.
 */
class LinuxExtensionsTest {

    private static int run(Cfg cfg, int pktType, int ifIndex) {
        AncillarySource meta = f -> f == Ancillary.PKTTYPE ? OptionalInt.of(pktType)
                : f == Ancillary.IFINDEX ? OptionalInt.of(ifIndex) : OptionalInt.empty();
        byte[] p = new byte[64];
        return CfgInterpreter.run(cfg, p, p.length, p.length, meta);
    }

    @ParameterizedTest
    @CsvSource({
        "EN10MB, inbound, 0, 10, true", "EN10MB, inbound, 4, 10, false",
        "EN10MB, outbound, 4, 10, true", "EN10MB, outbound, 3, 10, false",
        "EN10MB, ifindex 10, 0, 10, true", "EN10MB, ifindex 10, 0, 11, false",
        "RAW, inbound, 1, 1, true", "NULL, ifindex 7, 0, 7, true", "IPV6, outbound, 4, 0, true"})
    void metadataDecides(LinkType type, String expression, int pktType, int ifIndex, boolean accepts) {
        Result<Cfg> r = Frontend.compile(expression, CompileOptions.of(type).withLinuxExtensions(true));
        assertThat(run(((Result.Ok<Cfg>) r).value(), pktType, ifIndex) != 0).isEqualTo(accepts);
        // Offline (no metadata) such a program rejects everything, as libpcap's bpf_filter does.
        assertThat(CfgInterpreter.run(((Result.Ok<Cfg>) r).value(), new byte[64], 64, 64)).isZero();
    }

    @ParameterizedTest
    @CsvSource({"LINUX_SLL2, ifindex 7", "LINUX_SLL, inbound", "LINUX_SLL2, outbound"})
    void cookedHeadersStillDecideFromTheHeader(LinkType type, String expression) {
        Result<Cfg> live = Frontend.compile(expression, CompileOptions.of(type).withLinuxExtensions(true));
        Result<Cfg> offline = Frontend.compile(expression, CompileOptions.of(type));
        assertThat(live).isEqualTo(offline);
    }

    /** Runs with a VLAN tag in the metadata ({@code tci}) or none (-1). */
    private static boolean accepts(Cfg cfg, byte[] frame, int tci) {
        AncillarySource meta = f -> f == Ancillary.VLAN_TAG_PRESENT ? OptionalInt.of(tci >= 0 ? 1 : 0)
                : f == Ancillary.VLAN_TAG ? OptionalInt.of(Math.max(tci, 0)) : OptionalInt.empty();
        return CfgInterpreter.run(cfg, frame, frame.length, frame.length, meta) != 0;
    }

    private static Cfg live(String expression) {
        return ((Result.Ok<Cfg>) Frontend.compile(expression, CompileOptions.of(LinkType.EN10MB)
                .withLinuxExtensions(true))).value();
    }

    private static final byte[] IPV4 = Frames.ipv4(6, 0x0a000001L, 0x0a000002L, Frames.ports(1, 2, 20));

    private static byte[] tagged(int tpid, int vid, byte[] l3) {
        return Frames.cat(Frames.b(2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, tpid >>> 8, tpid, vid >>> 8, vid, 8, 0), l3);
    }

    @Test
    void theOutermostTagComesFromTheMetadataOrFromThePacket() {
        Cfg vlan10AndIp = live("vlan 10 and ip");
        byte[] untagged = Frames.ethernet(1, 2, 0x0800, IPV4);
        // The kernel took the tag out of the frame: the metadata says 10, the frame is plain IPv4.
        assertThat(accepts(vlan10AndIp, untagged, 10)).isTrue();
        assertThat(accepts(vlan10AndIp, untagged, 0x200a)).isTrue(); // priority bits are not the VID
        assertThat(accepts(vlan10AndIp, untagged, 11)).isFalse();
        // No tag in the metadata: the tag is in the frame, and ip is 4 bytes further.
        assertThat(accepts(vlan10AndIp, tagged(0x8100, 10, IPV4), -1)).isTrue();
        assertThat(accepts(vlan10AndIp, tagged(0x88a8, 10, IPV4), -1)).isTrue();
        assertThat(accepts(vlan10AndIp, tagged(0x8100, 11, IPV4), -1)).isFalse();
        assertThat(accepts(vlan10AndIp, untagged, -1)).isFalse();
    }

    @Test
    void aSecondTagIsInThePacketAfterTheFirst() {
        Cfg vlanAndVlan20 = live("vlan and vlan 20 and ip");
        // Outer tag in the metadata, inner one in the frame.
        assertThat(accepts(vlanAndVlan20, tagged(0x8100, 20, IPV4), 10)).isTrue();
        assertThat(accepts(vlanAndVlan20, tagged(0x8100, 21, IPV4), 10)).isFalse();
        // Both in the frame.
        byte[] both = Frames.cat(Frames.b(2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0x88, 0xa8, 0, 10), tagged(0x8100, 20,
                IPV4)).clone();
        byte[] qinq = new byte[both.length - 12];
        System.arraycopy(both, 0, qinq, 0, 16);
        System.arraycopy(both, 28, qinq, 16, both.length - 28);
        assertThat(accepts(vlanAndVlan20, qinq, -1)).isTrue();
    }

    @Test
    void offlineTheTagIsAlwaysInThePacket() {
        Cfg offline = ((Result.Ok<Cfg>) Frontend.compile("vlan 10 and ip", CompileOptions.of(LinkType.EN10MB)))
                .value();
        assertThat(CfgInterpreter.run(offline, tagged(0x8100, 10, IPV4), 60, 60)).isNotZero();
        assertThat(live("vlan 10 and ip")).isNotEqualTo(offline);
    }

    @Test
    void metadataIsOnlyForTheOutermostTag() {
        // Inside a tunnel, or after a first tag, vlan reads the frame as offline.
        Cfg afterGeneve = live("geneve and vlan");
        Cfg offline = ((Result.Ok<Cfg>) Frontend.compile("geneve and vlan", CompileOptions.of(LinkType.EN10MB)))
                .value();
        assertThat(afterGeneve).isEqualTo(offline);
    }

    /** libpcap master's optimized program for issue #1513's expression ({@code filtertest -l EN10MB ...}). */
    private static final List<String> ISSUE_1513_LIBPCAP_OPTIMIZED = List.of(
            "(000) ldh      [12]",
            "(001) jeq      #0x8892          jt 9\tjf 2",
            "(002) jeq      #0x8100          jt 7\tjf 3",
            "(003) jeq      #0x88a8          jt 7\tjf 4",
            "(004) jeq      #0x9100          jt 7\tjf 5",
            "(005) ldb      [vlanp]",
            "(006) jeq      #0x1             jt 7\tjf 10",
            "(007) ldh      [16]",
            "(008) jeq      #0x8892          jt 9\tjf 10",
            "(009) ret      #262144",
            "(010) ret      #0");

    @Test
    void optimizingKeepsTheRunTimeOffsetsUnlikeLibpcapIssue1513() {
        Cfg cfg = live("ether proto 0x8892 or (vlan and ether proto 0x8892)");
        Cfg optimized = Optimizer.optimize(cfg).after();
        // The kernel took the tag: the frame's type is at 12 (IPv4), and 16-17 happen to hold 0x8892.
        byte[] frame = Frames.ethernet(1, 2, 0x0800, Frames.b(0x45, 0, 0x88, 0x92, 0, 0, 0, 0));
        assertThat(accepts(cfg, frame, 10)).isFalse();
        assertThat(accepts(optimized, frame, 10)).isFalse();
        // libpcap's optimizer folded the run-time offset to 4 on the metadata path too, and reads [16].
        long libpcap = CbpfText.parse(ISSUE_1513_LIBPCAP_OPTIMIZED).run(frame, frame.length,
                (AncillarySource) f -> f == Ancillary.VLAN_TAG_PRESENT ? OptionalInt.of(1) : OptionalInt.of(10),
                new int[1]);
        assertThat(libpcap).isNotZero();
        // Where the tag is in the frame, all agree.
        byte[] tagged = tagged(0x8100, 10, Frames.b(0x45, 0, 0, 0));
        tagged[16] = (byte) 0x88;
        tagged[17] = (byte) 0x92;
        assertThat(accepts(cfg, tagged, -1)).isTrue();
        assertThat(accepts(optimized, tagged, -1)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"pppoes and inbound, QUEUE", "pppoes and ifindex 10, HATYPE"})
    void ancillaryLoadsAreRelativeToTheLinkHeaderAsInLibpcap(String expression, Ancillary field) {
        // libpcap loads SKF_AD_OFF + field from the link-layer header: inside PPPoE (20 bytes in) that names
        // another field (libpcap master's programs read [queue] and [hatype] here).
        Cfg cfg = live(expression);
        assertThat(cfg.blocks().stream().flatMap(b -> b.statements().stream()))
                .contains(new dev.jfilter.cfg.Stmt.LoadAncillary(field));
    }

    @Test
    void anAncillaryLoadThatNamesNoFieldFailsInsteadOfReachingTheKernel() {
        // On LINUX_SLL the PPP header inside PPPoE is 22 bytes in: libpcap loads SKF_AD_OFF + 4 + 22, which names no
        // field. bpf_filter fails that load (return 0) and the kernel refuses the program; jfilter returns 0 there.
        Cfg cfg = ((Result.Ok<Cfg>) Frontend.compile("pppoes and inbound",
                CompileOptions.of(LinkType.LINUX_SLL).withLinuxExtensions(true))).value();
        assertThat(cfg.blocks().stream().flatMap(b -> b.statements().stream()))
                .noneMatch(st -> st instanceof dev.jfilter.cfg.Stmt.LoadAbsolute l && l.offset() < 0);
        byte[] session = Frames.sll(0, 0x8864, Frames.b(0x11, 0, 0, 0x3b, 0, 4, 0, 0x21, 0x45, 0));
        AncillarySource meta = f -> OptionalInt.of(0);
        assertThat(CfgInterpreter.run(cfg, session, session.length, session.length, meta)).isZero();
        Cfg negated = ((Result.Ok<Cfg>) Frontend.compile("pppoes and not inbound",
                CompileOptions.of(LinkType.LINUX_SLL).withLinuxExtensions(true))).value();
        assertThat(CfgInterpreter.run(negated, session, session.length, session.length, meta)).isZero();
    }
}
