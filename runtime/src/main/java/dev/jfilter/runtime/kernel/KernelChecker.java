package dev.jfilter.runtime.kernel;

import dev.jfilter.cbpf.CbpfProgram;
import java.util.Optional;

/**
 * Asks the running kernel whether it accepts a classic BPF program: opens an unprivileged UDP socket, attaches the
 * program ({@code SO_ATTACH_FILTER} runs {@code bpf_check_classic}), reads it back ({@code SO_GET_FILTER}) and
 * compares it with what was attached, detaches, closes.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/networking/filter.html">Linux Socket Filtering</a>
 */
public final class KernelChecker {
    private KernelChecker() {}

    /** Empty when the kernel accepts {@code program} and gives it back unchanged; otherwise why not. */
    public static Optional<String> check(CbpfProgram program) {
        KernelResult<FilterSocket> opened = FilterSocket.open(SocketKind.UDP);
        return switch (opened) {
            case KernelResult.Failed<FilterSocket> failed -> Optional.of(failed.error().message());
            case KernelResult.Ok<FilterSocket> ok -> {
                try (FilterSocket socket = ok.value()) {
                    yield check(socket, program);
                }
            }
        };
    }

    private static Optional<String> check(FilterSocket socket, CbpfProgram program) {
        Optional<KernelError> attached = socket.attach(program);
        if (attached.isPresent()) {
            return Optional.of(attached.get().message());
        }
        Optional<String> readBack = switch (socket.attachedProgram()) {
            case KernelResult.Failed<Optional<CbpfProgram>> failed -> Optional.of(failed.error().message());
            case KernelResult.Ok<Optional<CbpfProgram>> ok -> ok.value().isEmpty()
                    ? Optional.of("getsockopt(SO_GET_FILTER): no filter attached after a successful attach")
                    : difference(program, ok.value().get());
        };
        if (readBack.isPresent()) {
            return readBack;
        }
        return socket.detach().map(KernelError::message);
    }

    private static Optional<String> difference(CbpfProgram attached, CbpfProgram readBack) {
        if (attached.size() != readBack.size()) {
            return Optional.of("the kernel gave back " + readBack.size() + " instructions for the "
                    + attached.size() + " attached");
        }
        for (int i = 0; i < attached.size(); i++) {
            if (!attached.get(i).equals(readBack.get(i))) {
                return Optional.of("instruction " + i + " came back as " + readBack.get(i) + " for "
                        + attached.get(i));
            }
        }
        return Optional.empty();
    }
}
