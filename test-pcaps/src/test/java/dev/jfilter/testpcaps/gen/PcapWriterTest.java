package dev.jfilter.testpcaps.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jfilter.testpcaps.PcapFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcapWriterTest {
    @Test
    void headerIsLittleEndianMicrosecondPcapWithTheLinkType() {
        byte[] file = PcapWriter.write(276, List.of());
        assertThat(file).hasSize(24);
        assertThat(file).startsWith(0xd4, 0xc3, 0xb2, 0xa1, 0x02, 0x00, 0x04, 0x00);
        PcapFile f = PcapFile.parse(file);
        assertThat(f.versionMajor()).isEqualTo(2);
        assertThat(f.versionMinor()).isEqualTo(4);
        assertThat(f.snaplen()).isEqualTo(262144);
        assertThat(f.linkType()).isEqualTo(276);
        assertThat(f.records()).isEmpty();
    }

    @Test
    void recordsKeepCapturedBytesWireLengthsAndIncreasingTimestamps() {
        byte[] a = {1, 2, 3, 4, 5};
        List<Frame> frames = List.of(Frame.of(a, "whole"), Frame.of(a, "cut").truncatedTo(2), Frame.of(new byte[0], "empty"));
        PcapFile f = PcapFile.parse(PcapWriter.write(1, frames));
        assertThat(f.records()).hasSize(3);
        assertThat(f.records().get(0).data()).containsExactly(1, 2, 3, 4, 5);
        assertThat(f.records().get(0).wireLength()).isEqualTo(5);
        assertThat(f.records().get(1).data()).containsExactly(1, 2);
        assertThat(f.records().get(1).caplen()).isEqualTo(2);
        assertThat(f.records().get(1).wireLength()).isEqualTo(5);
        assertThat(f.records().get(2).caplen()).isZero();
        assertThat(f.records().get(0).seconds()).isEqualTo(PcapWriter.START_SECONDS);
        assertThat(f.records().get(1).micros()).isEqualTo(1000);
        assertThat(f.records().get(2).micros()).isEqualTo(2000);
    }

    @Test
    void timestampsCarryIntoSecondsAfterAThousandPackets() {
        List<Frame> frames = java.util.stream.IntStream.range(0, 1001).mapToObj(i -> Frame.of(new byte[] {1}, ""))
                .toList();
        PcapFile.Record last = PcapFile.parse(PcapWriter.write(1, frames)).records().getLast();
        assertThat(last.seconds()).isEqualTo(PcapWriter.START_SECONDS + 1);
        assertThat(last.micros()).isZero();
    }

    @Test
    void aFrameCannotCaptureMoreThanTheWireCarried() {
        assertThatThrownBy(() -> new Frame(new byte[4], 3, "bad")).isInstanceOf(IllegalArgumentException.class);
    }
}
