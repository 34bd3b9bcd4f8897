package dev.jfilter.runtime.jit;

import java.util.Objects;

/** What {@link CbpfJit#generate} made of a program: a class file, or why there is none HotSpot would compile. */
sealed interface Generation {

    /**
     * The class file of a filter and how its program was cut.
     *
     * @param bytes the class file, not yet defined
     * @param partition the program's pieces; those {@link Piece#generated()} are methods of the class
     */
    record ClassBytes(byte[] bytes, Partition partition) implements Generation {
        public ClassBytes {
            Objects.requireNonNull(bytes);
            Objects.requireNonNull(partition);
        }
    }

    /** Why the JIT leaves the program to the interpreter. */
    record Refused(String reason) implements Generation {
        public Refused {
            Objects.requireNonNull(reason);
        }
    }
}
