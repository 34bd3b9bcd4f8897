package dev.jfilter.runtime.kernel;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.jfilter.cbpf.CbpfProgram;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * A socket with a classic BPF filter attached in the kernel: {@code setsockopt(SO_ATTACH_FILTER)} checks the
 * program ({@code bpf_check_classic}) and installs it, {@code SO_DETACH_FILTER} removes it, {@code getsockopt
 * (SO_GET_FILTER)} reads the installed program back. Every failure is a {@link KernelError} value naming the
 * errno ({@code EINVAL: Invalid argument}). Not thread-safe.
 *
 * @see <a href="https://man7.org/linux/man-pages/man7/socket.7.html">socket(7)</a>
 * @see <a href="https://www.kernel.org/doc/html/latest/networking/filter.html">Linux Socket Filtering</a>
 */
public final class FilterSocket implements AutoCloseable {
    private final SocketKind kind;
    private int fd;

    private FilterSocket(SocketKind kind, int fd) {
        this.kind = kind;
        this.fd = fd;
    }

    /** Opens a socket of {@code kind}, or says why it cannot (the platform, or the kernel's errno). */
    public static KernelResult<FilterSocket> open(SocketKind kind) {
        Optional<String> unavailable = Platform.unavailableReason();
        if (unavailable.isPresent()) {
            return new KernelResult.Failed<>(KernelError.without("socket", unavailable.get()));
        }
        Libc.Outcome outcome = Libc.socket(kind.domain(), kind.type(), kind.protocol());
        if (outcome.failed()) {
            return new KernelResult.Failed<>(KernelError.of(socketCall(kind), Libc.describe(outcome.errno())));
        }
        return new KernelResult.Ok<>(new FilterSocket(kind, outcome.value()));
    }

    private static String socketCall(SocketKind kind) {
        return switch (kind) {
            case UDP -> "socket(AF_INET, SOCK_DGRAM)";
            case PACKET_RAW -> "socket(AF_PACKET, SOCK_RAW)";
        };
    }

    /** The kind of socket. */
    public SocketKind kind() {
        return kind;
    }

    /** The file descriptor, or -1 once closed. */
    public int fd() {
        return fd;
    }

    /** Attaches {@code program}, replacing any filter attached before; the error if the kernel refuses it. */
    public Optional<KernelError> attach(CbpfProgram program) {
        String operation = "setsockopt(SO_ATTACH_FILTER)";
        if (fd < 0) {
            return Optional.of(KernelError.without(operation, "socket is closed"));
        }
        if (program.size() > SockFprog.MAX_LENGTH) {
            return Optional.of(KernelError.without(operation, "the program has " + program.size()
                    + " instructions; struct sock_fprog counts at most " + SockFprog.MAX_LENGTH));
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fprog = SockFprog.fprog(arena, program.size(), SockFprog.filters(arena, program));
            Libc.Outcome outcome = Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_ATTACH_FILTER, fprog,
                    (int) fprog.byteSize());
            return failure(operation, outcome);
        }
    }

    /** Detaches the filter; the kernel answers {@code ENOENT} when none is attached. */
    public Optional<KernelError> detach() {
        String operation = "setsockopt(SO_DETACH_FILTER)";
        if (fd < 0) {
            return Optional.of(KernelError.without(operation, "socket is closed"));
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment dummy = arena.allocate(JAVA_INT);
            Libc.Outcome outcome =
                    Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_DETACH_FILTER, dummy, (int) dummy.byteSize());
            return failure(operation, outcome);
        }
    }

    /**
     * The classic BPF program attached to the socket as the kernel holds it, or empty when none is. The kernel
     * counts in instructions, not bytes: asked with a length of 0 it answers the instruction count, then it
     * copies that many instructions.
     */
    public KernelResult<Optional<CbpfProgram>> attachedProgram() {
        String operation = "getsockopt(SO_GET_FILTER)";
        if (fd < 0) {
            return new KernelResult.Failed<>(KernelError.without(operation, "socket is closed"));
        }
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

    private static Optional<KernelError> failure(String operation, Libc.Outcome outcome) {
        return outcome.failed()
                ? Optional.of(KernelError.of(operation, Libc.describe(outcome.errno())))
                : Optional.empty();
    }

    /** Closes the socket (the kernel drops its filter); the error, if {@code close} reports one. */
    public Optional<KernelError> closeChecked() {
        if (fd < 0) {
            return Optional.empty();
        }
        Libc.Outcome outcome = Libc.close(fd);
        fd = -1;
        return failure("close", outcome);
    }

    /** Closes the socket; idempotent. */
    @Override
    public void close() {
        closeChecked();
    }
}
