package dev.jfilter.runtime.kernel;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The C library calls live capture needs beyond {@link Libc}'s: {@code bind}, {@code mmap}/{@code munmap} for the
 * packet ring, {@code poll}, {@code ioctl} for interface facts, {@code if_nametoindex}/{@code if_nameindex},
 * {@code eventfd}, {@code write} and {@code read} to wake a waiting capture. Bound on first use; errno captured after each call.
 *
 * @see <a href="https://man7.org/linux/man-pages/man7/packet.7.html">packet(7)</a>
 */
final class PacketCalls {
    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int MAP_SHARED = 1;
    static final short POLLIN = 0x1;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;
    static final int EINTR = 4;
    static final int EFD_CLOEXEC = 0x80000;
    static final int EFD_NONBLOCK = 0x800;

    private static final MethodHandle BIND;
    private static final MethodHandle MMAP;
    private static final MethodHandle MUNMAP;
    private static final MethodHandle POLL;
    private static final MethodHandle IOCTL;
    private static final MethodHandle IF_NAMETOINDEX;
    private static final MethodHandle IF_NAMEINDEX;
    private static final MethodHandle IF_FREENAMEINDEX;
    private static final MethodHandle EVENTFD;
    private static final MethodHandle WRITE;
    private static final MethodHandle READ;
    private static final String LOAD_PROBLEM;

    static {
        MethodHandle bind = null;
        MethodHandle mmap = null;
        MethodHandle munmap = null;
        MethodHandle poll = null;
        MethodHandle ioctl = null;
        MethodHandle nametoindex = null;
        MethodHandle nameindex = null;
        MethodHandle freenameindex = null;
        MethodHandle eventfd = null;
        MethodHandle write = null;
        MethodHandle read = null;
        String problem = Libc.loadProblem().orElse(null);
        if (problem == null) {
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                Linker.Option errno = Linker.Option.captureCallState("errno");
                bind = Libc.bind(linker, libc, "bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT),
                        errno);
                mmap = Libc.bind(linker, libc, "mmap",
                        FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG),
                        errno);
                munmap = Libc.bind(linker, libc, "munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG),
                        errno);
                poll = Libc.bind(linker, libc, "poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT),
                        errno);
                ioctl = Libc.bind(linker, libc, "ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
                        errno, Linker.Option.firstVariadicArg(2));
                nametoindex = Libc.bind(linker, libc, "if_nametoindex", FunctionDescriptor.of(JAVA_INT, ADDRESS),
                        errno);
                nameindex = Libc.bind(linker, libc, "if_nameindex", FunctionDescriptor.of(ADDRESS), errno);
                freenameindex = Libc.bind(linker, libc, "if_freenameindex", FunctionDescriptor.ofVoid(ADDRESS));
                eventfd = Libc.bind(linker, libc, "eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT),
                        errno);
                write = Libc.bind(linker, libc, "write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG),
                        errno);
                read = Libc.bind(linker, libc, "read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG),
                        errno);
            } catch (RuntimeException | LinkageError e) {
                problem = "cannot bind the C library's packet socket calls: " + e;
            }
        }
        BIND = bind;
        MMAP = mmap;
        MUNMAP = munmap;
        POLL = poll;
        IOCTL = ioctl;
        IF_NAMETOINDEX = nametoindex;
        IF_NAMEINDEX = nameindex;
        IF_FREENAMEINDEX = freenameindex;
        EVENTFD = eventfd;
        WRITE = write;
        READ = read;
        LOAD_PROBLEM = problem;
    }

    private PacketCalls() {}

    /** Why these calls are unavailable (not Linux, an unknown architecture, a missing symbol), or empty. */
    static Optional<String> unavailableReason() {
        return Platform.unavailableReason().or(() -> Optional.ofNullable(LOAD_PROBLEM));
    }

    static Libc.Outcome bind(int fd, MemorySegment address) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int r = (int) BIND.invokeExact(state, fd, address, (int) address.byteSize());
            return new Libc.Outcome(r, Libc.errno(state));
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** A shared read-write mapping of {@code length} bytes of {@code fd}; {@code NULL} (and the errno) on failure. */
    static Mapped mmapShared(int fd, long length) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            MemorySegment address = (MemorySegment) MMAP.invokeExact(state, MemorySegment.NULL, length,
                    PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0L);
            // MAP_FAILED is (void *) -1.
            if (address.address() == -1L) {
                return new Mapped(MemorySegment.NULL, Libc.errno(state));
            }
            return new Mapped(address.reinterpret(length), 0);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** The outcome of {@link #mmapShared}: the mapping, or {@code NULL} and the errno. */
    record Mapped(MemorySegment memory, int errno) {
        boolean failed() {
            return memory.equals(MemorySegment.NULL);
        }
    }

    static Libc.Outcome munmap(MemorySegment memory) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int r = (int) MUNMAP.invokeExact(state, memory, memory.byteSize());
            return new Libc.Outcome(r, Libc.errno(state));
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** {@code poll} on an array of {@code struct pollfd} (8 bytes each) allocated by the caller. */
    static Libc.Outcome poll(MemorySegment pollfds, int count, int timeoutMillis) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int r = (int) POLL.invokeExact(state, pollfds, (long) count, timeoutMillis);
            return new Libc.Outcome(r, Libc.errno(state));
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    static Libc.Outcome ioctl(int fd, long request, MemorySegment argument) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int r = (int) IOCTL.invokeExact(state, fd, request, argument);
            return new Libc.Outcome(r, Libc.errno(state));
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** The interface's index, or 0 (and the errno, {@code ENODEV}) when this namespace has no such interface. */
    static Libc.Outcome ifNameToIndex(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int index = (int) IF_NAMETOINDEX.invokeExact(state, arena.allocateFrom(name));
            return new Libc.Outcome(index == 0 ? -1 : index, Libc.errno(state));
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** A name and index of {@code if_nameindex}'s list. */
    record NameIndex(int index, String name) {}

    /** Every interface of the calling thread's network namespace, as {@code if_nameindex} lists them. */
    static KernelResult<java.util.List<NameIndex>> ifNameIndex() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            MemorySegment list = (MemorySegment) IF_NAMEINDEX.invokeExact(state);
            if (list.equals(MemorySegment.NULL)) {
                return new KernelResult.Failed<>(KernelError.of("if_nameindex", Libc.describe(Libc.errno(state))));
            }
            // struct if_nameindex { unsigned int if_index; char *if_name; }, ended by a zero entry.
            long entry = 16;
            var names = new java.util.ArrayList<NameIndex>();
            MemorySegment all = list.reinterpret(Long.MAX_VALUE);
            try {
                for (long at = 0; ; at += entry) {
                    int index = all.get(JAVA_INT, at);
                    if (index == 0) {
                        break;
                    }
                    String name = Libc.cString(all.get(ADDRESS, at + 8)).orElse("");
                    names.add(new NameIndex(index, name));
                }
            } finally {
                IF_FREENAMEINDEX.invokeExact(list);
            }
            return new KernelResult.Ok<>(java.util.List.copyOf(names));
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    static Libc.Outcome eventfd(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int fd = (int) EVENTFD.invokeExact(state, 0, flags);
            return new Libc.Outcome(fd, Libc.errno(state));
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** Adds 1 to an eventfd's counter, which makes it readable and ends a {@code poll} waiting on it. */
    static Libc.Outcome signal(int eventFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            MemorySegment one = arena.allocate(JAVA_LONG);
            one.set(JAVA_LONG, 0, 1L);
            long r = (long) WRITE.invokeExact(state, eventFd, one, 8L);
            return new Libc.Outcome(r == 8 ? 0 : -1, Libc.errno(state));
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** Reads an eventfd's counter back to 0 (it is non-blocking: nothing happens when it is 0 already). */
    static void drain(int eventFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            // 8 bytes read, or EAGAIN when the counter was 0: either way it is 0 now.
            long ignored = (long) READ.invokeExact(state, eventFd, arena.allocate(JAVA_LONG), 8L);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
