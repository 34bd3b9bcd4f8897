package dev.jfilter.frontend.lower;

import static dev.jfilter.frontend.oracle.Frames.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Frontend;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkLayer;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.link.LoopbackEncoding;
import dev.jfilter.frontend.oracle.PflogFrames.Header;
import dev.jfilter.frontend.oracle.Ss7Frames;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pflog and SS7 link types, packet by packet and message by message: what libpcap master's {@code gencode.c}
 * makes of their primitives ({@code gen_pf_*}, {@code gen_mtp2type_abbrev}, {@code gen_mtp3field_code}), on
 * hand-made headers. The accept suite compares whole programs with master's; these say the semantics out loud.
 */
class PflogAndSs7Test {
    private static final byte[] UDP4 = ipv4(17, 0x0a000002L, 0x01020304L, ports(53, 53, 8));

    private static Cfg compile(LinkType type, String expression) {
        Result<Cfg> r = Frontend.compile(expression, CompileOptions.of(type));
        assertThat(r).as(expression).isInstanceOf(Result.Ok.class);
        return ((Result.Ok<Cfg>) r).value();
    }

    private static boolean accepts(LinkType type, String expression, byte[] packet) {
        return CfgInterpreter.run(compile(type, expression), packet, packet.length, packet.length) != 0;
    }

    private static String error(LinkType type, String expression) {
        Result<Cfg> r = Frontend.compile(expression, CompileOptions.of(type));
        assertThat(r).as(expression).isInstanceOf(Result.Failed.class);
        return ((Result.Failed<Cfg>) r).diagnostics().getFirst().message();
    }

    private static byte[] pflog(int length, int af, String ifname, byte[] packet) {
        return cat(new Header(length, af, 1, 2, ifname, "testruleset2", 0x456789, 123, 2).bytes(), packet);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', textBlock = """
        ifname testname1          | testname1  | true
        ifname testname1          | testname12 | true
        ifname testname1          | testname   | false
        ifname testname1          | Testname1  | false
        on em0                    | em0        | true
        rset testruleset2         | em0        | true
        ruleset testruleset       | em0        | true
        ruleset testruleset23     | em0        | false
        rnr 0x456789              | em0        | true
        rulenum 0x45678a          | em0        | false
        srnr 123                  | em0        | true
        reason fragment           | em0        | true
        reason 2                  | em0        | true
        reason match              | em0        | false
        action drop               | em0        | true
        action block              | em0        | true
        action pass               | em0        | false
        outbound                  | em0        | true
        inbound                   | em0        | false
        """)
    void pflogHeaderFields(String expression, String ifname, boolean matches) {
        assertThat(accepts(LinkType.PFLOG, expression, pflog(61, 2, ifname, UDP4))).isEqualTo(matches);
    }

    /** The payload starts at the header's length byte rounded up to 4, read by the program itself. */
    @ParameterizedTest(name = "header length {0}")
    @CsvSource({"61", "64", "69", "100", "255"})
    void thePayloadIsWhereTheLengthByteSays(int length) {
        byte[] packet = pflog(length, 2, "em0", UDP4);
        assertThat(accepts(LinkType.PFLOG, "udp port 53", packet)).isTrue();
        assertThat(accepts(LinkType.PFLOG, "ip[9] = 17", packet)).isTrue();
        assertThat(accepts(LinkType.PFLOG, "tcp", packet)).isFalse();
        assertThat(accepts(LinkType.PFLOG, "ip6", packet)).isFalse();
        // The header's length byte is all the program trusts: one that says 4 puts the payload inside the header.
        byte[] lying = packet.clone();
        lying[0] = 4;
        assertThat(accepts(LinkType.PFLOG, "udp port 53", lying)).isFalse();
    }

    /** gen_pflog_linktype: live captures compare this host's AF_INET6, savefiles the three BSD values. */
    @Test
    void theAddressFamilyDependsOnLiveOrSavefile() {
        byte[] ip6 = ipv6(17, addr6("fe80::1"), addr6("ff02::1"), ports(53, 53, 8));
        CompileOptions live = CompileOptions.of(LinkType.PFLOG)
                .withLoopback(new LoopbackEncoding.Live(java.nio.ByteOrder.LITTLE_ENDIAN, 2, 10));
        CompileOptions file = CompileOptions.of(LinkType.PFLOG).withLoopback(new LoopbackEncoding.Savefile(false));
        for (int af : new int[] {10, 24, 28, 30, 26}) {
            byte[] packet = pflog(61, af, "em0", ip6);
            assertThat(run(live, "ip6", packet)).as("live, AF %d", af).isEqualTo(af == 10);
            assertThat(run(file, "ip6", packet)).as("savefile, AF %d", af).isEqualTo(af == 24 || af == 28 || af == 30);
        }
        assertThat(run(file, "ip", pflog(61, 2, "em0", UDP4))).isTrue();
        assertThat(run(live, "arp", pflog(61, 2, "em0", UDP4))).isFalse();
    }

    private static boolean run(CompileOptions options, String expression, byte[] packet) {
        Cfg cfg = ((Result.Ok<Cfg>) Frontend.compile(expression, options)).value();
        return CfgInterpreter.run(cfg, packet, packet.length, packet.length) != 0;
    }

    /**
     * libpcap stores the header length in the payload offset's word as it is when the expression ends: after
     * {@code geneve}, the tunnel's word. What comes before the tunnel reads its own word unwritten, as 0, so
     * {@code ip[9]} there is the pflog header's byte 9 (master's unoptimized program does the same).
     */
    @Test
    void beforeGeneveThePayloadOffsetIsZeroAsInLibpcap() {
        byte[] packet = pflog(61, 2, "em0", UDP4);
        assertThat(accepts(LinkType.PFLOG, "ip[9] = 17", packet)).isTrue();
        assertThat(accepts(LinkType.PFLOG, "ip[9] = 17 or geneve", packet)).isFalse();
        byte[] byte9 = packet.clone();
        byte9[9] = 17;
        assertThat(accepts(LinkType.PFLOG, "ip[9] = 17 or geneve", byte9)).isTrue();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', textBlock = """
        PFLOG          | ifname abcdefghijklmnop          | ifname interface names can only be 15 characters
        PFLOG          | ruleset abcdefghijklmnop         | ruleset names can only be 15 characters
        PFLOG          | fisu                             | 'fisu' supported only on SS7
        PFLOG          | pppoes and ifname em0            | 'ifname' supported only on PFLOG linktype
        PFLOG          | protochain 6                     | 'protochain' not supported with variable length headers
        PFLOG          | broadcast                        | 'broadcast' not supported on DLT_PFLOG (OpenBSD pflog file)
        EN10MB         | rnr 1                            | 'rnr' supported only on PFLOG linktype
        MTP2           | ip                               | link-layer type filtering not implemented for DLT_MTP2 (SS7 MTP2)
        MTP2_WITH_PHDR | tcp port 80                      | link-layer type filtering not implemented for DLT_MTP2_WITH_PHDR (SS7 MTP2 with Pseudo-header)
        MTP3           | fisu                             | 'fisu' supported only on SS7
        MTP3           | hsls 1                           | 'hsls' supported only on SS7
        MTP3           | ip6                              | link-layer type filtering not implemented for DLT_MTP3 (SS7 MTP3)
        MTP2           | sio 256                          | sio 256 greater than maximum 255
        MTP2           | hsio > 256                       | hsio 256 greater than maximum 255
        MTP2           | opc 16384                        | opc 16384 greater than maximum 16383
        MTP2           | hdpc != 16384                    | hdpc 16384 greater than maximum 16383
        MTP2           | sls (1 or 16)                    | sls 16 greater than maximum 15
        MTP2           | reason congestion                | 'reason' supported only on PFLOG linktype
        MTP2           | vlan                             | 'vlan' not supported on DLT_MTP2 (SS7 MTP2)
        MTP2           | link host 1:2:3:4:5:6            | 'link host XX:XX:XX:XX:XX:XX' not supported on DLT_MTP2
        """)
    void refusedWithLibpcapsReason(LinkType type, String expression, String message) {
        assertThat(error(type, expression)).contains(message);
    }

    private static byte[] basic(int li, int sio, int dpc, int opc, int sls) {
        return cat(b(0x81, 0x82, li), b(sio), Ss7Frames.label(dpc, opc, sls), b(1, 2, 3));
    }

    private static byte[] highSpeed(int li, int sio, int dpc, int opc, int sls) {
        return cat(b(0, 1, 0, 2), b(li >>> 1, (li & 1) << 7), b(sio), Ss7Frames.label(dpc, opc, sls), b(1, 2, 3));
    }

    /** The length indicator's 6 bits (basic) or 9 bits (high speed) tell FISUs, LSSUs and MSUs apart. */
    @ParameterizedTest(name = "LI {0}")
    @CsvSource({"0, fisu", "1, lssu", "2, lssu", "3, msu", "63, msu"})
    void signalUnitsByLengthIndicator(int li, String type) {
        for (String t : List.of("fisu", "lssu", "msu")) {
            assertThat(accepts(LinkType.MTP2, t, basic(li, 0x85, 1, 2, 3))).as(t).isEqualTo(t.equals(type));
            // The spare bits above the indicator do not count.
            assertThat(accepts(LinkType.MTP2, t, basic(li | 0xc0, 0x85, 1, 2, 3))).as(t).isEqualTo(t.equals(type));
            assertThat(accepts(LinkType.MTP2, "h" + t, highSpeed(li, 0x85, 1, 2, 3))).as("h" + t)
                    .isEqualTo(t.equals(type));
        }
        assertThat(accepts(LinkType.MTP2, "lssu", basic(0x40 | li, 0x85, 1, 2, 3)))
                .isEqualTo(type.equals("lssu"));
        assertThat(accepts(LinkType.MTP2_WITH_PHDR, type, cat(b(0, 0, 1, 0), basic(li, 0x85, 1, 2, 3)))).isTrue();
    }

    /** The routing label is little-endian: DPC in its low 14 bits, OPC in the next 14, SLS in the top 4. */
    @Test
    void routingLabelFields() {
        byte[] msu = basic(20, 0xd2, 0x31d6, 0x3b35, 3);
        assertThat(accepts(LinkType.MTP2, "sio 0xd2 and dpc 0x31d6 and opc 0x3b35 and sls 3", msu)).isTrue();
        assertThat(accepts(LinkType.MTP2, "dpc 0x3b35 or opc 0x31d6 or sls 4 or sio 0xd3", msu)).isFalse();
        assertThat(accepts(LinkType.MTP2, "sio != 0xd2 or dpc != 0x31d6", msu)).isFalse();
        // The ordered comparisons compare byte-swapped values, as libpcap's programs do: 0x31d6 swapped is
        // 0xd631, above 0x3100 swapped (0x0031), though not as point codes.
        assertThat(accepts(LinkType.MTP2, "dpc > 0x3100", msu)).isTrue();
        assertThat(accepts(LinkType.MTP2, "dpc < 0x3100", msu)).isFalse();
        byte[] hsl = highSpeed(20, 0x41, 0x0ab5, 0x3aba, 5);
        assertThat(accepts(LinkType.MTP2, "hsio 0x41 and hdpc 0x0ab5 and hopc 0x3aba and hsls 5", hsl)).isTrue();
        assertThat(accepts(LinkType.MTP2, "hsls 5", msu)).isFalse();
        assertThat(accepts(LinkType.MTP2_WITH_PHDR, "opc 0x3b35 and sls 3", cat(b(1, 0, 0, 0), msu))).isTrue();
        assertThat(accepts(LinkType.MTP3, "link[0] = 0xd2", cat(b(0xd2), Ss7Frames.label(1, 2, 3)))).isTrue();
    }

    @Test
    void ss7OffsetsAreLibpcaps() {
        LoopbackEncoding any = new LoopbackEncoding.Savefile(false);
        assertThat(LinkLayer.of(LinkType.MTP2, any).orElseThrow().ss7()).hasValue(
                new dev.jfilter.frontend.link.Ss7Offsets(2, 4, 3, 4, 4, 7));
        assertThat(LinkLayer.of(LinkType.MTP2_WITH_PHDR, any).orElseThrow().ss7()).hasValue(
                new dev.jfilter.frontend.link.Ss7Offsets(6, 8, 7, 8, 8, 11));
        assertThat(LinkLayer.of(LinkType.MTP3, any).orElseThrow().ss7()).isEmpty();
        assertThat(LinkLayer.of(LinkType.PFLOG, any).orElseThrow().headerLengthAtRunTime()).isPresent();
    }
}
