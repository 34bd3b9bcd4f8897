package dev.jfilter.frontend.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.frontend.oracle.CbpfText;
import dev.jfilter.frontend.oracle.LibpcapTestSuite.Accept;
import dev.jfilter.frontend.oracle.SuiteCases;
import dev.jfilter.testpcaps.TestPcap;
import dev.jfilter.testpcaps.TestPcaps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * test-pcaps' generated captures on their own, without the synthetic frames: for each of libpcap's accept tests of
 * the link types below, every conditional jump of master's expected unoptimized program goes both ways on some packet
 * of the captures. For the DSA tags, which libpcap 1.10.3 cannot filter, master's programs are the only reference, so
 * the captures must reach all of them. (On the other link types the accept tests name addresses, ports and payload
 * bytes that only the frontend's synthetic frames carry: there the whole corpus takes every branch, see
 * {@code LlcCorpusCoverageTest} and {@code WlanCorpusTest}.)
 */
class CaptureBranchCoverageTest {
    static final Set<LinkType> TYPES = Set.of(LinkType.DSA_TAG_BRCM, LinkType.DSA_TAG_DSA, LinkType.NETANALYZER,
            LinkType.NETANALYZER_TRANSPARENT, LinkType.ARCNET, LinkType.ARCNET_LINUX, LinkType.BACNET_MS_TP,
            LinkType.ATM_CLIP, LinkType.ATM_RFC1483, LinkType.ENC, LinkType.FRELAY, LinkType.IPNET,
            LinkType.JUNIPER_MFR, LinkType.LTALK, LinkType.PPP_ETHER, LinkType.PPP_PPPD, LinkType.PPP_SERIAL,
            LinkType.SLIP, LinkType.SLIP_BSDOS);

    /** The packets of each link type's captures, read once. */
    private static final Map<LinkType, List<Captures.Packet>> PACKETS = new ConcurrentHashMap<>();

    private static List<Captures.Packet> read(LinkType type) {
        List<Captures.Packet> packets = new ArrayList<>();
        for (TestPcap pcap : TestPcaps.forDlt(type.name())) {
            try {
                packets.addAll(Captures.read(pcap.path(), pcap.fileName()));
            } catch (Exception e) {
                throw new IllegalStateException("reading " + pcap.fileName(), e);
            }
        }
        return List.copyOf(packets);
    }

    static Stream<Accept> cases() {
        return SuiteCases.accepts().filter(a -> TYPES.contains(a.type()) && a.offline().isEmpty());
    }

    @ParameterizedTest(allowZeroInvocations = true, name = "[{index}] {0}")
    @MethodSource("cases")
    void everyBranchOfMastersProgramIsTakenByTheCaptures(Accept a) throws Exception {
        Assumptions.assumeTrue(Captures.shared().isPresent(), "shared test data missing (jfilter.shared)");
        CbpfText master = CbpfText.parse(a.unopt().orElseThrow());
        List<Captures.Packet> packets = PACKETS.computeIfAbsent(a.type(), CaptureBranchCoverageTest::read);
        assertThat(packets).as("captures of %s", a.type()).isNotEmpty();
        for (var p : packets) {
            master.run(p.bytes(), p.wireLength());
        }
        assertThat(master.untakenBranches()).as("%s: branches no packet takes", a).isEmpty();
    }
}
