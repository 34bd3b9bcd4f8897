package dev.jfilter.testpcaps.gen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.testpcaps.TestPcap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The committed captures are exactly what the generator writes: regenerate with {@code GenerateTestPcaps} (see
 * test-pcaps/README.md) after changing a recipe, and commit the result.
 */
class DeterminismTest {
    @ParameterizedTest
    @EnumSource(TestPcap.class)
    void committedFileEqualsRegeneratedBytes(TestPcap pcap) {
        byte[] generated = Captures.generate(pcap);
        assertThat(generated)
                .as("%s differs from the generator's output; run GenerateTestPcaps and commit", pcap.resourcePath())
                .isEqualTo(pcap.bytes());
    }

    @ParameterizedTest
    @EnumSource(TestPcap.class)
    void generatingTwiceGivesTheSameBytes(TestPcap pcap) {
        assertThat(Captures.generate(pcap)).isEqualTo(Captures.generate(pcap));
    }
}
