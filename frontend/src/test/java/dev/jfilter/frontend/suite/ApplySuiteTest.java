package dev.jfilter.frontend.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Frontend;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.lower.Lowering;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.frontend.oracle.KnownDifferences;
import dev.jfilter.frontend.oracle.LibpcapTestSuite;
import dev.jfilter.frontend.oracle.LibpcapTestSuite.Apply;
import dev.jfilter.frontend.oracle.TestrunNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;

/**
 * libpcap's apply tests for the eight link types (among them {@code pppoed}, {@code pppoes}, {@code geneve} and
 * {@code vxlan} on libpcap's own savefiles): compiled as libpcap compiles for an open savefile (its snapshot length,
 * TESTrun's host names), jfilter's unoptimized program returns on each packet exactly what the test expects. The one
 * exception is jfilter's documented protochain depth, on a packet with a longer extension chain.
 */
class ApplySuiteTest {
    static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

    static Stream<Apply> cases() throws Exception {
        Path shared = Captures.shared().orElse(null);
        return shared == null ? Stream.of() : LibpcapTestSuite.applies(shared).stream();
    }

    @org.junit.jupiter.api.Test
    void needsTheSharedMaterial() {
        Captures.requireShared();
    }

    @ParameterizedTest(allowZeroInvocations = true, name = "[{index}] {0}")
    @MethodSource("cases")
    void returnsWhatTheTestExpects(Apply t) throws Exception {
        Path file = Captures.shared().orElseThrow().resolve("libpcap-tests/savefiles").resolve(t.savefile());
        List<Captures.Packet> packets = Captures.read(file, t.savefile());
        assertThat(packets).hasSameSizeAs(t.results());
        int snaplen;
        PcapHandle h = Pcaps.openOffline(file.toString());
        try {
            snaplen = h.getSnapshot();
        } finally {
            h.close();
        }
        CompileOptions options = CompileOptions.of(t.type()).withNames(new TestrunNames()).withSnaplen(snaplen);
        if (t.netmask().isPresent()) {
            options = options.withNetmask(LibpcapTestSuite.netmask(t.netmask().get()));
        }
        Result<Cfg> r = Frontend.compile(t.expression(), options);
        assertThat(r).as("%s: %s", t, r).isInstanceOf(Result.Ok.class);
        Cfg cfg = ((Result.Ok<Cfg>) r).value();
        for (int i = 0; i < packets.size(); i++) {
            Captures.Packet p = packets.get(i);
            long ours = Integer.toUnsignedLong(CfgInterpreter.run(cfg, p.bytes(), p.bytes().length, p.wireLength()));
            long expected = t.results().get(i);
            if (ours == 0 && expected != 0 && t.expression().contains("protochain")
                    && chainLonger(p.bytes(), KnownDifferences.network(t.type(), p.bytes()))) {
                COUNTS.computeIfAbsent("packetsBeyondTheProtochainWalk", k -> new AtomicInteger()).incrementAndGet();
                continue;
            }
            assertThat(ours).as("%s, packet %d", t, i + 1).isEqualTo(expected);
        }
        COUNTS.computeIfAbsent("testsThatAgree", k -> new AtomicInteger()).incrementAndGet();
        COUNTS.computeIfAbsent("testsThatAgree." + t.type(), k -> new AtomicInteger()).incrementAndGet();
        COUNTS.computeIfAbsent("packets", k -> new AtomicInteger()).addAndGet(packets.size());
    }

    /** Whether an IPv6 packet at {@code nl} has more extension headers than jfilter's protochain walks. */
    private static boolean chainLonger(byte[] p, int nl) {
        if (p.length < nl + 40 || (p[nl] & 0xf0) != 0x60) {
            return false;
        }
        int next = p[nl + 6] & 0xff;
        int at = nl + 40;
        int headers = 0;
        while ((next == 0 || next == 43 || next == 44 || next == 60 || next == 51) && at + 2 <= p.length) {
            int len = next == 44 ? 8 : next == 51 ? 4 * ((p[at + 1] & 0xff) + 2) : 8 * ((p[at + 1] & 0xff) + 1);
            next = p[at] & 0xff;
            at += len;
            headers++;
        }
        return headers > Lowering.PROTOCHAIN_MAX_HEADERS;
    }

    @AfterAll
    static void summary() {
        System.out.println("APPLY-SUITE " + new TreeMap<>(COUNTS));
    }
}
