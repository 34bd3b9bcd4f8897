package dev.jfilter.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfilter.runtime.capture.CaptureFile;
import dev.jfilter.runtime.capture.Packet;
import dev.jfilter.runtime.kernel.netns.Command;
import dev.jfilter.runtime.kernel.netns.Endpoints;
import dev.jfilter.runtime.kernel.netns.InNamespace;
import dev.jfilter.runtime.kernel.netns.LabeledFrame;
import dev.jfilter.runtime.kernel.netns.NetnsPair;
import dev.jfilter.runtime.kernel.netns.RawSender;
import dev.jfilter.runtime.kernel.netns.TcpdumpCapture;
import dev.jfilter.runtime.kernel.netns.TrafficMix;
import dev.jfilter.runtime.kernel.netns.Transport.Tcp;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The namespace traffic kit the live-capture tests stand on: {@link InNamespace} really runs a task in another
 * network namespace (and only there), a {@link RawSender} opened in one sends from any thread, and the
 * {@link TrafficMix#knownMix() known mix} sent across a quiet {@link NetnsPair} reaches tcpdump on the receiver's
 * end byte for byte, in order, with nothing else on the link, VLAN and QinQ tags included (the kernel moves the
 * outer tag to metadata, libpcap puts it back). tshark, an independent dissector, checks the mix's checksums.
 * Skipped without root, iproute2 or tcpdump (tshark for its test).
 */
class NetnsTrafficKitTest {
    private static final Duration LISTENING = Duration.ofSeconds(15);
    private static final Duration ARRIVAL = Duration.ofSeconds(10);
    /** How long to wait for frames that must not come before counting them absent. */
    private static final Duration SETTLE = Duration.ofMillis(300);

    @TempDir
    Path work;

    @BeforeEach
    void needsNamespacesAndTcpdump() {
        Optional<String> reason = TcpdumpCapture.unavailableReason();
        assumeTrue(reason.isEmpty(), () -> "network namespace tests skipped: " + reason.orElse(""));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void inNamespaceSwitchesOnlyTheTasksThread() throws Exception {
        try (NetnsPair pair = NetnsPair.createQuiet()) {
            String receiver = pair.receiverDevice();
            assertThat(RawSender.interfaceIndex(receiver)).as("outside").isEmpty();
            OptionalInt inside = InNamespace.call(pair.receiverNamespace(), () -> RawSender.interfaceIndex(receiver));
            assertThat(inside).as("inside the receiver's namespace").isPresent();
            assertThat(inside.getAsInt()).isPositive();
            assertThat(InNamespace.call(pair.senderNamespace(), () -> RawSender.interfaceIndex(receiver)))
                    .as("inside the sender's namespace").isEmpty();
            assertThat(InNamespace.call(pair.senderNamespace(), () -> RawSender.interfaceIndex(pair.senderDevice())))
                    .as("the sender's end inside the sender's namespace").isPresent();
            assertThat(RawSender.interfaceIndex(receiver)).as("outside, afterwards").isEmpty();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void inNamespaceRethrowsTheTasksExceptionAndNamesAMissingNamespace() throws Exception {
        try (NetnsPair pair = NetnsPair.createQuiet()) {
            IOException thrown = new IOException("from the task");
            assertThatThrownBy(() -> InNamespace.run(pair.senderNamespace(), () -> {
                throw thrown;
            })).isSameAs(thrown);
            List<String> ran = new ArrayList<>();
            assertThatThrownBy(() -> InNamespace.run("jfilter-no-such-namespace", () -> ran.add("ran")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("/run/netns/jfilter-no-such-namespace").hasMessageContaining("ENOENT");
            assertThat(ran).as("the task does not run outside its namespace").isEmpty();
            assertThatThrownBy(() -> InNamespace.run(pair.senderNamespace(),
                    () -> RawSender.open(pair.receiverDevice()))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("if_nametoindex(" + pair.receiverDevice() + ")");
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void tcpdumpOnTheReceiverGetsTheKnownMixByteForByteAndNothingElse() throws Exception {
        List<LabeledFrame> mix = TrafficMix.knownMix();
        // Frames sent from the receiver's end: tcpdump sees them as outgoing.
        List<LabeledFrame> fromReceiver = List.of(
                TrafficMix.ipv4Udp(Endpoints.RECEIVER_TO_SENDER, 7777, 53, "answer"),
                TrafficMix.vlan(42, 2, TrafficMix.ipv6Tcp(Endpoints.RECEIVER_TO_SENDER, 22, 40005,
                        Tcp.PSH | Tcp.ACK, "ssh")));
        Path file = work.resolve("mix.pcap");
        try (NetnsPair pair = NetnsPair.createQuiet();
                TcpdumpCapture tcpdump = TcpdumpCapture.start(pair.receiverNamespace(), pair.receiverDevice(), file,
                        LISTENING)) {
            pair.sendFromSender(TrafficMix.frames(mix));
            // The mix is in before the receiver sends, so the order in the file is known.
            assertThat(tcpdump.awaitFileSize(TcpdumpCapture.pcapSize(TrafficMix.frames(mix)), ARRIVAL))
                    .as("pcap bytes after the mix; tcpdump said: %s", tcpdump.output())
                    .isEqualTo(TcpdumpCapture.pcapSize(TrafficMix.frames(mix)));
            pair.sendFromReceiver(TrafficMix.frames(fromReceiver));
            List<LabeledFrame> expected = Stream.concat(mix.stream(), fromReceiver.stream()).toList();
            tcpdump.awaitFileSize(TcpdumpCapture.pcapSize(TrafficMix.frames(expected)), ARRIVAL);
            Thread.sleep(SETTLE.toMillis());
            String said = tcpdump.stop();

            assertThat(said).contains(expected.size() + " packets captured");
            assertSameFrames(captured(file), expected);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSenderOpenedInTheNamespaceSendsFromTheCallersThread() throws Exception {
        List<LabeledFrame> frames = List.of(TrafficMix.arp(Endpoints.SENDER_TO_RECEIVER, false),
                TrafficMix.qinq(5, 6, TrafficMix.ipv4Echo(Endpoints.SENDER_TO_RECEIVER, false, 1, 1)),
                TrafficMix.ipv6Echo(Endpoints.SENDER_TO_RECEIVER, false, 1, 1));
        Path file = work.resolve("outside.pcap");
        try (NetnsPair pair = NetnsPair.createQuiet();
                TcpdumpCapture tcpdump = TcpdumpCapture.start(pair.receiverNamespace(), pair.receiverDevice(), file,
                        LISTENING)) {
            RawSender opened = InNamespace.call(pair.senderNamespace(), () -> RawSender.open(pair.senderDevice()));
            try (RawSender sender = opened) {
                assertThat(RawSender.interfaceIndex(pair.senderDevice())).as("this thread is outside").isEmpty();
                List<byte[]> sent = new ArrayList<>();
                for (LabeledFrame frame : frames) {
                    sender.send(frame.frame());
                    sent.add(frame.frame());
                    // One at a time: this thread may move between CPUs, and with it the veth's receive queue.
                    assertThat(tcpdump.awaitFileSize(TcpdumpCapture.pcapSize(sent), ARRIVAL))
                            .as("%s; tcpdump said: %s", frame.label(), tcpdump.output())
                            .isEqualTo(TcpdumpCapture.pcapSize(sent));
                }
            }
            Thread.sleep(SETTLE.toMillis());
            tcpdump.stop();
            assertSameFrames(captured(file), frames);
        }
    }

    /** tshark's dissectors, not this kit's checksum code, say every checksum of the mix is good. */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void tsharkFindsEveryChecksumOfTheMixGood() throws Exception {
        Optional<String> tshark = Command.find("tshark");
        assumeTrue(tshark.isPresent(), "tshark is not installed");
        List<LabeledFrame> mix = TrafficMix.knownMix();
        Path file = work.resolve("checksums.pcap");
        try (NetnsPair pair = NetnsPair.createQuiet();
                TcpdumpCapture tcpdump = TcpdumpCapture.start(pair.receiverNamespace(), pair.receiverDevice(), file,
                        LISTENING)) {
            pair.sendFromSender(TrafficMix.frames(mix));
            tcpdump.awaitFileSize(TcpdumpCapture.pcapSize(TrafficMix.frames(mix)), ARRIVAL);
            tcpdump.stop();
        }
        List<String> fields = List.of("ip.checksum.status", "tcp.checksum.status", "udp.checksum.status",
                "icmp.checksum.status", "icmpv6.checksum.status");
        List<String> argv = new ArrayList<>(List.of(tshark.get(), "-n", "-r", file.toString(),
                "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
                "-T", "fields", "-E", "separator=;"));
        fields.forEach(f -> argv.addAll(List.of("-e", f)));
        String output = Command.run(Duration.ofSeconds(60), argv.toArray(String[]::new)).orThrow().output();
        List<String> lines = output.lines().filter(l -> l.chars().filter(c -> c == ';').count() == 4).toList();

        assertThat(lines).as(output).hasSize(mix.size());
        for (int i = 0; i < mix.size(); i++) {
            List<String> statuses = Stream.of(lines.get(i).split(";", -1)).filter(s -> !s.isEmpty()).toList();
            // 1 is "Good" (0 bad, 2 unverified); ARP has none, every other frame of the mix at least one.
            assertThat(statuses).as(mix.get(i).label()).allMatch("1"::equals);
            if (!mix.get(i).label().startsWith("arp")) {
                assertThat(statuses).as(mix.get(i).label()).isNotEmpty();
            }
        }
    }

    private static List<byte[]> captured(Path file) {
        try (CaptureFile capture = CaptureFile.open(file)) {
            CaptureFile.Contents contents = capture.readAll();
            assertThat(contents.error()).as("reading " + file).isEmpty();
            return contents.packets().stream().map(Packet::bytes).toList();
        }
    }

    private static void assertSameFrames(List<byte[]> captured, List<LabeledFrame> expected) {
        HexFormat hex = HexFormat.of();
        assertThat(captured.stream().map(hex::formatHex).toList()).as("captured frames, in order")
                .containsExactlyElementsOf(expected.stream().map(f -> hex.formatHex(f.frame())).toList());
    }
}
