package dev.jfilter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.runtime.capture.CaptureFile;
import dev.jfilter.runtime.capture.FileLinkType;
import dev.jfilter.runtime.capture.Packet;
import dev.jfilter.runtime.capture.PcapWriter;
import dev.jfilter.testpcaps.TestPcap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code jfilter filter} process stopped by SIGTERM (what Ctrl-C's SIGINT does too: both run the shutdown hooks)
 * leaves a valid capture: the writer is flushed and closed between two records.
 */
class FilterCommandInterruptTest {
    @TempDir
    Path dir;

    @Test
    void aProcessStoppedMidwayLeavesAValidCapture() throws Exception {
        Path big = dir.resolve("big.pcap");
        List<Packet> sample;
        try (CaptureFile f = CaptureFile.open(TestPcap.EN10MB_MIXED.path())) {
            sample = f.readAll().packets();
            try (PcapWriter w = PcapWriter.create(big, FileLinkType.ofLinktype(1), 262144)) {
                for (int i = 0; i < 40; i++) {
                    for (Packet p : sample) {
                        w.write(p);
                    }
                }
            }
        }
        Path out = dir.resolve("out.pcap");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(), "filter"));
        for (int i = 0; i < 400; i++) {
            command.addAll(List.of("-r", big.toString()));
        }
        command.addAll(List.of("-w", out.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (process.isAlive() && (!Files.exists(out) || Files.size(out) < (64 << 20))
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        process.destroy(); // SIGTERM
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Assumptions.assumeTrue(process.exitValue() != 0, "the process finished before it could be stopped");
        assertThat(process.exitValue()).isEqualTo(143);
        try (CaptureFile written = CaptureFile.open(out)) {
            CaptureFile.Contents contents = written.readAll();
            assertThat(contents.error()).as("the output ends between two records").isEmpty();
            assertThat(contents.packets().size()).isGreaterThan(sample.size())
                    .isLessThan(sample.size() * 40 * 400);
        }
    }
}
