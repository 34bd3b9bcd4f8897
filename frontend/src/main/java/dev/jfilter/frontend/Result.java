package dev.jfilter.frontend;

import java.util.List;
import java.util.function.Function;

/**
 * The outcome of a compiler stage: a value, or the diagnostics that explain why there is none.
 *
 * @param <T> the value's type
 */
public sealed interface Result<T> {

    /** Success. */
    record Ok<T>(T value) implements Result<T> {}

    /** Failure with at least one diagnostic. */
    record Failed<T>(List<Diagnostic> diagnostics) implements Result<T> {
        public Failed {
            diagnostics = List.copyOf(diagnostics);
            if (diagnostics.isEmpty()) {
                throw new IllegalArgumentException("a failure needs a diagnostic");
            }
        }
    }

    /** A success. */
    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    /** A failure with one diagnostic. */
    static <T> Result<T> failed(Diagnostic diagnostic) {
        return new Failed<>(List.of(diagnostic));
    }

    /** Applies {@code next} to a success; passes a failure on. */
    default <U> Result<U> then(Function<? super T, Result<U>> next) {
        return switch (this) {
            case Ok<T> ok -> next.apply(ok.value());
            case Failed<T> failed -> new Failed<>(failed.diagnostics());
        };
    }

    /** Maps a success's value; passes a failure on. */
    default <U> Result<U> map(Function<? super T, U> f) {
        return then(v -> new Ok<>(f.apply(v)));
    }
}
