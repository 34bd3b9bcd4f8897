package dev.jfilter.frontend.oracle;

import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.Captures.Packet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The packets each link type is tested on: the synthetic corpus (plain and {@link Encapsulated}), the shared
 * captures of that link type (at most
 * {@value #PER_FILE} packets a file) and one seeded mutation of each captured packet. Built once per run.
 */
public final class Corpus {
    private Corpus() {}

    static final int PER_FILE = 250;
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
        return List.copyOf(out);
    }

    private static List<Packet> capped(Path shared, LinkType type) throws Exception {
        List<Packet> all = Captures.ofLinkType(shared, type);
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
