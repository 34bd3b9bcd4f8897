package dev.jfilter.runtime.jit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.SockFilter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@link CbpfJit} reuses the class it generated for a program compiled again ({@link CbpfProgram} equality), keeps
 * only the last {@link CbpfJit#CACHED_CLASSES} classes, and lets the JVM unload the others.
 */
class JitClassCacheTest {
    private static final byte[] PACKET = new byte[4];

    /** {@code ld #k; ret a}: a program of its own per {@code k}, returning {@code k}. */
    private static CbpfProgram returning(int k) {
        return new CbpfProgram(List.of(new SockFilter(0x00, 0, 0, k), new SockFilter(0x16, 0, 0, 0)));
    }

    private static PacketFilter compiled(CbpfProgram p) {
        return ((JitResult.Compiled) CbpfJit.compile(p)).filter();
    }

    @Test
    void compilingAnEqualProgramAgainReusesItsClass() {
        CbpfProgram p = returning(0x5eed_0001);
        PacketFilter first = compiled(p);
        PacketFilter again = compiled(new CbpfProgram(new ArrayList<>(p.instructions())));
        assertThat(again.getClass()).isSameAs(first.getClass());
        assertThat(again).as("a new instance, with the caller's program").isNotSameAs(first);
        assertThat(again.run(PACKET, 4, 4)).isEqualTo(first.run(PACKET, 4, 4)).isEqualTo(0x5eed_0001);
        PacketFilter other = compiled(returning(0x5eed_0002));
        assertThat(other.getClass()).isNotSameAs(first.getClass());
        assertThat(other.run(PACKET, 4, 4)).isEqualTo(0x5eed_0002);
    }

    @Test
    void aProgramCompiledAfterAsManyOthersAsTheCacheHoldsGetsANewClass() {
        CbpfProgram p = returning(0x5eed_0100);
        Class<?> first = compiled(p).getClass();
        for (int i = 1; i <= CbpfJit.CACHED_CLASSES; i++) {
            compiled(returning(0x5eed_0100 + i));
        }
        assertThat(CbpfJit.CACHE.size()).isLessThanOrEqualTo(CbpfJit.CACHED_CLASSES);
        assertThat(compiled(p).getClass()).isNotSameAs(first);
    }

    @Test
    void theCacheForgetsTheLeastRecentlyUsedProgramFirst() {
        ClassCache cache = new ClassCache(2);
        MethodHandle one = MethodHandles.constant(Object.class, "one");
        MethodHandle two = MethodHandles.constant(Object.class, "two");
        MethodHandle three = MethodHandles.constant(Object.class, "three");
        cache.put(returning(1), one);
        cache.put(returning(2), two);
        assertThat(cache.get(returning(1))).isSameAs(one);
        cache.put(returning(3), three);
        assertThat(cache.get(returning(2))).as("the least recently used").isNull();
        assertThat(cache.get(returning(1))).isSameAs(one);
        assertThat(cache.get(returning(3))).isSameAs(three);
        assertThat(cache.size()).isEqualTo(cache.capacity()).isEqualTo(2);
    }

    /** Compiles {@code p} and forgets the filter: only the cache refers to its class then. */
    private static WeakReference<Class<?>> classOf(CbpfProgram p) {
        return new WeakReference<>(compiled(p).getClass());
    }

    @Test
    void aClassTheCacheForgotIsUnloadedWhenNoFilterUsesIt() throws InterruptedException {
        WeakReference<Class<?>> forgotten = classOf(returning(0x5eed_0200));
        for (int i = 1; i <= CbpfJit.CACHED_CLASSES; i++) {
            compiled(returning(0x5eed_0200 + i));
        }
        for (int attempt = 0; attempt < 20 && forgotten.get() != null; attempt++) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(forgotten.get()).as("the hidden class, once no filter and no cache entry holds it").isNull();
    }

    @Test
    void threadsCompilingTheSameProgramAllGetWorkingFilters() throws Exception {
        CbpfProgram p = returning(0x5eed_0300);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                results.add(pool.submit(() -> compiled(p).run(PACKET, 4, 4)));
            }
            for (Future<Integer> r : results) {
                assertThat(r.get()).isEqualTo(0x5eed_0300);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(CbpfJit.CACHE.size()).isLessThanOrEqualTo(CbpfJit.CACHED_CLASSES);
    }
}
