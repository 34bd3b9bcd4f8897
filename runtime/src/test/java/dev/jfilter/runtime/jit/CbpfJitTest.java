package dev.jfilter.runtime.jit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.SockFilter;
import dev.jfilter.cbpf.listing.ListingParser;
import dev.jfilter.cbpf.validate.Problem;
import dev.jfilter.cbpf.validate.Validator;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.JFilter;
import dev.jfilter.runtime.cbpf.CbpfInterpreter;
import dev.jfilter.runtime.libpcap.Libpcap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JIT's own paths, one instruction class at a time, at the edges (constant division by powers of two and not,
 * shifts by 32 and more, unsigned comparisons, loads that end exactly at the captured length or one past, offsets
 * that wrap, unreachable code, scratch words): each case against the value worked out from libpcap's
 * {@code bpf_filter.c}, the interpreter, and libpcap's {@code bpf_filter()} itself when it is installed. Then what the
 * JIT declines and how callers choose an engine.
 */
class CbpfJitTest {
    /** 20 bytes: 0, 1, 2, ..., 19. */
    private static final byte[] COUNTING = new byte[20];

    static {
        for (int i = 0; i < COUNTING.length; i++) {
            COUNTING[i] = (byte) i;
        }
    }

    private static final Pattern OFFSETS = Pattern.compile("jt (\\d+) jf (\\d+)");

    /**
     * A program from {@code -d} lines separated by {@code ;}, numbered here; {@code jt}/{@code jf} are offsets (as
     * encoded), which this turns into the listing's absolute targets.
     */
    private static CbpfProgram program(String lines) {
        StringBuilder text = new StringBuilder();
        String[] parts = lines.split(";");
        for (int i = 0; i < parts.length; i++) {
            int next = i + 1;
            String line = OFFSETS.matcher(parts[i].strip()).replaceAll(m -> "jt "
                    + (next + Integer.parseInt(m.group(1))) + "\tjf " + (next + Integer.parseInt(m.group(2))));
            text.append(String.format("(%03d) %s%n", i, line));
        }
        return ListingParser.parseImage(text.toString()).orThrow();
    }

    @ParameterizedTest(name = "{0} with {1} bytes captured")
    @CsvSource(delimiter = '|', textBlock = """
            ld #7; div #2; ret                                    | 20 | 3
            ld #0xffffffff; div #0x80000000; ret                  | 20 | 1
            ld #0xffffffff; mod #0x80000000; ret                  | 20 | 0x7fffffff
            ld #0xfffffff9; div #3; ret                           | 20 | 0x55555553
            ld #0xfffffff9; mod #5; ret                           | 20 | 4
            ld #0xfffffff9; mod #1; ret                           | 20 | 0
            ld #3; lsh #32; ret                                   | 20 | 3
            ld #6; rsh #33; ret                                   | 20 | 3
            ld #1; lsh #31; ret                                   | 20 | 0x80000000
            ld #0x80000000; rsh #31; ret                          | 20 | 1
            ld #5; mul #0x80000001; ret                           | 20 | 0x80000005
            ld #5; sub #6; ret                                    | 20 | 0xffffffff
            ld #5; neg; ret                                       | 20 | 0xfffffffb
            ld #0xf0; and #0x3c; or #1; xor #0xff; ret            | 20 | 0xce
            ld #0xffffffff; jgt #0xffffffff jt 0 jf 1; ret #1; ret #2 | 20 | 2
            ld #0x80000000; jgt #1 jt 0 jf 1; ret #1; ret #2      | 20 | 1
            ld #0x80000000; jge #0x80000000 jt 0 jf 1; ret #1; ret #2 | 20 | 1
            ld #0x7fffffff; jge #0x80000000 jt 0 jf 1; ret #1; ret #2 | 20 | 2
            ld #0; jgt #0 jt 0 jf 1; ret #1; ret #2               | 20 | 2
            ld #6; jset #0x9 jt 0 jf 1; ret #1; ret #2            | 20 | 2
            ld #6; jeq #6 jt 0 jf 1; ret #1; ret #2               | 20 | 1
            ld #6; jeq #7 jt 1 jf 1; ret #1; ret #2               | 20 | 2
            ld #6; ldx #0xfffffffa; jgt x jt 0 jf 1; ret #1; ret #2 | 20 | 2
            ld #6; ldx #0xfffffffa; add x; jeq #0 jt 0 jf 1; ret #1; ret #2 | 20 | 1
            ld #6; ldx #4; jset x jt 0 jf 1; ret #1; ret #2       | 20 | 1
            ld #6; ldx #6; jge x jt 0 jf 1; ret #1; ret #2        | 20 | 1
            ret #3; ld [100]; ret                                 | 20 | 3
            ld [16]; ret                                          | 20 | 0x10111213
            ld [16]; ret                                          | 19 | 0
            ldh [18]; ret                                         | 20 | 0x1213
            ldh [18]; ret                                         | 19 | 0
            ldb [0]; ret                                          | 0  | 0
            ld [-2]; ret                                  | 20 | 0
            ldb [-1]; ret                                 | 20 | 0
            ldx #0xffffffff; ldb [x + 1]; ret                     | 20 | 0
            ldx #1; ldh [x + -1]; ret                     | 20 | 0
            ldx #1; ldh [x + 17]; ret                             | 20 | 0x1213
            ldx #1; ld [x + 16]; ret                              | 20 | 0
            ldxb 4*([19]&0xf); txa; ret                           | 20 | 12
            ldxb 4*([19]&0xf); txa; ret                           | 19 | 0
            ld #9; st M[15]; ldx M[15]; stx M[0]; ld M[0]; add x; ret | 20 | 18
            ld M[3]; ret                                          | 20 | 0
            ld #pktlen; ret                                       | 20 | 1514
            ldx #9; txa; tax; ld #1; add x; ret                   | 20 | 10
            ld #0xfffffffb; ret                                   | 20 | 0xfffffffb
            """)
    void instructionEdges(String lines, int captured, String expected) {
        CbpfProgram p = program(lines);
        int value = BothEngines.of(p).run(COUNTING, captured, 1514);
        assertThat(Integer.toUnsignedLong(value)).isEqualTo(Long.decode(expected));
        // libpcap reads whatever its stack holds for a scratch word no path wrote; the engines read 0.
        boolean readsUnwrittenScratch = Validator.kernel(p).stream()
                .anyMatch(q -> q.kind() == Problem.Kind.UNINITIALIZED_SCRATCH);
        if (Libpcap.isAvailable() && !readsUnwrittenScratch) {
            try (Libpcap.NativeProgram theirs = Libpcap.load(p)) {
                assertThat(theirs.filter(COUNTING, 1514, captured)).as("bpf_filter").isEqualTo(value);
            }
        }
    }

    /** {@code loads} random byte loads ({@code ldb [k]}, with their bounds checks), then {@code ret a}. */
    private static CbpfProgram loads(int loads) {
        List<SockFilter> code = new ArrayList<>();
        Random random = new Random(loads);
        for (int i = 0; i < loads; i++) {
            code.add(new SockFilter(0x30, 0, 0, random.nextInt(24)));
        }
        code.add(new SockFilter(0x16, 0, 0, 0));
        return new CbpfProgram(code);
    }

    @ParameterizedTest(name = "{0} loads")
    @ValueSource(ints = {600, 3000})
    void splitsProgramsTooLargeForOneMethod(int count) {
        CbpfProgram big = loads(count);
        PacketFilter jit = BothEngines.of(big).jit();
        assertThat(jit.getClass().getDeclaredMethods()).as("run and the later pieces").hasSizeGreaterThan(1);
        for (int captured = 0; captured <= COUNTING.length; captured++) {
            assertThat(jit.run(COUNTING, captured, 20)).isEqualTo(CbpfInterpreter.of(big).run(COUNTING, captured, 20));
        }
    }

    @Test
    void declinesALoopTooLargeForOneMethodAndTheInterpreterRunsIt() {
        // M[0] counts to 3 in a loop around 1500 loads: the loop cannot be cut, and is too large for one method.
        List<SockFilter> code = new ArrayList<>(List.of(
                new SockFilter(0x60, 0, 0, 0), new SockFilter(0x04, 0, 0, 1), new SockFilter(0x02, 0, 0, 0),
                new SockFilter(0x35, 0, 1, 3), new SockFilter(0x05, 0, 0, 1501)));
        for (int i = 0; i < 1500; i++) {
            code.add(new SockFilter(0x30, 0, 0, i % COUNTING.length));
        }
        code.add(new SockFilter(0x05, 0, 0, -(code.size() + 1)));
        code.add(new SockFilter(0x16, 0, 0, 0));
        CbpfProgram loop = new CbpfProgram(code);
        assertThat(CbpfJit.compile(loop)).isInstanceOfSatisfying(JitResult.Declined.class,
                d -> assertThat(d.reason()).contains("more than the 8000 HotSpot compiles")
                        .contains("a loop, from a backward ja's target to the ja, must stay in one method"));
        PacketFilter fallback = CbpfJit.filterOrInterpreter(loop);
        assertThat(fallback).isInstanceOf(CbpfInterpreter.class);
        assertThat(fallback.run(COUNTING, 20, 20)).isEqualTo(3);
    }

    @Test
    void compilesProgramsOfAFewHundredInstructions() {
        // An or-chain of 150 host tests, unoptimized: a long filter.
        StringBuilder expression = new StringBuilder("host 10.0.0.0");
        for (int i = 1; i < 150; i++) {
            expression.append(" or host 10.0.").append(i / 256).append('.').append(i % 256);
        }
        CompiledFilter filter = ((Result.Ok<CompiledFilter>) JFilter.compile(expression.toString(),
                CompileOptions.of(LinkType.EN10MB), false)).value();
        assertThat(filter.program().size()).isGreaterThan(300);
        assertThat(CbpfJit.compile(filter.program())).isInstanceOf(JitResult.Compiled.class);
    }

    @Test
    void refusesProgramsLibpcapWouldNotRunAsTheInterpreterDoes() {
        assertThatThrownBy(() -> CbpfJit.compile(ListingParser.parseDecimal("2\n52 0 0 0\n6 0 0 0\n").orThrow()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("division by the constant 0");
        assertThatThrownBy(() -> CbpfJit.compile(ListingParser.parseDecimal("2\n8 0 0 1\n6 0 0 0\n").orThrow()))
                .hasMessageContaining("opcode 0x8");
    }

    @Test
    void aGeneratedFilterHasNoStateSoCopiesAreItself() {
        PacketFilter jit = ((JitResult.Compiled) CbpfJit.compile(program("ld M[0]; add #1; st M[0]; ret")))
                .filter();
        assertThat(jit.copy()).isSameAs(jit);
        assertThat(jit.run(COUNTING, 20, 20)).isEqualTo(1);
        assertThat(jit.run(COUNTING, 20, 20)).as("scratch starts at 0 again").isEqualTo(1);
        assertThat(jit.program()).isEqualTo(program("ld M[0]; add #1; st M[0]; ret"));
    }

    @Test
    void theEngineIsChosenPerMatcherAndTheJitIsTheDefault() {
        CompiledFilter filter = ((Result.Ok<CompiledFilter>) JFilter.compile("tcp port 443")).value();
        assertThat(filter.matcher(Engine.INTERPRETER)).isInstanceOf(CbpfInterpreter.class);
        assertThat(filter.matcher(Engine.JIT)).isInstanceOf(JittedFilter.class);
        assertThat(filter.matcher()).isInstanceOf(JittedFilter.class);
        assertThat(Engine.ofOptionName("jit")).contains(Engine.JIT);
        assertThat(Engine.ofOptionName("interp")).contains(Engine.INTERPRETER);
        assertThat(Engine.ofOptionName("fast")).isEqualTo(Optional.empty());
    }

    @Test
    void bothEnginesReportsAnyDifference() {
        CbpfProgram p = program("ld #pktlen; ret");
        PacketFilter wrong =
                new BothEngines(CbpfInterpreter.of(p), CbpfInterpreter.of(program("ld #pktlen; add #1; ret")));
        assertThatThrownBy(() -> wrong.run(COUNTING, 20, 20)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("the JIT vs the interpreter");
        PacketFilter throwing = new BothEngines(CbpfInterpreter.of(p), CbpfInterpreter.of(program("ja 0; ret #0")));
        assertThatThrownBy(() -> throwing.run(COUNTING, 20, 20)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not end");
    }
}
