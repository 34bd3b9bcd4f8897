package dev.jfilter.frontend.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.ast.FilterExpr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * libpcap's own filter tests ({@code jfilter.shared}/libpcap-tests, extracted from testprogs/TESTrun):
 * <ul>
 *   <li>every expression of every accept and apply test parses (on every link type: parsing does not depend on
 *       it), except the tests of other operating systems' pf names and TESTrun's bpf_image pseudo-test;</li>
 *   <li>every reject test whose reason is a syntax error, a lexical error or the check of a grammar action is
 *       rejected by the parser with that message (syntax errors: a message that starts with "syntax error");</li>
 *   <li>every other reject test (its reason comes from code generation) parses: lowering rejects it.</li>
 * </ul>
 */
class LibpcapSuiteTest {

    /** The messages of scanner.l and of grammar.y.in's actions. */
    private static final Pattern PARSER_MESSAGE = Pattern.compile(
            "contains non-octal digit|contains non-hex digit|overflows 32 bits|invalid IPv6 address"
                    + "|invalid Ethernet address|qualifier applied to IPv|invalid 802\\.11 (type|subtype|direction)"
                    + "|unknown 802\\.11 (type|subtype|direction)|unknown PF reason|unknown PF action"
                    + "|unknown LLC type name");

    private static JsonNode accept;
    private static JsonNode reject;
    private static String whyNot;

    @BeforeAll
    static void load() throws IOException {
        String shared = System.getProperty("jfilter.shared");
        Path dir = shared == null ? null : Path.of(shared, "libpcap-tests");
        if (dir == null || !Files.isDirectory(dir)) {
            whyNot = "libpcap's test data not found: set jfilter.shared to the shared/ directory (now " + shared + ")";
            return;
        }
        ObjectMapper json = new ObjectMapper();
        accept = json.readTree(dir.resolve("accept_and_apply.json").toFile());
        reject = json.readTree(dir.resolve("reject.json").toFile());
    }

    /** Each test skips, with the reason, when the data is missing (a class-level skip would not be counted). */
    private static void needsTheData() {
        Assumptions.assumeTrue(whyNot == null, whyNot);
    }

    @Test
    void everyAcceptedExpressionParses() {
        needsTheData();
        int total = 0;
        int parsed = 0;
        int otherOs = 0;
        List<String> failures = new ArrayList<>();
        for (JsonNode test : accept) {
            String expression = test.get("expression").asText();
            String skip = test.path("skip_on_ref_host").asText("");
            if (skip.startsWith("is not ") || expression.equals("_enumerate_bpf_image")) {
                otherOs++;
                continue;
            }
            total++;
            Result<Optional<FilterExpr>> result = FilterParser.parse(expression);
            if (result instanceof Result.Ok<Optional<FilterExpr>>) {
                parsed++;
            } else {
                failures.add(test.get("dlt").asText() + " '" + expression + "': " + message(result));
            }
        }
        System.out.printf("libpcap accept/apply tests: %d / %d parsed (%d for other systems left out)%n",
                parsed, total, otherOs);
        assertThat(failures).isEmpty();
        assertThat(total).isGreaterThan(2000);
    }

    @Test
    void everySyntaxOrLexicalOrActionRejectIsRejectedWithItsMessage() {
        needsTheData();
        int syntaxTotal = 0;
        int syntaxOk = 0;
        int parserTotal = 0;
        int parserOk = 0;
        List<String> failures = new ArrayList<>();
        for (JsonNode test : reject) {
            String expression = test.get("expression").asText();
            String expected = test.get("errstr_substring").asText();
            boolean syntax = expected.contains("syntax error");
            if (!syntax && !PARSER_MESSAGE.matcher(expected).find()) {
                continue;
            }
            Result<Optional<FilterExpr>> result = FilterParser.parse(expression);
            String message = message(result);
            boolean ok = message != null && (syntax ? message.startsWith("syntax error") : message.contains(expected));
            if (syntax) {
                syntaxTotal++;
                syntaxOk += ok ? 1 : 0;
            } else {
                parserTotal++;
                parserOk += ok ? 1 : 0;
            }
            if (!ok) {
                failures.add("'" + expression + "': expected '" + expected + "', got " + message);
            }
        }
        System.out.printf("libpcap reject tests: syntax errors %d / %d rejected as expected, "
                + "lexical and grammar-action errors %d / %d%n", syntaxOk, syntaxTotal, parserOk, parserTotal);
        assertThat(failures).isEmpty();
        assertThat(syntaxTotal).isPositive();
        assertThat(parserTotal).isPositive();
    }

    @Test
    void codeGenerationRejectsParse() {
        needsTheData();
        int total = 0;
        int parsed = 0;
        List<String> failures = new ArrayList<>();
        for (JsonNode test : reject) {
            String expected = test.get("errstr_substring").asText();
            if (expected.contains("syntax error") || PARSER_MESSAGE.matcher(expected).find()) {
                continue;
            }
            total++;
            String expression = test.get("expression").asText();
            Result<Optional<FilterExpr>> result = FilterParser.parse(expression);
            if (result instanceof Result.Ok<Optional<FilterExpr>>) {
                parsed++;
            } else {
                failures.add("'" + expression + "' (libpcap: " + expected + "): " + message(result));
            }
        }
        System.out.printf("libpcap reject tests rejected by code generation: %d / %d parse%n", parsed, total);
        assertThat(failures).isEmpty();
    }

    private static String message(Result<Optional<FilterExpr>> result) {
        return switch (result) {
            case Result.Ok<Optional<FilterExpr>> ok -> null;
            case Result.Failed<Optional<FilterExpr>> failed -> failed.diagnostics().getFirst().message();
        };
    }
}
