package dev.jfilter.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfilter.ebpf.elf.BpfObject;
import dev.jfilter.runtime.kernel.netns.HandPrograms;
import dev.jfilter.runtime.kernel.netns.NetnsPair;
import dev.jfilter.runtime.kernel.netns.ObjectFiles;
import dev.jfilter.runtime.kernel.netns.PacketHook;
import dev.jfilter.runtime.kernel.netns.UdpTraffic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Object files from the ELF writer, attached with iproute2 to a veth end in a namespace made for the test (XDP with
 * {@code ip link ... xdp obj}, tc with {@code tc filter ... bpf da obj}), filter real traffic: UDP sent to one port
 * is dropped, UDP to another reaches the receiver's stack. Skipped without root, iproute2, bash or bpf(2).
 */
class NetnsAttachTest {
    private static final int DROPPED_PORT = 5353;
    private static final int PASSED_PORT = 5354;
    private static final int DATAGRAMS = 20;
    private static final Duration ARRIVAL = Duration.ofSeconds(5);
    /** How long to wait for datagrams that must not come before counting them absent. */
    private static final Duration SETTLE = Duration.ofMillis(300);

    @TempDir
    Path work;

    @BeforeEach
    void needsNamespacesAndBpf() {
        Optional<String> reason = NetnsPair.unavailableReason();
        assumeTrue(reason.isEmpty(), () -> "network namespace tests skipped: " + reason.orElse(""));
        BpfAvailability.assumeLoadable();
    }

    @ParameterizedTest
    @EnumSource(PacketHook.class)
    void attachedObjectDropsUdpToOnePortAndPassesTheRest(PacketHook hook) throws Exception {
        Path object = ObjectFiles.write(work,
                BpfObject.of(hook.section(), HandPrograms.dropUdpToPort(hook, DROPPED_PORT)));
        try (NetnsPair pair = NetnsPair.create()) {
            UdpTraffic traffic = new UdpTraffic(pair);

            // Without a program both ports get through (this also resolves ARP).
            long before = traffic.received();
            traffic.send(DROPPED_PORT, DATAGRAMS);
            traffic.send(PASSED_PORT, DATAGRAMS);
            assertThat(traffic.awaitReceived(before, 2 * DATAGRAMS, ARRIVAL)).isEqualTo(2 * DATAGRAMS);

            attach(pair, hook, object);

            before = traffic.received();
            traffic.send(PASSED_PORT, DATAGRAMS);
            assertThat(traffic.awaitReceived(before, DATAGRAMS, ARRIVAL)).as("to the passed port")
                    .isEqualTo(DATAGRAMS);

            // Dropped ones first, then one marker that passes: once it is in, the others would have been too.
            before = traffic.received();
            traffic.send(DROPPED_PORT, DATAGRAMS);
            traffic.send(PASSED_PORT, 1);
            long arrived = traffic.awaitReceived(before, 1, ARRIVAL);
            Thread.sleep(SETTLE);
            assertThat(traffic.received() - before).as("to the dropped port, then one marker").isEqualTo(1)
                    .isEqualTo(arrived);

            detach(pair, hook);
            before = traffic.received();
            traffic.send(DROPPED_PORT, DATAGRAMS);
            assertThat(traffic.awaitReceived(before, DATAGRAMS, ARRIVAL)).as("detached").isEqualTo(DATAGRAMS);
        }
    }

    private static void attach(NetnsPair pair, PacketHook hook, Path object) {
        switch (hook) {
            case XDP -> {
                pair.attachXdp(object, hook.section().sectionName());
                assertThat(pair.receiverLink()).containsPattern("prog/xdp id \\d+");
            }
            case TC -> {
                pair.attachTcIngress(object, hook.section().sectionName());
                assertThat(pair.receiverIngressFilters()).contains("direct-action").contains("jfilter");
            }
        }
    }

    private static void detach(NetnsPair pair, PacketHook hook) {
        switch (hook) {
            case XDP -> {
                pair.detachXdp();
                assertThat(pair.receiverLink()).doesNotContain("prog/xdp");
            }
            case TC -> {
                pair.detachTc();
                assertThat(pair.exec(pair.receiverNamespace(), "tc", "qdisc", "show", "dev", pair.receiverDevice())
                        .output()).doesNotContain("clsact");
            }
        }
    }
}
