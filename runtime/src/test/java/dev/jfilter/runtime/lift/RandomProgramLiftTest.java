package dev.jfilter.runtime.lift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.lift.CfgLifter;
import dev.jfilter.cbpf.lift.LiftProblem;
import dev.jfilter.cbpf.lift.LiftResult;
import dev.jfilter.cbpf.validate.Validator;
import dev.jfilter.cfg.AncillarySource;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.frontend.oracle.LinuxMetadata;
import dev.jfilter.runtime.cbpf.Packets;
import dev.jfilter.runtime.cbpf.RandomPrograms;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random classic BPF programs with operands at every rule's edge ({@link RandomPrograms}): a program lifts
 * unless the kernel's checker refuses it or it has a load the graph cannot state, and a lifted program's graph
 * returns what the program returns in the cBPF interpreter on random packets, whole and cut at every length.
 */
class RandomProgramLiftTest {
    private static final List<AncillarySource> METADATA = List.of(AncillarySource.NONE,
            new LinuxMetadata(OptionalInt.of(0x0fff), 4, 7));

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void liftedRandomProgramsAgreeWithTheInterpreter(long seed) {
        Random random = new Random(seed);
        List<Captures.Packet> packets = Packets.random(random, 40).stream()
                .map(p -> new Captures.Packet(java.util.Arrays.copyOf(p.bytes(), p.caplen()), p.wirelen(), p.source()))
                .toList();
        int lifted = 0;
        int inexpressible = 0;
        long runs = 0;
        for (int i = 0; i < 3000; i++) {
            CbpfProgram program = RandomPrograms.anyProgram(random, 24);
            boolean kernelAccepts = Validator.kernel(program).isEmpty();
            switch (CfgLifter.lift(program)) {
                case LiftResult.Lifted l -> {
                    assertThat(kernelAccepts).as("lifted a program the kernel refuses: %s", program).isTrue();
                    runs += Agreement.check("random program " + program, program, l.cfg(), packets, METADATA,
                            Agreement.Cuts.ALL);
                    lifted++;
                }
                case LiftResult.Failed f -> {
                    if (kernelAccepts) {
                        assertThat(f.problems()).as("%s", program)
                                .allMatch(p -> p instanceof LiftProblem.Inexpressible);
                        inexpressible++;
                    } else {
                        assertThat(f.problems()).as("%s", program).allMatch(p -> p instanceof LiftProblem.Rejected);
                    }
                }
            }
        }
        System.out.printf("seed %d: %d of 3000 programs lifted (%d runs compared), %d inexpressible%n", seed, lifted,
                runs, inexpressible);
        // The generator breaks rules often; enough programs must get through for the comparison to mean something.
        assertThat(lifted).as("programs lifted").isGreaterThan(100);
        assertThat(inexpressible).as("programs with header-relative loads").isGreaterThan(0);
    }
}
