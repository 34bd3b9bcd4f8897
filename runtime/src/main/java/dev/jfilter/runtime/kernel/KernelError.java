package dev.jfilter.runtime.kernel;

import java.util.Optional;

/**
 * Why a call into the kernel failed: the operation ({@code setsockopt(SO_ATTACH_FILTER)}) and the errno the kernel
 * returned, or a reason found before calling it.
 */
public record KernelError(String operation, Optional<Errno> errno, String reason) {

    /** A failure the kernel reported with {@code errno}. */
    static KernelError of(String operation, Errno errno) {
        return new KernelError(operation, Optional.of(errno), errno.toString());
    }

    /** A failure found without asking the kernel. */
    static KernelError without(String operation, String reason) {
        return new KernelError(operation, Optional.empty(), reason);
    }

    /** {@code operation: EINVAL: Invalid argument}. */
    public String message() {
        return operation + ": " + reason;
    }

    @Override
    public String toString() {
        return message();
    }
}
