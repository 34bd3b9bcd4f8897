package dev.jfilter.cbpf.listing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jfilter.cbpf.CbpfProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every expected program of libpcap's test suite ({@code accept_and_apply.json}, libpcap 1.11 {@code -d} format)
 * parses; formatting it in the 1.11 dialect gives the text back; and its {@code -dd}, {@code -ddd} and 1.10
 * {@code -d} listings parse back to the same program.
 */
class LibpcapTestSuiteProgramsTest {
    private static final Pattern OPCODE_COMMENT = Pattern.compile("\\s*;\\s*0x[0-9a-f]+$");

    /** The programs, each as its lines, from {@code opt} and {@code unopt} of every test. */
    static List<List<String>> programs() throws IOException {
        String shared = System.getProperty("jfilter.shared");
        Assumptions.assumeTrue(shared != null, "jfilter.shared is not set: libpcap's test suite not checked");
        Path json = Path.of(shared, "libpcap-tests", "accept_and_apply.json");
        Assumptions.assumeTrue(Files.isReadable(json), json + " is missing: libpcap's test suite not checked");
        List<List<String>> programs = new ArrayList<>();
        for (JsonNode test : new ObjectMapper().readTree(json.toFile())) {
            for (String field : List.of("opt", "unopt")) {
                JsonNode lines = test.get(field);
                if (lines != null && lines.isArray()) {
                    List<String> program = new ArrayList<>();
                    lines.forEach(l -> program.add(l.asText()));
                    programs.add(program);
                }
            }
        }
        return programs;
    }

    @Test
    void everyProgramParsesAndFormatsBack() throws IOException {
        List<List<String>> programs = programs();
        int instructions = 0;
        int commented = 0;
        for (List<String> lines : programs) {
            String text = String.join("\n", lines) + "\n";
            CbpfProgram p = ListingParser.parseImage(text).orThrow();
            assertThat(p.size()).isEqualTo(lines.size());
            instructions += p.size();
            // One test of the suite adds the opcode as a comment; the rest is bpf_image's text.
            List<String> expected = new ArrayList<>();
            for (String line : lines) {
                String plain = OPCODE_COMMENT.matcher(line).replaceFirst("");
                if (!plain.equals(line)) {
                    commented++;
                    plain = plain.stripTrailing();
                }
                expected.add(plain);
            }
            String formatted = Listing.format(p, ListingFormat.IMAGE, Dialect.LIBPCAP_1_11);
            assertThat(formatted).isEqualTo(String.join("\n", expected) + "\n");
            for (ListingFormat format : ListingFormat.values()) {
                assertThat(ListingParser.parse(Listing.format(p, format), format).orThrow()).isEqualTo(p);
            }
            assertThat(CbpfProgram.of(p.disassemble())).isEqualTo(p);
        }
        System.out.printf("libpcap test suite: %d programs, %d instructions parsed and re-formatted"
                + " (%d lines with opcode comments)%n", programs.size(), instructions, commented);
        assertThat(programs).hasSizeGreaterThan(4000);
    }
}
