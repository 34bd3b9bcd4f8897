package dev.jfilter.runtime.jit;

import dev.jfilter.cbpf.CbpfProgram;
import java.util.Objects;

/**
 * The superclass of the classes {@link CbpfJit} generates: it holds the program, the generated subclass implements
 * {@link #run} (and, for a large program, static methods for its later pieces). Generated filters keep A, X and the
 * scratch words in locals and pass them to later pieces as arguments, so they have no state and any number of threads
 * may share one.
 */
abstract class JittedFilter implements PacketFilter {
    private final CbpfProgram program;

    protected JittedFilter(CbpfProgram program) {
        this.program = Objects.requireNonNull(program);
    }

    @Override
    public final CbpfProgram program() {
        return program;
    }

    @Override
    public final PacketFilter copy() {
        return this;
    }

    @Override
    public String toString() {
        return "jitted cBPF filter of " + program.size() + " instructions";
    }
}
