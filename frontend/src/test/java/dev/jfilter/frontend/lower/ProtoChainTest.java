package dev.jfilter.frontend.lower;

import static dev.jfilter.frontend.oracle.Ast.*;
import static dev.jfilter.frontend.oracle.Frames.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.ast.AddrQualifier;
import dev.jfilter.frontend.ast.DirQualifier;
import dev.jfilter.frontend.ast.ProtoQualifier;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.Libpcap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The unrolled {@code protochain} walk against libpcap's looping one. */
class ProtoChainTest {
    private static final int[] WALKED = {0, 60, 43, 44, 51};

    private static Cfg compile(LinkType type, ProtoQualifier proto, long v) {
        Result<Cfg> r = Lowering.lower(
                Optional.of(qualified(proto, DirQualifier.DEFAULT, AddrQualifier.PROTOCHAIN, num(v))),
                CompileOptions.of(type));
        return ((Result.Ok<Cfg>) r).value();
    }

    /** An IPv6 packet whose chain is {@code headers} (walkable extension headers) and then {@code last}. */
    private static byte[] chain6(int[] headers, int last, Random r) {
        byte[] payload = ports(1, 2, 20);
        int next = last;
        for (int i = headers.length - 1; i >= 0; i--) {
            int h = headers[i];
            payload = cat(h == 51 ? ah(next, r.nextInt(3)) : ext6(next, h == 44 ? 0 : r.nextInt(3)), payload);
            next = h;
        }
        return ipv6(next, addr6("::1"), addr6("::2"), payload);
    }

    private static byte[] chain4(int[] ahs, int last, Random r) {
        byte[] payload = ports(1, 2, 20);
        int next = last;
        for (int i = ahs.length - 1; i >= 0; i--) {
            payload = cat(ah(next, r.nextInt(3)), payload);
            next = 51;
        }
        return ipv4(next, 1, 2, 5 + r.nextInt(2), 0, cat(payload, new byte[200]));
    }

    /**
     * libpcap's loop as written in gen_protochain, run directly: how many headers it skips before deciding, or -1
     * when a load fails, or {@link Integer#MAX_VALUE} when it never ends (an AH header whose length leads back to
     * an earlier offset: libpcap's own interpreter then spins forever, so such packets are kept away from it).
     */
    static int libpcapSteps(byte[] p, int nl, boolean ipv6, int v, boolean[] verdict) {
        if (nl + 9 >= p.length) {
            return -1;
        }
        int a = p[nl + (ipv6 ? 6 : 9)] & 0xff;
        int x = ipv6 ? 40 : (p[nl] & 0xf) << 2;
        for (int steps = 0; steps < 10_000; steps++) {
            boolean ext = ipv6 && (a == 0 || a == 60 || a == 43 || a == 44);
            if (a == v || a == 59 || !(ext || a == 51)) {
                verdict[0] = a == v;
                return steps;
            }
            if (x + nl + 1 >= p.length) {
                return -1;
            }
            int next = p[x + nl] & 0xff;
            int len = p[x + nl + 1] & 0xff;
            x = ext ? x + (len + 1) * 8 : (len + 2) * 4;
            a = next;
        }
        return Integer.MAX_VALUE;
    }

    @ParameterizedTest
    @CsvSource({"EN10MB, IPV6, 6", "EN10MB, IPV6, 17", "EN10MB, DEFAULT, 58", "RAW, IPV6, 59", "LINUX_SLL, IPV6, 44",
        "IPV6, IPV6, 0", "NULL, DEFAULT, 6", "EN10MB, IP, 17", "IPV4, IP, 6", "LINUX_SLL2, DEFAULT, 51"})
    void agreesWithLibpcapOnChainsUpToTheDepth(LinkType type, ProtoQualifier proto, int v) {
        Assumptions.assumeTrue(Libpcap.available(), "libpcap through pcap4j is not available");
        String text = (proto == ProtoQualifier.DEFAULT ? "" : proto.keyword() + " ") + "protochain " + v;
        Cfg cfg = compile(type, proto, v);
        Random r = new Random(v * 31L + type.dlt());
        int checked = 0;
        try (Libpcap.Program lib = Libpcap.compile(type, 262144, text, false, -1).orElseThrow()) {
            for (int n = 0; n < 600; n++) {
                int depth = r.nextInt(ProtoChain.MAX_HEADERS + 1);
                int[] headers = new int[depth];
                for (int i = 0; i < depth; i++) {
                    headers[i] = WALKED[r.nextInt(WALKED.length)];
                }
                int last = new int[] {6, 17, 58, 59, 50, 0, 44, v}[r.nextInt(8)];
                List<byte[]> l3s = List.of(chain6(headers, last, r), chain4(java.util.Arrays.copyOf(headers,
                        Math.min(depth, 3)), last, r));
                for (byte[] l3 : l3s) {
                    for (byte[] f : framed(type, (l3[0] & 0xf0) == 0x60 ? ETH_IPV6 : ETH_IP, l3)) {
                        for (byte[] p : List.of(f, java.util.Arrays.copyOf(f, r.nextInt(f.length)))) {
                            int nl = f.length - l3.length;
                            boolean[] verdict = new boolean[1];
                            if (libpcapSteps(p, nl, (l3[0] & 0xf0) == 0x60, v, verdict) > ProtoChain.MAX_HEADERS) {
                                continue;
                            }
                            boolean ours = CfgInterpreter.run(cfg, p, p.length, f.length) != 0;
                            assertThat(ours).as("%s, chain %s then %d, %d of %d bytes", text,
                                    java.util.Arrays.toString(headers), last, p.length, f.length)
                                    .isEqualTo(lib.accepts(p, f.length));
                            checked++;
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }

    @Test
    void libpcapsAhOffsetCanLoopForeverWhereTheUnrolledWalkStops() {
        // AH first after IPv6, its length sending libpcap back to offset 32 of the fixed header, which then reads
        // as a Hop-by-Hop header (next 51, length 0) leading to the AH again: libpcap's bpf_filter never returns.
        byte[] dst = new byte[16];
        dst[8] = 51;
        byte[] l3 = ipv6(51, new byte[16], dst, cat(ah(0, 6), ports(1, 2, 20)));
        assertThat(libpcapSteps(l3, 0, true, 6, new boolean[1])).isEqualTo(Integer.MAX_VALUE);
        Cfg cfg = compile(LinkType.RAW, ProtoQualifier.IPV6, 6);
        assertThat(CfgInterpreter.run(cfg, l3, l3.length, l3.length)).isZero();
    }

    @Test
    void aLongerChainDoesNotMatchWhereLibpcapsLoopWouldGoOn() {
        Assumptions.assumeTrue(Libpcap.available(), "libpcap through pcap4j is not available");
        int[] nine = new int[ProtoChain.MAX_HEADERS + 1];
        java.util.Arrays.fill(nine, 60);
        byte[] p = chain6(nine, 6, new Random(1));
        Cfg cfg = compile(LinkLayerTestTypes.RAW, ProtoQualifier.IPV6, 6);
        try (Libpcap.Program lib = Libpcap.compile(LinkType.RAW, 262144, "ip6 protochain 6", false, -1)
                .orElseThrow()) {
            assertThat(lib.accepts(p, p.length)).isTrue();
            assertThat(CfgInterpreter.run(cfg, p, p.length, p.length)).isZero();
            byte[] eight = chain6(java.util.Arrays.copyOf(nine, ProtoChain.MAX_HEADERS), 6, new Random(1));
            assertThat(CfgInterpreter.run(cfg, eight, eight.length, eight.length)).isNotZero();
        }
    }

    @Test
    void theOraclesDepthIsTheLowerings() {
        assertThat(dev.jfilter.frontend.oracle.Differential.PROTOCHAIN_DEPTH).isEqualTo(ProtoChain.MAX_HEADERS);
    }

    @Test
    void theWalkIsAcyclicAndLinearInTheDepth() {
        Cfg cfg = compile(LinkType.EN10MB, ProtoQualifier.DEFAULT, 6);
        // Cfg.of refuses cycles; the size is a fixed number of blocks per step, both families.
        assertThat(cfg.size()).isLessThan(2 + 2 * (3 + 11 * ProtoChain.MAX_HEADERS));
        assertThat(cfg.instructionEstimate()).isLessThan(450);
    }

    @Test
    void everyProtochainKeepsOneScratchWordLikeLibpcap() {
        // libpcap's unqualified protochain never frees the word it allocates first: 16 of them exhaust memory.
        dev.jfilter.frontend.ast.FilterExpr e = qualified(ProtoQualifier.DEFAULT, DirQualifier.DEFAULT,
                AddrQualifier.PROTOCHAIN, num(6));
        dev.jfilter.frontend.ast.FilterExpr all = e;
        for (int i = 1; i < 15; i++) {
            all = or(all, e);
        }
        assertThat(Lowering.lower(Optional.of(all), CompileOptions.of(LinkType.EN10MB)))
                .isInstanceOf(Result.Ok.class);
        assertThat(Lowering.lower(Optional.of(or(all, e)), CompileOptions.of(LinkType.EN10MB)))
                .isInstanceOf(Result.Failed.class);
    }

    /** Link types for the tests above. */
    static final class LinkLayerTestTypes {
        static final LinkType RAW = LinkType.RAW;
    }
}
