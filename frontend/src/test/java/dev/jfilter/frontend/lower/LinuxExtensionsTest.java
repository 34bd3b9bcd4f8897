package dev.jfilter.frontend.lower;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.AncillarySource;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Frontend;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Linux live-capture mode ({@code linuxExtensions}): {@code inbound}, {@code outbound} and {@code ifindex} read the
 * packet's metadata, as libpcap master's programs in its test suite do ({@code ldh [type]}, {@code ld [ifidx]});
 * the link types that record them in the header keep using the header. VLAN metadata comes in a later round.
 */
class LinuxExtensionsTest {

    private static int run(Cfg cfg, int pktType, int ifIndex) {
        AncillarySource meta = f -> f == Ancillary.PKTTYPE ? OptionalInt.of(pktType)
                : f == Ancillary.IFINDEX ? OptionalInt.of(ifIndex) : OptionalInt.empty();
        byte[] p = new byte[64];
        return CfgInterpreter.run(cfg, p, p.length, p.length, meta);
    }

    @ParameterizedTest
    @CsvSource({
        "EN10MB, inbound, 0, 10, true", "EN10MB, inbound, 4, 10, false",
        "EN10MB, outbound, 4, 10, true", "EN10MB, outbound, 3, 10, false",
        "EN10MB, ifindex 10, 0, 10, true", "EN10MB, ifindex 10, 0, 11, false",
        "RAW, inbound, 1, 1, true", "NULL, ifindex 7, 0, 7, true", "IPV6, outbound, 4, 0, true"})
    void metadataDecides(LinkType type, String expression, int pktType, int ifIndex, boolean accepts) {
        Result<Cfg> r = Frontend.compile(expression, CompileOptions.of(type).withLinuxExtensions(true));
        assertThat(run(((Result.Ok<Cfg>) r).value(), pktType, ifIndex) != 0).isEqualTo(accepts);
        // Offline (no metadata) such a program rejects everything, as libpcap's bpf_filter does.
        assertThat(CfgInterpreter.run(((Result.Ok<Cfg>) r).value(), new byte[64], 64, 64)).isZero();
    }

    @ParameterizedTest
    @CsvSource({"LINUX_SLL2, ifindex 7", "LINUX_SLL, inbound", "LINUX_SLL2, outbound"})
    void cookedHeadersStillDecideFromTheHeader(LinkType type, String expression) {
        Result<Cfg> live = Frontend.compile(expression, CompileOptions.of(type).withLinuxExtensions(true));
        Result<Cfg> offline = Frontend.compile(expression, CompileOptions.of(type));
        assertThat(live).isEqualTo(offline);
    }

    @ParameterizedTest
    @CsvSource({"vlan", "vlan 10", "vlan and vlan"})
    void vlanMetadataIsALaterRound(String expression) {
        Result<Cfg> r = Frontend.compile(expression, CompileOptions.of(LinkType.EN10MB).withLinuxExtensions(true));
        assertThat(((Result.Failed<Cfg>) r).diagnostics().getFirst().message()).isEqualTo("'vlan' is not supported yet");
    }
}
