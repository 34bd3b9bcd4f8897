package dev.jfilter.cbpf.listing;

import dev.jfilter.cbpf.CbpfProgram;
import java.util.List;

/** The outcome of parsing a listing: the program, or the errors that explain why there is none. */
public sealed interface ParseResult {

    /** The listing parsed. */
    record Parsed(CbpfProgram program) implements ParseResult {}

    /** The listing did not parse; at least one error, in line order. */
    record Failed(List<ListingError> errors) implements ParseResult {
        public Failed {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("a failure needs an error");
            }
        }
    }

    /** The program, or an {@link IllegalArgumentException} listing the errors: for tests and tools. */
    default CbpfProgram orThrow() {
        return switch (this) {
            case Parsed p -> p.program();
            case Failed f -> throw new IllegalArgumentException("listing does not parse: " + f.errors());
        };
    }
}
