package dev.jfilter.runtime.kernel;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Optional;

/**
 * The few C library calls the kernel attach needs, bound with the FFM API. Calls that can fail capture
 * {@code errno} right after the call ({@code Linker.Option.captureCallState}), before the JVM can clobber it.
 */
final class Libc {
    static final int SOL_SOCKET = 1;
    static final int SO_ATTACH_FILTER = 26;
    static final int SO_DETACH_FILTER = 27;
    static final int SO_GET_FILTER = SO_ATTACH_FILTER;

    private static final StructLayout CALL_STATE;
    private static final VarHandle ERRNO;

    private static final MethodHandle SOCKET;
    private static final MethodHandle SETSOCKOPT;
    private static final MethodHandle GETSOCKOPT;
    private static final MethodHandle CLOSE;
    private static final MethodHandle STRERROR;
    /** glibc 2.32+; absent elsewhere. */
    private static final MethodHandle STRERRORNAME_NP;
    private static final String LOAD_PROBLEM;

    static {
        StructLayout callState = null;
        VarHandle errnoHandle = null;
        MethodHandle socket = null;
        MethodHandle setsockopt = null;
        MethodHandle getsockopt = null;
        MethodHandle close = null;
        MethodHandle strerror = null;
        MethodHandle strerrorname = null;
        String problem = null;
        try {
            Linker linker = Linker.nativeLinker();
            callState = Linker.Option.captureStateLayout();
            errnoHandle = callState.varHandle(MemoryLayout.PathElement.groupElement("errno"));
            SymbolLookup libc = linker.defaultLookup();
            Linker.Option errno = Linker.Option.captureCallState("errno");
            socket = bind(linker, libc, "socket",
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), errno);
            setsockopt = bind(linker, libc, "setsockopt",
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), errno);
            getsockopt = bind(linker, libc, "getsockopt",
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), errno);
            close = bind(linker, libc, "close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), errno);
            strerror = bind(linker, libc, "strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
            strerrorname = libc.find("strerrorname_np")
                    .map(s -> linker.downcallHandle(s, FunctionDescriptor.of(ADDRESS, JAVA_INT)))
                    .orElse(null);
        } catch (RuntimeException | LinkageError e) {
            problem = "cannot bind the C library's socket calls: " + e;
        }
        CALL_STATE = callState;
        ERRNO = errnoHandle;
        SOCKET = socket;
        SETSOCKOPT = setsockopt;
        GETSOCKOPT = getsockopt;
        CLOSE = close;
        STRERROR = strerror;
        STRERRORNAME_NP = strerrorname;
        LOAD_PROBLEM = problem;
    }

    private Libc() {}

    static MethodHandle bind(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor descriptor,
            Linker.Option... options) {
        MemorySegment symbol = lookup.find(name)
                .orElseThrow(() -> new IllegalStateException("the C library has no " + name));
        return linker.downcallHandle(symbol, descriptor, options);
    }

    static Optional<String> loadProblem() {
        return Optional.ofNullable(LOAD_PROBLEM);
    }

    /** A call's return value and the errno captured after it (meaningful when the value is -1). */
    record Outcome(int value, int errno) {
        boolean failed() {
            return value == -1;
        }
    }

    static MemorySegment callState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    /** The errno captured in a call state from {@link #callState}. */
    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    static Outcome socket(int domain, int type, int protocol) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = callState(arena);
            int fd = (int) SOCKET.invokeExact(state, domain, type, protocol);
            return new Outcome(fd, errno(state));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static Outcome setsockopt(int fd, int level, int name, MemorySegment value, int length) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = callState(arena);
            int r = (int) SETSOCKOPT.invokeExact(state, fd, level, name, value, length);
            return new Outcome(r, errno(state));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code getsockopt}; {@code length} holds the in/out {@code socklen_t}. */
    static Outcome getsockopt(int fd, int level, int name, MemorySegment value, MemorySegment length) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = callState(arena);
            int r = (int) GETSOCKOPT.invokeExact(state, fd, level, name, value, length);
            return new Outcome(r, errno(state));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static Outcome close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = callState(arena);
            int r = (int) CLOSE.invokeExact(state, fd);
            return new Outcome(r, errno(state));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The errno's name ({@code strerrorname_np}, else a small table) and {@code strerror} text. */
    static Errno describe(int errno) {
        try {
            String description = cString((MemorySegment) STRERROR.invokeExact(errno)).orElse("Unknown error " + errno);
            String name = null;
            if (STRERRORNAME_NP != null) {
                name = cString((MemorySegment) STRERRORNAME_NP.invokeExact(errno)).orElse(null);
            }
            if (name == null) {
                name = ErrnoNames.name(errno);
            }
            return new Errno(errno, name, description);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static Optional<String> cString(MemorySegment pointer) {
        if (pointer.equals(MemorySegment.NULL)) {
            return Optional.empty();
        }
        return Optional.of(pointer.reinterpret(Integer.MAX_VALUE).getString(0));
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call failed", t);
    }
}
