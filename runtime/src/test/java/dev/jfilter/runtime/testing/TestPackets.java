package dev.jfilter.runtime.testing;

import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.frontend.oracle.Corpus;
import dev.jfilter.runtime.capture.CaptureFile;
import dev.jfilter.runtime.capture.FileLinkType;
import dev.jfilter.runtime.capture.Packet;
import dev.jfilter.testpcaps.TestPcap;
import dev.jfilter.testpcaps.TestPcaps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The packets the end-to-end differential tests run filters on, by link type: the project's generated captures
 * ({@code test-pcaps}, read with jfilter's own reader) with one seeded mutation of each, and the frontend's corpus
 * (synthetic packets, the shared real captures and their mutations).
 */
public final class TestPackets {
    private static final Map<LinkType, List<Captures.Packet>> CACHE = new ConcurrentHashMap<>();

    private TestPackets() {}

    /**
     * Whether the corpus suites run link type {@code dlt}: every one, or only those the system property
     * {@code jfilter.corpus.dlts} lists (comma-separated DLT names), to run one family of link types while working on
     * it.
     */
    public static boolean selected(String dlt) {
        String only = System.getProperty("jfilter.corpus.dlts", "");
        return only.isBlank() || java.util.Arrays.asList(only.split(",")).contains(dlt);
    }

    /** Every test packet of a link type. */
    public static List<Captures.Packet> of(LinkType type) {
        return CACHE.computeIfAbsent(type, t -> {
            List<Captures.Packet> project = new ArrayList<>();
            for (TestPcap pcap : TestPcaps.forDlt(t.name())) {
                project.addAll(read(pcap));
            }
            List<Captures.Packet> all = new ArrayList<>(project);
            all.addAll(Captures.mutations(project, t.dlt() * 7_777L, 1));
            // The corpus samples the same captures: those packets are here whole already.
            Corpus.of(t).stream().filter(p -> !Corpus.fromProjectCaptures(p)).forEach(all::add);
            return List.copyOf(all);
        });
    }

    private static List<Captures.Packet> read(TestPcap pcap) {
        List<Captures.Packet> out = new ArrayList<>();
        try (CaptureFile file = CaptureFile.open(pcap.path())) {
            int i = 0;
            for (Packet p : file.readAll().packets()) {
                if (p.linkType() instanceof FileLinkType.Known) {
                    out.add(new Captures.Packet(p.bytes(), (int) p.wireLength(), pcap.pcapName() + "#" + i));
                }
                i++;
            }
        }
        return out;
    }
}
