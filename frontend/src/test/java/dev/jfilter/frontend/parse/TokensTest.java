package dev.jfilter.frontend.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.frontend.Diagnostic;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.ast.FilterExpr;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Token by token, as flex reads scanner.l: the longest match, and for equal lengths the earlier rule (tokens
 * shown as {@link FlexTokensTest#render} prints them, with bison's token names).
 */
class TokensTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        // numbers
        "0 1 0x1F 0X1f 017 4294967295 => NUM:0 NUM:1 NUM:0x1F NUM:0X1f NUM:017 NUM:4294967295 ",
        // a name wins when longer: users must write 'len - 1'
        "1-1023 len-1 len - 1 => ID:1-1023 ID:len-1 LEN:len -:- NUM:1 ",
        "0x1g 1e5 a_b.c x. => ID:0x1g ID:1e5 ID:a_b.c ID:x. ",
        // HID: 2 to 4 parts, each a NUM; 5 parts is a name, 6 one-or-two-digit parts a MAC
        "10.1 10.1.2 10.1.2.3 0xa.0xb 10.1.2.3.4 1.2.3.4.5.6 => HID:10.1 HID:10.1.2 HID:10.1.2.3 HID:0xa.0xb ID:10.1.2.3.4 EID:1.2.3.4.5.6 ",
        // EID: all MAC forms; 12 digits are a MAC even when decimal
        "aa:bb:cc:dd:ee:ff a-b-c-d-e-f aabb.ccdd.eeff aabbccddeeff 100000000000 => EID:aa:bb:cc:dd:ee:ff EID:a-b-c-d-e-f EID:aabb.ccdd.eeff EID:aabbccddeeff EID:100000000000 ",
        // HID6: every RFC 4291 form
        ":: ::1 1:: fe80::1 1:2:3:4:5:6:7:8 ::ffff:1.2.3.4 1:2::3.4.5.6 => HID6::: HID6:::1 HID6:1:: HID6:fe80::1 HID6:1:2:3:4:5:6:7:8 HID6:::ffff:1.2.3.4 HID6:1:2::3.4.5.6 ",
        "1:2:: 1:2:3:4:5:6:7:8:9 => HID6:1:2:: EID:1:2:3:4:5:6:7:8: !ERR invalid Ethernet address 1:2:3:4:5:6:7:8:",
        // AID
        "$1 $ff $0a => AID:$1 AID:$ff AID:$0a ",
        // keywords and aliases
        "link ether ppp slip fddi tr wlan => LINK:link LINK:ether LINK:ppp LINK:slip LINK:fddi LINK:tr LINK:wlan ",
        "esis es-is isis is-is l1 l2 iih lsp snp csnp psnp => ESIS:esis ESIS:es-is ISIS:isis ISIS:is-is L1:l1 L2:l2 IIH:iih LSP:lsp SNP:snp CSNP:csnp PSNP:psnp ",
        "dir direction addr1 address1 addr4 address4 ra ta => DIR:dir DIR:direction ADDR1:addr1 ADDR1:address1 ADDR4:addr4 ADDR4:address4 RA:ra TA:ta ",
        "len length on ifname rset ruleset rnr rulenum srnr subrulenum => LEN:len LEN:length PF_IFNAME:on PF_IFNAME:ifname PF_RSET:rset PF_RSET:ruleset PF_RNR:rnr PF_RNR:rulenum PF_SRNR:srnr PF_SRNR:subrulenum ",
        "lssu lsu byte mask broadcast => LSSU:lssu LSSU:lsu CBYTE:byte NETMASK:mask TK_BROADCAST:broadcast ",
        // keywords are case-sensitive
        "TCP Host => ID:TCP ID:Host ",
        // named constants are NUMs; longer names are IDs
        "tcp-syn tcp-synx icmp-echo icmp6-echo tcpflags icmptype => NUM:tcp-syn ID:tcp-synx NUM:icmp-echo NUM:icmp6-echo NUM:tcpflags NUM:icmptype ",
        // escapes
        "\\tcp \\host \\a:b => ID:\\tcp ID:\\host ID:\\a:b ",
        // operators
        "and && or || not ! != == = >= <= << >> => AND:and AND:&& OR:or OR:|| !:not !:! NEQ:!= =:== =:= GEQ:>= LEQ:<= LSH:<< RSH:>> ",
        "+-*/%:[]<>()&|^ => +:+ -:- *:* /:/ %:% ::: [:[ ]:] <:< >:> (:( ):) &:& |:| ^:^ ",
        // lexical errors stop the scan
        "08 => LEX_ERROR:08 !ERR number 08 contains non-octal digit",
        "4294967296 => LEX_ERROR:4294967296 !ERR decimal number 4294967296 overflows 32 bits",
        "0x100000000 => LEX_ERROR:0x100000000 !ERR hexadecimal number 0x100000000 overflows 32 bits",
        "fe80::256.1.2.3 => HID6:fe80::256.1.2.3 !ERR invalid IPv6 address fe80::256.1.2.3",
        "ab:cd:ef:0g:00:00 => EID:ab:cd:ef: !ERR invalid Ethernet address ab:cd:ef:",
        "1:2:3:4:5:6:7 => EID:1:2:3:4:5:6: !ERR invalid Ethernet address 1:2:3:4:5:6:",
        "@ # => LEX_ERROR:@ LEX_ERROR:# ",
    })
    void tokens(String input, String expected) {
        assertThat(FlexTokensTest.render(input).strip()).isEqualTo(expected.strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "host 08 | 6 | number 08 contains non-octal digit",
        "tcp[4294967296] = 0 | 5 | decimal number 4294967296 overflows 32 bits",
        "port 0x100000000 | 6 | hexadecimal number 0x100000000 overflows 32 bits",
        "ip6 host fe80::256.1.2.3 | 10 | invalid IPv6 address fe80::256.1.2.3",
        "ether host ab:cd:ef:0g:00:00 | 12 | invalid Ethernet address ab:cd:ef:",
        "host a and @ | 12 | syntax error: unexpected character '@'",
        "tcp ~ | 5 | syntax error: unexpected character '~'",
    })
    void lexicalErrorsWithColumns(String expression, int column, String message) {
        Result<Optional<FilterExpr>> result = FilterParser.parse(expression);
        assertThat(result).isInstanceOf(Result.Failed.class);
        Diagnostic d = ((Result.Failed<Optional<FilterExpr>>) result).diagnostics().getFirst();
        assertThat(d.message()).isEqualTo(message);
        assertThat(d.column(expression)).isEqualTo(column);
    }

    @org.junit.jupiter.api.Test
    void controlCharactersAreNamed() {
        Result<Optional<FilterExpr>> result = FilterParser.parse("tcp\u000b");
        Diagnostic d = ((Result.Failed<Optional<FilterExpr>>) result).diagnostics().getFirst();
        assertThat(d.message()).isEqualTo("syntax error: unexpected character U+000B");
        assertThat(d.span().start()).isEqualTo(3);
    }
}
