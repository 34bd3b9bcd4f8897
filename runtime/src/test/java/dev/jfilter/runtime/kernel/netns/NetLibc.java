package dev.jfilter.runtime.kernel.netns;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The C library calls of the namespace fixtures ({@link InNamespace}, {@link RawSender}), bound with the FFM API.
 * Calls that can fail capture {@code errno} right after the call ({@code Linker.Option.captureCallState}), before
 * the JVM can clobber it; a failure is an {@link IllegalStateException} naming the call and the errno.
 *
 * @see <a href="https://man7.org/linux/man-pages/man2/setns.2.html">setns(2)</a>
 * @see <a href="https://man7.org/linux/man-pages/man7/packet.7.html">packet(7)</a>
 */
final class NetLibc {
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int CLONE_NEWNET = 0x40000000;
    static final int AF_PACKET = 17;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    private static final int ENODEV = 19;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    /** {@code open} is variadic: the mode is passed as its first variadic argument. */
    private static final MethodHandle OPEN = bind("open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), CAPTURE_ERRNO,
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle SETNS = bind("setns",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle SOCKET = bind("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle SENDTO = bind("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT),
            CAPTURE_ERRNO);
    /** {@code ioctl} is variadic: the argument pointer is its first variadic argument. */
    private static final MethodHandle IOCTL = bind("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), CAPTURE_ERRNO,
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle WRITE = bind("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), CAPTURE_ERRNO);
    private static final MethodHandle IF_NAMETOINDEX = bind("if_nametoindex",
            FunctionDescriptor.of(JAVA_INT, ADDRESS), CAPTURE_ERRNO);
    private static final MethodHandle SCHED_GETCPU = bind("sched_getcpu", FunctionDescriptor.of(JAVA_INT),
            CAPTURE_ERRNO);
    private static final MethodHandle SCHED_SETAFFINITY = bind("sched_setaffinity",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), CAPTURE_ERRNO);
    /** {@code sizeof(cpu_set_t)} in glibc: 1024 CPUs. */
    private static final int CPU_SET_BYTES = 128;
    private static final MethodHandle STRERROR = bind("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    /** glibc 2.32+; null elsewhere (the errno is then shown as a number). */
    private static final MethodHandle STRERRORNAME_NP = LIBC.find("strerrorname_np")
            .map(s -> LINKER.downcallHandle(s, FunctionDescriptor.of(ADDRESS, JAVA_INT))).orElse(null);

    private NetLibc() {}

    private static MethodHandle bind(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LIBC.find(name)
                .orElseThrow(() -> new IllegalStateException("the C library has no " + name));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    /** {@code open(path, flags)}: the file descriptor. */
    static int open(String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path), flags, 0);
            return check(fd, state, "open(" + path + ")");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int r = (int) CLOSE.invokeExact(state, fd);
            check(r, state, "close(" + fd + ")");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code setns(fd, nstype)}; {@code what} names the namespace in the message of a failure. */
    static void setns(int fd, int nstype, String what) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int r = (int) SETNS.invokeExact(state, fd, nstype);
            check(r, state, "setns(" + what + ")");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int socket(int domain, int type, int protocol) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) SOCKET.invokeExact(state, domain, type, protocol);
            return check(fd, state, "socket(" + domain + ", " + type + ", " + protocol + ")");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code ioctl(fd, request, argument)}; {@code what} names it in the message of a failure. */
    static void ioctl(int fd, long request, MemorySegment argument, String what) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int r = (int) IOCTL.invokeExact(state, fd, request, argument);
            check(r, state, "ioctl(" + what + ")");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code write(fd, data, len)}: the number of bytes written. */
    static long write(int fd, MemorySegment data) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            long written = (long) WRITE.invokeExact(state, fd, data, data.byteSize());
            if (written == -1) {
                throw failure("write(" + data.byteSize() + " bytes)", errno(state));
            }
            return written;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code sendto(fd, data, len, 0, address, addressLength)}: the number of bytes sent. */
    static long sendto(int fd, MemorySegment data, MemorySegment address) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            long sent = (long) SENDTO.invokeExact(state, fd, data, data.byteSize(), 0, address,
                    (int) address.byteSize());
            if (sent == -1) {
                throw failure("sendto(" + data.byteSize() + " bytes)", errno(state));
            }
            return sent;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * The index of the interface {@code name} in the calling thread's network namespace, or 0 when there is none
     * ({@code ENODEV}); other failures throw.
     */
    static int ifNameToIndex(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int index = (int) IF_NAMETOINDEX.invokeExact(state, arena.allocateFrom(name));
            int errno = errno(state);
            if (index == 0 && errno != ENODEV) {
                throw failure("if_nametoindex(" + name + ")", errno);
            }
            return index;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Pins the calling thread to the CPU it runs on ({@code sched_getcpu}, {@code sched_setaffinity(0, ...)});
     * returns that CPU.
     */
    static int pinToCurrentCpu() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int cpu = check((int) SCHED_GETCPU.invokeExact(state), state, "sched_getcpu()");
            if (cpu >= CPU_SET_BYTES * 8) {
                return cpu; // beyond a default cpu_set_t: leave the thread free
            }
            MemorySegment set = arena.allocate(CPU_SET_BYTES, 8);
            set.set(ValueLayout.JAVA_BYTE, cpu / 8, (byte) (1 << cpu % 8));
            int r = (int) SCHED_SETAFFINITY.invokeExact(state, 0, (long) CPU_SET_BYTES, set);
            check(r, state, "sched_setaffinity(0, cpu " + cpu + ")");
            return cpu;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static int check(int result, MemorySegment state, String call) {
        if (result == -1) {
            throw failure(call, errno(state));
        }
        return result;
    }

    /** An {@link IllegalStateException} saying {@code call} failed with {@code errno}, by name and text. */
    static IllegalStateException failure(String call, int errno) {
        return new IllegalStateException(call + " failed: " + describe(errno));
    }

    /** {@code ENOENT (No such file or directory)}. */
    static String describe(int errno) {
        try {
            String name = STRERRORNAME_NP == null ? null : cString((MemorySegment) STRERRORNAME_NP.invokeExact(errno));
            String text = cString((MemorySegment) STRERROR.invokeExact(errno));
            return (name == null ? "errno " + errno : name) + " (" + (text == null ? "?" : text) + ")";
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static String cString(MemorySegment pointer) {
        return pointer.equals(MemorySegment.NULL) ? null : pointer.reinterpret(Integer.MAX_VALUE).getString(0);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call failed", t);
    }
}
