package dev.jfilter.testpcaps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The corpus files are well-formed; whether libpcap accepts them is {@link CorpusOracleTest}'s job. */
class CorpusFilesTest {
    /** Keywords of a later round (encapsulations) and names that need /etc/hosts, /etc/ethers or DNS. */
    private static final Pattern OUT_OF_SCOPE = Pattern.compile(
            "\\b(vlan|mpls|pppoed|pppoes|geneve|vxlan|gateway|broadcast\\s+ip|ip\\s+broadcast|localhost)\\b");

    static List<String> dlts() {
        return TestPcaps.DLT_NAMES;
    }

    @ParameterizedTest
    @MethodSource("dlts")
    void nonEmptyWithoutDuplicatesOrStrayCharacters(String dlt) {
        List<TestPcaps.CorpusLine> lines = TestPcaps.corpusLines(dlt);
        assertThat(lines.size()).as(dlt).isGreaterThanOrEqualTo(20);
        Set<String> seen = new HashSet<>();
        for (TestPcaps.CorpusLine l : lines) {
            assertThat(seen.add(l.expression())).as("%s line %d duplicates %s", dlt, l.line(), l.expression()).isTrue();
            assertThat(l.expression()).as("%s line %d", dlt, l.line()).doesNotContain("\t").isEqualTo(l.expression()
                    .strip());
            assertThat(OUT_OF_SCOPE.matcher(l.expression()).find()).as("%s line %d out of scope: %s", dlt, l.line(),
                    l.expression()).isFalse();
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
}
