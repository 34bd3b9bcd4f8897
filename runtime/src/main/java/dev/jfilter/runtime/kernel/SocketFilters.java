package dev.jfilter.runtime.kernel;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.jfilter.cbpf.CbpfProgram;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * The socket options that put a filter on a socket, by descriptor: {@code SO_ATTACH_FILTER} (classic BPF, checked
 * by {@code bpf_check_classic}), {@code SO_ATTACH_BPF} (a loaded eBPF socket filter), {@code SO_DETACH_FILTER}, and
 * {@code SO_GET_FILTER}, which reads a classic program back.
 *
 * @see <a href="https://man7.org/linux/man-pages/man7/socket.7.html">socket(7), SO_ATTACH_FILTER, SO_ATTACH_BPF</a>
 */
final class SocketFilters {
    static final int SO_ATTACH_BPF = 50;

    private SocketFilters() {}

    /** Attaches a classic program, replacing any filter before it; the error if the kernel refuses it. */
    static Optional<KernelError> attach(int fd, CbpfProgram program) {
        String operation = "setsockopt(SO_ATTACH_FILTER)";
        if (program.size() > SockFprog.MAX_LENGTH) {
            return Optional.of(KernelError.without(operation, "the program has " + program.size()
                    + " instructions; struct sock_fprog counts at most " + SockFprog.MAX_LENGTH));
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fprog = SockFprog.fprog(arena, program.size(), SockFprog.filters(arena, program));
            return failure(operation,
                    Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_ATTACH_FILTER, fprog, (int) fprog.byteSize()));
        }
    }

    /** Attaches the loaded eBPF socket filter {@code programFd}; the socket keeps its own reference to it. */
    static Optional<KernelError> attachBpf(int fd, int programFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(JAVA_INT);
            value.set(JAVA_INT, 0, programFd);
            return failure("setsockopt(SO_ATTACH_BPF)",
                    Libc.setsockopt(fd, Libc.SOL_SOCKET, SO_ATTACH_BPF, value, (int) value.byteSize()));
        }
    }

    /** Detaches the filter; the kernel answers {@code ENOENT} when none is attached. */
    static Optional<KernelError> detach(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment dummy = arena.allocate(JAVA_INT);
            return failure("setsockopt(SO_DETACH_FILTER)",
                    Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_DETACH_FILTER, dummy, (int) dummy.byteSize()));
        }
    }

    /**
     * The classic program attached, as the kernel holds it; empty when none is. The kernel counts in instructions,
     * not bytes: asked with a length of 0 it answers the instruction count, then it copies that many. A socket with
     * an eBPF filter answers {@code EINVAL}.
     */
    static KernelResult<Optional<CbpfProgram>> attached(int fd) {
        String operation = "getsockopt(SO_GET_FILTER)";
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, 0);
            Libc.Outcome count = Libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_GET_FILTER, MemorySegment.NULL, length);
            if (count.failed()) {
                return new KernelResult.Failed<>(KernelError.of(operation, Libc.describe(count.errno())));
            }
            int instructions = length.get(JAVA_INT, 0);
            if (instructions == 0) {
                return new KernelResult.Ok<>(Optional.empty());
            }
            MemorySegment array = arena.allocate(SockFprog.SOCK_FILTER, instructions);
            length.set(JAVA_INT, 0, instructions);
            Libc.Outcome read = Libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_GET_FILTER, array, length);
            if (read.failed()) {
                return new KernelResult.Failed<>(KernelError.of(operation, Libc.describe(read.errno())));
            }
            int copied = length.get(JAVA_INT, 0);
            if (copied != instructions) {
                return new KernelResult.Failed<>(KernelError.without(operation,
                        "the kernel announced " + instructions + " instructions, then copied " + copied));
            }
            return new KernelResult.Ok<>(Optional.of(SockFprog.read(array, instructions)));
        }
    }

    static Optional<KernelError> failure(String operation, Libc.Outcome outcome) {
        return outcome.failed()
                ? Optional.of(KernelError.of(operation, Libc.describe(outcome.errno())))
                : Optional.empty();
    }
}
