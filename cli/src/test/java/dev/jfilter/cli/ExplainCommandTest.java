package dev.jfilter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgPrinter;
import dev.jfilter.cfg.Terminator;
import dev.jfilter.cfg.opt.Optimization;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.Explanation;
import dev.jfilter.runtime.JFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code jfilter explain}: its sections, its Graphviz output, and its errors, which are compile's. */
class ExplainCommandTest {
    private static final CompileOptions ETHERNET = CompileOptions.of(LinkType.EN10MB);
    private static final Pattern SECTION = Pattern.compile("^== (.*) ==$", Pattern.MULTILINE);

    private static CompileCommandTest.Run run(String... args) {
        return CompileCommandTest.run(args);
    }

    private static Explanation explanation(String expression, boolean optimize) {
        return ((Result.Ok<Explanation>) JFilter.explain(expression, ETHERNET, optimize)).value();
    }

    private static List<String> sections(String out) {
        return SECTION.matcher(out).results().map(m -> m.group(1)).toList();
    }

    /** The text of the section whose title starts with {@code title}, up to the next section. */
    private static String section(String out, String title) {
        Matcher m = SECTION.matcher(out);
        while (m.find()) {
            if (m.group(1).startsWith(title)) {
                int start = m.end() + 1;
                int end = m.find() ? m.start() - 1 : out.length();
                return out.substring(start, end);
            }
        }
        throw new AssertionError("no section " + title + " in\n" + out);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "host 10.0.0.1 and tcp port 443",
        "tcp[tcpflags] & (tcp-syn|tcp-fin) != 0",
        "not port 22",
        "vlan and host 192.168.1.1 or arp",
        "ip6 and udp dst portrange 5000-6000"})
    void printsEverySectionInOrderAndTheProgramCompilePrints(String expression) {
        CompileCommandTest.Run r = run("explain", expression);
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
        Explanation e = explanation(expression, true);
        Optimization o = e.optimization().orElseThrow();
        assertThat(sections(r.out())).containsExactly(
                "Expression",
                "AST (LINE:COLUMN of each node in the expression)",
                "CFG before optimization: " + e.lowered().size() + " blocks, instruction estimate "
                        + e.lowered().instructionEstimate(),
                "Optimizer: " + o.steps().size() + " steps changed the graph, instruction estimate "
                        + o.before().instructionEstimate() + " -> " + o.after().instructionEstimate(),
                "CFG after optimization: " + o.after().size() + " blocks, instruction estimate "
                        + o.after().instructionEstimate(),
                "cBPF program: " + compiledProgramSize(expression) + " instructions (unoptimized: "
                        + run("compile", "-O", "-ddd", expression).out().lines().findFirst().orElseThrow() + ")");
        assertThat(section(r.out(), "Expression")).startsWith("  " + expression + "\n")
                .contains("link type EN10MB, snapshot length 262144");
        assertThat(section(r.out(), "CFG before")).isEqualTo(CfgPrinter.print(e.lowered()));
        assertThat(section(r.out(), "CFG after")).isEqualTo(CfgPrinter.print(o.after()));
        assertThat(section(r.out(), "cBPF program")).isEqualTo(run("compile", expression).out());
    }

    private static int compiledProgramSize(String expression) {
        return ((Result.Ok<CompiledFilter>) JFilter.compile(expression, ETHERNET)).value().program().size();
    }

    @Test
    void theAstSectionHasOneNodeALineWithItsColumns() {
        String ast = section(run("explain", "host 10.0.0.1 and tcp port 443").out(), "AST");
        assertThat(ast.lines().toList()).hasSize(3).satisfiesExactly(
                l -> assertThat(l).startsWith("and ").contains(" 1:1-30 ", "'host 10.0.0.1 and tcp port 443'"),
                l -> assertThat(l).startsWith("|-- Qualified proto=- dir=- type=host id=ipv4 10.0.0.1 ")
                        .contains(" 1:1-13 ", "'host 10.0.0.1'"),
                l -> assertThat(l).startsWith("`-- Qualified proto=tcp dir=- type=port id=number 443 ")
                        .contains(" 1:19-30 ", "'tcp port 443'"));
    }

    @Test
    void eachOptimizerStepNamesItsPassItsSizesAndWhatItChanged() {
        String expression = "host 10.0.0.1 and tcp port 443";
        String optimizer = section(run("explain", expression).out(), "Optimizer");
        List<Optimization.Step> steps = explanation(expression, true).optimization().orElseThrow().steps();
        assertThat(steps).isNotEmpty();
        List<String> headers = optimizer.lines().filter(l -> l.startsWith("-- step ")).toList();
        assertThat(headers).hasSize(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            Optimization.Step s = steps.get(i);
            assertThat(headers.get(i)).startsWith("-- step " + (i + 1) + ": " + s.pass() + ", instruction estimate "
                    + s.sizeBefore() + " -> " + s.sizeAfter() + " (blocks: ");
        }
        // A diff, not a dump: every other line is a change (removed/added/changed block, or a -/+ line) or context.
        assertThat(optimizer.lines().filter(l -> !l.startsWith("-- step ")).toList()).allSatisfy(l -> assertThat(l)
                .matches("  (removed B\\d+: .*|added   B\\d+: .*|changed B\\d+:|entry B\\d+ -> B\\d+|   [-+ ] .*)"));
        // The protocol test on the IPv6 path cannot hold after 'host 10.0.0.1' took the IPv4 path: folded away.
        assertThat(optimizer).containsPattern("(?m)^  removed B\\d+: ldh \\[54\\]; jeq #0x1bb");
    }

    @Test
    void withoutTheOptimizerThereIsNoStepAndNoSecondGraph() {
        CompileCommandTest.Run r = run("explain", "-O", "ip and tcp");
        String unoptimized = run("compile", "-O", "-ddd", "ip and tcp").out().lines().findFirst().orElseThrow();
        assertThat(r.status()).isZero();
        assertThat(sections(r.out())).containsExactly("Expression", "AST (LINE:COLUMN of each node in the expression)",
                "CFG before optimization: " + explanation("ip and tcp", false).lowered().size()
                        + " blocks, instruction estimate " + explanation("ip and tcp", false).lowered()
                        .instructionEstimate(),
                "Optimizer: off (-O)",
                "cBPF program: " + unoptimized + " instructions (unoptimized: " + unoptimized + ")");
        assertThat(section(r.out(), "cBPF program")).isEqualTo(run("compile", "-O", "ip and tcp").out());
    }

    @Test
    void theListingOptionsAndTheCompileOptionsApply() {
        CompileCommandTest.Run r = run("explain", "-ddd", "-y", "LINUX_SLL2", "-s", "96", "ip6 and udp");
        assertThat(r.status()).isZero();
        assertThat(section(r.out(), "Expression")).contains("link type LINUX_SLL2, snapshot length 96");
        assertThat(section(r.out(), "cBPF program"))
                .isEqualTo(run("compile", "-ddd", "-y", "LINUX_SLL2", "-s", "96", "ip6 and udp").out());
    }

    @Test
    void theExpressionCanComeFromAFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("filter.txt");
        Files.writeString(f, "tcp # web\n  or udp\n");
        CompileCommandTest.Run r = run("explain", "-F", f.toString());
        assertThat(r.status()).isZero();
        assertThat(section(r.out(), "AST").lines().toList()).satisfiesExactly(
                l -> assertThat(l).contains(" 1:1-2:8 "),
                l -> assertThat(l).contains(" 1:1-3 ", "'tcp'"),
                l -> assertThat(l).contains(" 2:6-8 ", "'udp'"));
    }

    @Test
    void errorsAreCompilesWithTheSameStatusAndNothingOnStandardOutput() {
        for (String[] args : List.of(new String[] {"tcp port 80 and (host 10.0.0.1 or"},
                new String[] {"tcp port 70000"}, new String[] {"-y", "NOSUCH", "ip"})) {
            CompileCommandTest.Run explain = run(concat("explain", args));
            CompileCommandTest.Run compile = run(concat("compile", args));
            assertThat(explain.status()).as(String.join(" ", args)).isEqualTo(compile.status()).isNotZero();
            assertThat(explain.err()).isEqualTo(compile.err()).isNotEmpty();
            assertThat(explain.out()).isEmpty();
        }
    }

    @Test
    void aFilterThatRejectsEveryPacketIsExplainedAndThenRefusedAsCompileRefusesIt() {
        CompileCommandTest.Run r = run("explain", "ip and ip6");
        assertThat(r.status()).isEqualTo(ExitCodes.EXPRESSION);
        assertThat(r.err()).isEqualTo(run("compile", "ip and ip6").err()).contains("expression rejects all packets");
        assertThat(sections(r.out())).last().asString().startsWith("cBPF program: none (unoptimized: ");
        assertThat(section(r.out(), "CFG after")).contains("ret #0");
    }

    @Test
    void dotPrintsTheOptimizedGraphAsAGraphvizDigraph() {
        String expression = "host 10.0.0.1 and tcp port 443";
        CompileCommandTest.Run r = run("explain", "--dot", "host", "10.0.0.1", "and", "tcp", "port", "443");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("digraph cfg {\n").endsWith("}\n");
        assertDrawsTheGraph(ParsedDot.parse(r.out()), explanation(expression, true).optimized());
        assertThat(run("explain", "--dot=after", expression).out()).isEqualTo(r.out());
        assertThat(run("explain", "--dot=AFTER", expression).out()).isEqualTo(r.out());
    }

    @Test
    void dotBeforeDrawsTheGraphFromTheFrontend() {
        String expression = "tcp[tcpflags] & (tcp-syn|tcp-fin) != 0 or icmp";
        CompileCommandTest.Run r = run("explain", "--dot=before", expression);
        assertThat(r.status()).isZero();
        ParsedDot dot = ParsedDot.parse(r.out());
        assertDrawsTheGraph(dot, explanation(expression, true).lowered());
        assertThat(dot.defaults().get("graph")).containsEntry("label", "before optimization: " + expression);
    }

    @Test
    void dotEscapesBackslashesInTheTitle(@TempDir Path dir) throws Exception {
        // The title is the expression's text, comments and line breaks blanked: a keyword escape has a backslash.
        Path f = dir.resolve("f.txt");
        Files.writeString(f, "ip proto \\tcp # \"quoted\" \\\n");
        CompileCommandTest.Run r = run("explain", "--dot", "-F", f.toString());
        assertThat(r.status()).isZero();
        assertThat(ParsedDot.parse(r.out()).defaults().get("graph").get("label"))
                .isEqualTo("after optimization: ip proto \\\\tcp");
    }

    @Test
    void aBadDotValueIsAUsageError() {
        CompileCommandTest.Run r = run("explain", "--dot=sideways", "ip");
        assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("jfilter: Invalid value for option '--dot'");
    }

    /** Every block is a node with its statements; branches have a green T and a red F edge; returns are filled. */
    private static void assertDrawsTheGraph(ParsedDot dot, Cfg cfg) {
        assertThat(dot.nodes().keySet()).containsExactlyInAnyOrderElementsOf(
                concatList("entry", cfg.blocks().stream().map(b -> b.id().toString()).toList()));
        assertThat(dot.edges()).contains(new ParsedDot.Edge("entry", cfg.entry().toString(), java.util.Map.of()));
        int expectedEdges = 1;
        for (Block b : cfg.blocks()) {
            String id = b.id().toString();
            String label = dot.nodes().get(id).get("label");
            assertThat(label).startsWith(id + "\\l").endsWith("\\l");
            for (var s : b.statements()) {
                assertThat(label).contains("\\l" + CfgPrinter.statement(s) + "\\l");
            }
            List<ParsedDot.Edge> out = dot.edges().stream().filter(e -> e.from().equals(id)).toList();
            switch (b.terminator()) {
                case Terminator.Branch br -> {
                    assertThat(out).hasSize(2);
                    assertThat(out.get(0)).isEqualTo(new ParsedDot.Edge(id, br.ifTrue().toString(), java.util.Map.of(
                            "label", "T", "color", "darkgreen", "fontcolor", "darkgreen")));
                    assertThat(out.get(1).to()).isEqualTo(br.ifFalse().toString());
                    assertThat(out.get(1).attributes()).containsEntry("label", "F").containsEntry("color", "red");
                    assertThat(label).endsWith("\\l" + CfgPrinter.condition(br.condition()) + "\\l");
                    expectedEdges += 2;
                }
                case Terminator.Jump j -> {
                    assertThat(out).singleElement().extracting(ParsedDot.Edge::to).isEqualTo(j.target().toString());
                    expectedEdges++;
                }
                case Terminator.Return ret -> {
                    assertThat(out).isEmpty();
                    assertThat(dot.nodes().get(id)).containsEntry("style", "rounded,filled")
                            .containsEntry("fillcolor", ret.value() == 0 ? "lightgrey" : "palegreen");
                }
                case Terminator.ReturnA ret -> assertThat(out).isEmpty();
            }
        }
        assertThat(dot.edges()).hasSize(expectedEdges);
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static List<String> concatList(String first, List<String> rest) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    @Test
    void theDotParserOfTheseTestsRejectsBrokenGraphs() {
        String good = "digraph g {\n  a [label=\"x\\ly\"];\n  a -> b [label=\"T\", color=red];\n}\n";
        assertThat(ParsedDot.parse(good).edges()).hasSize(1);
        for (String bad : List.of("digraph g { a [label=\"x] }", "digraph g { a -> }", "digraph g { a [label=] }",
                "digraph g { a [label=\"x\"] ", "graph g { a }", "digraph g { a -> b [label=T color=] }",
                "digraph g { a } }", "digraph g { 1a -> b }")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ParsedDot.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
