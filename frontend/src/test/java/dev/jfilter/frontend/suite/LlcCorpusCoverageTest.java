package dev.jfilter.frontend.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.frontend.oracle.CbpfText;
import dev.jfilter.frontend.oracle.Corpus;
import dev.jfilter.frontend.oracle.LibpcapTestSuite.Accept;
import dev.jfilter.frontend.oracle.SuiteCases;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of the 802.2 LLC link types (FDDI, Token Ring, IP over FC, LLC-encapsulated ATM, SunATM) has no real
 * captures to speak of: agreement with libpcap proves something only where the packets reach every branch. For each
 * accept test of those link types, every conditional jump of master's expected unoptimized program goes both ways on
 * some packet of the corpus.
 */
class LlcCorpusCoverageTest {
    static final Set<LinkType> TYPES = Set.of(LinkType.FDDI, LinkType.IEEE802, LinkType.IP_OVER_FC,
            LinkType.ATM_RFC1483, LinkType.ATM_CLIP, LinkType.SUNATM);

    static Stream<Accept> cases() {
        return SuiteCases.accepts().filter(a -> TYPES.contains(a.type()) && a.offline().isEmpty());
    }

    @ParameterizedTest(allowZeroInvocations = true, name = "[{index}] {0}")
    @MethodSource("cases")
    void everyBranchOfMastersProgramIsTaken(Accept a) {
        Assumptions.assumeTrue(Captures.shared().isPresent(), "shared test data missing (jfilter.shared)");
        CbpfText master = CbpfText.parse(a.unopt().orElseThrow());
        for (var p : Corpus.of(a.type())) {
            master.run(p.bytes(), p.wireLength());
        }
        assertThat(master.untakenBranches()).as("%s: branches no packet takes", a).isEmpty();
    }
}
