package dev.jfilter.frontend.oracle;

import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.Captures.Packet;
import dev.jfilter.testpcaps.TestPcap;
import dev.jfilter.testpcaps.TestPcaps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The packets each link type is tested on: the synthetic corpus (plain and {@link Encapsulated}), the shared
 * captures of that link type and test-pcaps' generated ones (at most {@value #PER_FILE} packets a file), and one
 * seeded mutation of each captured packet. Built once per run.
 */
public final class Corpus {
    private Corpus() {}

    static final int PER_FILE = 250;
    /** Where the packets of test-pcaps' captures (and their mutations) say they come from. */
    private static final String PROJECT_CAPTURES = "test-pcaps/";
    private static final Map<LinkType, List<Packet>> CACHE = new ConcurrentHashMap<>();

    private static final Map<LinkType, List<Packet>> SMALL = new ConcurrentHashMap<>();

    /** A smaller corpus for wide sweeps: the synthetic packets and every tenth packet of the full corpus. */
    public static List<Packet> small(LinkType type) {
        return SMALL.computeIfAbsent(type, t -> {
            List<Packet> all = of(t);
            List<Packet> out = new ArrayList<>(Synthetic.forLinkType(t));
            out.addAll(Encapsulated.forLinkType(t));
            for (int i = out.size(); i < all.size(); i += 10) {
                out.add(all.get(i));
            }
            return List.copyOf(out);
        });
    }

    /** The corpus of a link type. */
    public static List<Packet> of(LinkType type) {
        return CACHE.computeIfAbsent(type, Corpus::build);
    }

    private static List<Packet> build(LinkType type) {
        List<Packet> out = new ArrayList<>(Synthetic.forLinkType(type));
        out.addAll(Encapsulated.forLinkType(type));
        Captures.shared().ifPresent(shared -> {
            try {
                List<Packet> captured = capped(shared, type);
                out.addAll(captured);
                out.addAll(Captures.mutations(captured, type.dlt() * 1_000_003L, 1));
            } catch (Exception e) {
                throw new IllegalStateException("reading the captures of " + type, e);
            }
        });
        List<Packet> generated = projectCaptures(type);
        out.addAll(generated);
        out.addAll(Captures.mutations(generated, type.dlt() * 1_000_033L, 1));
        return List.copyOf(out);
    }

    /** Whether {@code p} is one of the packets {@link #of} takes from test-pcaps' captures, or a mutation of one. */
    public static boolean fromProjectCaptures(Packet p) {
        return p.origin().startsWith(PROJECT_CAPTURES);
    }

    /**
     * At most {@value #PER_FILE} packets of each of test-pcaps' generated captures of {@code type}, spread over the
     * file (its sweeps and cuts come after the random mix).
     */
    private static List<Packet> projectCaptures(LinkType type) {
        List<Packet> out = new ArrayList<>();
        for (TestPcap pcap : TestPcaps.forDlt(type.name())) {
            try {
                List<Packet> all = Captures.read(pcap.path(), PROJECT_CAPTURES + pcap.fileName());
                int stride = (all.size() + PER_FILE - 1) / PER_FILE;
                for (int i = 0; i < all.size(); i += stride) {
                    out.add(all.get(i));
                }
            } catch (Exception e) {
                throw new IllegalStateException("reading " + pcap.fileName(), e);
            }
        }
        return out;
    }

    /**
     * The pcap savefiles of libpcap's apply tests whose link type (in the file header) is {@code type}, for the
     * 802.11 link types (whose shared captures are few).
     */
    private static List<Packet> savefiles(Path shared, LinkType type) throws Exception {
        List<Packet> out = new ArrayList<>();
        Path dir = shared.resolve("libpcap-tests/savefiles");
        if (!WlanFrames.isWlan(type) || !java.nio.file.Files.isDirectory(dir)) {
            return out;
        }
        try (var files = java.nio.file.Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".pcap")).sorted().toList()) {
                byte[] h = new byte[24];
                try (var in = java.nio.file.Files.newInputStream(f)) {
                    if (in.readNBytes(h, 0, 24) < 24) {
                        continue;
                    }
                }
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(h);
                int magic = b.getInt(0);
                if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
                    b.order(java.nio.ByteOrder.LITTLE_ENDIAN);
                }
                if ((b.getInt(20) & 0x0fffffff) == type.linktype()) {
                    out.addAll(Captures.read(f, "savefiles/" + f.getFileName()));
                }
            }
        }
        return out;
    }

    private static List<Packet> capped(Path shared, LinkType type) throws Exception {
        List<Packet> all = new ArrayList<>(Captures.ofLinkType(shared, type));
        all.addAll(savefiles(shared, type));
        List<Packet> out = new ArrayList<>();
        Map<String, Integer> perFile = new java.util.HashMap<>();
        for (Packet p : all) {
            String file = p.origin().substring(0, p.origin().indexOf('#'));
            if (perFile.merge(file, 1, Integer::sum) <= PER_FILE) {
                out.add(p);
            }
        }
        return out;
    }
}
