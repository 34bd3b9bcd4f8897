package dev.jfilter.testpcaps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The corpus files are well-formed; whether libpcap accepts them is {@link CorpusOracleTest}'s job. */
class CorpusFilesTest {
    /** Keywords of the other files (encapsulations) and names that need /etc/hosts, /etc/ethers or DNS. */
    private static final Pattern OUT_OF_SCOPE = Pattern.compile(
            "\\b(vlan|mpls|pppoed|pppoes|geneve|vxlan|gateway|broadcast\\s+ip|ip\\s+broadcast|localhost)\\b");
    /** What no file holds: libpcap 1.10.3 lacks vxlan (its own file), and names need lookups. */
    private static final Pattern NEVER_IN_ENCAP = Pattern.compile(
            "\\b(vxlan|gateway|broadcast\\s+ip|ip\\s+broadcast|localhost)\\b");
    private static final Pattern ENCAPSULATION = Pattern.compile("\\b(vlan|mpls|pppoed|pppoes|geneve)\\b");

    static Stream<Arguments> files() {
        return Stream.of(CorpusKind.values()).flatMap(k -> k.dltNames().stream().map(d -> Arguments.of(k, d)));
    }

    static List<String> dlts() {
        return TestPcaps.DLT_NAMES;
    }

    @ParameterizedTest
    @MethodSource("files")
    void nonEmptyWithoutDuplicatesOrStrayCharacters(CorpusKind kind, String dlt) {
        List<TestPcaps.CorpusLine> lines = TestPcaps.corpusLines(kind, dlt);
        assertThat(lines.size()).as("%s %s", kind, dlt).isGreaterThanOrEqualTo(20);
        Set<String> seen = new HashSet<>();
        for (TestPcaps.CorpusLine l : lines) {
            String where = kind.resource(dlt) + " line " + l.line();
            assertThat(seen.add(l.expression())).as("%s duplicates %s", where, l.expression()).isTrue();
            assertThat(l.expression()).as(where).doesNotContain("\t").isEqualTo(l.expression().strip());
            switch (kind) {
                case CORE -> assertThat(OUT_OF_SCOPE.matcher(l.expression()).find())
                        .as("%s out of scope: %s", where, l.expression()).isFalse();
                case ENCAP -> assertThat(NEVER_IN_ENCAP.matcher(l.expression()).find())
                        .as("%s belongs elsewhere: %s", where, l.expression()).isFalse();
                case VXLAN -> assertThat(l.expression()).as(where).containsPattern("\\bvxlan\\b");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dlts")
    void noExpressionIsInTwoFilesOfOneLinkType(String dlt) {
        Set<String> seen = new HashSet<>();
        for (CorpusKind kind : CorpusKind.values()) {
            if (kind.dltNames().contains(dlt)) {
                for (String e : TestPcaps.corpus(kind, dlt)) {
                    assertThat(seen.add(e)).as("%s %s is in another file too", kind.resource(dlt), e).isTrue();
                }
            }
        }
    }

    @Test
    void totalsAndWeighting() {
        int total = 0;
        int en10mb = TestPcaps.corpus("EN10MB").size();
        for (String dlt : TestPcaps.DLT_NAMES) {
            int n = TestPcaps.corpus(dlt).size();
            total += n;
            if (!dlt.equals("EN10MB")) {
                assertThat(en10mb).as("EN10MB has the most").isGreaterThan(n);
            }
        }
        assertThat(total).isGreaterThanOrEqualTo(400);
        assertThat(TestPcaps.corpus(CorpusKind.ENCAP, "EN10MB")).hasSizeGreaterThanOrEqualTo(150);
        // Most encapsulation lines use an encapsulation keyword; the rest test their EtherTypes and ports by hand.
        long withKeyword = TestPcaps.corpus(CorpusKind.ENCAP, "EN10MB").stream()
                .filter(e -> ENCAPSULATION.matcher(e).find()).count();
        assertThat(withKeyword).isGreaterThanOrEqualTo(150);
    }

    @Test
    void corpusCoversTheKeywordsOfThisRound() {
        String en = String.join("\n", TestPcaps.corpus("EN10MB"));
        for (String kw : List.of("host", "net", "mask", "port", "portrange", "src", "dst", "ether host",
                "ether src", "ether dst", "ether broadcast", "ether multicast", "ether proto", "ip proto",
                "ip6 proto", "protochain", "ip multicast", "ip6 multicast", "len", "less", "greater", "tcpflags",
                "icmptype", "icmp6type", "stp", "ipx", "netbeui", "iso", "clnp", "esis", "isis", "l1", "l2", "iih",
                "lsp", "snp", "csnp", "psnp", "decnet", "lat", "sca", "mopdl", "moprc", "atalk", "aarp", "llc",
                "arp", "rarp", "sctp", "igmp", "pim", "vrrp", "carp", "ah", "esp", "igrp", "link[", "udp[", "tcp[",
                "icmp[", "icmp6[", "ip6[", " / ", " % ", " << ", " >> ", " ^ ", "-ip", " * ")) {
            assertThat(en).as("EN10MB corpus uses %s", kw).contains(kw);
        }
        String sll = String.join("\n", TestPcaps.corpus("LINUX_SLL"));
        String sll2 = String.join("\n", TestPcaps.corpus("LINUX_SLL2"));
        assertThat(sll).contains("inbound", "outbound");
        assertThat(sll2).contains("inbound", "outbound", "ifindex");
    }

    @Test
    void encapsulationCorpusHasTheCombinationsIssue3AsksFor() {
        List<String> en = TestPcaps.corpus(CorpusKind.ENCAP, "EN10MB");
        assertThat(en).contains("vlan", "vlan 100", "vlan and vlan", "vlan 10 and vlan 20", "vlan or ip",
                "not vlan and ip", "vlan and (tcp or udp)", "vlan 0", "vlan 4095", "vlan and vlan and vlan",
                "mpls", "mpls 100 and mpls 17 and ip", "mpls and host 10.0.0.1", "mpls 0xfffff", "mpls or ip",
                "pppoed", "pppoes", "pppoes 0x1234 and tcp port 80", "pppoes and ip6", "pppoes or ip",
                "geneve", "geneve 0xabc and ip host 10.0.0.1", "geneve and tcp", "geneve and vlan", "geneve and mpls",
                "vlan and ip[9] = 6", "mpls and tcp[13] & 2 != 0", "vlan and mpls", "vlan and pppoes",
                "vlan and geneve", "mpls and geneve", "pppoes and geneve", "pppoes and mpls");
        assertThat(en).anyMatch(e -> e.startsWith("geneve and ether host "));
        for (String dlt : List.of("LINUX_SLL", "LINUX_SLL2")) {
            assertThat(TestPcaps.corpus(CorpusKind.ENCAP, dlt)).contains("pppoed", "pppoes", "geneve",
                    "pppoes and ip6", "geneve and ip");
        }
        assertThat(TestPcaps.corpus(CorpusKind.VXLAN, "EN10MB")).contains("vxlan", "vxlan 42 and udp",
                "vxlan and vlan", "geneve and vxlan");
    }
}
