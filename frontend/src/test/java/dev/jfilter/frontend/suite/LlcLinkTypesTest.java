package dev.jfilter.frontend.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Frontend;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.Corpus;
import dev.jfilter.frontend.oracle.Differential;
import dev.jfilter.frontend.oracle.KnownDifferences;
import dev.jfilter.frontend.oracle.Libpcap;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Combinations beyond libpcap's accept tests on the 802.2 LLC link types, against the system's libpcap 1.10.3 per
 * packet: SunATM's circuits and signalling with other primitives, everything after {@code lane} tested in the
 * LANE-encapsulated Ethernet frame (including the LE Control check before Ethernet addresses and types), the LLC
 * frame types and SAP protocols on each LLC link type; and the errors of primitives used where libpcap refuses them.
 */
class LlcLinkTypesTest {
    static final List<LinkType> LLC_TYPES = List.of(LinkType.FDDI, LinkType.IEEE802, LinkType.IP_OVER_FC,
            LinkType.ATM_RFC1483, LinkType.ATM_CLIP, LinkType.SUNATM);

    static final List<String> SUNATM = List.of(
            "lane and ip", "lane and tcp port 80", "lane and host 10.0.0.2", "lane and ether host 02:00:00:00:00:01",
            "lane and broadcast", "lane and ether src 02:00:00:00:00:02", "lane and arp", "lane and ip6 and udp",
            "lane and llc", "lane and stp", "lane and ipx", "lane and (ip or arp)", "not lane and ip", "lane or ip",
            "ip or lane", "vpi 0 and vci 33 and lane and ip", "oam or metac or bcc", "connectmsg or metaconnect",
            "vpi > 100 and vci < 20004", "vci (10 or 219 or 448) and not ip", "ilmic or sc or oamf4sc or oamf4ec",
            "llc and ip", "llc i", "llc u", "llc s", "llc rr", "llc ui", "lane and llc i", "lane and multicast",
            "lane and ip multicast", "lane and ip6 multicast", "lane and vlan and ip", "lane and pppoed",
            "lane and decnet host 50.764", "lane and link proto 0x42", "link proto 0x42 or lane", "not lane",
            "lane and atalk", "lane and aarp", "lane and iso", "lane and isis", "udp port 53 and vpi 0",
            "ip6 or lane and ip6", "lane and greater 60", "lane and byte 6 & 1 != 0", "lane and link[6] & 1 = 1");

    static final List<String> ANY_LLC = List.of(
            "llc", "llc i", "llc s", "llc u", "llc rr", "llc rnr", "llc rej", "llc ui", "llc ua", "llc disc",
            "llc sabme", "llc test", "llc xid", "llc frmr", "llc and stp", "llc i and iso", "stp or ipx",
            "netbeui or iso", "isis or clnp or esis", "l1 or l2 or iih", "lsp or snp or csnp or psnp",
            "atalk or aarp", "decnet host 50.764", "decnet src 1.1 or decnet dst 50.764", "lat or sca or mopdl",
            "link proto 0x42", "link proto 0xfe", "link proto 0x809b", "ether proto 0x8137", "ip and udp port 53",
            "arp or rarp", "ip6 and tcp", "broadcast or multicast", "ether host 02:00:00:00:00:01",
            "ether src 02:00:00:00:00:02 and ether dst 02:00:00:00:00:01", "ip broadcast", "ip multicast",
            "ip6 multicast", "pppoed", "pppoes and ip", "pppoes 0x3b", "host 10.0.0.2 or ip6 host ::1",
            "iso proto 0x83", "link[0] = 0x50", "ether[13] & 1 != 0");

    static Stream<Arguments> cases() {
        Stream<Arguments> sunatm = SUNATM.stream().map(e -> Arguments.of(LinkType.SUNATM, e));
        Stream<Arguments> llc = LLC_TYPES.stream().flatMap(t -> ANY_LLC.stream().map(e -> Arguments.of(t, e)));
        return Stream.concat(sunatm, llc);
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @MethodSource("cases")
    void agreesWithLibpcap1103(LinkType type, String expression) {
        Assumptions.assumeTrue(Libpcap.available(), "libpcap through pcap4j is not available");
        Result<Cfg> ours = Frontend.compile(expression, CompileOptions.of(type));
        boolean theirs = Libpcap.compile(type, CompileOptions.DEFAULT_SNAPLEN, expression, false, -1).map(p -> {
            p.close();
            return true;
        }).orElse(false);
        if (!(ours instanceof Result.Ok<Cfg> ok)) {
            assertThat(theirs).as("%s on %s: we refuse (%s), 1.10.3 accepts", expression, type, ours).isFalse();
            return;
        }
        assertThat(theirs).as("%s on %s: we accept, 1.10.3 refuses", expression, type).isTrue();
        var diff = Differential.against(type, CompileOptions.DEFAULT_SNAPLEN, expression, -1, false, ok.value(),
                Corpus.of(type)).orElseThrow();
        assertThat(KnownDifferences.unexplained(expression, type, diff)).as("%s on %s", expression, type).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            SUNATM      | lane and vpi 1            | 'vpi' supported only on SUNATM
            SUNATM      | lane and oam              | 'oam' supported only on SUNATM
            SUNATM      | lane and lane             | 'lane' supported only on SUNATM
            SUNATM      | pppoes and vci 5          | 'vci' supported only on SUNATM
            FDDI        | lane                      | 'lane' supported only on SUNATM
            ATM_RFC1483 | connectmsg                | 'connectmsg' supported only on SUNATM
            SUNATM      | vpi 256                   | VPI 256 greater than maximum 255
            SUNATM      | vci > 65536               | VCI 65536 greater than maximum 65535
            SUNATM      | ether host 1:2:3:4:5:6    | 'link host XX:XX:XX:XX:XX:XX' not supported on DLT_SUNATM
            SUNATM      | lane and vlan and vpi 2   | 'vpi' supported only on SUNATM
            SUNATM      | multicast                 | 'multicast' not supported on DLT_SUNATM
            ATM_CLIP    | llc                       | 'llc' not supported on DLT_ATM_CLIP
            IP_OVER_FC  | llc u                     | 'llc' not supported on DLT_IP_OVER_FC
            FDDI        | vlan                      | 'vlan' not supported on DLT_FDDI
            IEEE802     | mpls                      | 'mpls' not supported on DLT_IEEE802
            IP_OVER_FC  | link proto 1500           | LLC DSAP 1500 greater than maximum 255
            FDDI        | link proto 65536          | EtherType 65536 greater than maximum 65535
            """)
    void refusesAsLibpcapMaster(LinkType type, String expression, String message) {
        Result<Cfg> r = Frontend.compile(expression, CompileOptions.of(type));
        assertThat(r).as("%s on %s", expression, type).isInstanceOf(Result.Failed.class);
        assertThat(((Result.Failed<Cfg>) r).diagnostics().getFirst().message()).contains(message);
    }
}
