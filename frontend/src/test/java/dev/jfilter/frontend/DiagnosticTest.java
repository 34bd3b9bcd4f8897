package dev.jfilter.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.frontend.ast.Span;
import org.junit.jupiter.api.Test;

class DiagnosticTest {

    @Test
    void shortLineIsShownWholeWithCaretsUnderTheSpan() {
        String source = "tcp port";
        String text = new Diagnostic(new Span(4, 8), "expected a port after 'port'").format("jfilter", source);
        assertThat(text).isEqualTo("""
                jfilter: 1:5: expected a port after 'port'
                    tcp port
                        ^^^^
                """);
    }

    @Test
    void spanAtTheEndGetsOneCaretPastTheText() {
        String text = new Diagnostic(new Span(8, 8), "expected a port").format("jfilter", "tcp port");
        assertThat(text.lines().toList().get(2)).isEqualTo("            ^");
    }

    @Test
    void longLineIsCutAroundTheSpan() {
        String source = "host 10.0.0.1 or ".repeat(200) + "bogus or " + "host 10.0.0.1 or ".repeat(200) + "tcp";
        int at = source.indexOf("bogus");
        String text = new Diagnostic(new Span(at, at + 5), "unknown host 'bogus'").format("jfilter", source);
        var lines = text.lines().toList();
        assertThat(lines.getFirst()).isEqualTo("jfilter: 1:" + (at + 1) + ": unknown host 'bogus'");
        String shown = lines.get(1).substring(4);
        assertThat(shown).startsWith("...").endsWith("...")
                .hasSize(Diagnostic.EXCERPT_WIDTH + 6);
        String carets = lines.get(2).substring(4);
        assertThat(shown.substring(carets.indexOf('^'), carets.indexOf('^') + 5)).isEqualTo("bogus");
        assertThat(carets.strip()).isEqualTo("^^^^^");
    }

    @Test
    void wideSpanOnALongLineIsCutWithTheExcerpt() {
        String source = "host 10.0.0.1 or ".repeat(500) + "tcp";
        String text = new Diagnostic(new Span(0, source.length()), "too many instructions").format("jfilter",
                source);
        var lines = text.lines().toList();
        assertThat(lines.get(1)).isEqualTo("    " + source.substring(0, Diagnostic.EXCERPT_WIDTH) + "...");
        assertThat(lines.get(2)).isEqualTo("    " + "^".repeat(Diagnostic.EXCERPT_WIDTH));
    }

    @Test
    void errorNearTheEndOfALongLineShowsTheEnd() {
        String source = "host 10.0.0.1 or ".repeat(50) + "port";
        String text = new Diagnostic(new Span(source.length(), source.length()), "expected a port after 'port'")
                .format("jfilter", source);
        var lines = text.lines().toList();
        assertThat(lines.get(1)).endsWith("or port").startsWith("    ...");
        assertThat(lines.get(1).length() - 4).isEqualTo(Diagnostic.EXCERPT_WIDTH + 3);
        assertThat(lines.get(2).indexOf('^')).isEqualTo(lines.get(1).length());
    }
}
