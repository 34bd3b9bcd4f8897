package dev.jfilter.cfg.opt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The persistent map against {@link HashMap}, with keys clustered (value numbers) and spread (all bits). */
class IntMapTest {
    static Stream<Long> seeds() {
        return LongStream.range(0, 200).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void putGetAndIntersectAgreeWithAHashMap(long seed) {
        Random r = new Random(seed);
        int range = r.nextBoolean() ? 64 : Integer.MAX_VALUE;
        IntMap<Integer> base = IntMap.empty();
        Map<Integer, Integer> baseRef = new HashMap<>();
        for (int i = 0; i < r.nextInt(40); i++) {
            int k = r.nextInt(range);
            int v = r.nextInt(5);
            base = base.put(k, v);
            baseRef.put(k, v);
        }
        // Two maps grown from a shared one, as the states on two edges into a join are.
        IntMap<Integer> a = base;
        IntMap<Integer> b = base;
        Map<Integer, Integer> aRef = new HashMap<>(baseRef);
        Map<Integer, Integer> bRef = new HashMap<>(baseRef);
        for (int i = 0; i < r.nextInt(20); i++) {
            int k = r.nextInt(range);
            int v = r.nextInt(5);
            if (r.nextBoolean()) {
                a = a.put(k, v);
                aRef.put(k, v);
            } else {
                b = b.put(k, v);
                bRef.put(k, v);
            }
        }
        for (var e : aRef.entrySet()) {
            assertThat(a.get(e.getKey())).isEqualTo(e.getValue());
        }
        for (var e : baseRef.entrySet()) {
            assertThat(base.get(e.getKey())).as("a put must not change the map it came from").isEqualTo(e.getValue());
        }
        IntMap<Integer> both = a.intersect(b, Math::min);
        Map<Integer, Integer> bothRef = new HashMap<>();
        aRef.forEach((k, v) -> {
            if (bRef.containsKey(k)) {
                bothRef.put(k, Math.min(v, bRef.get(k)));
            }
        });
        for (int probe = 0; probe < 200; probe++) {
            int k = probe < 100 ? r.nextInt(Math.min(range, 128)) : r.nextInt(range);
            assertThat(both.get(k)).isEqualTo(bothRef.get(k));
        }
        for (var e : bothRef.entrySet()) {
            assertThat(both.get(e.getKey())).isEqualTo(e.getValue());
        }
        assertThat(a.intersect(a, Math::min)).isSameAs(a);
    }
}
