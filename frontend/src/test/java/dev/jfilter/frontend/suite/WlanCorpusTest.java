package dev.jfilter.frontend.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.Captures.Packet;
import dev.jfilter.frontend.oracle.Corpus;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The corpus of each 802.11 link type takes every branch of libpcap's run-time offset computation
 * ({@code gen_load_802_11_header_len} and the {@code gen_load_*_llprefixlen} of gencode.c): the radio header's
 * shapes (Prism or AVS, PPI for 802.11 or not, radiotap with or without Flags, TSFT, an extended presence word,
 * data padding), frame types (management, control, reserved, data with and without QoS) and the four DS
 * directions; so the per-packet suites compare those branches, not only the common one.
 */
class WlanCorpusTest {

    @ParameterizedTest
    @EnumSource(value = LinkType.class, names = {"IEEE802_11", "PRISM_HEADER", "IEEE802_11_RADIO_AVS",
        "IEEE802_11_RADIO", "PPI"})
    void theCorpusTakesEveryBranchOfTheOffsetComputation(LinkType type) {
        Set<String> seen = new TreeSet<>();
        for (Packet p : Corpus.of(type)) {
            seen.addAll(branches(type, p.bytes()));
        }
        Set<String> wanted = new TreeSet<>(Set.of("management", "control", "reserved", "data", "qos data", "ds 0",
                "ds 1", "ds 2", "ds 3", "cut in the MAC header"));
        switch (type) {
            case PRISM_HEADER -> wanted.addAll(Set.of("prism", "avs cookie"));
            case PPI -> wanted.addAll(Set.of("ppi 802.11", "ppi other"));
            case IEEE802_11_RADIO -> wanted.addAll(Set.of("no flags", "extended presence", "tsft datapad",
                    "tsft no datapad", "flags datapad", "flags no datapad"));
            default -> { }
        }
        assertThat(seen).as("branches taken by the %s corpus", type).containsAll(wanted);
    }

    /** The branches of libpcap's offset computation that {@code b} takes. */
    private static Set<String> branches(LinkType type, byte[] b) {
        Set<String> out = new TreeSet<>();
        int radio = switch (type) {
            case IEEE802_11 -> 0;
            case PRISM_HEADER -> {
                boolean avs = b.length >= 4 && (be32(b, 0) & 0xfffff000) == 0x80211000;
                out.add(avs ? "avs cookie" : "prism");
                yield avs ? (b.length >= 8 ? be32(b, 4) : -1) : 144;
            }
            case IEEE802_11_RADIO_AVS -> b.length >= 8 ? be32(b, 4) : -1;
            case IEEE802_11_RADIO, PPI -> {
                if (type == LinkType.PPI && b.length >= 8) {
                    out.add(be32(b, 4) == Integer.reverseBytes(105) ? "ppi 802.11" : "ppi other");
                }
                yield b.length >= 4 ? (b[2] & 0xff) | (b[3] & 0xff) << 8 : -1;
            }
            default -> throw new IllegalArgumentException(type.name());
        };
        if (radio < 0 || radio >= b.length) {
            return out;
        }
        int fc0 = b[radio] & 0xff;
        boolean data = (fc0 & 0x0c) == 0x08;
        out.add(switch (fc0 & 0x0c) {
            case 0x00 -> "management";
            case 0x04 -> "control";
            case 0x08 -> (fc0 & 0x80) != 0 ? "qos data" : "data";
            default -> "reserved";
        });
        if (radio + 1 < b.length) {
            out.add("ds " + (b[radio + 1] & 0x03));
        }
        if (b.length < radio + 24) {
            out.add("cut in the MAC header");
        }
        if (type == LinkType.IEEE802_11_RADIO && data && b.length >= 8) {
            int present = be32(b, 4);
            if ((present & 0x02000000) == 0) {
                out.add("no flags");
            } else if ((present & 0x80) != 0) {
                out.add("extended presence");
            } else {
                boolean tsft = (present & 0x01000000) != 0;
                int at = tsft ? 16 : 8;
                if (at < b.length) {
                    boolean pad = (b[at] & 0x20) != 0;
                    out.add((tsft ? "tsft " : "flags ") + (pad ? "datapad" : "no datapad"));
                }
            }
        }
        return out;
    }

    private static int be32(byte[] b, int i) {
        return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }
}
