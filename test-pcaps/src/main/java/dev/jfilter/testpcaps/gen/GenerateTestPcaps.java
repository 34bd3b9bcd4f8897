package dev.jfilter.testpcaps.gen;

import dev.jfilter.testpcaps.TestPcap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the committed capture files, or lists what a capture holds.
 *
 * <pre>
 *   GenerateTestPcaps [DIR [NAME...]]  write every capture (or those named) into DIR
 *                                    (default test-pcaps/src/main/resources/dev/jfilter/testpcaps)
 *   GenerateTestPcaps --notes NAME   print "index caplen/len note" for each packet of capture NAME
 * </pre>
 *
 * Packet indexes are 0-based, in file order (tcpdump numbers them from 1).
 */
public final class GenerateTestPcaps {
    private GenerateTestPcaps() {
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("--notes")) {
            TestPcap pcap = Arrays.stream(TestPcap.values()).filter(t -> t.pcapName().equals(args[1])).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no capture " + args[1]));
            List<Frame> frames = Captures.frames(pcap);
            for (int i = 0; i < frames.size(); i++) {
                Frame f = frames.get(i);
                System.out.println(i + " " + f.capturedLength() + "/" + f.wireLength() + " " + f.note());
            }
            return;
        }
        Path dir = args.length > 0 ? Path.of(args[0]) : defaultDirectory();
        Files.createDirectories(dir);
        List<String> only = Arrays.asList(args).subList(Math.min(args.length, 1), args.length);
        for (TestPcap pcap : TestPcap.values()) {
            if (!only.isEmpty() && !only.contains(pcap.pcapName())) {
                continue;
            }
            List<Frame> frames = Captures.frames(pcap);
            byte[] bytes = PcapWriter.write(pcap.linkType(), frames);
            Path out = dir.resolve(pcap.fileName());
            Files.write(out, bytes);
            System.out.printf("%-16s %-11s %5d packets %8d bytes  %s%n", pcap.pcapName(), pcap.dltName(),
                    frames.size(), bytes.length, out);
        }
    }

    /** The resource folder of the module, from the repository root or from the module folder. */
    private static Path defaultDirectory() {
        Path rel = Path.of("src/main/resources").resolve(TestPcap.RESOURCE_DIR);
        Path fromRoot = Path.of("test-pcaps").resolve(rel);
        return Files.isDirectory(Path.of("test-pcaps")) ? fromRoot : rel;
    }
}
