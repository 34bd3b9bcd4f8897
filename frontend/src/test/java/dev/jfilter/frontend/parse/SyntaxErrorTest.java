package dev.jfilter.frontend.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.frontend.Diagnostic;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.ast.FilterExpr;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Errors of the parser: the column of the offending token and words a tcpdump user understands. */
class SyntaxErrorTest {

    static Diagnostic error(String expression) {
        Result<Optional<FilterExpr>> result = FilterParser.parse(expression);
        assertThat(result).as(expression).isInstanceOf(Result.Failed.class);
        return ((Result.Failed<Optional<FilterExpr>>) result).diagnostics().getFirst();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        "port => 5 => syntax error: the expression ends after 'port'; expected a port number or name",
        "port ) => 6 => syntax error: expected a port number or name after 'port', not ')'",
        "host a ) => 8 => syntax error: unexpected ')' after 'a'; expected 'and', 'or' or the end of the expression",
        "tcp and => 8 => syntax error: the expression ends after 'and'; expected a primitive such as 'host 10.0.0.1', 'port 80' or 'tcp', or an address or name that takes the qualifiers before it",
        "10.0.0.1 => 1 => syntax error: '10.0.0.1' needs a qualifier such as 'host'",
        "ip 10.0.0.1 => 4 => syntax error: '10.0.0.1' needs a qualifier such as 'host'",
        "aa:bb:cc:dd:ee:ff => 1 => syntax error: 'aa:bb:cc:dd:ee:ff' needs a qualifier such as 'ether host'",
        "ip proto tcp => 10 => syntax error: 'tcp' is a keyword; write '\\tcp' for the protocol name",
        "port host => 6 => syntax error: 'host' is a keyword; write '\\host' for the name",
        "tcp or 80 => 8 => syntax error: '80' needs a qualifier such as 'port' or 'host': 'tcp' before it has no qualifiers to inherit",
        "(host a) or b => 13 => syntax error: 'b' needs a qualifier such as 'host' or 'port': nothing before it has qualifiers to inherit",
        "len = 1 or not 2 => 16 => syntax error: '2' needs a qualifier such as 'port' or 'host': 'len = 1' before it has no qualifiers to inherit",
        "TCP => 1 => syntax error: 'TCP' needs a qualifier such as 'host' or 'port'",
        "net 10/8 => 7 => syntax error: unexpected '/' after '10'; expected 'and', 'or' or the end of the expression",
        "src gateway g => 5 => syntax error: 'gateway' is a keyword; write '\\gateway' for the name",
        "len-1 = 0 => 1 => syntax error: 'len-1' needs a qualifier such as 'host' or 'port'",
        "tcp[0:3 => 8 => syntax error: the expression ends after '3'; expected ']'",
        "host ((a)) => 8 => syntax error: unexpected 'a' after '('; expected a number",
        "wlan subtype 0 => 14 => syntax error: expected an 802.11 frame subtype such as 'beacon' or 'ack' after 'subtype', not '0'",
        "tcp port 80 and => 16 => syntax error: the expression ends after 'and'",
    })
    void messagesAndColumns(String expression, int column, String message) {
        Diagnostic d = error(expression);
        assertThat(d.message()).startsWith(message);
        assertThat(d.column(expression)).isEqualTo(column);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        "port 10.0.0.1 => 6 => 'port' qualifier applied to IPv4 address",
        "portrange 10.0.0.0/8 => 11 => 'portrange' qualifier applied to IPv4 address and prefix length",
        "proto 10.0.0.0 mask 255.0.0.0 => 7 => 'proto' qualifier applied to IPv4 address and netmask",
        "protochain ::1 => 12 => 'protochain' qualifier applied to IPv6 address",
        "proto ::/0 => 7 => `'proto' qualifier applied to IPv6 address and prefix length `",
        "tcp port 80 or 10.0.0.1 => 16 => 'port' qualifier applied to IPv4 address",
        "type 16 => 6 => invalid 802.11 type value 0x10",
        "type bogus => 6 => unknown 802.11 type name \"bogus\"",
        "type 12 subtype beacon => 17 => unknown 802.11 type",
        "type mgt subtype ack => 18 => unknown 802.11 subtype name \"ack\"",
        "type 0 subtype 0xff => 16 => invalid 802.11 subtype value 0xff",
        "subtype bogus => 9 => unknown 802.11 type name",
        "dir 4 => 5 => invalid 802.11 direction value 0x4",
        "dir up => 5 => unknown 802.11 direction",
        "llc bogus => 5 => unknown LLC type name \"bogus\"",
        "reason bogus => 8 => unknown PF reason \"bogus\"",
        "action bogus => 8 => unknown PF action \"bogus\"",
        // an action's error before a later syntax error is the one libpcap reports
        "port 1.2.3.4 and and => 6 => 'port' qualifier applied to IPv4 address",
    })
    void grammarActionChecks(String expression, int column, String message) {
        Diagnostic d = error(expression);
        assertThat(d.message()).isEqualTo(message);
        assertThat(d.column(expression)).isEqualTo(column);
    }
}
