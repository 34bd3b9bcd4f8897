package dev.jfilter.testpcaps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link BpfListing} reads tcpdump's {@code -d} listing into what tcpdump's {@code -ddd} prints for it. */
class BpfListingTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "geneve and ip[9] = 6",
            "len > 100 or ip[2:2] - 4 * 5 / 2 > 3",
            "vlan 100 and tcp[13] & 2 != 0 and ip[8] < 5 and ip[0] & 0xf >= 5",
            "ether[0] & 1 = 1 or ip[1] | 1 = 5 or ip[3] ^ 2 = 1 or ip[4] << 1 = 2 or ip[5] >> 1 = 1 or ip[6] % 3 = 1",
            "mpls and geneve and ip",
            "ip[0] - ip[1] = 0 - ip[2] or ip[3] * ip[4] = ip[5] / ip[6]",
            "ether proto 1500 or ip host 10.0.0.1 or ip6 protochain 17"})
    void listingReadsAsTcpdumpEncodesIt(String expression) throws Exception {
        List<String> listing = tcpdump("-d", expression);
        List<String> numbers = tcpdump("-ddd", expression);
        List<int[]> parsed = BpfListing.parse(listing);
        assertThat(parsed).hasSize(Integer.parseInt(numbers.getFirst()));
        for (int i = 0; i < parsed.size(); i++) {
            int[] p = parsed.get(i);
            String[] n = numbers.get(i + 1).split(" ");
            int code = Integer.parseInt(n[0]);
            // libpcap leaves stale k values in instructions that ignore k (tax, txa, ret a, operations on x).
            String k = ignoresK(code) ? "0" : n[3];
            assertThat(p[0] + " " + p[1] + " " + p[2] + " " + Integer.toUnsignedString(p[3])).as(listing.get(i))
                    .isEqualTo(code + " " + n[1] + " " + n[2] + " " + k);
        }
    }

    private static boolean ignoresK(int code) {
        int cls = code & 0x07;
        return cls == 0x07 || (cls == 0x06 && (code & 0x18) == 0x10) || ((cls == 0x04 || cls == 0x05)
                && (code & 0x08) != 0) || code == 0x84;
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> BpfListing.parse(List.of("(000) ld       [vlan_tci]"))).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> BpfListing.parse(List.of("(001) ret      #0"))).hasMessageContaining("(001)");
    }

    /** tcpdump's output for {@code -y EN10MB}, or a skip when tcpdump is not installed. */
    private static List<String> tcpdump(String format, String expression) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("tcpdump", format, "-y", "EN10MB", expression).redirectError(
                    ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            Assumptions.abort("tcpdump is not installed: " + e.getMessage());
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("tcpdump %s %s", format, expression).isZero();
        return out.lines().toList();
    }
}
