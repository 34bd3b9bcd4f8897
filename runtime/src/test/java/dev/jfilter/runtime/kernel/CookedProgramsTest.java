package dev.jfilter.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.listing.Listing;
import dev.jfilter.cbpf.listing.ListingFormat;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.JFilter;
import dev.jfilter.runtime.cbpf.CbpfInterpreter;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CookedPrograms}: a program compiled for {@code LINUX_SLL2} and its cooked form give the same verdict, the
 * first on a packet with its SLL2 header, the second on the same packet without it and the header's fields as
 * metadata; programs that read what the kernel cannot give have no cooked form.
 */
class CookedProgramsTest {
    /** An SLL2 header (IPv4, interface 7, Ethernet, outgoing, 6-byte address) and an IPv4 UDP datagram to port 53. */
    private static final byte[] HEADER = {
            0x08, 0x00, 0, 0, 0, 0, 0, 7, 0, 1, 4, 6, 2, 0x6a, 0x66, 0, 0, 2, 0, 0};
    private static final byte[] DATAGRAM = {
            0x45, 0, 0, 32, 0, 1, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
            0x13, (byte) 0x89, 0, 53, 0, 12, 0, 0, 'd', 'n', 's', '!'};

    private static CompiledFilter compile(String expression) {
        return switch (JFilter.compile(expression,
                CompileOptions.of(LinkType.LINUX_SLL2).withLinuxExtensions(true))) {
            case Result.Ok<CompiledFilter> ok -> ok.value();
            case Result.Failed<CompiledFilter> failed -> throw new AssertionError(failed.diagnostics());
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp dst port 53", "udp dst port 54", "ip and not tcp", "ip6", "outbound", "inbound",
            "ifindex 7", "ifindex 8", "ip[8] = 64", "udp[8:4] = 0x646e7321", "host 10.0.0.2 and udp"})
    void theCookedFormGivesTheSameVerdictWithoutTheHeader(String expression) {
        CompiledFilter compiled = compile(expression);
        CbpfProgram cooked = CookedPrograms.forCookedSocket(compiled.program()).orElseThrow();
        byte[] whole = new byte[HEADER.length + DATAGRAM.length];
        System.arraycopy(HEADER, 0, whole, 0, HEADER.length);
        System.arraycopy(DATAGRAM, 0, whole, HEADER.length, DATAGRAM.length);
        int withHeader = CbpfInterpreter.of(compiled.program()).run(whole, whole.length, whole.length);
        int cookedVerdict = CbpfInterpreter.of(cooked).run(java.lang.foreign.MemorySegment.ofArray(DATAGRAM), 0,
                DATAGRAM.length, DATAGRAM.length, field -> switch (field) {
                    case PROTOCOL -> java.util.OptionalInt.of(0x0800);
                    case IFINDEX -> java.util.OptionalInt.of(7);
                    case PKTTYPE -> java.util.OptionalInt.of(4);
                    default -> java.util.OptionalInt.empty();
                });
        assertThat(cookedVerdict).as(compiled.listing(ListingFormat.IMAGE)).isEqualTo(withHeader);
    }

    @Test
    void loadsOfTheHeaderBecomeMetadataLoads() {
        String listing = Listing.format(CookedPrograms.forCookedSocket(compile("outbound and ifindex 3").program())
                .orElseThrow(), ListingFormat.IMAGE);
        assertThat(listing).contains("[type]").contains("[ifidx]").doesNotContain("[10]").doesNotContain("[4]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"link[12] = 2", "link[8:2] = 1", "greater 100", "less 60"})
    void whatACookedSocketDoesNotGiveTheKernelHasNoCookedForm(String expression) {
        // The link-layer address, the hardware type (libpcap has no mapping for it), the length (the kernel's would
        // not count the header).
        assertThat(CookedPrograms.forCookedSocket(compile(expression).program())).isEqualTo(Optional.empty());
    }
}
