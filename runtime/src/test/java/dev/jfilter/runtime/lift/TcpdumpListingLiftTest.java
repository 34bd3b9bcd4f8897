package dev.jfilter.runtime.lift;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.lift.CfgLifter;
import dev.jfilter.cbpf.listing.ListingParser;
import dev.jfilter.cfg.AncillarySource;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.runtime.testing.TestPackets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End to end from tcpdump's output: {@code tcpdump -ddd -y EN10MB EXPR | tr '\n' ','} (tcpdump 4.99.3, libpcap
 * 1.10.3, recorded) lifts in the bytecode form {@code xt_bpf} and tc take, and the graph agrees with the program on
 * every Ethernet test packet, whole and cut.
 */
class TcpdumpListingLiftTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            tcp port 80 | 20,40 0 0 12,21 0 6 34525,48 0 0 20,21 0 15 6,40 0 0 54,21 12 0 80,40 0 0 56,21 10 11 80,21 0 10 2048,48 0 0 23,21 0 8 6,40 0 0 20,69 6 0 8191,177 0 0 14,72 0 0 14,21 2 0 80,72 0 0 16,21 0 1 80,6 0 0 262144,6 0 0 0,
            ip6 and udp portrange 5000-6000 | 12,40 0 0 12,21 0 9 34525,48 0 0 20,21 0 7 17,40 0 0 54,53 0 1 5000,37 0 3 6000,40 0 0 56,53 0 2 5000,37 1 0 6000,6 0 0 262144,6 0 0 0,
            icmp[icmptype] == icmp-echo or len > 1000 | 13,40 0 0 12,21 0 7 2048,48 0 0 23,21 0 5 1,40 0 0 20,69 3 0 8191,177 0 0 14,80 0 0 14,21 2 0 8,128 0 0 0,37 0 1 1000,6 0 0 262144,6 0 0 0,
            ip[2:2] / 4 > 100 and ip[6] & 0x20 != 0 | 9,40 0 0 12,21 0 6 2048,40 0 0 16,52 0 0 4,37 0 3 100,48 0 0 20,69 0 1 32,6 0 0 262144,6 0 0 0,
            vlan 10 and host 10.0.0.1 | 21,40 0 0 12,21 2 0 33024,21 1 0 34984,21 0 16 37120,40 0 0 14,84 0 0 4095,21 0 13 10,40 0 0 16,21 0 4 2048,32 0 0 30,21 8 0 167772161,32 0 0 34,21 6 7 167772161,21 1 0 2054,21 0 5 32821,32 0 0 32,21 2 0 167772161,32 0 0 42,21 0 1 167772161,6 0 0 262144,6 0 0 0,
            """)
    void tcpdumpBytecodeLiftsAndAgrees(String expression, String bytecode) {
        CbpfProgram program = ListingParser.parseDecimal(bytecode).orThrow();
        Cfg cfg = CfgLifter.liftDecimal(bytecode).orThrow();
        Agreement.check(expression, program, cfg, TestPackets.of(LinkType.EN10MB), List.of(AncillarySource.NONE),
                Agreement.Cuts.ALL);
    }
}
