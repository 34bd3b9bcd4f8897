package dev.jfilter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfilter.runtime.capture.CaptureFile;
import dev.jfilter.runtime.capture.Packet;
import dev.jfilter.runtime.kernel.BpfProgram;
import dev.jfilter.runtime.kernel.KernelResult;
import dev.jfilter.runtime.kernel.Platform;
import dev.jfilter.runtime.kernel.netns.Command;
import dev.jfilter.runtime.kernel.netns.LabeledFrame;
import dev.jfilter.runtime.kernel.netns.NetnsPair;
import dev.jfilter.runtime.kernel.netns.TcpdumpCapture;
import dev.jfilter.runtime.kernel.netns.TrafficMix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code jfilter capture} as a user runs it: a separate JVM started in the receiver's namespace of a quiet veth pair
 * ({@code ip netns exec NS java ... capture -i DEV ...}), the known mix of frames sent from the sender's end. With
 * {@code -c} it stops by itself after that many matches and its file holds exactly them; stopped by SIGINT it exits
 * 0 with tcpdump's counts and leaves a file that tcpdump reads back completely; with {@code --ebpf}, {@code bpftool}
 * lists its socket filter while it runs. Skipped without root, iproute2 or tcpdump.
 */
@Timeout(180)
class CaptureCommandNetnsTest {
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration FINISH = Duration.ofSeconds(20);

    private static NetnsPair pair;

    @TempDir
    Path work;

    @BeforeAll
    static void createPair() {
        Optional<String> missing = TcpdumpCapture.unavailableReason().or(Platform::unavailableReason);
        assumeTrue(missing.isEmpty(), () -> "live capture tests skipped: " + missing.orElse(""));
        pair = NetnsPair.createQuiet();
    }

    @AfterAll
    static void deletePair() {
        if (pair != null) {
            pair.close();
        }
    }

    /** 'udp' in a live capture: the untagged UDP frames and those in one tag (the kernel takes it to metadata). */
    private static List<byte[]> udpFramesOfTheMix() {
        return TrafficMix.knownMix().stream()
                .filter(f -> f.label().contains(" udp ") && !f.label().startsWith("802.1ad "))
                .map(LabeledFrame::frame).toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"classic", "--ebpf", "pcapng"})
    void stopsAfterCountWithExactlyTheMatchingPacketsInItsFile(String mode) throws Exception {
        List<byte[]> expected = udpFramesOfTheMix();
        Path out = work.resolve(mode.equals("pcapng") ? "out.pcapng" : "out.pcap");
        List<String> args = new ArrayList<>(List.of("-c", String.valueOf(expected.size()), "-w", out.toString()));
        if (mode.equals("--ebpf")) {
            assumeTrue(BpfProgram.unavailableReason().isEmpty(), "bpf(2) is unavailable");
            args.add("--ebpf");
        }
        args.add("udp");
        Capture capture = Capture.start(work, args);
        if (mode.equals("--ebpf")) {
            // The kernel's list of loaded programs (BPF_PROG_GET_NEXT_ID) holds the process's socket filter.
            assertThat(BpfProgram.loadedIds().orElseThrow().stream().map(BpfProgram::infoOfId)
                    .filter(KernelResult::isOk).map(KernelResult::orElseThrow))
                    .anySatisfy(i -> {
                        assertThat(i.name()).isEqualTo(CaptureCommand.PROGRAM_NAME);
                        assertThat(i.type()).as("BPF_PROG_TYPE_SOCKET_FILTER").isEqualTo(1);
                    });
            // bpftool, when installed (.ci/run installs it), lists it as an administrator would look for it.
            Optional<String> bpftool = Command.find("bpftool");
            if (bpftool.isPresent()) {
                String listing = Command.run(bpftool.get(), "prog", "show", "name", CaptureCommand.PROGRAM_NAME)
                        .orThrow().output();
                assertThat(listing).as("bpftool prog show").contains("socket_filter")
                        .contains("name " + CaptureCommand.PROGRAM_NAME);
            }
        }
        pair.sendFromSender(TrafficMix.frames(TrafficMix.knownMix()));
        Capture.Ended ended = capture.awaitExit(FINISH);
        assertThat(ended.status()).as(ended.err()).isZero();
        assertThat(ended.err()).contains(expected.size() + " packets captured\n")
                .contains(expected.size() + " packets received by filter\n")
                .contains("0 packets dropped by kernel\n");
        assertThat(hex(read(out))).containsExactlyElementsOf(hex(expected));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"classic", "--ebpf"})
    void anInterruptedCaptureLeavesAFileTcpdumpReadsCompletely(String mode) throws Exception {
        List<byte[]> expected = udpFramesOfTheMix();
        Path out = work.resolve("interrupted.pcap");
        List<String> args = new ArrayList<>(List.of("-w", out.toString()));
        if (mode.equals("--ebpf")) {
            assumeTrue(BpfProgram.unavailableReason().isEmpty(), "bpf(2) is unavailable");
            args.add("--ebpf");
        }
        args.add("udp");
        Capture capture = Capture.start(work, args);
        pair.sendFromSender(TrafficMix.frames(TrafficMix.knownMix()));
        // Blocks are handed over within 100 ms; the packets then wait in the writer's buffer (no -U).
        Thread.sleep(600);
        capture.signal("INT");
        Capture.Ended ended = capture.awaitExit(FINISH);
        assertThat(ended.status()).as("Ctrl-C ends the capture normally: " + ended.err()).isZero();
        assertThat(ended.err()).contains(expected.size() + " packets captured\n");
        ExternalTool.Run tcpdump = ExternalTool.tcpdump().orElseThrow().run(List.of("-nn", "-r", out.toString()));
        assertThat(tcpdump.exitCode()).as(tcpdump.err()).isZero();
        assertThat(tcpdump.err()).doesNotContain("truncated");
        assertThat(tcpdump.out().lines().count()).isEqualTo(expected.size());
        assertThat(hex(read(out))).containsExactlyElementsOf(hex(expected));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"icmp or icmp6"})
    void printsALinePerPacket(String expression) throws Exception {
        Capture capture = Capture.start(work, List.of("-c", "4", expression));
        pair.sendFromSender(TrafficMix.frames(TrafficMix.knownMix()));
        Capture.Ended ended = capture.awaitExit(FINISH);
        assertThat(ended.status()).as(ended.err()).isZero();
        List<String> lines = ended.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("IP " + NetnsPair.SENDER_ADDRESS + " > " + NetnsPair.RECEIVER_ADDRESS
                + ": ICMP echo request");
        assertThat(lines.get(1)).contains("IP " + NetnsPair.RECEIVER_ADDRESS + " > " + NetnsPair.SENDER_ADDRESS
                + ": ICMP echo reply");
        assertThat(lines.get(2)).contains("IP6 " + NetnsPair.SENDER_ADDRESS6 + " > " + NetnsPair.RECEIVER_ADDRESS6
                + ": ICMP6, echo request");
    }

    private static List<byte[]> read(Path pcap) {
        try (CaptureFile file = CaptureFile.open(pcap)) {
            CaptureFile.Contents contents = file.readAll();
            assertThat(contents.error()).as("the file ends between two records").isEmpty();
            return contents.packets().stream().map(Packet::bytes).toList();
        }
    }

    private static List<String> hex(List<byte[]> frames) {
        return frames.stream().map(HexFormat.of()::formatHex).toList();
    }

    /** A {@code jfilter capture} process in the receiver's namespace. */
    private record Capture(Process process, Path out, Path err) {
        record Ended(int status, String out, String err) {}

        /** Starts it and waits until it says it is listening. */
        static Capture start(Path work, List<String> arguments) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(Command.find("ip").orElseThrow(), "netns", "exec",
                    pair.receiverNamespace(), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "capture", "-i", pair.receiverDevice()));
            command.addAll(arguments);
            Path out = Files.createTempFile(work, "capture", ".out");
            Path err = Files.createTempFile(work, "capture", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            process.getOutputStream().close();
            Capture capture = new Capture(process, out, err);
            long deadline = System.nanoTime() + START.toNanos();
            while (!capture.text(err).contains("listening on")) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    throw new AssertionError("jfilter capture did not start: " + capture.text(err));
                }
                Thread.sleep(20);
            }
            return capture;
        }

        void signal(String name) {
            Command.run("kill", "-" + name, String.valueOf(process.pid())).orThrow();
        }

        Ended awaitExit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("jfilter capture did not end within " + timeout + ": " + text(err));
            }
            return new Ended(process.exitValue(), text(out), text(err));
        }

        private String text(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(cannot read " + file + ": " + e + ")";
            }
        }
    }
}
