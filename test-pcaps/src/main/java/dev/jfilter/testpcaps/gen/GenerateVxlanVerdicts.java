package dev.jfilter.testpcaps.gen;

import dev.jfilter.testpcaps.CorpusKind;
import dev.jfilter.testpcaps.ReferenceVerdicts;
import dev.jfilter.testpcaps.TestPcap;
import dev.jfilter.testpcaps.TestPcaps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes the reference verdicts of the VXLAN corpus ({@link TestPcaps#vxlanVerdicts()}) with a build of libpcap
 * master's {@code filtertest}, which the installed libpcap 1.10.3 cannot replace (it has no {@code vxlan}).
 *
 * <pre>
 *   GenerateVxlanVerdicts FILTERTEST LABEL [FILE]
 * </pre>
 *
 * runs {@code FILTERTEST -O -r CAPTURE EXPRESSION} for every line of {@code corpus/EN10MB-vxlan.txt} and every EN10MB
 * capture (the committed files), and writes the verdict file (default: the resource in
 * {@code test-pcaps/src/main/resources}). {@code LABEL} names the libpcap source, e.g. its commit.
 *
 * @see <a href="https://github.com/the-tcpdump-group/libpcap/blob/master/testprogs/filtertest.c">filtertest.c</a>
 */
public final class GenerateVxlanVerdicts {
    private GenerateVxlanVerdicts() {
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: GenerateVxlanVerdicts FILTERTEST LABEL [FILE]");
            System.exit(2);
        }
        String filtertest = args[0];
        String version = run(List.of(filtertest, "-h")).lines().findFirst().orElse("?").strip();
        List<ReferenceVerdicts.Stamp> stamps = new ArrayList<>();
        List<TestPcap> captures = TestPcaps.forDlt("EN10MB");
        for (TestPcap pcap : captures) {
            byte[] bytes = pcap.bytes();
            stamps.add(new ReferenceVerdicts.Stamp(pcap, packetCount(bytes), sha256(bytes)));
        }
        List<ReferenceVerdicts.Verdicts> verdicts = new ArrayList<>();
        for (String expression : TestPcaps.corpus(CorpusKind.VXLAN, "EN10MB")) {
            for (TestPcap pcap : captures) {
                List<String> out = run(List.of(filtertest, "-O", "-r", pcap.path().toString(), expression)).lines()
                        .filter(l -> !l.isBlank()).toList();
                BitSet accepted = new BitSet();
                for (int i = 0; i < out.size(); i++) {
                    long v = Long.parseLong(out.get(i).strip());
                    if (v != 0 && v != 262144) {
                        throw new IllegalStateException(expression + " returned " + v + " on " + pcap.pcapName());
                    }
                    accepted.set(i, v != 0);
                }
                int expected = stamps.get(captures.indexOf(pcap)).packets();
                if (out.size() != expected) {
                    throw new IllegalStateException(expression + ": " + out.size() + " verdicts for " + expected
                            + " packets of " + pcap.pcapName());
                }
                verdicts.add(new ReferenceVerdicts.Verdicts(expression, pcap, accepted));
            }
        }
        ReferenceVerdicts file = new ReferenceVerdicts("libpcap " + args[1] + ", " + version
                + ": filtertest -O -r CAPTURE EXPRESSION", stamps, verdicts);
        Path target = args.length == 3 ? Path.of(args[2]) : defaultFile();
        Files.writeString(target, file.format(List.of(
                "The reference for the VXLAN corpus (EN10MB-vxlan.txt), which libpcap 1.10.3 cannot compile: for each",
                "expression and EN10MB capture, the packets (0-based, file order) that libpcap master's unoptimized",
                "program accepts. Unoptimized because master's optimizer miscompiles vxlan (libpcap issue 1670).",
                "Written by dev.jfilter.testpcaps.gen.GenerateVxlanVerdicts (see test-pcaps/README.md); do not edit.")),
                StandardCharsets.UTF_8);
        System.out.printf("%d expressions x %d captures -> %s%n", verdicts.size() / captures.size(), captures.size(),
                target);
    }

    /** The number of packet records of a little-endian classic pcap file. */
    static int packetCount(byte[] file) {
        int n = 0;
        for (int at = 24; at + 16 <= file.length; n++) {
            int caplen = (file[at + 8] & 0xff) | (file[at + 9] & 0xff) << 8 | (file[at + 10] & 0xff) << 16
                    | (file[at + 11] & 0xff) << 24;
            at += 16 + caplen;
        }
        return n;
    }

    /** The SHA-256 of {@code bytes}, in lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0 && !command.contains("-h")) {
            throw new IllegalStateException(command + " exited " + p.exitValue() + ": " + text);
        }
        return text;
    }

    private static Path defaultFile() {
        Path rel = Path.of("src/main/resources").resolve(TestPcaps.vxlanVerdictsResource());
        return Files.isDirectory(Path.of("test-pcaps")) ? Path.of("test-pcaps").resolve(rel) : rel;
    }
}
