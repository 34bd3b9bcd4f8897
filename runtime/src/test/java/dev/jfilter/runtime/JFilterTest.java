package dev.jfilter.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cbpf.listing.ListingFormat;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The library API as the README shows it. */
class JFilterTest {
    /** Ethernet, IPv4 10.0.0.1 → 10.0.0.2, TCP 40000 → 443, SYN. */
    private static final byte[] TCP_443 = HexFormat.of().parseHex(
            "0200000000020200000000010800" + "4500002800004000400600000a0000010a000002"
                    + "9c4001bb00000000000000005002200000000000");

    @Test
    void compilesAndMatchesAsTheReadmeShows() {
        Result<CompiledFilter> result = JFilter.compile("tcp port 443", CompileOptions.of(LinkType.EN10MB));
        assertThat(result).isInstanceOf(Result.Ok.class);
        CompiledFilter filter = ((Result.Ok<CompiledFilter>) result).value();
        var matcher = filter.matcher();
        assertThat(matcher.run(TCP_443, TCP_443.length, TCP_443.length)).isEqualTo(262144);
        byte[] port80 = TCP_443.clone();
        port80[37] = 80; // destination port 443 (0x01bb) becomes 0x0150
        port80[36] = 1;
        assertThat(matcher.run(port80, port80.length, port80.length)).isZero();
        assertThat(filter.matches(TCP_443)).isTrue();
        assertThat(filter.listing(ListingFormat.IMAGE)).startsWith("(000) ldh      [12]\n");
        assertThat(filter.warnings()).isEmpty();
    }

    @Test
    void aTruncatedPacketIsRejectedWhereTheFilterReadsPastIt() {
        CompiledFilter filter = ((Result.Ok<CompiledFilter>) JFilter.compile("tcp port 443")).value();
        assertThat(filter.apply(TCP_443, 36, TCP_443.length)).isZero();
    }

    @Test
    void aFailureCarriesDiagnosticsThatFormatLikeTheCommandLine() {
        Result<CompiledFilter> result = JFilter.compile("tcp port 443 and host 999.1.1.1");
        assertThat(result).isInstanceOfSatisfying(Result.Failed.class, f -> assertThat(
                ((Result.Failed<?>) f).diagnostics().getFirst().format("myapp", "tcp port 443 and host 999.1.1.1"))
                .startsWith("myapp: 1:23: invalid IPv4 address '999.1.1.1'"));
    }

    @Test
    void libpcapDoesNotOptimizeGeneveSoItNeverSaysThatOneRejectsEverything() {
        // libpcap master: "vxlan and ip and ip6" is refused (its optimizer proves it), "geneve and ip and ip6"
        // compiles (geneve turns the optimizer off).
        Result<CompiledFilter> vxlan = JFilter.compile("vxlan and ip and ip6", CompileOptions.of(LinkType.EN10MB));
        assertThat(vxlan).isInstanceOfSatisfying(Result.Failed.class, f -> assertThat(
                ((Result.Failed<?>) f).diagnostics().getFirst().message()).isEqualTo("expression rejects all packets"));
        Result<CompiledFilter> geneve = JFilter.compile("geneve and ip and ip6", CompileOptions.of(LinkType.EN10MB));
        assertThat(geneve).isInstanceOf(Result.Ok.class);
        CompiledFilter filter = ((Result.Ok<CompiledFilter>) geneve).value();
        assertThat(filter.warnings()).extracting(d -> d.message()).containsExactly("expression rejects all packets");
        assertThat(filter.matches(TCP_443)).isFalse();
    }
}
