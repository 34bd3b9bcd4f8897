package dev.jfilter.runtime.jit;

import dev.jfilter.cbpf.CbpfProgram;
import java.lang.invoke.MethodHandle;
import java.lang.ref.SoftReference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The classes {@link CbpfJit} generated lately, by program ({@link CbpfProgram} equality), so that compiling a
 * program again makes a new instance of its class instead of defining another hidden class. Least recently used
 * first out, at most {@code capacity} programs; each class is held through a soft reference to its constructor, so
 * the JVM may unload it under memory pressure once no filter of it is left (the hidden classes are not tied to their
 * loader). Thread-safe; only compiling touches it, never a packet.
 */
final class ClassCache {
    private final int capacity;
    private final Map<CbpfProgram, SoftReference<MethodHandle>> constructors;

    ClassCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
        this.constructors = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<CbpfProgram, SoftReference<MethodHandle>> eldest) {
                return size() > ClassCache.this.capacity;
            }
        };
    }

    /** The constructor ({@code (CbpfProgram)} to the filter) of the class generated for {@code program}, or null. */
    synchronized MethodHandle get(CbpfProgram program) {
        SoftReference<MethodHandle> ref = constructors.get(program);
        MethodHandle constructor = ref == null ? null : ref.get();
        if (ref != null && constructor == null) {
            constructors.remove(program);
        }
        return constructor;
    }

    /** Remembers the class generated for {@code program}, forgetting the least recently used beyond the capacity. */
    synchronized void put(CbpfProgram program, MethodHandle constructor) {
        constructors.put(Objects.requireNonNull(program), new SoftReference<>(Objects.requireNonNull(constructor)));
    }

    /** How many programs it holds. */
    synchronized int size() {
        return constructors.size();
    }

    /** The most programs it holds. */
    int capacity() {
        return capacity;
    }
}
