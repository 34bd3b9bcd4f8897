package dev.jfilter.cbpf.lift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cbpf.validate.Problem;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgPrinter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Lifting {@code -ddd} listings, in tcpdump's form and the single-line bytecode form of {@code xt_bpf} and tc: real
 * tcpdump output lifts, and malformed or refused listings give problems that name the line.
 */
class LiftDecimalListingTest {
    /** {@code tcpdump -ddd -y EN10MB 'tcp port 80'}, tcpdump 4.99.3 / libpcap 1.10.3. */
    private static final String TCP_PORT_80 = """
            20
            40 0 0 12
            21 0 6 34525
            48 0 0 20
            21 0 15 6
            40 0 0 54
            21 12 0 80
            40 0 0 56
            21 10 11 80
            21 0 10 2048
            48 0 0 23
            21 0 8 6
            40 0 0 20
            69 6 0 8191
            177 0 0 14
            72 0 0 14
            21 2 0 80
            72 0 0 16
            21 0 1 80
            6 0 0 262144
            6 0 0 0
            """;

    /** The same program as {@code CfgPrinter} prints the lifted graph: one block a leader. */
    private static final String TCP_PORT_80_CFG = """
            B0 (entry):
                ldh [12]
                jeq #0x86dd  jt B2  jf B8
            B2:
                ldb [20]
                jeq #0x6  jt B4  jf B19
            B4:
                ldh [54]
                jeq #0x50  jt B18  jf B6
            B6:
                ldh [56]
                jeq #0x50  jt B18  jf B19
            B8:
                jeq #0x800  jt B9  jf B19
            B9:
                ldb [23]
                jeq #0x6  jt B11  jf B19
            B11:
                ldh [20]
                jset #0x1fff  jt B19  jf B13
            B13:
                ldxb 4*([14]&0xf)
                ldh [x + 14]
                jeq #0x50  jt B18  jf B16
            B16:
                ldh [x + 16]
                jeq #0x50  jt B18  jf B19
            B18:
                ret #262144
            B19:
                ret #0
            """;

    /** {@code tcpdump -ddd -y EN10MB 'ip6 protochain 6'}: libpcap's protochain loops, with backward jumps. */
    private static final String PROTOCHAIN = """
            36
            40 0 0 12
            21 0 33 34525
            48 0 0 20
            1 0 0 40
            21 27 0 6
            21 26 0 59
            21 3 0 0
            21 2 0 60
            21 1 0 43
            21 0 9 44
            80 0 0 14
            2 0 0 0
            80 0 0 15
            4 0 0 1
            36 0 0 8
            12 0 0 0
            7 0 0 0
            96 0 0 0
            5 0 0 4294967281
            21 0 12 51
            135 0 0 0
            80 0 0 14
            2 0 0 0
            135 0 0 0
            4 0 0 1
            7 0 0 0
            80 0 0 14
            4 0 0 2
            36 0 0 4
            7 0 0 0
            96 0 0 0
            5 0 0 4294967268
            4 0 0 0
            21 0 1 6
            6 0 0 262144
            6 0 0 0
            """;

    @Test
    void tcpdumpOutputLifts() {
        Cfg cfg = CfgLifter.liftDecimal(TCP_PORT_80).orThrow();
        assertThat(CfgPrinter.print(cfg)).isEqualTo(TCP_PORT_80_CFG);
    }

    @Test
    void theSingleLineBytecodeFormLiftsToTheSameGraph() {
        String bytecode = TCP_PORT_80.strip().replace("\n", ",");
        assertThat(CfgLifter.liftDecimal(bytecode).orThrow()).isEqualTo(CfgLifter.liftDecimal(TCP_PORT_80).orThrow());
        // tcpdump -ddd | tr '\n' ',' ends in a comma; iptables and tc accept that.
        assertThat(CfgLifter.liftDecimal(bytecode + ",")).isEqualTo(CfgLifter.liftDecimal(TCP_PORT_80));
        assertThat(CfgLifter.liftDecimal(TCP_PORT_80.replace("\n", "\r\n"))).isEqualTo(
                CfgLifter.liftDecimal(TCP_PORT_80));
    }

    @Test
    void protochainsBackwardJumpsAreRefusedAtTheirLines() {
        LiftResult r = CfgLifter.liftDecimal(PROTOCHAIN);
        assertThat(r).isInstanceOfSatisfying(LiftResult.Failed.class, f -> assertThat(f.problems())
                .extracting(LiftProblem::index, LiftProblem::line, LiftProblem::describe)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(18, 20,
                                "line 20: (018): ja goes backwards to 4; the kernel accepts forward jumps only"),
                        org.assertj.core.groups.Tuple.tuple(31, 33,
                                "line 33: (031): ja goes backwards to 4; the kernel accepts forward jumps only")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty                   | ''                                  | 1 | the listing is empty
            junk                    | 'hello'                             | 1 | the instruction count "hello" is not a decimal number
            count too high          | '3\\n6 0 0 1\\n6 0 0 0'             | 1 | the count says 3 instructions, but 2 follow
            count too low           | '1\\n6 0 0 1\\n6 0 0 0'             | 1 | the count says 1 instructions, but 2 follow
            negative count          | '-1\\n6 0 0 1'                      | 1 | the instruction count -1 is out of range
            count with fields       | '2 6 0 0 1\\n6 0 0 0'               | 1 | expected the instruction count
            trailing garbage        | '1\\n6 0 0 0\\nfoo bar'             | 3 | expected code jt jf k, found "foo bar"
            a field too many        | '1\\n\\n6 0 0 0 0'                  | 3 | expected code jt jf k
            jt out of range         | '2\\n21 256 0 1\\n6 0 0 0'          | 2 | jt 256 is out of range 0 to 255
            hex k                   | '1\\n6 0 0 0x10'                    | 2 | k "0x10" is not a decimal number
            k too large             | '1\\n6 0 0 4294967296'              | 2 | k 4294967296 is out of range
            comma form junk         | '2,6 0 0 1,6 0 x 0'                 | 1 | column 11: jf "x" is not a decimal number
            comma form short        | '2,6 0 0 1, 6 0 0'                  | 1 | column 12: expected code jt jf k, found "6 0 0"
            comma form on 2 lines   | '2,6 0 0 1,\\n6 0 0 z'              | 2 | column 1: k "z" is not a decimal number
            """)
    void malformedListingsNameTheLine(String what, String text, int line, String message) {
        LiftResult r = CfgLifter.liftDecimal(text.replace("\\n", "\n"));
        assertThat(r).isInstanceOfSatisfying(LiftResult.Failed.class, f -> {
            LiftProblem first = f.problems().getFirst();
            assertThat(first).isInstanceOf(LiftProblem.Unreadable.class);
            assertThat(first.line()).isEqualTo(line);
            assertThat(first.message()).contains(message);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            zero instructions       | '0\\n'                               | -1 | 1 | LENGTH
            zero, after blank lines | '\\n \\n0'                           | -1 | 3 | LENGTH
            backward ja             | '2\\n\\n5 0 0 4294967294\\n6 0 0 0'  |  0 | 3 | BACKWARD_JUMP
            ja past the end         | '2\\n5 0 0 1\\n6 0 0 0'              |  0 | 2 | JUMP_OUT_OF_RANGE
            jf past the end         | '3\\n6 0 0 0\\n21 0 1 7\\n6 0 0 0'   |  1 | 3 | JUMP_OUT_OF_RANGE
            no final return         | '2\\n6 0 0 0\\n0 0 0 0'              |  1 | 3 | NO_FINAL_RETURN
            scratch read first      | '2\\n96 0 0 3\\n22 0 0 0'            |  0 | 2 | UNINITIALIZED_SCRATCH
            unknown opcode          | '2\\n255 0 0 0\\n6 0 0 0'            |  0 | 2 | UNKNOWN_OPCODE
            ret x                   | '1\\n14 0 0 0'                       |  0 | 2 | UNKNOWN_OPCODE
            comma form, 3rd insn    | '3,0 0 0 0,96 0 0 1,6 0 0 0'         |  1 | 1 | UNINITIALIZED_SCRATCH
            """)
    void refusedProgramsNameTheLineOfTheInstruction(String what, String text, int index, int line, Problem.Kind kind) {
        LiftResult r = CfgLifter.liftDecimal(text.replace("\\n", "\n"));
        assertThat(r).isInstanceOfSatisfying(LiftResult.Failed.class, f -> assertThat(f.problems()).anySatisfy(p -> {
            assertThat(p).isInstanceOfSatisfying(LiftProblem.Rejected.class,
                    rejected -> assertThat(rejected.problem().kind()).isEqualTo(kind));
            assertThat(p.index()).isEqualTo(index);
            assertThat(p.line()).isEqualTo(line);
        }));
    }

    @Test
    void inexpressibleLoadsNameTheirLine() {
        // ld [SKF_NET_OFF + 9] (the IPv4 protocol, network-header relative) on the third line.
        String text = "2\n" + "48 0 0 " + Integer.toUnsignedString(-0x100000 + 9) + "\n22 0 0 0\n";
        assertThat(CfgLifter.liftDecimal(text)).isEqualTo(new LiftResult.Failed(List.of(
                new LiftProblem.Inexpressible(0, 2, "offset SKF_NET_OFF+9 reads from the network header in the kernel"
                        + " (libpcap fails the load); the graph has no header-relative load"))));
    }
}
