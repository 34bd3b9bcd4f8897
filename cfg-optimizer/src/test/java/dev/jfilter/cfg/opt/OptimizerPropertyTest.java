package dev.jfilter.cfg.opt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgInterpreter;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The optimized program returns what the original returns, on every packet, for random graphs. */
class OptimizerPropertyTest {
    static Stream<Long> seeds() {
        return LongStream.range(0, Long.getLong("jfilter.propertySeeds", 400)).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void optimizedGraphsAgreeWithTheOriginalOnEveryPacket(long seed) {
        Random r = new Random(seed);
        Cfg original = RandomCfgs.cfg(r, 4 + r.nextInt(40));
        for (Reasoning reasoning : Reasoning.values()) {
            Cfg optimized = Optimizer.optimize(original, reasoning, false).after();
            assertThat(optimized.instructionEstimate()).isLessThanOrEqualTo(original.instructionEstimate());
            for (int i = 0; i < 300; i++) {
                byte[] p = RandomCfgs.packet(r);
                int wire = p.length + r.nextInt(3) * 10;
                boolean metadata = r.nextBoolean();
                var ancillary = metadata ? (dev.jfilter.cfg.AncillarySource) f -> OptionalInt.of(4)
                        : dev.jfilter.cfg.AncillarySource.NONE;
                assertThat(CfgInterpreter.run(optimized, p, p.length, wire, ancillary))
                        .as("%s reasoning, packet %s (wire %d)\nbefore:\n%s\nafter:\n%s", reasoning,
                                java.util.HexFormat.of().formatHex(p), wire, original, optimized)
                        .isEqualTo(CfgInterpreter.run(original, p, p.length, wire, ancillary));
            }
        }
    }
}
