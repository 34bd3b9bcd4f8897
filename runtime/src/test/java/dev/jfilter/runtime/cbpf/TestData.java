package dev.jfilter.runtime.cbpf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.listing.ListingParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** The shared reference material the tests read: libpcap's test suite and the capture files. */
public final class TestData {
    private TestData() {}

    /** A program of libpcap's test suite, named by test and field ({@code opt} or {@code unopt}). */
    public record SuiteProgram(String name, CbpfProgram program) {}

    /** {@code /work/shared}, or a skip with the reason. */
    public static Path shared() {
        String shared = System.getProperty("jfilter.shared");
        Assumptions.assumeTrue(shared != null, "jfilter.shared is not set");
        Path p = Path.of(shared);
        Assumptions.assumeTrue(Files.isDirectory(p), p + " is missing");
        return p;
    }

    /** Every {@code opt} and {@code unopt} program of {@code accept_and_apply.json}, parsed from its -d text. */
    public static List<SuiteProgram> suitePrograms() throws IOException {
        Path json = shared().resolve("libpcap-tests/accept_and_apply.json");
        Assumptions.assumeTrue(Files.isReadable(json), json + " is missing");
        List<SuiteProgram> out = new ArrayList<>();
        for (JsonNode test : new ObjectMapper().readTree(json.toFile())) {
            for (String field : List.of("opt", "unopt")) {
                JsonNode lines = test.get(field);
                if (lines != null && lines.isArray()) {
                    StringBuilder text = new StringBuilder();
                    lines.forEach(l -> text.append(l.asText()).append('\n'));
                    out.add(new SuiteProgram(test.get("name").asText() + "/" + field,
                            ListingParser.parseImage(text.toString()).orThrow()));
                }
            }
        }
        return out;
    }
}
