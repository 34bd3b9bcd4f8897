package dev.jfilter.runtime.jit;

import java.util.Objects;

/** What {@link CbpfJit#compile} made of a program: a filter, or the reason it left the program to the interpreter. */
public sealed interface JitResult {

    /** The generated filter. */
    record Compiled(PacketFilter filter) implements JitResult {
        public Compiled {
            Objects.requireNonNull(filter);
        }
    }

    /** The JIT does not handle this program; the interpreter runs it with the same results. */
    record Declined(String reason) implements JitResult {
        public Declined {
            Objects.requireNonNull(reason);
        }
    }
}
