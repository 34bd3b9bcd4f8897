package dev.jfilter.cbpf.lift;

import dev.jfilter.cbpf.listing.ListingError;
import dev.jfilter.cbpf.validate.Problem;

/**
 * Why a classic BPF program cannot be lifted: its listing does not parse, the kernel's checker refuses it, or one of
 * its instructions means something the {@link dev.jfilter.cfg.Cfg} cannot state. Each names the instruction
 * ({@link #index()}, {@code -1} for the program as a whole) and, when the program came from a listing, the line
 * ({@link #line()}, 0 otherwise).
 */
public sealed interface LiftProblem {

    /** The instruction concerned, or {@code -1} for the whole program or a listing error. */
    int index();

    /** The 1-based line of the listing the problem is on, or 0 when the program did not come from a listing. */
    int line();

    /** What is wrong. */
    String message();

    /** The same problem located at a line of a listing. */
    LiftProblem atLine(int line);

    /** The problem as one line of text: {@code line 4: (002): message}. */
    default String describe() {
        return (line() > 0 ? "line " + line() + ": " : "")
                + (index() >= 0 ? "(" + String.format("%03d", index()) + "): " : "") + message();
    }

    /** The listing is not a well-formed {@code -ddd} or bytecode listing. */
    record Unreadable(ListingError error) implements LiftProblem {
        @Override
        public int index() {
            return -1;
        }

        @Override
        public int line() {
            return error.line();
        }

        @Override
        public String message() {
            return error.message();
        }

        @Override
        public LiftProblem atLine(int line) {
            return new Unreadable(new ListingError(line, error.message()));
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /** The kernel's checker ({@code bpf_check_classic}, {@code check_load_and_stores}) refuses the program. */
    record Rejected(Problem problem, int line) implements LiftProblem {
        @Override
        public int index() {
            return problem.index();
        }

        @Override
        public String message() {
            return problem.message();
        }

        @Override
        public LiftProblem atLine(int newLine) {
            return new Rejected(problem, newLine);
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /** The instruction means something no statement of the graph means (a header-relative load of the kernel). */
    record Inexpressible(int index, int line, String message) implements LiftProblem {
        @Override
        public LiftProblem atLine(int newLine) {
            return new Inexpressible(index, newLine, message);
        }

        @Override
        public String toString() {
            return describe();
        }
    }
}
