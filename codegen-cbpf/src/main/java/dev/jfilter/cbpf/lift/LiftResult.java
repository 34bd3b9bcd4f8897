package dev.jfilter.cbpf.lift;

import dev.jfilter.cfg.Cfg;
import java.util.List;

/** The outcome of lifting a classic BPF program: its control-flow graph, or the problems that prevent one. */
public sealed interface LiftResult {

    /** The program as a graph that returns what the program returns on every packet. */
    record Lifted(Cfg cfg) implements LiftResult {}

    /** No graph: at least one problem, in instruction order (listing errors in line order). */
    record Failed(List<LiftProblem> problems) implements LiftResult {
        public Failed {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a failure needs a problem");
            }
        }
    }

    /** The graph, or an {@link IllegalArgumentException} listing the problems: for tests and tools. */
    default Cfg orThrow() {
        return switch (this) {
            case Lifted l -> l.cfg();
            case Failed f -> throw new IllegalArgumentException("the program cannot be lifted: " + f.problems());
        };
    }
}
