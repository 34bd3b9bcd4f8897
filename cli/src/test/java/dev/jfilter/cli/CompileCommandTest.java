package dev.jfilter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cbpf.listing.Listing;
import dev.jfilter.cbpf.listing.ListingFormat;
import dev.jfilter.cbpf.listing.ListingParser;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.JFilter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code jfilter compile}: what it prints, on which stream, and its exit status. */
class CompileCommandTest {

    /** What one run of the command printed and returned. */
    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    private static CompiledFilter compiled(String expression, CompileOptions options, boolean optimize) {
        return ((Result.Ok<CompiledFilter>) JFilter.compile(expression, options, optimize)).value();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"-d, IMAGE", "-dd, C_ARRAY", "-ddd, DECIMAL"})
    void printsTheProgramInTheRequestedListingFormat(String flag, ListingFormat format) {
        Run r = run("compile", flag, "host", "10.0.0.1", "and", "tcp", "port", "80");
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
        CompiledFilter expected = compiled("host 10.0.0.1 and tcp port 80", CompileOptions.of(LinkType.EN10MB), true);
        assertThat(r.out()).isEqualTo(Listing.format(expected.program(), format));
    }

    @Test
    void withoutAFlagItPrintsTheAssemblyListing() {
        assertThat(run("compile", "ip").out()).isEqualTo(run("compile", "-d", "ip").out());
    }

    @Test
    void theWordsOfTheExpressionAreJoinedWithSpaces() {
        assertThat(run("compile", "-ddd", "udp", "dst", "port", "53").out())
                .isEqualTo(run("compile", "-ddd", "udp dst port 53").out());
    }

    @Test
    void theSnapshotLengthIsWhatAnAcceptingProgramReturnsAndZeroMeansTheDefault() {
        assertThat(run("compile", "-ddd", "-s", "96", "ip").out()).contains("6 0 0 96\n");
        assertThat(run("compile", "-ddd", "-s", "0", "ip").out()).contains("6 0 0 262144\n");
    }

    @Test
    void dashOTurnsTheOptimizerOff() {
        String optimized = run("compile", "-ddd", "ip and ip and tcp").out();
        String unoptimized = run("compile", "-ddd", "-O", "ip and ip and tcp").out();
        assertThat(ListingParser.parseDecimal(unoptimized).orThrow().size())
                .isGreaterThan(ListingParser.parseDecimal(optimized).orThrow().size());
        assertThat(unoptimized).isEqualTo(Listing.format(
                compiled("ip and ip and tcp", CompileOptions.of(LinkType.EN10MB), false).program(),
                ListingFormat.DECIMAL));
    }

    @Test
    void linuxExtCompilesForALiveLinuxCapture() {
        // vlan reads the tag from the packet's metadata first, as libpcap's programs for live Linux handles do.
        Run live = run("compile", "--linux-ext", "vlan 10");
        assertThat(live.status()).isZero();
        assertThat(live.out()).contains("[vlanp]").contains("[vlan_tci]");
        assertThat(live.out()).isEqualTo(Listing.format(compiled("vlan 10",
                CompileOptions.of(LinkType.EN10MB).withLinuxExtensions(true), true).program(), ListingFormat.IMAGE));
        assertThat(run("compile", "vlan 10").out()).doesNotContain("vlanp");
        // inbound needs the metadata on Ethernet: without the option it is libpcap's error.
        assertThat(run("compile", "--linux-ext", "inbound").out()).contains("[type]");
        Run offline = run("compile", "inbound");
        assertThat(offline.status()).isEqualTo(1);
        assertThat(offline.err()).contains("not a live capture, 'inbound' not supported on DLT_EN10MB");
    }

    @Test
    void theLinkTypeIsANameInAnyCaseOrANumber() {
        String byName = run("compile", "-ddd", "-y", "LINUX_SLL2", "ip").out();
        assertThat(run("compile", "-ddd", "-y", "linux_sll2", "ip").out()).isEqualTo(byName);
        assertThat(run("compile", "-ddd", "-y", "276", "ip").out()).isEqualTo(byName);
        assertThat(byName).isNotEqualTo(run("compile", "-ddd", "ip").out());
    }

    @Test
    void anUnknownLinkTypeIsAUsageError() {
        Run r = run("compile", "-y", "NOSUCHTYPE", "ip");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("jfilter: unknown link-layer type 'NOSUCHTYPE'").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aBadExpressionGetsOneDiagnosticWithColumnAndCaretAndStatusOne() {
        Run r = run("compile", "tcp port 80 and host 10.0.0.1 or");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("jfilter: 1:33: syntax error: the expression ends after 'or'").endsWith(
                "\n    tcp port 80 and host 10.0.0.1 or\n    " + " ".repeat(32) + "^\n");
    }

    @Test
    void aSemanticErrorPointsAtItsValue() {
        Run r = run("compile", "tcp port 70000");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("""
                jfilter: 1:10: port number 70000 greater than maximum 65535
                    tcp port 70000
                             ^^^^^
                """);
    }

    @Test
    void aFilterThatRejectsEveryPacketIsAnErrorAsInTcpdump() {
        Run r = run("compile", "ip and ip6");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("jfilter: 1:1: expression rejects all packets");
        // Without the optimizer nothing proves it, so it compiles, as with tcpdump -O.
        assertThat(run("compile", "-O", "ip and ip6").status()).isZero();
    }

    @Test
    void theExpressionCanComeFromAFileWhoseCommentsAreIgnored(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("filter.txt");
        Files.writeString(file, "# web traffic\ntcp port 80 # plain http\n  or tcp port 443\n");
        Run r = run("compile", "-ddd", "-F", file.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo(run("compile", "-ddd", "tcp port 80 or tcp port 443").out());

        Files.writeString(file, "# comment\ntcp port 99999\n");
        Run bad = run("compile", "-F", file.toString());
        assertThat(bad.err()).startsWith("jfilter: 2:10: port number 99999");
    }

    @Test
    void aMissingFileOrAFileAndAnExpressionAreUsageErrors(@TempDir Path dir) {
        Run missing = run("compile", "-F", dir.resolve("nope").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).startsWith("jfilter: cannot read ");
        Run both = run("compile", "-F", dir.resolve("nope").toString(), "ip");
        assertThat(both.status()).isEqualTo(2);
    }

    @Test
    void theNetmaskMakesIpBroadcastPossible() {
        assertThat(run("compile", "ip broadcast").err()).contains("netmask not known, so 'ip broadcast' not supported");
        Run r = run("compile", "-ddd", "--netmask", "255.255.255.0", "ip broadcast");
        assertThat(r.status()).isZero();
        assertThat(run("compile", "-ddd", "--netmask", "/24", "ip broadcast").out()).isEqualTo(r.out());
    }

    @Test
    void anEmptyExpressionAcceptsEverything() {
        assertThat(run("compile", "-ddd").out()).isEqualTo("1\n6 0 0 262144\n");
    }

    @Test
    void noCommandIsAUsageError() {
        Run r = run();
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("a command is needed");
    }

    @Test
    void aProgramTooLongForTheKernelCompilesWithAWarning() {
        // libpcap compiles this too (11759 instructions): it filters files, but no socket takes it.
        String hosts = java.util.stream.IntStream.rangeClosed(1, 2000)
                .mapToObj(i -> "host 10.0." + (i / 256) + "." + (i % 256)).collect(java.util.stream.Collectors.joining(" or "));
        Run r = run("compile", "-ddd", hosts);
        assertThat(r.status()).isZero();
        assertThat(r.err()).startsWith("jfilter: warning: 1:1: the program has ")
                .contains("more than the 4096 the kernel accepts");
        assertThat(ListingParser.parseDecimal(r.out()).orThrow().size()).isGreaterThan(4096);
    }

    @Test
    void anUnknownOptionIsOneLineAndStatusTwo() {
        Run r = run("compile", "-x", "ip");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("jfilter: Unknown option: '-x' (see 'jfilter compile --help')\n");
    }
}
