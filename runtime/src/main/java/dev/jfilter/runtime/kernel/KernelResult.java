package dev.jfilter.runtime.kernel;

/**
 * The outcome of a kernel operation: a value, or the {@link KernelError} that explains why there is none.
 *
 * @param <T> the value's type
 */
public sealed interface KernelResult<T> {

    /** Success. */
    record Ok<T>(T value) implements KernelResult<T> {}

    /** Failure. */
    record Failed<T>(KernelError error) implements KernelResult<T> {}

    /** True for {@link Ok}. */
    default boolean isOk() {
        return this instanceof Ok<T>;
    }

    /** The value of an {@link Ok}; throws {@link IllegalStateException} with the error's message otherwise. */
    default T orElseThrow() {
        return switch (this) {
            case Ok<T> ok -> ok.value();
            case Failed<T> failed -> throw new IllegalStateException(failed.error().message());
        };
    }
}
