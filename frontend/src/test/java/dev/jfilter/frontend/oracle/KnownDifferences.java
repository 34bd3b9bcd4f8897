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
 * a mismatch only when an entry here explains it: the expression contains the construct, the link type and the
 * direction fit, and the packet is of the kind the change is about (cut at the right place, a field with the
 * value in question). The accept suite reports entries no test needed.
 */
public final class KnownDifferences {
    private KnownDifferences() {}

    /** Which side accepts the packets the two disagree on. */
    public enum Direction {
        JFILTER_ACCEPTS,
        JFILTER_REJECTS,
        /** Either way; the packet test tells which side is explained. */
        EITHER
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
    public record Entry(Pattern expression, Set<LinkType> types, Direction direction, String what, String commits,
            PacketTest packets) {}

    /** Whether a mismatch is of the kind the difference is about (a packet cut short, a field value...). */
    @FunctionalInterface
    public interface PacketTest {
        boolean test(String expression, Differential.Mismatch mismatch, LinkType type);
    }

    /** Where the network-layer header starts on each link type (off_linkpl + off_nl). */
    public static int network(LinkType type) {
        return switch (type) {
            case EN10MB -> 14;
            case LINUX_SLL -> 16;
            case LINUX_SLL2 -> 20;
            case NULL, LOOP -> 4;
            // The LLC link types: after the link header and an 802.2+SNAP header.
            case FDDI -> 13 + 8;
            case IEEE802 -> 14 + 8;
            case IP_OVER_FC -> 16 + 8;
            case ATM_RFC1483, ATM_CLIP -> 8;
            case SUNATM -> 4 + 8;
            case DSA_TAG_BRCM, DSA_TAG_DSA, NETANALYZER -> 18;
            case NETANALYZER_TRANSPARENT -> 26;
            case ARCNET -> 6;
            case ARCNET_LINUX -> 8;
            case PPP, PPP_PPPD, PPP_SERIAL, C_HDLC, JUNIPER_MFR, JUNIPER_MLFR, JUNIPER_MLPPP, JUNIPER_PPP,
                    JUNIPER_CHDLC, JUNIPER_FRELAY, JUNIPER_ATM1 -> 4;
            case PPP_ETHER, JUNIPER_ATM2 -> 8;
            case JUNIPER_PPPOE_ATM -> 6;
            case ENC, JUNIPER_GGSN, JUNIPER_MONITOR -> 12;
            case SLIP -> 16;
            case APPLE_IP_OVER_IEEE1394 -> 18;
            case PPP_BSDOS, SLIP_BSDOS, IPNET -> 24;
            case JUNIPER_ETHER, JUNIPER_PPPOE -> 32;
            case SYMANTEC_FIREWALL -> 44;
            default -> 0;
        };
    }

    /**
     * Where the network-layer header starts in this packet: {@link #network(LinkType)}; for {@code DLT_PFLOG}
     * the header's length byte rounded up to 4; on 802.11 link types, after the radio header and the MAC header whose
     * lengths libpcap's program reads from the packet, and an LLC/SNAP header.
     */
    public static int network(LinkType type, byte[] packet) {
        if (type == LinkType.PFLOG) {
            return packet.length == 0 ? 0 : ((packet[0] & 0xff) + 3) & ~3;
        }
        return WlanFrames.isWlan(type) ? WlanFrames.payloadOffset(type, packet) + 8 : network(type);
    }

    /** Where the network layer starts in {@code packet} after an 802.2 header without SNAP. */
    static int networkNoSnap(LinkType type, byte[] packet) {
        if (WlanFrames.isWlan(type)) {
            return WlanFrames.payloadOffset(type, packet) + 3;
        }
        return networkNoSnap(type);
    }

    /** Where the network layer starts after an 802.2 header without SNAP (off_linkpl + off_nl_nosnap). */
    static int networkNoSnap(LinkType type) {
        return switch (type) {
            case EN10MB, DSA_TAG_BRCM, DSA_TAG_DSA, NETANALYZER, NETANALYZER_TRANSPARENT -> network(type) + 3;
            // The LLC link types: after the link header and an 802.2 header without SNAP.
            case FDDI, IEEE802, IP_OVER_FC, ATM_RFC1483, ATM_CLIP, SUNATM -> network(type) - 8 + 3;
            default -> network(type);
        };
    }

    private static PacketTest cutBefore(int bytesOfNetworkLayer) {
        return (e, m, t) -> m.bytes().length < network(t, m.bytes()) + bytesOfNetworkLayer;
    }

    /**
     * A packet cut before the end of the field, where the field is in the outer network layer, or inside an
     * encapsulation (further in): there, 1.10.3's program ends on a failed load on the packet.
     */
    private static PacketTest cutBeforeOrInsideAnEncapsulation(int bytesOfNetworkLayer) {
        return (e, m, t) -> m.bytes().length < network(t, m.bytes()) + bytesOfNetworkLayer
                || ENCAPSULATION.matcher(e).find() && Folding.libpcapFaulted(e, t, m);
    }

    /**
     * Whether an IPv4 destination in 240.0.0.0/4 is where an encapsulation may have moved {@code ip[16]}: past tags
     * or labels (4 bytes each), or in an IPv4 header (version 4) further in (a tunnel).
     */
    private static boolean hasIpv4ToClassE(byte[] b, int from) {
        for (int shift = 0; shift <= 16; shift += 4) {
            if (from + 16 + shift < b.length && (b[from + 16 + shift] & 0xf0) == 0xf0) {
                return true;
            }
        }
        for (int q = from; q + 16 < b.length; q++) {
            if ((b[q] & 0xf0) == 0x40 && (b[q + 16] & 0xf0) == 0xf0) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern ENCAPSULATION = Pattern.compile("\\b(vlan|mpls|pppoes|geneve|vxlan|lane)\\b");

    /** A protocol whose packet index carries a guard (gen_load_internal). */
    private static final String GUARDED = "(ip6?|arp|rarp|tcp|udp|sctp|icmp6?|igmp|igrp|pim|vrrp|carp|atalk|decnet"
            + "|lat|sca|moprc|mopdl)\\[";

    /** Master folds constant comparisons away with their loads, 1.10.3 keeps the loads. */
    private static final String FOLDING = "9f9d5459 (all-zero mask in gen_mcmp) and 1687065d (gen_and/gen_or reduce"
            + " Boolean constants)";

    private static final String BYTE_OP = "82724cc7 (Fix the \"|\" and \"&\" operators of the \"byte\" primitive)";

    /** The Juniper link types, whose link-level test for IPv4 and IPv6 is the same cookie check. */
    private static final Set<LinkType> JUNIPER_COOKIE_ONLY = java.util.EnumSet.of(LinkType.JUNIPER_MFR,
            LinkType.JUNIPER_MLFR, LinkType.JUNIPER_MLPPP, LinkType.JUNIPER_ATM1, LinkType.JUNIPER_ATM2,
            LinkType.JUNIPER_PPPOE, LinkType.JUNIPER_PPPOE_ATM, LinkType.JUNIPER_GGSN, LinkType.JUNIPER_ES,
            LinkType.JUNIPER_MONITOR, LinkType.JUNIPER_SERVICES, LinkType.JUNIPER_ETHER, LinkType.JUNIPER_PPP,
            LinkType.JUNIPER_FRELAY, LinkType.JUNIPER_CHDLC, LinkType.JUNIPER_VP, LinkType.JUNIPER_ST,
            LinkType.JUNIPER_ISM, LinkType.JUNIPER_VS, LinkType.JUNIPER_SRX_E2E, LinkType.JUNIPER_FIBRECHANNEL,
            LinkType.JUNIPER_ATM_CEMIC);

    /** The IP protocol numbers of the protocols whose packet index {@code gen_load_internal} guards. */
    private static final Set<Integer> TRANSPORTS = Set.of(6, 17, 132, 1, 2, 9, 103, 112);

    public static final List<Entry> ENTRIES = List.of(
            new Entry(Pattern.compile("(ip6 )?((src|dst)( (or|and) (src|dst))? )?"
                    + "net [0-9a-fA-F.]*:[0-9a-fA-F:.]*/([0-9]|[1-8][0-9]|9[0-5])\\b"),
                    Set.of(), Direction.JFILTER_ACCEPTS,
                    "an IPv6 prefix shorter than /96 leaves whole words under a zero mask: master tests nothing"
                            + " there, 1.10.3 still loads them and rejects packets cut inside the address", FOLDING,
                    cutBeforeOrInsideAnEncapsulation(40)),
            new Entry(Pattern.compile("(\\S+ )*net 0(\\.0){0,3}/0\\b"), Set.of(), Direction.JFILTER_ACCEPTS,
                    "an IPv4 network /0 has a zero mask: master tests nothing, 1.10.3 still loads the address and"
                            + " rejects packets cut before it", FOLDING, cutBeforeOrInsideAnEncapsulation(20)),
            new Entry(Pattern.compile("byte \\d+ & \\d+"), Set.of(), Direction.JFILTER_ACCEPTS,
                    "byte N & V: 1.10.3 forgets to load the byte and tests A (0), so it never matches; master"
                            + " loads it", BYTE_OP, (e, m, t) -> true),
            new Entry(Pattern.compile("byte \\d+ \\| \\d+"), Set.of(), Direction.JFILTER_REJECTS,
                    "byte N | V: 1.10.3 forgets to load the byte, so it matches every packet, even one too short"
                            + " for the byte; master loads it", BYTE_OP, (e, m, t) -> true),
            new Entry(Pattern.compile(".+ or (not )?ip6?"), Set.of(LinkType.IPV4, LinkType.IPV6),
                    Direction.JFILTER_ACCEPTS,
                    "X or ip on DLT_IPV4 (ip6 on DLT_IPV6) is constant true: master drops X and its loads,"
                            + " 1.10.3 runs X first and rejects packets too short for its loads", FOLDING, (e, m, t) -> true),
            new Entry(Pattern.compile("decnet dst .*|\\bdecnet dst\\b"), Set.of(), Direction.JFILTER_REJECTS,
                    "decnet dst: master tests the short header's flags and address with one 32-bit load, 1.10.3"
                            + " with 16-bit loads, so a packet cut inside those 4 bytes fails only in master",
                    "62979bf2 (Use 32-bit comparisons for \"decnet dst\" when possible)", cutBefore(6)),
            new Entry(Pattern.compile("\\bip multicast\\b"), Set.of(), Direction.JFILTER_REJECTS,
                    "ip multicast: 1.10.3 tests ip[16] >= 224, which takes in 240.0.0.0/4 too; master tests"
                            + " (ip[16] & 0xf0) == 0xe0 (after an encapsulation, in an IPv4 header further in)",
                    "0d9788b0 (Fix IPv4 multicast upper bound)",
                    (e, m, t) -> ENCAPSULATION.matcher(e).find() ? hasIpv4ToClassE(m.bytes(), network(t, m.bytes()))
                            : m.bytes().length > network(t, m.bytes()) + 16
                                    && (m.bytes()[network(t, m.bytes()) + 16] & 0xf0) == 0xf0),
            new Entry(Pattern.compile("(l1|l2|iih|lsp|snp|csnp|psnp)\\b|isis proto .*"), Set.of(),
                    Direction.JFILTER_ACCEPTS,
                    "IS-IS PDU type: 1.10.3 compares the whole byte, master only its low 5 bits (the PDU type field),"
                            + " so a byte with reserved bits set matches in master only",
                    "63acfbbf (Use the correct bit mask for IS-IS PDU type value)",
                    (e, m, t) -> m.bytes().length > networkNoSnap(t, m.bytes()) + 4
                            && (m.bytes()[networkNoSnap(t, m.bytes()) + 4] & 0xe0) != 0),
            new Entry(Pattern.compile(".*\\b" + GUARDED + ".*\\b" + GUARDED + ".*"), Set.of(),
                    Direction.EITHER,
                    "a relation with packet indexes on both sides: master tests the right side's protocol guard"
                            + " first, 1.10.3 the left side's; when the guard tested first loads past a short packet"
                            + " that the other guard would have turned away, that side alone rejects it",
                    "69ca8919 (Untangle the ANDing in gen_relation_internal())",
                    (e, m, t) -> m.jfilter() ? Folding.libpcapFaulted(e, t, m) : Differential.jfilterFaulted(m)),
            new Entry(Pattern.compile("\\b(geneve|vxlan)\\b"), Set.of(), Direction.EITHER,
                    "a primitive after geneve reached where geneve did not match (geneve or ip) reads the scratch"
                            + " words that hold the inner headers' offsets unwritten: master's bpf_filter starts them"
                            + " at 0 (as jfilter's program writes them), 1.10.3's leaves whatever the stack held",
                    "360f7fa6 (Initialize the scratch memory store to 0)",
                    (e, m, t) -> Differential.dependsOnUnwrittenScratch(m)),
            new Entry(Pattern.compile("\\b(vpi|vci) != "), Set.of(LinkType.SUNATM), Direction.EITHER,
                    "vpi/vci != N: 1.10.3's gen_ncmp reverses only a > or >= test, so != tests =; master negates it",
                    "1f1c2bde (Fix the != comparison for ATM and MTP field values)",
                    (e, m, t) -> m.bytes().length > 1),  // both programs load the VPI at 1 (the VCI at 2..3)
            new Entry(Pattern.compile(".*"), Set.of(LinkType.ARCNET, LinkType.ARCNET_LINUX), Direction.EITHER,
                    "ARCnet IPv4 and ARP: 1.10.3 also takes RFC 1051's system codes (240, 241), then reads the"
                            + " header at RFC 1201's payload offset; master matches RFC 1201's codes only",
                    "c79b3cbc (Do not try matching RFC 1051 system codes for ARCnet)",
                    (e, m, t) -> {
                        int code = t == LinkType.ARCNET ? 2 : 4;
                        return m.bytes().length > code
                                && ((m.bytes()[code] & 0xff) == 240 || (m.bytes()[code] & 0xff) == 241);
                    }),
            new Entry(Pattern.compile("\\$[0-9a-fA-F]"), Set.of(LinkType.ARCNET, LinkType.ARCNET_LINUX),
                    Direction.EITHER,
                    "ARCnet $XX: 1.10.3 parses the address with pcap_ether_aton from the '$', so $0e is 0xd0;"
                            + " master parses the hex digits",
                    "2b010956 (Fix, test and document ARCnet address parsing)", (e, m, t) -> true),
            new Entry(Pattern.compile("\\b(inbound|outbound)\\b"), Set.of(LinkType.DSA_TAG_BRCM, LinkType.DSA_TAG_DSA),
                    Direction.EITHER,
                    "inbound/outbound on a DSA tag: master tests the tag's opcode or mode; 1.10.3 loads the Linux"
                            + " packet type, which fails offline (the program returns 0)",
                    "90543f38 (Add inbound/outbound support for two DSA DLTs)", (e, m, t) -> true),
            new Entry(Pattern.compile("\\b(sio|opc|dpc|sls|hsio|hopc|hdpc|hsls) != (0x)?[0-9a-f]+"),
                    Set.of(LinkType.MTP2, LinkType.MTP2_WITH_PHDR, LinkType.ERF), Direction.EITHER,
                    "an SS7 field != N: 1.10.3's gen_ncmp negates only > and >= tests, so its program tests"
                            + " field == N; master tests field != N",
                    "1f1c2bde (Fix the != comparison for ATM and MTP field values)", (e, m, t) -> true),
            new Entry(Pattern.compile("\\bh?dpc\\b"), Set.of(LinkType.MTP2, LinkType.MTP2_WITH_PHDR),
                    Direction.EITHER,
                    "dpc: master loads the 14-bit point code's two bytes, 1.10.3 four bytes from there, so a packet"
                            + " cut inside the two bytes after them fails only in 1.10.3",
                    "2aebf466 (Use a 16-bit comparison for \"dpc\")",
                    (e, m, t) -> m.bytes().length < (t == LinkType.MTP2_WITH_PHDR ? 8 : 4)
                            + (e.contains("hdpc") ? 3 : 0) + 4),
            new Entry(Pattern.compile("\\bpppoes\\b"), Set.of(LinkType.PRISM_HEADER, LinkType.IEEE802_11_RADIO_AVS,
                    LinkType.IEEE802_11_RADIO, LinkType.PPI), Direction.EITHER,
                    "after pppoes on an 802.11 link with a radio header, libpcap computes the radio header's length"
                            + " into the PPPoE payload's word, so the word tests before pppoes read for it is never"
                            + " written: master's bpf_filter starts it at 0 (as jfilter's program writes it), 1.10.3's"
                            + " leaves whatever the stack held",
                    "360f7fa6 (Initialize the scratch memory store to 0)",
                    (e, m, t) -> Differential.dependsOnUnwrittenScratch(m)),
            new Entry(Pattern.compile("\\b(len|[a-z0-9]+\\[).*\\bport(range)?\\b"), Set.of(LinkType.IEEE802_11,
                    LinkType.PRISM_HEADER, LinkType.IEEE802_11_RADIO_AVS, LinkType.IEEE802_11_RADIO, LinkType.PPI),
                    Direction.EITHER,
                    "on 802.11, libpcap allocates the words of the run-time header offsets when a test first reads"
                            + " them but computes them at the start of the program, so a word an earlier arithmetic"
                            + " relation freed is overwritten later by the relation; master builds a port test before"
                            + " its link-level test, 1.10.3 after, so the two overwrite different offsets",
                    "119b2481 (Generate cleaner code for unqualified \"port\" and \"portrange\")",
                    (e, m, t) -> overwritesRunTimeOffset(m.cfg())),
            new Entry(Pattern.compile("\\b(inbound|outbound)\\b"), Set.of(LinkType.SLIP), Direction.EITHER,
                    "SLIP direction: 1.10.3 tests link[0] == 0 for inbound and link[0] != 0 for outbound, master"
                            + " link[0] == SLIPDIR_IN (0) and == SLIPDIR_OUT (1), so a byte of 2 or more is outbound"
                            + " in 1.10.3 only",
                    "4f45904a (Apply code clean-ups for the inbound/outbound keywords)",
                    (e, m, t) -> m.bytes().length > 0 && (m.bytes()[0] & 0xff) > 1),
            new Entry(Pattern.compile(".*\\b(tcp|udp|sctp|icmp|igmp|igrp|pim|vrrp|carp)\\[.*"), JUNIPER_COOKIE_ONLY,
                    Direction.EITHER,
                    "tcp[...] and the like on a Juniper link type, where ip and ip6 share one link-level test (the"
                            + " cookie): master guards the load with IPv4 only, 1.10.3 with ip or ip6 of that protocol,"
                            + " so a packet whose IPv6 next header (or fragment chain) names it passes 1.10.3's guard",
                    "4d8a69a1 (Get IPv4 transport right in gen_load_internal())",
                    (e, m, t) -> {
                        int nl = network(t);
                        byte[] b = m.bytes();
                        // 44: 1.10.3 follows a fragment header to the next header, or faults on a cut packet.
                        return b.length > nl + 6 && (TRANSPORTS.contains(b[nl + 6] & 0xff) || (b[nl + 6] & 0xff) == 44);
                    }),
            new Entry(Pattern.compile("(l1|l2|iih|lsp|snp|csnp|psnp)\\b|isis proto .*"), Set.of(LinkType.C_HDLC),
                    Direction.EITHER,
                    "IS-IS PDU type on C-HDLC: 1.10.3 reads it at offset 4 of the payload, master at 5 (after"
                            + " C-HDLC's fudge byte, as iso proto does)",
                    "9fe209c9 (Use the correct IS-IS PDU type offset for DLT_C_HDLC)",
                    (e, m, t) -> m.bytes().length > 8 && (m.bytes()[2] & 0xff) == 0xfe
                            && (m.bytes()[3] & 0xff) == 0xfe));

    /**
     * Whether the program stores into a word that holds a run-time 802.11 header offset anywhere but where it computes
     * it ({@code st M[k]; tax} for the radio header's length, {@code add #24; st M[k]} for the payload's offset) or
     * adjusts it ({@code ld M[k]; ...; st M[k]}).
     */
    private static boolean overwritesRunTimeOffset(dev.jfilter.cfg.Cfg cfg) {
        Set<Integer> offsets = new HashSet<>();
        for (dev.jfilter.cfg.Block b : cfg.blocks()) {
            List<dev.jfilter.cfg.Stmt> s = b.statements();
            for (int i = 0; i < s.size(); i++) {
                if (s.get(i) instanceof dev.jfilter.cfg.Stmt.Store st && computesOffset(s, i)) {
                    offsets.add(st.slot());
                }
            }
        }
        for (dev.jfilter.cfg.Block b : cfg.blocks()) {
            List<dev.jfilter.cfg.Stmt> s = b.statements();
            for (int i = 0; i < s.size(); i++) {
                if (s.get(i) instanceof dev.jfilter.cfg.Stmt.Store st && offsets.contains(st.slot())
                        && !computesOffset(s, i)
                        && !(s.getFirst() instanceof dev.jfilter.cfg.Stmt.LoadScratch l && l.slot() == st.slot())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean computesOffset(List<dev.jfilter.cfg.Stmt> s, int store) {
        boolean thenTax = store + 1 < s.size() && s.get(store + 1) instanceof dev.jfilter.cfg.Stmt.Tax;
        boolean after24 = store > 0 && s.get(store - 1) instanceof dev.jfilter.cfg.Stmt.AluConstant a
                && a.op() == dev.jfilter.cfg.AluOp.ADD && a.operand() == 24;
        return thenTax || after24;
    }

    private static final Set<Entry> USED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * The entry that explains a mismatch, if any; marks it used. When the entry's pattern is the whole expression,
     * the mismatch must go its way; when it is part of a larger expression ({@code udp and ip multicast}), the
     * rest of the expression may negate it, and either way is explained.
     */
    public static java.util.Optional<Entry> explain(String expression, LinkType type, boolean jfilterAccepts) {
        return explain(expression, type, jfilterAccepts, null);
    }

    /** As {@link #explain(String, LinkType, boolean)}, and the packet must be of the entry's kind. */
    public static java.util.Optional<Entry> explain(String expression, LinkType type, boolean jfilterAccepts,
            Differential.Mismatch mismatch) {
        for (Entry e : ENTRIES) {
            if (mismatch != null && !e.packets().test(expression, mismatch, type)) {
                continue;
            }
            java.util.regex.Matcher m = e.expression().matcher(expression);
            if (!m.find() || !(e.types().isEmpty() || e.types().contains(type))) {
                continue;
            }
            boolean whole = m.start() == 0 && m.end() == expression.length();
            if (!whole || e.direction() == Direction.EITHER
                    || (e.direction() == Direction.JFILTER_ACCEPTS) == jfilterAccepts) {
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
            if (explain(expression, type, m.jfilter(), m).isEmpty()
                    && !Folding.explains(expression, type, m, m.wireLength())) {
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
