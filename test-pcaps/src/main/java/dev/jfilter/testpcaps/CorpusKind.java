package dev.jfilter.testpcaps;

import java.util.List;

/**
 * The expression files of the corpus, by what they exercise and what judges them. Each kind has one file per link
 * type it lists, {@code corpus/<DLT><suffix>.txt}.
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-filter.7.html">pcap-filter(7)</a>
 */
public enum CorpusKind {
    /** The core language, every link type of the captures; the installed libpcap (1.10.3) compiles every line. */
    CORE("", TestPcaps.DLT_NAMES, true),
    /**
     * {@code vlan}, {@code mpls}, {@code pppoed}, {@code pppoes} and {@code geneve}, with each other and with the core
     * language, on the link types where libpcap accepts some of them; the installed libpcap compiles every line.
     */
    ENCAP("-encap", List.of("EN10MB", "LINUX_SLL", "LINUX_SLL2"), true),
    /**
     * {@code vxlan} (libpcap 1.11's primitive, which 1.10.3 lacks): the reference is libpcap master, through its own
     * test suite and the verdicts of {@link TestPcaps#vxlanVerdicts()}.
     */
    VXLAN("-vxlan", List.of("EN10MB"), false);

    private final String suffix;
    private final List<String> dltNames;
    private final boolean installedLibpcapCompiles;

    CorpusKind(String suffix, List<String> dltNames, boolean installedLibpcapCompiles) {
        this.suffix = suffix;
        this.dltNames = dltNames;
        this.installedLibpcapCompiles = installedLibpcapCompiles;
    }

    /** What follows the DLT name in the file name: empty for {@link #CORE}, {@code -encap}, {@code -vxlan}. */
    public String suffix() {
        return suffix;
    }

    /** The link types that have a file of this kind, in {@link TestPcaps#DLT_NAMES} order. */
    public List<String> dltNames() {
        return dltNames;
    }

    /** Whether the installed libpcap 1.10.3 compiles every line (false: the reference is libpcap master). */
    public boolean installedLibpcapCompiles() {
        return installedLibpcapCompiles;
    }

    /** The class-path resource of this kind's file for {@code dltName}, e.g. {@code .../corpus/EN10MB-encap.txt}. */
    public String resource(String dltName) {
        return TestPcap.RESOURCE_DIR + "corpus/" + dltName + suffix + ".txt";
    }
}
