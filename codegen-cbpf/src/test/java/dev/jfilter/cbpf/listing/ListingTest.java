package dev.jfilter.cbpf.listing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.SockFilter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListingTest {
    /** {@code tcpdump -y EN10MB 'ip and tcp port 80'}, as tcpdump 4.99.3 prints it with -d, -dd and -ddd. */
    private static final String TCP_PORT_80_D = """
            (000) ldh      [12]
            (001) jeq      #0x800           jt 2\tjf 12
            (002) ldb      [23]
            (003) jeq      #0x6             jt 4\tjf 12
            (004) ldh      [20]
            (005) jset     #0x1fff          jt 12\tjf 6
            (006) ldxb     4*([14]&0xf)
            (007) ldh      [x + 14]
            (008) jeq      #0x50            jt 11\tjf 9
            (009) ldh      [x + 16]
            (010) jeq      #0x50            jt 11\tjf 12
            (011) ret      #262144
            (012) ret      #0
            """;

    private static final String IP_DD = """
            { 0x28, 0, 0, 0x0000000c },
            { 0x15, 0, 1, 0x00000800 },
            { 0x6, 0, 0, 0x00040000 },
            { 0x6, 0, 0, 0x00000000 },
            """;

    private static final String IP_DDD = """
            4
            40 0 0 12
            21 0 1 2048
            6 0 0 262144
            6 0 0 0
            """;

    private static final CbpfProgram IP = new CbpfProgram(List.of(
            new SockFilter(0x28, 0, 0, 12), new SockFilter(0x15, 0, 1, 0x800),
            new SockFilter(0x06, 0, 0, 262144), new SockFilter(0x06, 0, 0, 0)));

    @Test
    void formatsAndParsesTheThreeListings() {
        assertThat(Listing.format(IP, ListingFormat.C_ARRAY)).isEqualTo(IP_DD);
        assertThat(Listing.format(IP, ListingFormat.DECIMAL)).isEqualTo(IP_DDD);
        assertThat(ListingParser.parse(IP_DD, ListingFormat.C_ARRAY)).isEqualTo(new ParseResult.Parsed(IP));
        assertThat(ListingParser.parse(IP_DDD, ListingFormat.DECIMAL)).isEqualTo(new ParseResult.Parsed(IP));

        CbpfProgram port80 = ListingParser.parseImage(TCP_PORT_80_D).orThrow();
        assertThat(port80.get(5)).isEqualTo(new SockFilter(0x45, 6, 0, 0x1fff));
        assertThat(port80.get(6)).isEqualTo(new SockFilter(0xb1, 0, 0, 14));
        assertThat(Listing.format(port80, ListingFormat.IMAGE)).isEqualTo(TCP_PORT_80_D);
    }

    /** Lines of bpf_image() in 1.10 and 1.11 (master), from tcpdump 4.99.3 and libpcap's test suite. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            0x16 | 0 | 0 | 0          | "(007) ret      "             | "(007) ret"
            0x84 | 0 | 0 | 0          | "(007) neg      "             | "(007) neg"
            0x07 | 0 | 0 | 0          | "(007) tax      "             | "(007) tax"
            0x87 | 0 | 0 | 0          | "(007) txa      "             | "(007) txa"
            0x81 | 0 | 0 | 0          | "(007) unimp    0x81"         | "(007) ldx      #pktlen"
            0x80 | 0 | 0 | 0          | "(007) ld       #pktlen"      | "(007) ld       #pktlen"
            0x05 | 0 | 0 | -4         | "(007) ja       4"            | "(007) ja       4"
            0x06 | 0 | 0 | -1         | "(007) ret      #-1"          | "(007) ret      #-1"
            0x14 | 0 | 0 | -1         | "(007) sub      #-1"          | "(007) sub      #-1"
            0x54 | 0 | 0 | -1         | "(007) and      #0xffffffff"  | "(007) and      #0xffffffff"
            0xa4 | 0 | 0 | 5          | "(007) xor      #0x5"         | "(007) xor      #0x5"
            0x94 | 0 | 0 | 3          | "(007) mod      #3"           | "(007) mod      #3"
            0x30 | 0 | 0 | -4048      | "(007) ldb      [vlanp]"      | "(007) ldb      [vlanp]"
            0x28 | 0 | 0 | -4092      | "(007) ldh      [type]"       | "(007) ldh      [type]"
            0x20 | 0 | 0 | -4095      | "(007) ld       [-4095]"      | "(007) ld       [-4095]"
            0x61 | 0 | 0 | 3          | "(007) ldx      M[3]"         | "(007) ldx      M[3]"
            0x4d | 1 | 0 | 0          | "(007) jset     x                jt 9\tjf 8" | "(007) jset     x                jt 9\tjf 8"
            0x55 | 2 | 3 | 0          | "(007) unimp    0x55             jt 10\tjf 11" | "(007) unimp    0x55             jt 10\tjf 11"
            """)
    void printsBothDialects(int code, int jt, int jf, int k, String v110, String v111) {
        SockFilter f = new SockFilter(code, jt, jf, k);
        assertThat(Listing.image(f, 7, Dialect.LIBPCAP_1_10)).isEqualTo(v110);
        assertThat(Listing.image(f, 7, Dialect.LIBPCAP_1_11)).isEqualTo(v111);
        // Both parse; unimp keeps only the opcode and, for jumps, the targets.
        SockFilter expected = v110.contains("unimp") ? new SockFilter(code, jt, jf, 0) : f;
        assertThat(ListingParser.parseImageLine(v110, 7)).isEqualTo(expected);
        assertThat(ListingParser.parseImageLine(v111, 7)).isEqualTo(code == 0x55 ? expected : f);
    }

    @Test
    void readsTheOpcodeCommentsOfLibpcapsTestSuite() {
        String text = """
                (000) ld       #0xf                               ; 0x0000
                (001) jeq      #0xf             jt 2\tjf 3       ; 0x0015
                (002) ret                                         ; 0x0016
                (003) ret      #15                                ; 0x0006
                """;
        assertThat(ListingParser.parseImage(text).orThrow().instructions()).containsExactly(
                new SockFilter(0x00, 0, 0, 15), new SockFilter(0x15, 0, 1, 15), new SockFilter(0x16, 0, 0, 0),
                new SockFilter(0x06, 0, 0, 15));
        assertThat(ListingParser.parseImage("(000) ret      #15 ; 0x0016\n"))
                .isEqualTo(new ParseResult.Failed(List.of(new ListingError(1,
                        "the comment says opcode 0x16, but ret #15 is 0x6"))));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "(000) ldh      [12]\\n(002) ret      #0"              | 2 | expected instruction (001), found (002)
            "(000) ldw      [12]"                                | 1 | unknown mnemonic "ldw"
            "(000) ldh      #12"                                 | 1 | ldh does not take "#12"
            "(000) ld       [bogus]"                             | 1 | [bogus] names no ancillary field
            "(000) jeq      #0x800"                              | 1 | jeq needs jump targets
            "(000) ret      #0    jt 1\\tjf 2"                   | 1 | ret takes no jump targets
            "(000) jeq      #0x800           jt 300\\tjf 1"      | 1 | jt 300 from instruction 0 is 299 instructions ahead
            "(000) jeq      #0x800           jt 0\\tjf 1"        | 1 | jt 0 from instruction 0 is -1 instructions ahead
            "(000) ld       #0x100000000"                        | 1 | the constant 0x100000000 does not fit in 0xffffffff
            "(000) tax      x"                                   | 1 | tax takes no operand
            "ldh [12]"                                           | 1 | expected "(NNN) mnemonic operand"
            """)
    void imageErrorsNameTheLineAndTheProblem(String text, int line, String message) {
        ParseResult r = ListingParser.parseImage(text.replace("\\n", "\n").replace("\\t", "\t"));
        assertThat(r).isInstanceOf(ParseResult.Failed.class);
        ListingError error = ((ParseResult.Failed) r).errors().getFirst();
        assertThat(error.line()).isEqualTo(line);
        assertThat(error.message()).contains(message);
    }

    @Test
    void decimalAndCArrayErrorsNameTheLineAndTheProblem() {
        assertThat(ListingParser.parseDecimal("3\n40 0 0 12\n6 0 0 0\n")).isEqualTo(new ParseResult.Failed(
                List.of(new ListingError(1, "the count says 3 instructions, but 2 follow"))));
        assertThat(ListingParser.parseDecimal("2\n40 0 0\n6 0 0 4294967296\n")).isEqualTo(new ParseResult.Failed(
                List.of(new ListingError(2, "expected code jt jf k, found \"40 0 0\""),
                        new ListingError(3, "k 4294967296 is out of range 0 to 4294967295"))));
        assertThat(ListingParser.parseDecimal("")).isEqualTo(new ParseResult.Failed(
                List.of(new ListingError(1, "the listing is empty: expected the instruction count"))));
        assertThat(ListingParser.parseCArray("{ 0x28, 0, 0, 0x0000000c },\n{ 0x15, 0, 256, 0x800 },\n"))
                .isEqualTo(new ParseResult.Failed(List.of(new ListingError(2, "jf 256 is out of range 0 to 255"))));
        assertThat(ListingParser.parseCArray("{ 0x28, 0, 0 },\n")).isInstanceOf(ParseResult.Failed.class);
    }

    @Test
    void decimalListingsAlsoParseInTheSingleLineBytecodeForm() {
        // iptables -m bpf --bytecode and tc's bytecode: commas between the count and the instructions.
        for (String text : List.of("4,40 0 0 12,21 0 1 2048,6 0 0 262144,6 0 0 0",
                "4,40 0 0 12,21 0 1 2048,6 0 0 262144,6 0 0 0,\n", " 4 , 40 0 0 12 ,21 0 1 2048,\n6 0 0 262144,6 0 0 0")) {
            assertThat(ListingParser.parseDecimal(text)).as(text).isEqualTo(new ParseResult.Parsed(IP));
        }
        assertThat(ListingParser.decimalInstructionLines(IP_DDD)).containsExactly(2, 3, 4, 5);
        assertThat(ListingParser.decimalInstructionLines("4,40 0 0 12,21 0 1 2048,\n6 0 0 262144,6 0 0 0"))
                .containsExactly(1, 1, 2, 2);
        assertThat(ListingParser.parseDecimal("2,6 0 0 1,6 0 0 x")).isEqualTo(new ParseResult.Failed(
                List.of(new ListingError(1, "column 11: k \"x\" is not a decimal number"))));
        assertThat(ListingParser.parseDecimal("3,6 0 0 1,6 0 0 0,")).isEqualTo(new ParseResult.Failed(
                List.of(new ListingError(1, "the count says 3 instructions, but 2 follow"))));
    }

    @Test
    void parsingIsLenientAboutSpacing() {
        assertThat(ListingParser.parseImage("  (000)   ldh [x+14]  \r\n\n(001) ret #0\n").orThrow().instructions())
                .containsExactly(new SockFilter(0x48, 0, 0, 14), new SockFilter(0x06, 0, 0, 0));
        assertThat(ListingParser.parseCArray("{0x28,0,0,12}\n{ 6, 0, 0, 0x0 }").orThrow())
                .isEqualTo(new CbpfProgram(List.of(new SockFilter(0x28, 0, 0, 12), new SockFilter(6, 0, 0, 0))));
    }
}
