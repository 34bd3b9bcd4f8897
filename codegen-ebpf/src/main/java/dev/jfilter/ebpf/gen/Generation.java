package dev.jfilter.ebpf.gen;

import dev.jfilter.ebpf.insn.Program;
import java.util.List;
import java.util.Objects;

/** The outcome of {@link EbpfGenerator#generate}: a program, or the problems that keep it from loading. */
public sealed interface Generation {

    /**
     * A program for the requested type.
     *
     * @param program   the instructions
     * @param pathBound an upper bound of the instructions the kernel's verifier processes (it refuses more than
     *                  {@link VerifierEstimate#LIMIT}); see {@link VerifierEstimate} for how loose it is
     */
    record Generated(Program program, long pathBound) implements Generation {
        public Generated {
            Objects.requireNonNull(program, "program");
        }
    }

    /** The filter cannot be expressed as a loadable program of the requested type. */
    record Refused(List<Problem> problems) implements Generation {
        public Refused {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a refusal needs a reason");
            }
        }
    }
}
