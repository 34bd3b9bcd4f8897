package dev.jfilter.testpcaps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TestPcapsTest {
    @ParameterizedTest
    @EnumSource(TestPcap.class)
    void bytesStreamAndPathAgree(TestPcap pcap) throws IOException {
        byte[] bytes = pcap.bytes();
        try (InputStream in = pcap.openStream()) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(Files.readAllBytes(pcap.path())).isEqualTo(bytes);
        assertThat(pcap.resourcePath()).isEqualTo("dev/jfilter/testpcaps/" + pcap.pcapName() + ".pcap");
    }

    @ParameterizedTest
    @EnumSource(TestPcap.class)
    void fileHeaderCarriesTheLinkType(TestPcap pcap) {
        assertThat(PcapFile.parse(pcap.bytes()).linkType()).isEqualTo(pcap.linkType());
    }

    @Test
    void linkTypeNumbersAreTheLinktypeValues() {
        // tcpdump.org/linktypes.html: LINKTYPE_RAW is 101 in files although DLT_RAW is 12 on Linux.
        assertThat(TestPcap.EN10MB_MIXED.linkType()).isEqualTo(1);
        assertThat(TestPcap.RAW.linkType()).isEqualTo(101);
        assertThat(TestPcap.IPV4.linkType()).isEqualTo(228);
        assertThat(TestPcap.IPV6.linkType()).isEqualTo(229);
        assertThat(TestPcap.LINUX_SLL.linkType()).isEqualTo(113);
        assertThat(TestPcap.LINUX_SLL2.linkType()).isEqualTo(276);
        assertThat(TestPcap.NULL.linkType()).isEqualTo(0);
        assertThat(TestPcap.LOOP.linkType()).isEqualTo(108);
        assertThat(TestPcap.EN10MB_ENCAP.linkType()).isEqualTo(1);
        assertThat(TestPcap.LINUX_SLL_ENCAP.linkType()).isEqualTo(113);
        assertThat(TestPcap.LINUX_SLL2_ENCAP.linkType()).isEqualTo(276);
    }

    @ParameterizedTest
    @EnumSource(CorpusKind.class)
    void everyCorpusKindHasAFileForEachOfItsLinkTypesAndNoOther(CorpusKind kind) {
        assertThat(TestPcaps.DLT_NAMES).containsAll(kind.dltNames());
        for (String dlt : TestPcaps.DLT_NAMES) {
            if (kind.dltNames().contains(dlt)) {
                assertThat(TestPcaps.corpus(kind, dlt)).as("%s %s", kind, dlt).isNotEmpty();
                assertThat(TestPcaps.corpusLines(kind, dlt).getFirst().line()).isPositive();
            } else {
                assertThatThrownBy(() -> TestPcaps.corpus(kind, dlt)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(dlt);
            }
        }
    }

    @Test
    void theOriginalCorpusApiReadsTheCoreFiles() {
        assertThat(TestPcaps.corpus("EN10MB")).isEqualTo(TestPcaps.corpus(CorpusKind.CORE, "EN10MB"));
        assertThat(TestPcaps.corpusResource("RAW")).isEqualTo("dev/jfilter/testpcaps/corpus/RAW.txt");
        assertThat(CorpusKind.ENCAP.resource("EN10MB")).isEqualTo("dev/jfilter/testpcaps/corpus/EN10MB-encap.txt");
        assertThat(CorpusKind.VXLAN.installedLibpcapCompiles()).isFalse();
        assertThat(TestPcaps.corpus("EN10MB")).doesNotContainAnyElementsOf(TestPcaps.corpus(CorpusKind.ENCAP,
                "EN10MB"));
    }

    @Test
    void everyDltHasCapturesAndEveryCaptureADlt() {
        List<String> all = new ArrayList<>(TestPcaps.DLT_NAMES);
        all.addAll(TestPcaps.DLT_NAMES_NEWER_THAN_INSTALLED);
        assertThat(all).doesNotHaveDuplicates();
        for (String dlt : all) {
            assertThat(TestPcaps.forDlt(dlt)).as(dlt).isNotEmpty();
        }
        assertThat(TestPcaps.all()).allMatch(p -> all.contains(p.dltName()));
        assertThat(TestPcaps.forDlt("EN10MB")).containsExactly(TestPcap.EN10MB_MIXED, TestPcap.EN10MB_CORNERS,
                TestPcap.EN10MB_ENCAP);
        assertThat(TestPcaps.forDlt("LINUX_SLL2")).containsExactly(TestPcap.LINUX_SLL2, TestPcap.LINUX_SLL2_ENCAP);
        assertThat(TestPcaps.byName("linux-sll2")).contains(TestPcap.LINUX_SLL2);
        assertThat(TestPcaps.byName("nope")).isEmpty();
    }
}
