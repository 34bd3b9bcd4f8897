package dev.jfilter.runtime.cbpf;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.SockFilter;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Optional;

/**
 * The running kernel's classic BPF checker, for tests: {@code setsockopt(SO_ATTACH_FILTER)} on an {@code AF_UNIX}
 * datagram socket, which needs no privilege and runs {@code bpf_check_classic()} like any socket. One socket is
 * reused (attaching replaces the filter). Not thread-safe.
 */
@SuppressWarnings("restricted") // it calls libc
final class KernelFilterCheck implements AutoCloseable {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOL_SOCKET = 1;
    private static final int SO_ATTACH_FILTER = 26;
    private static final StructLayout ERRNO_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = ERRNO_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private final MethodHandle setsockopt;
    private final MethodHandle close;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment errno = arena.allocate(ERRNO_STATE);
    private final int fd;

    private KernelFilterCheck(MethodHandle setsockopt, MethodHandle close, int fd) {
        this.setsockopt = setsockopt;
        this.close = close;
        this.fd = fd;
    }

    /** A checker, or empty with the reason on systems where the socket cannot be made. */
    static Optional<KernelFilterCheck> open(StringBuilder whyNot) {
        try {
            Linker linker = Linker.nativeLinker();
            var libc = linker.defaultLookup();
            MethodHandle socket = linker.downcallHandle(libc.findOrThrow("socket"),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT));
            MethodHandle setsockopt = linker.downcallHandle(libc.findOrThrow("setsockopt"),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
                    Linker.Option.captureCallState("errno"));
            MethodHandle close = linker.downcallHandle(libc.findOrThrow("close"),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            int fd = (int) socket.invokeExact(AF_UNIX, SOCK_DGRAM, 0);
            if (fd < 0) {
                whyNot.append("socket(AF_UNIX, SOCK_DGRAM) failed");
                return Optional.empty();
            }
            return Optional.of(new KernelFilterCheck(setsockopt, close, fd));
        } catch (Throwable t) {
            whyNot.append("cannot call libc: ").append(t);
            return Optional.empty();
        }
    }

    /** 0 if the kernel accepts {@code program}, else the errno of {@code SO_ATTACH_FILTER}. */
    int check(CbpfProgram program) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment insns = call.allocate(8L * Math.max(1, program.size()), 8);
            for (int i = 0; i < program.size(); i++) {
                SockFilter f = program.get(i);
                insns.set(ValueLayout.JAVA_SHORT, 8L * i, (short) f.code());
                insns.set(ValueLayout.JAVA_BYTE, 8L * i + 2, (byte) f.jt());
                insns.set(ValueLayout.JAVA_BYTE, 8L * i + 3, (byte) f.jf());
                insns.set(ValueLayout.JAVA_INT, 8L * i + 4, f.k());
            }
            // struct sock_fprog { unsigned short len; struct sock_filter *filter; }
            MemorySegment fprog = call.allocate(16, 8);
            fprog.set(ValueLayout.JAVA_SHORT, 0, (short) program.size());
            fprog.set(ValueLayout.ADDRESS, 8, insns);
            int rc = (int) setsockopt.invokeExact(errno, fd, SOL_SOCKET, SO_ATTACH_FILTER, fprog, 16);
            return rc == 0 ? 0 : (int) ERRNO.get(errno, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public void close() {
        try {
            int ignored = (int) close.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        } finally {
            arena.close();
        }
    }
}
