package dev.jfilter.runtime.kernel;

import dev.jfilter.cbpf.CbpfProgram;
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
        if (fd < 0) {
            return Optional.of(KernelError.without("setsockopt(SO_ATTACH_FILTER)", "socket is closed"));
        }
        return SocketFilters.attach(fd, program);
    }

    /** Detaches the filter; the kernel answers {@code ENOENT} when none is attached. */
    public Optional<KernelError> detach() {
        if (fd < 0) {
            return Optional.of(KernelError.without("setsockopt(SO_DETACH_FILTER)", "socket is closed"));
        }
        return SocketFilters.detach(fd);
    }

    /**
     * The classic BPF program attached to the socket as the kernel holds it, or empty when none is (see
     * {@link SocketFilters#attached}).
     */
    public KernelResult<Optional<CbpfProgram>> attachedProgram() {
        if (fd < 0) {
            return new KernelResult.Failed<>(KernelError.without("getsockopt(SO_GET_FILTER)", "socket is closed"));
        }
        return SocketFilters.attached(fd);
    }

    /** Closes the socket (the kernel drops its filter); the error, if {@code close} reports one. */
    public Optional<KernelError> closeChecked() {
        if (fd < 0) {
            return Optional.empty();
        }
        Libc.Outcome outcome = Libc.close(fd);
        fd = -1;
        return SocketFilters.failure("close", outcome);
    }

    /** Closes the socket; idempotent. */
    @Override
    public void close() {
        closeChecked();
    }
}
