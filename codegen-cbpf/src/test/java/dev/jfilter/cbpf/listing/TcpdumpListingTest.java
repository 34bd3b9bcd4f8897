package dev.jfilter.cbpf.listing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.Instruction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The listings against tcpdump itself (4.99.3 with libpcap 1.10.3 here): for each expression, optimized and not,
 * tcpdump's {@code -d}, {@code -dd} and {@code -ddd} parse to one program, and formatting it gives tcpdump's text
 * back byte for byte. Skips, saying so, where tcpdump is not installed.
 */
class TcpdumpListingTest {
    /** Expressions chosen to cover every instruction libpcap's code generator emits. */
    static final List<String> EXPRESSIONS = List.of(
            "ip", "ip6", "arp", "rarp", "tcp port 80", "ip and tcp port 80", "udp portrange 1-1024",
            "host 10.0.0.1", "net 10.0.0.0/8", "ether host 1:2:3:4:5:6", "ether broadcast", "ip multicast",
            "ip6 host ::1", "icmp6", "icmp[icmptype] = icmp-echo", "tcp[tcpflags] & tcp-syn != 0",
            "len < 100", "len >= 100", "greater 200", "less 60", "ether[len - 1] = 0",
            "ip[0] & 7 | 8 = 8", "ip[ip[0] & 0xf] = 4", "ether[0] / 3 * 2 = 4", "ip[0] << 2 = 4",
            "ip[0] >> 1 = 2", "ip[2] % 3 = 1", "ip[1] ^ 5 = 2", "ip and -ip[0] = 3", "ip[0:4] - 1 >= 7",
            "ip[2:2] > ip[4:2]", "tcp[13] & 0x12 = 0x12", "udp[8:4] = 0x12345678",
            "ip[0] * ip[1] < ip[2] + ip[3] - 1", "ip[0] << ip[1] = 4", "ip[0] >> ip[1] = 4",
            "ip[0] % ip[1] = 0", "ip[0] / ip[1] = 0", "ip[0] & ip[1] = 1", "ip[0] | ip[1] = 1", "ip[0] ^ ip[1] = 1",
            "vlan 100", "vlan and ip", "mpls 5", "pppoes 3", "ip6 protochain 6", "ip protochain 17", "geneve",
            "decnet host 1.2", "atalk", "iso", "stp", "ipx", "netbeui", "llc", "ip6 multicast", "tcp[0:2] = 80 or udp",
            "not ip and not arp", "ether proto 0x88cc", "ip proto 47", "ip[6:2] & 0x1fff = 0", "ip6[40] = 58",
            "ether[12:2] = 0x800 and ip[9] = 6");

    static Stream<String> expressions() {
        return EXPRESSIONS.stream();
    }

    private static Optional<Path> tcpdump() {
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin")) {
            Path p = Path.of(dir, "tcpdump");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static String run(Path tcpdump, String option, boolean optimize, String expression)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(tcpdump.toString(), option, "-y", "EN10MB"));
        if (!optimize) {
            cmd.add("-O");
        }
        cmd.add(expression);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("tcpdump %s %s", option, expression).isZero();
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expressions")
    void parseAndFormatReproduceTcpdump(String expression) throws Exception {
        Optional<Path> tcpdump = tcpdump();
        Assumptions.assumeTrue(tcpdump.isPresent(), "tcpdump is not installed: listings not checked against it");
        for (boolean optimize : new boolean[] {true, false}) {
            String d = run(tcpdump.get(), "-d", optimize, expression);
            String dd = run(tcpdump.get(), "-dd", optimize, expression);
            String ddd = run(tcpdump.get(), "-ddd", optimize, expression);
            CbpfProgram fromD = ListingParser.parse(d, ListingFormat.IMAGE).orThrow();
            CbpfProgram fromDd = ListingParser.parse(dd, ListingFormat.C_ARRAY).orThrow();
            CbpfProgram fromDdd = ListingParser.parse(ddd, ListingFormat.DECIMAL).orThrow();
            // -d drops fields an opcode does not use, where libpcap's optimizer may leave stale values.
            assertThat(fromD.instructions()).isEqualTo(
                    fromDdd.instructions().stream().map(Instruction::usedFields).toList());
            assertThat(fromDd).isEqualTo(fromDdd);
            assertThat(Listing.format(fromDdd, ListingFormat.IMAGE)).isEqualTo(d);
            assertThat(Listing.format(fromDdd, ListingFormat.C_ARRAY)).isEqualTo(dd);
            assertThat(Listing.format(fromDdd, ListingFormat.DECIMAL)).isEqualTo(ddd);
        }
    }
}
