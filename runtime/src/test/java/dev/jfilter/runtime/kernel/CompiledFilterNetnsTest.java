package dev.jfilter.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfilter.ebpf.elf.BpfObject;
import dev.jfilter.ebpf.gen.GenerateOptions;
import dev.jfilter.ebpf.gen.Generation;
import dev.jfilter.ebpf.gen.OnMatch;
import dev.jfilter.ebpf.gen.Target;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.JFilter;
import dev.jfilter.runtime.kernel.netns.Datagram;
import dev.jfilter.runtime.kernel.netns.NetnsPair;
import dev.jfilter.runtime.kernel.netns.ObjectFiles;
import dev.jfilter.runtime.kernel.netns.PacketHook;
import dev.jfilter.runtime.kernel.netns.UdpTraffic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Filters compiled by jfilter, generated as XDP and tc programs, written as ELF objects and attached with iproute2
 * ({@code ip link ... xdp obj}, {@code tc filter ... bpf da obj}) to the receiver's end of a veth between two
 * namespaces made for the test, keep and drop real traffic as the expression says. Each case names datagrams the
 * expression matches and datagrams it does not (by pcap-filter(7): ports, addresses, IP version, TTL and hop limit,
 * payload bytes, length); with {@link OnMatch#PASS} the receiver's UDP counters must count every matching datagram
 * and none of the others, with {@link OnMatch#DROP} the reverse. Before the program is attached, one datagram of
 * each kind is sent and must arrive, so a datagram that does not arrive later was dropped by the program.
 * Skipped without root, iproute2, bash or bpf(2).
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-filter.7.html">pcap-filter(7)</a>
 */
class CompiledFilterNetnsTest {
    private static final int DATAGRAMS = 8;
    private static final Duration ARRIVAL = Duration.ofSeconds(5);
    /** How long to wait for datagrams that must not come before counting them absent. */
    private static final Duration SETTLE = Duration.ofMillis(300);
    private static final int PORT = 7001;
    private static final int OTHER_PORT = 7003;
    private static final int EXCLUDED_PORT = 7002;

    @TempDir
    Path work;

    /** An expression with datagrams it matches and datagrams it does not. */
    record FilterCase(String expression, List<Datagram> matching, List<Datagram> notMatching) {
        @Override
        public String toString() {
            return expression;
        }
    }

    static List<FilterCase> cases() {
        Datagram v4 = Datagram.ipv4(PORT);
        Datagram v6 = Datagram.ipv6(PORT);
        return List.of(
                new FilterCase("udp dst port " + PORT, List.of(v4, v6),
                        List.of(Datagram.ipv4(OTHER_PORT), Datagram.ipv6(OTHER_PORT))),
                new FilterCase("not udp port " + EXCLUDED_PORT, List.of(v4, v6),
                        List.of(Datagram.ipv4(EXCLUDED_PORT), Datagram.ipv6(EXCLUDED_PORT))),
                new FilterCase("udp and dst host " + NetnsPair.RECEIVER_ADDRESS, List.of(v4, Datagram.ipv4(OTHER_PORT)),
                        List.of(v6)),
                // The TTL is the ninth byte of the IPv4 header; IPv6 packets are not "ip".
                new FilterCase("ip[8] > 32", List.of(v4, v4.withHopLimit(33)),
                        List.of(v4.withHopLimit(5), v4.withHopLimit(32), v6)),
                // "jfil" as the four bytes after the UDP header, behind an IPv4 header whose length is read.
                new FilterCase("udp[8:4] = 0x6a66696c", List.of(v4.withPayload("jfil"), v4.withPayload("jfilter")),
                        List.of(v4.withPayload("jfix"), v4.withPayload("jfi"), v4)),
                new FilterCase("ip6 and udp dst port " + PORT, List.of(v6),
                        List.of(v4, Datagram.ipv6(OTHER_PORT))),
                new FilterCase("ip6 dst host " + NetnsPair.RECEIVER_ADDRESS6 + " and ip6[7] < 10",
                        List.of(v6.withHopLimit(9), v6.withHopLimit(1)), List.of(v6, v6.withHopLimit(10),
                                v4.withHopLimit(1))),
                // 14 + 20 + 8 + 58 = 100 bytes on the wire.
                new FilterCase("udp and len >= 100", List.of(v4.withPayload("a".repeat(58)),
                        v6.withPayload("a".repeat(38))), List.of(v4.withPayload("a".repeat(57)), v6)));
    }

    static Stream<Arguments> casesOnHooks() {
        List<Arguments> arguments = new ArrayList<>();
        for (FilterCase c : cases()) {
            for (PacketHook hook : PacketHook.values()) {
                for (OnMatch onMatch : OnMatch.values()) {
                    arguments.add(Arguments.of(c, hook, onMatch));
                }
            }
        }
        return arguments.stream();
    }

    @BeforeEach
    void needsNamespacesAndBpf() {
        Optional<String> reason = NetnsPair.unavailableReason();
        assumeTrue(reason.isEmpty(), () -> "network namespace tests skipped: " + reason.orElse(""));
        BpfAvailability.assumeLoadable();
    }

    @ParameterizedTest(name = "{1} on match {2}: {0}")
    @MethodSource("casesOnHooks")
    @Timeout(120)
    void attachedFilterKeepsAndDropsWhatTheExpressionSays(FilterCase c, PacketHook hook, OnMatch onMatch)
            throws Exception {
        Path object = ObjectFiles.write(work, BpfObject.of(hook.section(), generate(c.expression(), hook, onMatch)));
        List<Datagram> kept = onMatch == OnMatch.PASS ? c.matching() : c.notMatching();
        List<Datagram> dropped = onMatch == OnMatch.PASS ? c.notMatching() : c.matching();
        try (NetnsPair pair = NetnsPair.create()) {
            UdpTraffic traffic = new UdpTraffic(pair);

            long before = traffic.received();
            for (Datagram d : c.matching()) {
                traffic.send(d, 1);
            }
            for (Datagram d : c.notMatching()) {
                traffic.send(d, 1);
            }
            int kinds = c.matching().size() + c.notMatching().size();
            assertThat(traffic.awaitReceived(before, kinds, ARRIVAL)).as("one of each kind without a program")
                    .isEqualTo(kinds);

            pair.attach(hook, object);
            switch (hook) {
                case XDP -> assertThat(pair.receiverLink()).containsPattern("prog/xdp id \\d+");
                case TC -> assertThat(pair.receiverIngressFilters()).contains("direct-action").contains("jfilter");
            }

            for (Datagram d : kept) {
                before = traffic.received();
                traffic.send(d, DATAGRAMS);
                assertThat(traffic.awaitReceived(before, DATAGRAMS, ARRIVAL)).as("kept: %s", d)
                        .isEqualTo(DATAGRAMS);
            }

            // Dropped ones first, then one kept marker: once it is in, the others would have been too.
            for (Datagram d : dropped) {
                before = traffic.received();
                traffic.send(d, DATAGRAMS);
                traffic.send(kept.getFirst(), 1);
                long arrived = traffic.awaitReceived(before, 1, ARRIVAL);
                Thread.sleep(SETTLE.toMillis());
                assertThat(traffic.received() - before).as("dropped: %s, then one kept marker", d).isEqualTo(1)
                        .isEqualTo(arrived);
            }
        }
    }

    private static Program generate(String expression, PacketHook hook, OnMatch onMatch) {
        CompiledFilter filter = switch (JFilter.compile(expression, CompileOptions.of(LinkType.EN10MB))) {
            case Result.Ok<CompiledFilter> ok -> ok.value();
            case Result.Failed<CompiledFilter> failed -> fail("jfilter rejects '%s': %s", expression,
                    failed.diagnostics());
        };
        Target target = switch (hook) {
            case XDP -> Target.XDP;
            case TC -> Target.TC;
        };
        return switch (filter.ebpf(GenerateOptions.of(target).withOnMatch(onMatch))) {
            case Generation.Generated g -> g.program();
            case Generation.Refused r -> fail("no %s program for '%s': %s", target, expression, r.problems());
        };
    }
}
