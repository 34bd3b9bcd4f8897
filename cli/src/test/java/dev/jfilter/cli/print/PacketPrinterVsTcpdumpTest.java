package dev.jfilter.cli.print;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.runtime.capture.CaptureFile;
import dev.jfilter.runtime.capture.PacketCursor;
import dev.jfilter.testpcaps.TestPcap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The printer's lines against {@code TZ=UTC tcpdump -nn -r}, packet by packet. tcpdump prints more: sequence
 * numbers, windows, options, application protocols, tunnelled packets. So the test compares the fields both print:
 * the time (every packet); for IP packets, the protocol and addresses (with ports) up to the first {@code ": "};
 * for TCP, the flags and the payload length; for UDP, the line when tcpdump prints no application protocol; ICMP
 * and ICMPv6 echoes and ARP requests and replies whole. jfilter's {@code vlan N, } prefix (tcpdump shows tags only
 * with {@code -e}) is removed before comparing. After IPv6 extension headers, jfilter names them as tcpdump does
 * ({@code HBH}, {@code DSTOPT}, {@code frag (offset|length)}) but prints a routing header as {@code RT6} without
 * its contents: those lines are compared up to the routing header. tcpdump's interface and direction at the start
 * of Linux cooked lines are removed, and packets tcpdump calls invalid or finds shorter than their IP length
 * ({@code truncated-ip - N bytes missing!}, which jfilter does not check) are not compared.
 */
class PacketPrinterVsTcpdumpTest {
    /** A packet's first line with {@code -#}: its number (from 1), then the line. */
    private static final Pattern NUMBERED = Pattern.compile("^ *(\\d+)  (\\d\\d:\\d\\d:\\d\\d\\.\\d{6} .*)$");
    private static final Pattern FLAGS = Pattern.compile("Flags \\[([^]]*)]");
    private static final Pattern LENGTH = Pattern.compile(", length (\\d+)");

    @ParameterizedTest
    @EnumSource(names = {"EN10MB_MIXED", "EN10MB_CORNERS", "EN10MB_ENCAP", "RAW", "IPV4", "IPV6", "LINUX_SLL",
            "LINUX_SLL2", "NULL", "LOOP"})
    void theFieldsBothPrintAreTcpdumps(TestPcap capture) throws Exception {
        Optional<Path> tcpdump = Stream.of("/usr/bin/tcpdump", "/usr/sbin/tcpdump").map(Path::of)
                .filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(tcpdump.isPresent(), "no tcpdump on this machine: it is the reference");
        TreeMap<Integer, String> theirs = tcpdumpLines(tcpdump.get(), capture.path());
        List<String> ours = new ArrayList<>();
        PacketPrinter printer = new PacketPrinter(ZoneOffset.UTC);
        try (CaptureFile file = CaptureFile.open(capture.path())) {
            PacketCursor c = file.cursor();
            while (c.next()) {
                ours.add(printer.line(c.captureInterface().linkType(), c.timestampNanos(), c.file(), c.dataOffset(),
                        c.capturedLength(), c.wireLength()));
            }
        }
        // Some packets end tcpdump's line without a line break: the next packet's line is lost to the parse.
        assertThat(theirs.size()).as("tcpdump lines parsed").isGreaterThan(ours.size() * 98 / 100);
        TreeMap<String, Integer> compared = new TreeMap<>();
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            String mine = ours.get(i);
            String ref = theirs.get(i + 1);
            if (ref == null) {
                continue;
            }
            String time = mine.substring(0, 16);
            if (!ref.startsWith(time)) {
                differences.add(i + ": time: " + mine + " | " + ref);
                continue;
            }
            compared.merge("time", 1, Integer::sum);
            String a = mine.substring(16).replaceAll("^(vlan \\d+, )+", "");
            // tcpdump starts Linux cooked lines with the interface (SLL2) and the direction, jfilter does not.
            String b = ref.substring(16).replaceFirst("^(\\S+ +)?(In|Out|B|M|P|\\?) +", "");
            if (b.contains("(invalid)") || b.contains("[bad hdr length") || b.contains("truncated-")
                    || b.contains("cut off at end of packet")) {
                compared.merge("skipped: tcpdump finds the packet invalid or short", 1, Integer::sum);
                continue;
            }
            compare(i, a, b, compared, differences);
        }
        assertThat(differences).as("lines that differ from tcpdump's (%s)", capture).isEmpty();
        assertThat(compared.getOrDefault("time", 0)).isEqualTo(theirs.size());
        System.out.println(capture + ": fields compared " + compared);
    }

    private static void compare(int i, String a, String b, TreeMap<String, Integer> compared,
            List<String> differences) {
        if (a.contains("version error") || a.contains("bad-hlen") || a.contains("bad-len") || a.startsWith("unknown ip")) {
            if (!a.equals(b)) {
                differences.add(i + ": bad header: " + a + " | " + b);
            }
            return;
        }
        if ((a.startsWith("IP ") || a.startsWith("IP6 ")) && !a.contains("[|") && !b.contains("[|")) {
            if (a.contains("RT6 ")) {
                a = a.substring(0, a.indexOf("RT6 "));
                if (!b.startsWith(a)) {
                    differences.add(i + ": up to RT6: " + a + " | " + b);
                }
                return;
            }
            int end = a.lastIndexOf(": ", a.indexOf("Flags [") >= 0 ? a.indexOf("Flags [") : a.length());
            if (a.startsWith("IP6 ") && !a.contains("frag (") && !a.contains("HBH") && !a.contains("DSTOPT")) {
                end = a.indexOf(": ");
            } else if (!a.contains("Flags [") && !a.contains("UDP, length") && !a.contains("sctp")) {
                end = a.indexOf(": ");
            }
            if (!b.startsWith(a.substring(0, end + 2))) {
                differences.add(i + ": addresses: " + a + " | " + b);
                return;
            }
            compared.merge("addresses", 1, Integer::sum);
            String restA = a.substring(end + 2);
            String restB = b.substring(end + 2);
            Matcher flagsA = FLAGS.matcher(restA);
            if (restA.startsWith("Flags [") && flagsA.find()) {
                Matcher flagsB = FLAGS.matcher(restB);
                Matcher lengthA = LENGTH.matcher(restA);
                Matcher lengthB = LENGTH.matcher(restB);
                if (!restB.startsWith("Flags [") || !flagsB.find() || !flagsA.group(1).equals(flagsB.group(1))
                        || !lengthA.find() || !lengthB.find() || !lengthA.group(1).equals(lengthB.group(1))) {
                    differences.add(i + ": tcp: " + a + " | " + b);
                } else {
                    compared.merge("tcp flags and length", 1, Integer::sum);
                }
            } else if (restA.startsWith("UDP, length") && restB.startsWith("UDP, length")
                    || restA.startsWith("ICMP echo") || restA.startsWith("ICMP6, echo")) {
                if (!restA.equals(restB)) {
                    differences.add(i + ": whole line: " + a + " | " + b);
                } else {
                    compared.merge(restA.substring(0, 4).strip() + " whole line", 1, Integer::sum);
                }
            }
        } else if (a.startsWith("ARP, Request") || a.startsWith("ARP, Reply")) {
            if (!a.equals(b)) {
                differences.add(i + ": arp: " + a + " | " + b);
            } else {
                compared.merge("arp whole line", 1, Integer::sum);
            }
        }
    }

    /** tcpdump's first line for each packet, by packet number (a packet's further lines have no number). */
    private static TreeMap<Integer, String> tcpdumpLines(Path tcpdump, Path capture)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(tcpdump.toString(), "-#", "-nn", "-r", capture.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("TZ", "UTC");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        TreeMap<Integer, String> lines = new TreeMap<>();
        for (String line : out.lines().toList()) {
            Matcher m = NUMBERED.matcher(line);
            if (m.matches()) {
                lines.put(Integer.parseInt(m.group(1)), m.group(2));
            }
        }
        return lines;
    }
}
