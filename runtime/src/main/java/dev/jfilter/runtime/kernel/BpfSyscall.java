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
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code bpf(2)} system call through the C library's variadic {@code syscall(2)}: glibc has no {@code bpf}
 * wrapper. The system call number depends on the architecture: 321 on x86-64, 280 on aarch64 (the generic table);
 * other architectures are refused with a reason rather than guessed. Every argument is passed as a {@code long},
 * which is what {@code syscall} reads from its variable arguments; errno is captured right after the call.
 *
 * @see <a href="https://man7.org/linux/man-pages/man2/bpf.2.html">bpf(2)</a>
 * @see <a href="https://man7.org/linux/man-pages/man2/syscall.2.html">syscall(2)</a>
 */
final class BpfSyscall {
    static final int BPF_PROG_LOAD = 5;
    static final int BPF_PROG_TEST_RUN = 10;
    static final int BPF_PROG_GET_NEXT_ID = 11;
    static final int BPF_PROG_GET_FD_BY_ID = 13;
    static final int BPF_OBJ_GET_INFO_BY_FD = 15;

    private static final long SYS_BPF;
    private static final MethodHandle SYSCALL;
    private static final MethodHandle GETPAGESIZE;
    private static final String PROBLEM;

    static {
        String arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
        String os = System.getProperty("os.name", "unknown");
        long number = switch (arch) {
            case "amd64", "x86_64" -> 321;
            case "aarch64", "arm64" -> 280;
            default -> -1;
        };
        MethodHandle syscall = null;
        MethodHandle pageSize = null;
        String problem = null;
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            problem = "bpf(2) needs Linux; this is " + os;
        } else if (number < 0) {
            problem = "bpf(2) is bound for x86-64 (system call 321) and aarch64 (280) only; this is " + arch;
        } else {
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                syscall = linker.downcallHandle(find(libc, "syscall"),
                        FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG),
                        Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
                pageSize = linker.downcallHandle(find(libc, "getpagesize"), FunctionDescriptor.of(JAVA_INT));
                problem = Libc.loadProblem().orElse(null);
            } catch (RuntimeException | LinkageError e) {
                problem = "cannot bind syscall(2) for bpf(2): " + e;
            }
        }
        SYS_BPF = number;
        SYSCALL = syscall;
        GETPAGESIZE = pageSize;
        PROBLEM = problem;
    }

    private BpfSyscall() {}

    private static MemorySegment find(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new IllegalStateException("the C library has no " + name));
    }

    /** Why {@code bpf(2)} cannot be called from here, or empty when it can (the kernel may still refuse). */
    static Optional<String> unavailableReason() {
        return Optional.ofNullable(PROBLEM);
    }

    /** {@code bpf(cmd, attr, attr.byteSize())}. */
    static Libc.Outcome call(int cmd, MemorySegment attr) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            long r = (long) SYSCALL.invokeExact(state, SYS_BPF, (long) cmd, attr, attr.byteSize());
            return new Libc.Outcome((int) r, Libc.errno(state));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("bpf(2) call failed", t);
        }
    }

    /** The size of a memory page ({@code getpagesize}). */
    static int pageSize() {
        try {
            return (int) GETPAGESIZE.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("getpagesize failed", t);
        }
    }
}
