package dev.jfilter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cli.CompileCommandTest.Run;
import dev.jfilter.ebpf.elf.BpfObject;
import dev.jfilter.ebpf.elf.ElfWriter;
import dev.jfilter.ebpf.encode.Decoder;
import dev.jfilter.ebpf.gen.GenerateOptions;
import dev.jfilter.ebpf.gen.Generation;
import dev.jfilter.ebpf.gen.Target;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.listing.Disassembler;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.JFilter;
import dev.jfilter.runtime.capture.Packet;
import dev.jfilter.runtime.ebpf.EbpfInterpreter;
import dev.jfilter.runtime.ebpf.ProgramContext;
import dev.jfilter.runtime.ebpf.SkbMetadata;
import dev.jfilter.runtime.ebpf.SocketFilterContext;
import dev.jfilter.runtime.ebpf.TcContext;
import dev.jfilter.runtime.ebpf.XdpContext;
import dev.jfilter.testpcaps.TestPcaps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code jfilter compile --target ebpf-*}: listings, objects, {@code --on-match}, {@code --from-cbpf} and the errors,
 * with the programs' behaviour checked by the eBPF interpreter against the classic BPF program on real packets.
 */
class CompileEbpfTest {
    private static final String EXPRESSION = "tcp port 80 or udp dst port 53";

    private static CompiledFilter compiled(String expression) {
        return ((Result.Ok<CompiledFilter>) JFilter.compile(expression, CompileOptions.of(LinkType.EN10MB))).value();
    }

    private static Program generated(CompiledFilter filter, GenerateOptions options) {
        return ((Generation.Generated) filter.ebpf(options)).program();
    }

    private static String targetName(Target t) {
        return "ebpf-" + t.name().toLowerCase(java.util.Locale.ROOT);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void printsTheListingCArrayAndBytes(Target target) {
        Program expected = generated(compiled(EXPRESSION), GenerateOptions.of(target));
        Run listing = CompileCommandTest.run("compile", "--target", targetName(target), EXPRESSION);
        assertThat(listing.status()).isZero();
        assertThat(listing.err()).isEmpty();
        assertThat(listing.out()).isEqualTo(Disassembler.listing(expected));
        assertThat(CompileCommandTest.run("compile", "--target", targetName(target), "-d", EXPRESSION).out())
                .isEqualTo(listing.out());
        assertThat(CompileCommandTest.run("compile", "--target", targetName(target), "-dd", EXPRESSION).out())
                .isEqualTo(Disassembler.cArray(expected));
        String hex = CompileCommandTest.run("compile", "--target", targetName(target), "-ddd", EXPRESSION).out();
        assertThat(hex.lines()).allMatch(l -> l.matches("[0-9a-f]{16}"));
        assertThat(Decoder.decode(HexFormat.of().parseHex(hex.replace("\n", ""))))
                .isEqualTo(expected.canonical());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void writesTheObjectFile(Target target, @TempDir Path dir) throws Exception {
        Path object = dir.resolve("filter.o");
        Run r = CompileCommandTest.run("compile", "--target", targetName(target), "-o", object.toString(), EXPRESSION);
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEmpty();
        Program expected = generated(compiled(EXPRESSION), GenerateOptions.of(target));
        assertThat(Files.readAllBytes(object))
                .isEqualTo(ElfWriter.write(BpfObject.of(target.programSection(), expected)));
        Run withListing = CompileCommandTest.run("compile", "--target", targetName(target), "-d", "-o",
                dir.resolve("again.o").toString(), EXPRESSION);
        assertThat(withListing.out()).isEqualTo(Disassembler.listing(expected));
    }

    /** Pass keeps exactly the packets the classic program accepts; drop keeps exactly the others. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"SOCKET, pass", "TC, pass", "TC, drop", "XDP, pass", "XDP, drop"})
    void onMatchSaysWhatHappensToMatchingPackets(Target target, String action) {
        Run r = CompileCommandTest.run("compile", "--target", targetName(target), "--on-match", action, "-ddd",
                EXPRESSION);
        assertThat(r.status()).as(r.err()).isZero();
        Program program = Decoder.decode(HexFormat.of().parseHex(r.out().replace("\n", "")));
        CompiledFilter classic = compiled(EXPRESSION);
        boolean drop = action.equals("drop");
        int matched = 0;
        for (byte[] frame : ethernetFrames()) {
            boolean matches = classic.matches(frame);
            long r0 = new EbpfInterpreter(program).run(frame, context(target, frame));
            boolean kept = switch (target) {
                case SOCKET -> r0 != 0;
                case TC -> r0 == 0;
                case XDP -> r0 == 2;
            };
            assertThat(kept).as("%s %s on a packet the filter %s", target, action, matches ? "matches" : "does not match")
                    .isEqualTo(matches != drop);
            matched += matches ? 1 : 0;
        }
        assertThat(matched).as("the capture has matching packets").isPositive();
    }

    /** A classic program given as {@code -ddd} becomes eBPF with the same verdicts. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Target.class, names = {"TC", "XDP"})
    void fromCbpfTakesAnExistingProgram(Target target, @TempDir Path dir) throws Exception {
        Path ddd = dir.resolve("filter.ddd");
        Files.writeString(ddd, CompileCommandTest.run("compile", "-ddd", EXPRESSION).out());
        Run r = CompileCommandTest.run("compile", "--target", targetName(target), "-ddd", "--from-cbpf",
                ddd.toString());
        assertThat(r.status()).as(r.err()).isZero();
        Program program = Decoder.decode(HexFormat.of().parseHex(r.out().replace("\n", "")));
        CompiledFilter classic = compiled(EXPRESSION);
        for (byte[] frame : ethernetFrames()) {
            long r0 = new EbpfInterpreter(program).run(frame, context(target, frame));
            assertThat(target == Target.XDP ? r0 == 2 : r0 == 0).isEqualTo(classic.matches(frame));
        }
    }

    @Test
    void unreadableClassicProgramsNameTheLine(@TempDir Path dir) throws Exception {
        Path ddd = dir.resolve("bad.ddd");
        Files.writeString(ddd, "2\n40 0 0 12\nsix 0 0 0\n");
        Run r = CompileCommandTest.run("compile", "--target", "ebpf-xdp", "--from-cbpf", ddd.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("jfilter: " + ddd + ": line 3");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--target ebpf-xdp -y LINUX_SLL tcp | 1 | jfilter: cannot make an XDP program: an XDP program sees Ethernet frames only, not link type LINUX_SLL",
        "--target ebpf-tc -y LINUX_SLL tcp | 1 | jfilter: cannot make a tc classifier: a tc classifier sees Ethernet frames or, on devices without a link layer, raw IP packets (-y RAW), not link type LINUX_SLL",
        "--target ebpf-xdp ether[70000]=1 | 1 | jfilter: cannot make an XDP program: a load of 1 byte at packet offset 70000 ends past 0xffff, the furthest direct packet access reaches",
        "--target ebpf-xdp --linux-ext vlan | 1 | jfilter: cannot make an XDP program: XDP programs have no packet metadata (vlan_tag_present); compile without --linux-ext, or for ebpf-tc or ebpf-socket",
        "--target ebpf-socket --on-match drop tcp | 1 | jfilter: cannot make a socket filter: a socket filter cannot drop what matches: a load past the end of a packet drops it too; filter with 'not (...)' instead",
        "-o x.o tcp | 2 | jfilter: -o, --on-match and --from-cbpf need an eBPF --target (ebpf-socket, ebpf-tc or ebpf-xdp)",
        "--target ebpf-xdp --from-cbpf x.ddd tcp | 2 | jfilter: give either an expression or --from-cbpf, not both",
        "--target ebpf-xdp --from-cbpf /nonexistent/x.ddd | 2 | jfilter: cannot read /nonexistent/x.ddd: /nonexistent/x.ddd",
    })
    void refusalsSayWhy(String args, int status, String message) {
        String[] words = ("compile " + args).split(" ");
        Run r = CompileCommandTest.run(words);
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().findFirst().orElse("")).isEqualTo(message);
    }

    @Test
    void chainsOfAlternativesTooLongForTheVerifierAreRefusedBeforeLoading(@TempDir Path dir) throws Exception {
        // 4,500 scattered hosts (consecutive ones would be merged into ranges): 9,000 address comparisons, each
        // leaving the verifier a branch to come back to
        String hosts = IntStream.range(0, 4500).map(i -> (i * 40503 + 12345) & 0xffffff)
                .mapToObj(v -> "host 10.%d.%d.%d".formatted(v >> 16, (v >> 8) & 0xff, v & 0xff))
                .collect(Collectors.joining(" or "));
        Path file = Files.writeString(dir.resolve("hosts.txt"), hosts);
        Run r = CompileCommandTest.run("compile", "--target", "ebpf-xdp", "-F", file.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).doesNotContain("4096").containsPattern(
                "jfilter: cannot make an XDP program: the kernel's verifier would stop at instruction \\d+ with more"
                + " than 8,192 branches still to explore \\(\"The sequence of 8193 jumps is too complex\"\\): the"
                + " expression has too many alternatives in one chain for an XDP program; split it into several"
                + " programs");
    }

    @Test
    void anUnknownTargetIsAUsageError() {
        Run r = CompileCommandTest.run("compile", "--target", "ebpf-kprobe", "tcp");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("'ebpf-kprobe' is not a target; choose cbpf, ebpf-socket, ebpf-tc or ebpf-xdp");
    }

    @Test
    void syntaxErrorsStillPointAtTheColumn() {
        Run r = CompileCommandTest.run("compile", "--target", "ebpf-xdp", "tcp port");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("jfilter: 1:");
    }

    // ---- helpers

    private static List<byte[]> ethernetFrames() {
        Path capture = TestPcaps.byName("en10mb-mixed").orElseThrow().path();
        return Packets.of(capture).stream().map(Packet::bytes).filter(b -> b.length >= 14).toList();
    }

    private static ProgramContext context(Target target, byte[] frame) {
        return switch (target) {
            case SOCKET -> new SocketFilterContext(SkbMetadata.testRun(frame));
            case TC -> new TcContext(SkbMetadata.testRun(frame));
            case XDP -> XdpContext.testRun();
        };
    }
}
