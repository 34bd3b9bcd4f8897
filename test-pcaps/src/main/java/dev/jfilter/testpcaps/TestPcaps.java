package dev.jfilter.testpcaps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue of the differential tests' inputs: the committed capture files ({@link TestPcap}) and the
 * expression corpus, one file per link type and {@link CorpusKind} at {@code dev/jfilter/testpcaps/corpus/<DLT>.txt}
 * (the core language), {@code <DLT>-encap.txt} (encapsulations) and {@code <DLT>-vxlan.txt} (one expression a line;
 * blank lines and lines starting with {@code #} are ignored).
 *
 * <p>The contract the differential tests rely on: every expression of a kind the installed libpcap compiles
 * ({@link CorpusKind#installedLibpcapCompiles()}) compiles with it for its link type, and jfilter's program must
 * return what libpcap's returns on every packet of every capture of that link type. For {@link CorpusKind#VXLAN},
 * the reference is libpcap master: {@link #vxlanVerdicts()}.
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-filter.7.html">pcap-filter(7)</a>
 */
public final class TestPcaps {
    /** The link types that have captures and a corpus, in a fixed order. */
    public static final List<String> DLT_NAMES = List.of("EN10MB", "RAW", "IPV4", "IPV6", "LINUX_SLL",
            "LINUX_SLL2", "NULL", "LOOP",
            "FDDI", "IEEE802", "IP_OVER_FC", "ATM_RFC1483", "ATM_CLIP", "SUNATM",
            "PFLOG", "MTP2", "MTP3",
            "IEEE802_11", "IEEE802_11_RADIO", "IEEE802_11_RADIO_AVS", "PRISM_HEADER", "PPI",
            "PPP", "PPP_PPPD", "PPP_SERIAL", "PPP_ETHER", "PPP_BSDOS", "C_HDLC", "FRELAY", "SLIP", "SLIP_BSDOS",
            "JUNIPER_MFR", "IPNET", "ENC", "LTALK", "SYMANTEC_FIREWALL", "APPLE_IP_OVER_IEEE1394",
            "NETANALYZER", "NETANALYZER_TRANSPARENT",
            "ARCNET", "ARCNET_LINUX", "BACNET_MS_TP");

    /**
     * The link types that have captures and no corpus file: the installed libpcap (1.10.3) cannot filter them (it
     * answers "link-layer type filtering not implemented"; the DSA tags came in libpcap 1.11). Their reference is
     * libpcap master's expected programs, which the frontend's accept suite runs on these captures.
     */
    public static final List<String> DLT_NAMES_NEWER_THAN_INSTALLED = List.of("DSA_TAG_BRCM", "DSA_TAG_DSA");

    private TestPcaps() {
    }

    /** Every capture, in declaration order. */
    public static List<TestPcap> all() {
        return List.of(TestPcap.values());
    }

    /** The capture called {@code name} (e.g. {@code en10mb-mixed}). */
    public static Optional<TestPcap> byName(String name) {
        return Arrays.stream(TestPcap.values()).filter(t -> t.pcapName().equals(name)).findFirst();
    }

    /** The captures of link type {@code dltName} (e.g. {@code EN10MB}). */
    public static List<TestPcap> forDlt(String dltName) {
        return Arrays.stream(TestPcap.values()).filter(t -> t.dltName().equals(dltName)).toList();
    }

    /** The class-path resource of the core corpus of link type {@code dltName}. */
    public static String corpusResource(String dltName) {
        return CorpusKind.CORE.resource(dltName);
    }

    /** The core corpus of link type {@code dltName}: its expressions in file order. */
    public static List<String> corpus(String dltName) {
        return corpus(CorpusKind.CORE, dltName);
    }

    /** The corpus of {@code kind} for link type {@code dltName}: its expressions in file order. */
    public static List<String> corpus(CorpusKind kind, String dltName) {
        return corpusLines(kind, dltName).stream().map(CorpusLine::expression).toList();
    }

    /** The class-path resource of {@link #vxlanVerdicts()}: {@code corpus/EN10MB-vxlan.verdicts}. */
    public static String vxlanVerdictsResource() {
        return TestPcap.RESOURCE_DIR + "corpus/EN10MB-vxlan.verdicts";
    }

    /**
     * The reference for the {@link CorpusKind#VXLAN} corpus, which the installed libpcap cannot compile: the verdicts
     * of libpcap master's unoptimized program for each expression on each EN10MB capture (unoptimized because master's
     * optimizer miscompiles {@code vxlan}, libpcap issue 1670, and jfilter follows the unoptimized program there).
     */
    public static ReferenceVerdicts vxlanVerdicts() {
        return ReferenceVerdicts.load(vxlanVerdictsResource());
    }

    /** A corpus expression and the line it is on (1-based), for messages that point at the file. */
    public record CorpusLine(int line, String expression) {
    }

    /** The core corpus of link type {@code dltName} with line numbers. */
    public static List<CorpusLine> corpusLines(String dltName) {
        return corpusLines(CorpusKind.CORE, dltName);
    }

    /** The corpus of {@code kind} for link type {@code dltName} with line numbers. */
    public static List<CorpusLine> corpusLines(CorpusKind kind, String dltName) {
        String resource = kind.resource(dltName);
        InputStream in = kind.dltNames().contains(dltName)
                ? TestPcaps.class.getClassLoader().getResourceAsStream(resource) : null;
        if (in == null) {
            throw new IllegalArgumentException("no " + kind + " corpus for " + dltName + " (" + resource + ")");
        }
        List<CorpusLine> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int n = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                n++;
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(new CorpusLine(n, t));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
