package dev.jfilter.ebpf.gen;

import dev.jfilter.ebpf.insn.Program;
import java.util.List;
import java.util.Objects;

/** The outcome of {@link EbpfGenerator#generate}: a program, or the problems that keep it from loading. */
public sealed interface Generation {

    /**
     * A program for the requested type.
     *
     * @param program        the instructions
     * @param verifierSteps  how many instructions the kernel's verifier is expected to process
     *                       ({@link dev.jfilter.ebpf.verifier.VerifierModel}; the kernel reports its own count as
     *                       {@code verified_insns})
     */
    record Generated(Program program, long verifierSteps) implements Generation {
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
