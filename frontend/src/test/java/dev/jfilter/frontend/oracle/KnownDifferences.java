package dev.jfilter.frontend.oracle;

import dev.jfilter.frontend.link.LinkType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where libpcap master (which jfilter follows) and the system's libpcap 1.10.3 (the per-packet oracle) give
 * different verdicts, each with what differs and the master commit that changed it. A differential test may pass
 * a mismatch only when an entry here explains it: same expression, same link type, same direction. The tests check
 * that every entry is used, so none can hide a real difference after the cause is gone.
 */
public final class KnownDifferences {
    private KnownDifferences() {}

    /** Which side accepts the packets the two disagree on. */
    public enum Direction {
        JFILTER_ACCEPTS,
        JFILTER_REJECTS
    }

    /**
     * A known difference.
     *
     * @param expression a regular expression over the filter expression
     * @param types the link types it applies to (empty: all)
     * @param direction who accepts
     * @param what what differs, in a sentence
     * @param commits the libpcap master commits that changed the behaviour
     */
    public record Entry(Pattern expression, Set<LinkType> types, Direction direction, String what, String commits) {}

    /** Master folds constant comparisons away with their loads, 1.10.3 keeps the loads. */
    private static final String FOLDING = "9f9d5459 (all-zero mask in gen_mcmp) and 1687065d (gen_and/gen_or reduce"
            + " Boolean constants)";

    private static final String BYTE_OP = "82724cc7 (Fix the \"|\" and \"&\" operators of the \"byte\" primitive)";

    public static final List<Entry> ENTRIES = List.of(
            new Entry(Pattern.compile("(ip6 )?(src |dst |src or dst |dst or src |src and dst |dst and src )?"
                    + "net [0-9a-f:.]+/([0-9]|[1-8][0-9]|9[0-5])"),
                    Set.of(), Direction.JFILTER_ACCEPTS,
                    "an IPv6 prefix shorter than /96 leaves whole words under a zero mask: master tests nothing"
                            + " there, 1.10.3 still loads them and rejects packets cut inside the address", FOLDING),
            new Entry(Pattern.compile(".*net 0\\.0\\.0\\.0/0|.*net 0/0"), Set.of(), Direction.JFILTER_ACCEPTS,
                    "an IPv4 network /0 has a zero mask: master tests nothing, 1.10.3 still loads the address and"
                            + " rejects packets cut before it", FOLDING),
            new Entry(Pattern.compile("byte \\d+ & \\d+"), Set.of(), Direction.JFILTER_ACCEPTS,
                    "byte N & V: 1.10.3 forgets to load the byte and tests A (0), so it never matches; master"
                            + " loads it", BYTE_OP),
            new Entry(Pattern.compile("byte \\d+ \\| \\d+"), Set.of(), Direction.JFILTER_REJECTS,
                    "byte N | V: 1.10.3 forgets to load the byte, so it matches every packet, even one too short"
                            + " for the byte; master loads it", BYTE_OP),
            new Entry(Pattern.compile(".+ or (not )?ip6?"), Set.of(LinkType.IPV4, LinkType.IPV6),
                    Direction.JFILTER_ACCEPTS,
                    "X or ip on DLT_IPV4 (ip6 on DLT_IPV6) is constant true: master drops X and its loads,"
                            + " 1.10.3 runs X first and rejects packets too short for its loads", FOLDING),
            new Entry(Pattern.compile("decnet dst .*"), Set.of(), Direction.JFILTER_REJECTS,
                    "decnet dst: master tests the short header's flags and address with one 32-bit load, 1.10.3"
                            + " with 16-bit loads, so a packet cut inside those 4 bytes fails only in master",
                    "62979bf2 (Use 32-bit comparisons for \"decnet dst\" when possible)"),
            new Entry(Pattern.compile("ip multicast"), Set.of(), Direction.JFILTER_REJECTS,
                    "ip multicast: 1.10.3 tests ip[16] >= 224, which takes in 240.0.0.0/4 too; master tests"
                            + " (ip[16] & 0xf0) == 0xe0", "0d9788b0 (Fix IPv4 multicast upper bound)"),
            new Entry(Pattern.compile("l1|l2|iih|lsp|snp|csnp|psnp|isis proto .*"), Set.of(),
                    Direction.JFILTER_ACCEPTS,
                    "IS-IS PDU type: 1.10.3 compares the whole byte, master only its low 5 bits (the PDU type field),"
                            + " so a byte with reserved bits set matches in master only",
                    "63acfbbf (Use the correct bit mask for IS-IS PDU type value)"));

    private static final Set<Entry> USED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The entry that explains a mismatch, if any; marks it used. */
    public static java.util.Optional<Entry> explain(String expression, LinkType type, boolean jfilterAccepts) {
        for (Entry e : ENTRIES) {
            if (e.expression().matcher(expression).matches() && (e.types().isEmpty() || e.types().contains(type))
                    && (e.direction() == Direction.JFILTER_ACCEPTS) == jfilterAccepts) {
                USED.add(e);
                return java.util.Optional.of(e);
            }
        }
        return java.util.Optional.empty();
    }

    /** The mismatches no entry explains. */
    public static List<Differential.Mismatch> unexplained(String expression, LinkType type,
            List<Differential.Mismatch> mismatches) {
        List<Differential.Mismatch> out = new ArrayList<>();
        for (Differential.Mismatch m : mismatches) {
            if (explain(expression, type, m.jfilter()).isEmpty()) {
                out.add(m);
            }
        }
        return out;
    }

    /** The entries no test has needed so far. */
    public static Set<Entry> unused() {
        Set<Entry> out = new HashSet<>(ENTRIES);
        out.removeAll(USED);
        return out;
    }
}
