package dev.jfilter.runtime.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.Instruction;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.JFilter;
import dev.jfilter.runtime.libpcap.Libpcap;
import dev.jfilter.runtime.libpcap.SavedPacket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for libpcap optimizer bugs (notes/libpcap-optimizer.md): on the packets that break libpcap's
 * optimized program, jfilter's optimized program returns what the unoptimized programs (libpcap's and jfilter's)
 * return; and the redundant reload of issue 110 is gone.
 */
class LibpcapOptimizerIssuesTest {
    private static final int ACCEPT = CompileOptions.DEFAULT_SNAPLEN;

    private static CompiledFilter jfilter(LinkType link, String expression, boolean optimize) {
        return switch (JFilter.compile(expression, CompileOptions.of(link), optimize)) {
            case Result.Ok<CompiledFilter> ok -> ok.value();
            case Result.Failed<CompiledFilter> failed -> throw new AssertionError(failed.diagnostics().toString());
        };
    }

    private static CbpfProgram libpcap(LinkType link, String expression, boolean optimize) {
        Assumptions.assumeTrue(Libpcap.isAvailable(), () -> Libpcap.unavailableReason().orElse("no libpcap"));
        return Libpcap.compile(link, ACCEPT, optimize, Libpcap.NETMASK_UNKNOWN, expression).program();
    }

    /** Ethernet, IPv4 (IHL 5, protocol 6), TCP: {@code length} bytes captured. */
    private static byte[] ethernetIpv4Tcp(int length) {
        byte[] p = new byte[length];
        p[1] = 0x22; // ether[1], compared with tcp[100]
        p[12] = 0x08; // EtherType 0x0800
        p[14] = 0x45;
        p[16] = (byte) ((length - 14) >> 8);
        p[17] = (byte) (length - 14);
        p[22] = 64;
        p[23] = 6;
        p[26] = 10;
        p[29] = 1;
        p[30] = 10;
        p[33] = 2;
        p[46] = 0x50; // TCP data offset 5
        return p;
    }

    @Test
    void issue430AnOutOfBoundsLoadStillRejectsWhatTheUnoptimizedProgramRejects() {
        String expression = "ether[1] > tcp[100] or ip";
        CompiledFilter optimized = jfilter(LinkType.EN10MB, expression, true);
        CompiledFilter unoptimized = jfilter(LinkType.EN10MB, expression, false);
        CbpfProgram libpcapOptimized = libpcap(LinkType.EN10MB, expression, true);
        CbpfProgram libpcapUnoptimized = libpcap(LinkType.EN10MB, expression, false);
        // 74 bytes: tcp[100] (byte 14 + 20 + 100 = 134) is past the end, so the unoptimized program returns 0.
        byte[] shortTcp = ethernetIpv4Tcp(74);
        assertThat(Libpcap.filter(libpcapUnoptimized, shortTcp, 74, 74)).isZero();
        assertThat(Libpcap.filter(libpcapOptimized, shortTcp, 74, 74)).as("libpcap 1.10.3 -O, the bug")
                .isEqualTo(ACCEPT);
        assertThat(optimized.apply(shortTcp, 74, 74)).isZero();
        assertThat(unoptimized.apply(shortTcp, 74, 74)).isZero();
        // Long enough, all four agree.
        byte[] longTcp = ethernetIpv4Tcp(200);
        int expected = Libpcap.filter(libpcapUnoptimized, longTcp, 200, 200);
        assertThat(expected).isEqualTo(ACCEPT);
        assertThat(Libpcap.filter(libpcapOptimized, longTcp, 200, 200)).isEqualTo(expected);
        assertThat(optimized.apply(longTcp, 200, 200)).isEqualTo(expected);
    }

    @Test
    void issue430OnTheSharedCapturesTheOptimizedProgramIsTheUnoptimizedOne() throws IOException {
        Path captures = shared().resolve("captures");
        Assumptions.assumeTrue(Libpcap.isAvailable(), "libpcap is needed to read the captures");
        String expression = "ether[1] > tcp[100] or ip";
        CompiledFilter optimized = jfilter(LinkType.EN10MB, expression, true);
        CbpfProgram libpcapUnoptimized = libpcap(LinkType.EN10MB, expression, false);
        CbpfProgram libpcapOptimized = libpcap(LinkType.EN10MB, expression, true);
        int packets = 0;
        int libpcapWrong = 0;
        for (String line : Files.readAllLines(captures.resolve("MANIFEST.tsv"))) {
            String[] f = line.split("\t");
            if (f.length < 3 || !f[2].equals("EN10MB")) {
                continue;
            }
            List<SavedPacket> saved;
            try {
                saved = Libpcap.readSavefile(captures.resolve(f[0]));
            } catch (IOException e) {
                continue; // malformed captures are the reader tests' business
            }
            for (SavedPacket p : saved) {
                int expected = Libpcap.filter(libpcapUnoptimized, p.bytes(), p.wirelen(), p.caplen());
                assertThat(optimized.apply(p.bytes(), p.caplen(), p.wirelen())).as("%s: %s", f[0],
                        HexFormat.of().formatHex(p.bytes())).isEqualTo(expected);
                packets++;
                if (Libpcap.filter(libpcapOptimized, p.bytes(), p.wirelen(), p.caplen()) != expected) {
                    libpcapWrong++;
                }
            }
        }
        assertThat(packets).isPositive();
        assertThat(libpcapWrong).as("packets where libpcap's -O program is wrong").isPositive();
    }

    @Test
    void issue1699EqualConstantSubexpressionsDoNotFoldToRejectAll() {
        String expression = "1/2=1/3&&1>4/5&&1>6/7";
        byte[] packet = new byte[60];
        assertThat(Libpcap.filter(libpcap(LinkType.EN10MB, expression, false), packet, 60, 60)).isEqualTo(ACCEPT);
        assertThat(Libpcap.filter(libpcap(LinkType.EN10MB, expression, true), packet, 60, 60))
                .as("libpcap 1.10.3 -O, the bug").isZero();
        CompiledFilter optimized = jfilter(LinkType.EN10MB, expression, true);
        for (byte[] p : List.of(packet, new byte[0], new byte[1])) {
            assertThat(optimized.apply(p, p.length, p.length)).isEqualTo(ACCEPT);
            assertThat(jfilter(LinkType.EN10MB, expression, false).apply(p, p.length, p.length)).isEqualTo(ACCEPT);
        }
        assertThat(optimized.program().size()).isEqualTo(1);
    }

    @Test
    void issues1670And1726StoresUnderVxlanSurviveTheOptimizer() throws IOException {
        Path capture = shared().resolve("captures/vxlan.pcap");
        Assumptions.assumeTrue(Files.isReadable(capture), capture + " is missing");
        Assumptions.assumeTrue(Libpcap.isAvailable(), "libpcap is needed to read the capture");
        List<SavedPacket> packets = Libpcap.readSavefile(capture);
        // The capture holds 10 VXLAN packets: 2 carry ARP, 8 ICMP over IPv4 (tshark: "vxlan && arp", "vxlan && icmp").
        // libpcap master's optimized programs for the first two match none of them (issue 1670).
        Map<String, Integer> expectedMatches = Map.of("vxlan and arp", 2, "vxlan and ip", 8, "vxlan and icmp", 8);
        expectedMatches.forEach((expression, count) -> {
            CompiledFilter optimized = jfilter(LinkType.EN10MB, expression, true);
            CompiledFilter unoptimized = jfilter(LinkType.EN10MB, expression, false);
            int matches = 0;
            for (SavedPacket p : packets) {
                int expected = unoptimized.apply(p.bytes(), p.caplen(), p.wirelen());
                assertThat(optimized.apply(p.bytes(), p.caplen(), p.wirelen())).as(expression).isEqualTo(expected);
                matches += expected != 0 ? 1 : 0;
            }
            assertThat(matches).as(expression).isEqualTo(count);
        });
    }

    @Test
    void issue110TheMaskedSourceAddressIsLoadedOnce() {
        String expression = "src net 10.0.1.0/24 or src net 10.0.2.0/24";
        CbpfProgram libpcapOptimized = libpcap(LinkType.NULL, expression, true);
        CompiledFilter optimized = jfilter(LinkType.NULL, expression, true);
        assertThat(loadsOf16(libpcapOptimized)).as("libpcap 1.10.3 -O reloads").isEqualTo(2);
        assertThat(loadsOf16(optimized.program())).isEqualTo(1);
        assertThat(optimized.program().disassemble().stream()
                .filter(i -> i instanceof Instruction.AluConstant)).hasSize(1);
        assertThat(optimized.program().size()).isLessThan(libpcapOptimized.size());
        CompiledFilter unoptimized = jfilter(LinkType.NULL, expression, false);
        for (int third : new int[] {1, 2, 3}) {
            for (int length : new int[] {4, 19, 20, 40}) {
                byte[] p = new byte[length];
                if (length >= 4) {
                    p[0] = 2; // AF_INET, host byte order as written on a little-endian machine
                }
                if (length >= 20) {
                    p[4] = 0x45;
                    p[16] = 10;
                    p[18] = (byte) third;
                    p[19] = 7;
                }
                assertThat(optimized.apply(p, length, length)).isEqualTo(unoptimized.apply(p, length, length));
            }
        }
    }

    @Test
    void libpcapsShorterProgramForAnOrChainOfHostsAcceptsATruncatedPacketItsUnoptimizedProgramRejects() {
        // libpcap's or_pullup tests [26] == 10.0.0.2 before loading [30]; its own unoptimized program (and jfilter,
        // optimized or not) loads [30] first, which fails on a packet cut after the source address. This is why
        // jfilter's program for such chains is longer than libpcap's -O program.
        String expression = "host 10.0.0.1 or 10.0.0.2";
        byte[] cut = ethernetIpv4Tcp(60);
        cut[29] = 2; // source 10.0.0.2
        int captured = 32; // the source address is in, the destination is not
        assertThat(Libpcap.filter(libpcap(LinkType.EN10MB, expression, false), cut, 60, captured)).isZero();
        assertThat(Libpcap.filter(libpcap(LinkType.EN10MB, expression, true), cut, 60, captured))
                .as("libpcap 1.10.3 -O").isEqualTo(ACCEPT);
        assertThat(jfilter(LinkType.EN10MB, expression, true).apply(cut, captured, 60)).isZero();
        assertThat(jfilter(LinkType.EN10MB, expression, true).apply(cut, 60, 60)).isEqualTo(ACCEPT);
    }

    @Test
    void aLoadWhoseValueIsMaskedAwayStillDecidesShortPackets() {
        // libpcap -O folds "x & 0 == 0" to "accept"; its unoptimized program loads 4 bytes first, which fails on a
        // 2-byte packet. jfilter keeps the load (one instruction more than libpcap, here and in libpcap's own tests).
        String expression = "link[0:4] & 0x00000000 == 0";
        byte[] tiny = {0x45, 0};
        assertThat(Libpcap.filter(libpcap(LinkType.RAW, expression, false), tiny, 2, 2)).isZero();
        assertThat(Libpcap.filter(libpcap(LinkType.RAW, expression, true), tiny, 2, 2)).as("libpcap 1.10.3 -O")
                .isEqualTo(ACCEPT);
        CompiledFilter optimized = jfilter(LinkType.RAW, expression, true);
        assertThat(optimized.apply(tiny, 2, 2)).isZero();
        assertThat(optimized.apply(new byte[4], 4, 4)).isEqualTo(ACCEPT);
        assertThat(optimized.program().size()).isEqualTo(2);
    }

    private static long loadsOf16(CbpfProgram program) {
        return program.disassemble().stream()
                .filter(i -> i instanceof Instruction.LoadAbsolute l && l.offset() == 16).count();
    }

    private static Path shared() {
        String shared = System.getProperty("jfilter.shared");
        Assumptions.assumeTrue(shared != null, "jfilter.shared is not set");
        Path p = Path.of(shared);
        Assumptions.assumeTrue(Files.isDirectory(p), p + " is missing");
        return p;
    }
}
