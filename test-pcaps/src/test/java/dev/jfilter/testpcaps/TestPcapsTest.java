package dev.jfilter.testpcaps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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
    }

    @Test
    void everyDltHasCapturesAndEveryCaptureADlt() {
        for (String dlt : TestPcaps.DLT_NAMES) {
            assertThat(TestPcaps.forDlt(dlt)).as(dlt).isNotEmpty();
        }
        assertThat(TestPcaps.all()).allMatch(p -> TestPcaps.DLT_NAMES.contains(p.dltName()));
        assertThat(TestPcaps.forDlt("EN10MB")).containsExactly(TestPcap.EN10MB_MIXED, TestPcap.EN10MB_CORNERS);
        assertThat(TestPcaps.byName("linux-sll2")).contains(TestPcap.LINUX_SLL2);
        assertThat(TestPcaps.byName("nope")).isEmpty();
    }
}
