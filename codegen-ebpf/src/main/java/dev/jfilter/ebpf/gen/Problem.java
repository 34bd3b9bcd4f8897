package dev.jfilter.ebpf.gen;

import java.util.Objects;

/**
 * Why a filter cannot become a loadable eBPF program of the requested type, said before the kernel would refuse it.
 *
 * @param message what is wrong, in a user's terms
 */
public record Problem(String message) {
    public Problem {
        Objects.requireNonNull(message, "message");
    }
}
