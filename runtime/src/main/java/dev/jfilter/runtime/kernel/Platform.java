package dev.jfilter.runtime.kernel;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether this JVM can attach classic BPF filters in the kernel: Linux, on an architecture whose socket-option
 * numbers are the generic ones ({@code SOL_SOCKET} 1, {@code SO_ATTACH_FILTER} 26) and whose pointers the
 * {@code struct sock_fprog} layout here assumes.
 *
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/asm-generic/socket.h">asm-generic/socket.h</a>
 */
public final class Platform {
    /** Architectures with the generic socket.h numbers (not alpha, mips, parisc, sparc). */
    private static final Set<String> GENERIC_ARCHES =
            Set.of("amd64", "x86_64", "aarch64", "arm64", "riscv64", "ppc64le", "ppc64", "s390x", "loongarch64");

    private Platform() {}

    /** Why kernel attach is unavailable here, or empty when it is available. */
    public static Optional<String> unavailableReason() {
        String os = System.getProperty("os.name", "unknown");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.of("attaching BPF programs in the kernel needs Linux; this is " + os);
        }
        String arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
        if (!GENERIC_ARCHES.contains(arch)) {
            return Optional.of("kernel attach is not supported on " + arch
                    + ": its socket option numbers or pointer size differ from the ones jfilter uses");
        }
        return Libc.loadProblem();
    }

    /** True when {@link #unavailableReason()} is empty. */
    public static boolean isSupported() {
        return unavailableReason().isEmpty();
    }
}
