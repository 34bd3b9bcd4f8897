package dev.jfilter.runtime.cbpf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.Opcodes;
import dev.jfilter.cbpf.SockFilter;
import dev.jfilter.cbpf.listing.Dialect;
import dev.jfilter.cbpf.listing.Listing;
import dev.jfilter.cbpf.listing.ListingParser;
import dev.jfilter.cbpf.validate.Validator;
import dev.jfilter.cfg.Ancillary;
import dev.jfilter.runtime.libpcap.Libpcap;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The listing printer and the libpcap rule set against libpcap's own {@code bpf_image()} and {@code bpf_validate()}. */
class LibpcapAgreementTest {
    @BeforeAll
    static void needsLibpcap() {
        Assumptions.assumeTrue(Libpcap.isAvailable(), () -> "libpcap not usable: " + Libpcap.unavailableReason());
    }

    @Test
    void imageMatchesBpfImageForEveryOpcode() {
        Random random = new Random(1);
        int[] ks = {0, 1, 15, 0x7fffffff, -1, -4096, -4095, -4032, -0x100000};
        int lines = 0;
        for (int code = 0; code <= 0xffff; code++) {
            int[] candidates = new int[ks.length + Ancillary.values().length + 1];
            System.arraycopy(ks, 0, candidates, 0, ks.length);
            for (Ancillary a : Ancillary.values()) {
                candidates[ks.length + a.ordinal()] = a.absoluteOffset();
            }
            candidates[candidates.length - 1] = random.nextInt();
            // Every k for the 256 one-byte opcodes (all the known ones), two for the rest.
            int variants = code < 0x100 ? candidates.length : 2;
            for (int v = 0; v < variants; v++) {
                int k = v < 1 && code >= 0x100 ? random.nextInt() : candidates[v % candidates.length];
                SockFilter f = new SockFilter(code, random.nextInt(256), random.nextInt(256), k);
                int index = random.nextInt(5000);
                String expected = Libpcap.image(f, index);
                assertThat(Listing.image(f, index, Dialect.LIBPCAP_1_10)).as("%s", f).isEqualTo(expected);
                // And the printed line reads back to the fields it shows.
                SockFilter parsed = ListingParser.parseImageLine(expected, index);
                assertThat(Listing.image(parsed, index, Dialect.LIBPCAP_1_10)).isEqualTo(expected);
                lines++;
            }
        }
        System.out.printf("bpf_image: %d lines identical%n", lines);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void libpcapRulesMatchBpfValidate(long seed) {
        Random random = new Random(seed);
        int accepted = 0;
        int programs = 50_000;
        for (int i = 0; i < programs; i++) {
            CbpfProgram p = RandomPrograms.anyProgram(random, 8);
            boolean libpcap = Libpcap.validate(p);
            assertThat(Validator.libpcap(p).isEmpty()).as("%s: %s", p, Validator.libpcap(p)).isEqualTo(libpcap);
            accepted += libpcap ? 1 : 0;
        }
        System.out.printf("bpf_validate (seed %d): %d random programs, %d accepted, all agree%n", seed, programs,
                accepted);
        assertThat(accepted).isBetween(programs / 20, programs - programs / 20);
    }

    @Test
    void libpcapAcceptsEveryProgramOfItsTestSuite() throws IOException {
        int n = 0;
        for (TestData.SuiteProgram p : TestData.suitePrograms()) {
            assertThat(Validator.libpcap(p.program())).as(p.name()).isEmpty();
            assertThat(Libpcap.validate(p.program())).as(p.name()).isTrue();
            n++;
        }
        System.out.printf("libpcap test suite: %d programs pass both bpf_validate and the LIBPCAP rules%n", n);
    }

    @Test
    void opcodesOfTheKnownSetAreTheOnesBpfImageNames() {
        for (int code = 0; code < 0x100; code++) {
            String image = Libpcap.image(new SockFilter(code, 0, 0, 0), 0);
            // bpf_image has a case for every known opcode except ldx #pktlen, which 1.10 forgot.
            boolean named = !image.contains("unimp");
            assertThat(named).as("0x%x: %s", code, image).isEqualTo(Opcodes.isKnown(code) && code != 0x81);
        }
    }
}
