package dev.jfilter.frontend.suite;

import dev.jfilter.frontend.link.LinkType;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Expressions whose acceptance changed between libpcap 1.10.3 (the system's) and master (which jfilter follows):
 * each with the message master gives or the feature it added, and the commit.
 */
final class VersionChanges {
    private VersionChanges() {}

    /** A change: expressions matching {@code expression} and, for refusals, a message containing {@code message}. */
    record Change(Pattern expression, String message, String why) {}

    /** What master refuses and 1.10.3 accepted. */
    static final List<Change> MASTER_REFUSES = List.of(
            new Change(Pattern.compile("inbound|outbound|ifindex \\d+"), "not a live capture",
                    "f9f9b228 (Require a live capture for all Linux BPF extensions): 1.10.3 emitted ancillary loads"
                            + " for pcap_open_dead, which fail offline"));

    /** What master accepts and 1.10.3 refused. */
    static final List<Change> MASTER_ACCEPTS = List.of(
            new Change(Pattern.compile("(ether|link) proto \\\\?(lldp|slow)"), "",
                    "91c707ad (Define ETHERTYPE_{SLOW,LLDP} and accept them in pcap_nametoeproto())"),
            new Change(Pattern.compile(".*\\bvxlan\\b.*"), "",
                    "51bf92b8 (Add support for VXLAN): 1.10.3 has no vxlan keyword, a syntax error there"),
            new Change(Pattern.compile(".*\\bsubtype (ba|bar)\\b.*"), "",
                    "db222b77 (IEEE 802.11: add support to filter Block Ack Req & Block Ack control frames): 1.10.3"
                            + " does not know the subtype names"));

    /** A change on some link types only: expressions matching {@code expression} there. */
    record LinkTypeChange(java.util.Set<LinkType> types, Pattern expression, String message, String why) {
        boolean covers(String e, LinkType type) {
            return types.contains(type) && expression.matcher(e).matches();
        }
    }

    /** What master refuses and 1.10.3 accepted, on some link types. */
    static final List<LinkTypeChange> MASTER_REFUSES_ON = List.of(
            new LinkTypeChange(java.util.Set.of(LinkType.BACNET_MS_TP), Pattern.compile("(?s).*"),
                    "link-layer type filtering not implemented for DLT_BACNET_MS_TP",
                    "ba50c5a4 (Properly reject \"link proto\" for DLT_BACNET_MS_TP): 1.10.3 took any frame with the"
                            + " MS/TP preamble for every protocol"));

    /** What master accepts and 1.10.3 refused, on some link types. */
    static final List<LinkTypeChange> MASTER_ACCEPTS_ON = List.of(
            new LinkTypeChange(java.util.Set.of(LinkType.PPI), Pattern.compile(".*\\b(type|subtype|dir|direction)\\b.*"),
                    "", "4fbd0451 (Enable \"[wlan] dir/type/subtype\" for DLT_PPI): 1.10.3 refuses them with"
                            + " '802.11 link-layer types supported only on 802.11'"),
            new LinkTypeChange(java.util.Set.of(LinkType.DSA_TAG_BRCM), Pattern.compile("(?s).*"), "",
                    "5646cb33 (Enable various primitives for DLT_DSA_TAG_BRCM) and 90543f38 (inbound/outbound):"
                            + " 1.10.3 filters this link type by link[...] only"),
            new LinkTypeChange(java.util.Set.of(LinkType.DSA_TAG_DSA), Pattern.compile("(?s).*"), "",
                    "588655e3 (Enable various primitives for DLT_DSA_TAG_DSA) and 90543f38 (inbound/outbound):"
                            + " 1.10.3 filters this link type by link[...] only"),
            new LinkTypeChange(java.util.Set.of(LinkType.BACNET_MS_TP),
                    Pattern.compile("(?s).*(\\$[0-9a-fA-F]|broadcast).*"), "",
                    "7db3d931 (Extend \"link (host|broadcast)\" support onto DLT_BACNET_MS_TP)"),
            new LinkTypeChange(java.util.Set.of(LinkType.NETANALYZER_NG), Pattern.compile("(?s).*"), "",
                    "7991854f (Added DLT_NETANALYZER_NG and LINKTYPE_NETANALYZER_NG): 291 is past 1.10.3's"
                            + " DLT_HIGH_MATCHING_MAX, an unknown link type there"));

    static boolean masterRefuses(String expression, LinkType type, String message) {
        return MASTER_REFUSES.stream().anyMatch(c -> c.expression().matcher(expression).matches()
                && message.contains(c.message()))
                || MASTER_REFUSES_ON.stream().anyMatch(c -> c.covers(expression, type)
                        && message.contains(c.message()));
    }

    static boolean masterAccepts(String expression, LinkType type) {
        return MASTER_ACCEPTS.stream().anyMatch(c -> c.expression().matcher(expression).matches())
                || MASTER_ACCEPTS_ON.stream().anyMatch(c -> c.covers(expression, type));
    }
}
