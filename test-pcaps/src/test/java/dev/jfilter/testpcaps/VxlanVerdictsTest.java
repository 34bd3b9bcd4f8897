package dev.jfilter.testpcaps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The VXLAN corpus's reference ({@link TestPcaps#vxlanVerdicts()}, libpcap master's verdicts) is complete, current
 * and right: it covers every expression on every EN10MB capture as committed, most expressions split the traffic,
 * and where libpcap's own test suite has an expected program for an expression, that program (run by the installed
 * libpcap's {@code bpf_filter}) accepts exactly the packets the file says.
 */
class VxlanVerdictsTest {
    private static final String REGENERATE = "regenerate it: GenerateVxlanVerdicts (test-pcaps/README.md)";

    @Test
    void coversEveryExpressionOnEveryCaptureAsCommitted() throws Exception {
        ReferenceVerdicts file = TestPcaps.vxlanVerdicts();
        List<TestPcap> captures = TestPcaps.forDlt("EN10MB");
        assertThat(file.captures().stream().map(ReferenceVerdicts.Stamp::capture).toList()).as(REGENERATE)
                .isEqualTo(captures);
        for (ReferenceVerdicts.Stamp stamp : file.captures()) {
            byte[] bytes = stamp.capture().bytes();
            assertThat(stamp.sha256()).as("%s changed since the verdicts were written; %s", stamp.capture(),
                    REGENERATE).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(bytes)));
            assertThat(stamp.packets()).isEqualTo(PcapFile.parse(bytes).records().size());
        }
        List<String> expected = new ArrayList<>();
        for (String e : TestPcaps.corpus(CorpusKind.VXLAN, "EN10MB")) {
            captures.forEach(c -> expected.add(e + " @ " + c.pcapName()));
        }
        assertThat(file.verdicts().stream().map(v -> v.expression() + " @ " + v.capture().pcapName()).toList())
                .as(REGENERATE).isEqualTo(expected);
        for (ReferenceVerdicts.Verdicts v : file.verdicts()) {
            int packets = file.captures().get(captures.indexOf(v.capture())).packets();
            assertThat(v.accepted().length()).as("%s on %s", v.expression(), v.capture()).isLessThanOrEqualTo(packets);
        }
    }

    @Test
    void mostExpressionsSplitTheTraffic() {
        ReferenceVerdicts file = TestPcaps.vxlanVerdicts();
        int total = 0;
        int split = 0;
        for (String e : TestPcaps.corpus(CorpusKind.VXLAN, "EN10MB")) {
            int accepted = 0;
            int packets = 0;
            for (ReferenceVerdicts.Stamp s : file.captures()) {
                accepted += file.of(e, s.capture()).orElseThrow().accepted().cardinality();
                packets += s.packets();
            }
            total++;
            split += accepted > 0 && accepted < packets ? 1 : 0;
        }
        System.out.printf("VXLAN corpus, libpcap master: %d expressions, %d split (%.1f%%)%n", total, split,
                100.0 * split / total);
        assertThat((double) split / total).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void libpcapsOwnVxlanTestsAreInTheCorpus() throws IOException {
        List<String> corpus = TestPcaps.corpus(CorpusKind.VXLAN, "EN10MB");
        List<String> suite = suiteTests().stream().map(t -> t.path("expression").asText()).distinct().toList();
        assertThat(suite).as("libpcap's EN10MB vxlan tests").isNotEmpty();
        assertThat(corpus).containsAll(suite);
    }

    @Test
    void agreesWithTheExpectedProgramsOfLibpcapsOwnTests() throws IOException {
        Oracle oracle = Oracle.require();
        ReferenceVerdicts file = TestPcaps.vxlanVerdicts();
        int compared = 0;
        for (JsonNode test : suiteTests()) {
            if (!test.has("unopt")) {
                continue;
            }
            String expression = test.path("expression").asText();
            List<String> listing = new ArrayList<>();
            test.path("unopt").forEach(l -> listing.add(l.asText()));
            List<int[]> program = BpfListing.parse(listing);
            for (TestPcap pcap : TestPcaps.forDlt("EN10MB")) {
                Oracle.Result r = oracle.runProgram(program, pcap.path());
                assertThat(r.exit()).as(r.out()).isZero();
                BitSet accepted = new BitSet();
                List<String> verdicts = r.lines();
                for (int i = 0; i < verdicts.size(); i++) {
                    accepted.set(i, !verdicts.get(i).equals("0"));
                }
                assertThat(accepted).as("%s (libpcap test %s) on %s", expression, test.path("name").asText(),
                        pcap.pcapName()).isEqualTo(file.of(expression, pcap).orElseThrow().accepted());
                compared++;
            }
        }
        assertThat(compared).isPositive();
    }

    /** libpcap's accept and apply tests on EN10MB that use vxlan, without Linux extensions; skips without them. */
    private static List<JsonNode> suiteTests() throws IOException {
        String shared = System.getProperty("jfilter.shared");
        Assumptions.assumeTrue(shared != null, "system property jfilter.shared is not set");
        Path json = Path.of(shared, "libpcap-tests", "accept_and_apply.json");
        Assumptions.assumeTrue(Files.isReadable(json), "no libpcap test suite at " + json);
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode t : new ObjectMapper().readTree(json.toFile())) {
            if (t.path("dlt").asText().equals("EN10MB") && t.path("expression").asText().matches(".*\\bvxlan\\b.*")
                    && !t.path("linuxext").asBoolean(false)) {
                out.add(t);
            }
        }
        return out;
    }
}
