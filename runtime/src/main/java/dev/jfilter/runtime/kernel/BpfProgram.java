package dev.jfilter.runtime.kernel;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.jfilter.ebpf.encode.Assembler;
import dev.jfilter.ebpf.insn.Program;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * An eBPF program loaded into the kernel with {@code bpf(BPF_PROG_LOAD)}, held by its file descriptor: the kernel
 * frees it when the descriptor is closed and nothing else (an attachment, a pin) holds it. It can be run on packets
 * with {@code BPF_PROG_TEST_RUN} ({@link #testRun}) without attaching it anywhere, and described with
 * {@code BPF_OBJ_GET_INFO_BY_FD} ({@link #info}). Every failure is a value; loading needs {@code CAP_BPF} (root)
 * on most systems. Not thread-safe.
 *
 * @see <a href="https://man7.org/linux/man-pages/man2/bpf.2.html">bpf(2)</a>
 * @see <a href="https://docs.kernel.org/bpf/bpf_prog_run.html">Running BPF programs from userspace</a>
 */
public final class BpfProgram implements AutoCloseable {
    /** The license the kernel is told unless the caller says otherwise; GPL-only helpers need a GPL license. */
    public static final String DEFAULT_LICENSE = "GPL";
    /** {@code BPF_COMPLEXITY_LIMIT_INSNS}: the most instructions a privileged program may have. */
    public static final int MAX_INSNS = 1_000_000;
    /** The verifier log buffer of the first attempt; doubled and more on {@code ENOSPC}. */
    static final int INITIAL_LOG_BYTES = 1 << 16;
    /**
     * The largest log buffer asked for. When even this is too small, Linux 6.4+ keeps the log's tail (where the
     * reason is); older kernels keep its head.
     */
    static final int MAX_LOG_BYTES = 1 << 24;

    private static final String LOAD = "bpf(BPF_PROG_LOAD)";
    private static final String TEST_RUN = "bpf(BPF_PROG_TEST_RUN)";
    private static final String GET_INFO = "bpf(BPF_OBJ_GET_INFO_BY_FD)";
    private static final String GET_NEXT_ID = "bpf(BPF_PROG_GET_NEXT_ID)";
    private static final String GET_FD_BY_ID = "bpf(BPF_PROG_GET_FD_BY_ID)";
    private static final int ENOENT = 2;
    private static final int LOG_LEVEL_1 = 1;
    private static final int ENOSPC = 28;
    /** What {@code bpf_obj_name_cpy} accepts. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.]{0,15}");

    private final BpfProgramType type;
    private final String name;
    private int fd;

    private BpfProgram(BpfProgramType type, String name, int fd) {
        this.type = type;
        this.name = name;
        this.fd = fd;
    }

    /** Why {@code bpf(2)} cannot be called on this platform, or empty when it can (the kernel may still refuse). */
    public static Optional<String> unavailableReason() {
        return BpfSyscall.unavailableReason();
    }

    /** Loads {@code program}, encoded by the {@link Assembler}, under the GPL license. */
    public static BpfLoadResult load(BpfProgramType type, String name, Program program) {
        return load(type, name, Assembler.assemble(program), DEFAULT_LICENSE);
    }

    /** Loads encoded instructions ({@code struct bpf_insn}, 8 bytes each, host byte order) under the GPL license. */
    public static BpfLoadResult load(BpfProgramType type, String name, byte[] insns) {
        return load(type, name, insns, DEFAULT_LICENSE);
    }

    /**
     * Loads encoded instructions. {@code name} (at most 15 letters, digits, {@code _} or {@code .}) is what
     * {@code bpftool prog show} prints. The verifier logs at level 1 into a buffer that grows on {@code ENOSPC} up
     * to {@link #MAX_LOG_BYTES}; if even that is too small, the program is loaded once more without a log, so that
     * its fate does not depend on the log's size.
     */
    public static BpfLoadResult load(BpfProgramType type, String name, byte[] insns, String license) {
        Optional<String> refused = loadRefusal(name, insns, license);
        if (refused.isPresent()) {
            return new BpfLoadResult.Rejected(KernelError.without(LOAD, refused.get()), "");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment code = arena.allocate(insns.length, 8);
            MemorySegment.copy(insns, 0, code, JAVA_BYTE, 0, insns.length);
            MemorySegment licenseString = arena.allocateFrom(license, StandardCharsets.US_ASCII);
            int logBytes = INITIAL_LOG_BYTES;
            while (true) {
                MemorySegment log = arena.allocate(logBytes);
                MemorySegment attr = loadAttr(arena, type, name, insns.length / 8, code, licenseString);
                attr.set(JAVA_INT, BpfAttr.LOG_LEVEL, LOG_LEVEL_1);
                attr.set(JAVA_INT, BpfAttr.LOG_SIZE, logBytes);
                attr.set(JAVA_LONG, BpfAttr.LOG_BUF, log.address());
                Libc.Outcome outcome = BpfSyscall.call(BpfSyscall.BPF_PROG_LOAD, attr);
                String text = log.getString(0, StandardCharsets.UTF_8);
                if (!outcome.failed()) {
                    return new BpfLoadResult.Loaded(new BpfProgram(type, name, outcome.value()), text);
                }
                if (outcome.errno() != ENOSPC) {
                    return new BpfLoadResult.Rejected(KernelError.of(LOAD, Libc.describe(outcome.errno())), text);
                }
                if (logBytes < MAX_LOG_BYTES) {
                    long wanted = Integer.toUnsignedLong(attr.get(JAVA_INT, BpfAttr.LOG_TRUE_SIZE));
                    logBytes = (int) Math.min(MAX_LOG_BYTES, Math.max(wanted, 4L * logBytes));
                    continue;
                }
                return withoutLog(arena, type, name, insns.length / 8, code, licenseString,
                        "[log cut to " + MAX_LOG_BYTES + " bytes]\n" + text);
            }
        }
    }

    private static BpfLoadResult withoutLog(Arena arena, BpfProgramType type, String name, int count,
            MemorySegment code, MemorySegment license, String log) {
        Libc.Outcome outcome = BpfSyscall.call(BpfSyscall.BPF_PROG_LOAD,
                loadAttr(arena, type, name, count, code, license));
        return outcome.failed()
                ? new BpfLoadResult.Rejected(KernelError.of(LOAD, Libc.describe(outcome.errno())), log)
                : new BpfLoadResult.Loaded(new BpfProgram(type, name, outcome.value()), log);
    }

    private static MemorySegment loadAttr(Arena arena, BpfProgramType type, String name, int count,
            MemorySegment code, MemorySegment license) {
        MemorySegment attr = BpfAttr.allocate(arena);
        attr.set(JAVA_INT, BpfAttr.PROG_TYPE, type.number());
        attr.set(JAVA_INT, BpfAttr.INSN_CNT, count);
        attr.set(JAVA_LONG, BpfAttr.INSNS, code.address());
        attr.set(JAVA_LONG, BpfAttr.LICENSE, license.address());
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        MemorySegment.copy(nameBytes, 0, attr, JAVA_BYTE, BpfAttr.PROG_NAME, nameBytes.length);
        return attr;
    }

    /** Why the arguments cannot be loaded, found without asking the kernel. */
    static Optional<String> loadRefusal(String name, byte[] insns, String license) {
        Optional<String> unavailable = BpfSyscall.unavailableReason();
        if (unavailable.isPresent()) {
            return unavailable;
        }
        if (insns.length == 0 || insns.length % 8 != 0) {
            return Optional.of("the program has " + insns.length
                    + " bytes; eBPF instructions are 8 bytes each and a program has at least one");
        }
        if (insns.length / 8 > MAX_INSNS) {
            return Optional.of("the program has " + insns.length / 8 + " instructions; the kernel loads at most "
                    + MAX_INSNS + " (BPF_COMPLEXITY_LIMIT_INSNS)");
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of("program name '" + name
                    + "': at most 15 characters among letters, digits, '_' and '.' (BPF_OBJ_NAME_LEN)");
        }
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(license) || license.indexOf('\0') >= 0) {
            return Optional.of("the license must be ASCII without NUL: '" + license + "'");
        }
        return Optional.empty();
    }

    /** The program's type. */
    public BpfProgramType type() {
        return type;
    }

    /** The name given at load. */
    public String name() {
        return name;
    }

    /** The file descriptor, or -1 once closed. */
    public int fd() {
        return fd;
    }

    /** The kernel's description of the program, with the number of instructions the verifier processed. */
    public KernelResult<BpfProgramInfo> info() {
        if (fd < 0) {
            return new KernelResult.Failed<>(KernelError.without(GET_INFO, "the program is closed"));
        }
        return info(fd);
    }

    /**
     * The ids of every eBPF program loaded in the kernel, in increasing order, as {@code bpftool prog show} walks
     * them ({@code bpf(BPF_PROG_GET_NEXT_ID)}).
     */
    public static KernelResult<java.util.List<Integer>> loadedIds() {
        Optional<String> unavailable = unavailableReason();
        if (unavailable.isPresent()) {
            return new KernelResult.Failed<>(KernelError.without(GET_NEXT_ID, unavailable.get()));
        }
        var ids = new java.util.ArrayList<Integer>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = BpfAttr.allocate(arena);
            int id = 0;
            while (true) {
                attr.set(JAVA_INT, BpfAttr.START_ID, id);
                Libc.Outcome outcome = BpfSyscall.call(BpfSyscall.BPF_PROG_GET_NEXT_ID, attr);
                if (outcome.failed()) {
                    if (outcome.errno() == ENOENT) {
                        return new KernelResult.Ok<>(java.util.List.copyOf(ids));
                    }
                    return new KernelResult.Failed<>(KernelError.of(GET_NEXT_ID, Libc.describe(outcome.errno())));
                }
                id = attr.get(JAVA_INT, BpfAttr.NEXT_ID);
                ids.add(id);
            }
        }
    }

    /** The description of the loaded program with {@code id} ({@code bpf(BPF_PROG_GET_FD_BY_ID)}, then its info). */
    public static KernelResult<BpfProgramInfo> infoOfId(int id) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = BpfAttr.allocate(arena);
            attr.set(JAVA_INT, BpfAttr.START_ID, id);
            Libc.Outcome outcome = BpfSyscall.call(BpfSyscall.BPF_PROG_GET_FD_BY_ID, attr);
            if (outcome.failed()) {
                return new KernelResult.Failed<>(KernelError.of(GET_FD_BY_ID, Libc.describe(outcome.errno())));
            }
            try {
                return info(outcome.value());
            } finally {
                Libc.close(outcome.value());
            }
        }
    }

    private static KernelResult<BpfProgramInfo> info(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(BpfAttr.PROG_INFO_SIZE, 8);
            MemorySegment attr = BpfAttr.allocate(arena);
            attr.set(JAVA_INT, BpfAttr.INFO_BPF_FD, fd);
            attr.set(JAVA_INT, BpfAttr.INFO_INFO_LEN, BpfAttr.PROG_INFO_SIZE);
            attr.set(JAVA_LONG, BpfAttr.INFO_INFO, info.address());
            Libc.Outcome outcome = BpfSyscall.call(BpfSyscall.BPF_OBJ_GET_INFO_BY_FD, attr);
            if (outcome.failed()) {
                return new KernelResult.Failed<>(KernelError.of(GET_INFO, Libc.describe(outcome.errno())));
            }
            int length = attr.get(JAVA_INT, BpfAttr.INFO_INFO_LEN);
            OptionalInt verified = length >= BpfAttr.PROG_INFO_VERIFIED_INSNS + 4
                    ? OptionalInt.of(info.get(JAVA_INT, BpfAttr.PROG_INFO_VERIFIED_INSNS))
                    : OptionalInt.empty();
            byte[] tag = info.asSlice(BpfAttr.PROG_INFO_TAG, BpfAttr.TAG_SIZE).toArray(JAVA_BYTE);
            return new KernelResult.Ok<>(new BpfProgramInfo(
                    info.get(JAVA_INT, BpfAttr.PROG_INFO_TYPE),
                    info.get(JAVA_INT, BpfAttr.PROG_INFO_ID),
                    HexFormat.of().formatHex(tag),
                    info.get(JAVA_INT, BpfAttr.PROG_INFO_XLATED_LEN),
                    info.get(JAVA_INT, BpfAttr.PROG_INFO_JITED_LEN),
                    info.asSlice(BpfAttr.PROG_INFO_NAME, BpfAttr.OBJ_NAME_LEN).getString(0, StandardCharsets.US_ASCII),
                    verified));
        }
    }

    /** Runs the program once on {@code packet}; see {@link #testRun(byte[], int, boolean)}. */
    public KernelResult<BpfTestRun> testRun(byte[] packet) {
        return testRun(packet, 1, false);
    }

    /**
     * Runs the program {@code repeat} times on {@code packet} with {@code BPF_PROG_TEST_RUN}, as the kernel would on
     * a received frame: {@code packet} is a whole Ethernet frame, of which a socket filter sees the part from the
     * network header on, a tc program and an XDP program all of it (see {@link BpfProgramType}). Sizes the kernel
     * refuses ({@link BpfProgramType#MIN_TEST_RUN_BYTES}, {@link BpfProgramType#maxTestRunBytes}) are errors found
     * before the call. With {@code wantDataOut}, the packet as the program left it comes back too.
     */
    public KernelResult<BpfTestRun> testRun(byte[] packet, int repeat, boolean wantDataOut) {
        Optional<String> refused = testRunRefusal(packet.length, repeat);
        if (refused.isPresent()) {
            return new KernelResult.Failed<>(KernelError.without(TEST_RUN, refused.get()));
        }
        return testRunUnchecked(packet, repeat, wantDataOut);
    }

    /** Why a test run of {@code length} bytes and {@code repeat} runs cannot happen, found without the kernel. */
    Optional<String> testRunRefusal(int length, int repeat) {
        if (fd < 0) {
            return Optional.of("the program is closed");
        }
        if (repeat < 1) {
            return Optional.of("repeat must be at least 1: " + repeat);
        }
        if (length < BpfProgramType.MIN_TEST_RUN_BYTES) {
            return Optional.of("the packet has " + length + " bytes; a test run needs at least "
                    + BpfProgramType.MIN_TEST_RUN_BYTES + " (an Ethernet header)");
        }
        int pageSize = BpfSyscall.pageSize();
        int max = type.maxTestRunBytes(pageSize);
        if (length > max) {
            return Optional.of("the packet has " + length + " bytes; a " + type + " test run takes at most " + max
                    + " (a " + pageSize + "-byte page less the kernel's head- and tailroom)");
        }
        return Optional.empty();
    }

    /** The test run without the size checks: lets tests see what the kernel itself says. */
    KernelResult<BpfTestRun> testRunUnchecked(byte[] packet, int repeat, boolean wantDataOut) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = arena.allocate(Math.max(1, packet.length), 8);
            MemorySegment.copy(packet, 0, in, JAVA_BYTE, 0, packet.length);
            int outBytes = wantDataOut ? BpfSyscall.pageSize() : 0;
            MemorySegment out = wantDataOut ? arena.allocate(outBytes, 8) : MemorySegment.NULL;
            MemorySegment attr = BpfAttr.allocate(arena);
            attr.set(JAVA_INT, BpfAttr.TEST_PROG_FD, fd);
            attr.set(JAVA_INT, BpfAttr.TEST_DATA_SIZE_IN, packet.length);
            attr.set(JAVA_LONG, BpfAttr.TEST_DATA_IN, in.address());
            attr.set(JAVA_INT, BpfAttr.TEST_DATA_SIZE_OUT, outBytes);
            attr.set(JAVA_LONG, BpfAttr.TEST_DATA_OUT, out.address());
            attr.set(JAVA_INT, BpfAttr.TEST_REPEAT, repeat);
            Libc.Outcome outcome = BpfSyscall.call(BpfSyscall.BPF_PROG_TEST_RUN, attr);
            if (outcome.failed()) {
                return new KernelResult.Failed<>(KernelError.of(TEST_RUN, Libc.describe(outcome.errno())));
            }
            Optional<byte[]> dataOut = wantDataOut
                    ? Optional.of(out.asSlice(0, attr.get(JAVA_INT, BpfAttr.TEST_DATA_SIZE_OUT)).toArray(JAVA_BYTE))
                    : Optional.empty();
            return new KernelResult.Ok<>(new BpfTestRun(attr.get(JAVA_INT, BpfAttr.TEST_RETVAL),
                    Integer.toUnsignedLong(attr.get(JAVA_INT, BpfAttr.TEST_DURATION)), repeat, dataOut));
        }
    }

    /** Closes the descriptor; the kernel frees the program unless something else holds it. Idempotent. */
    @Override
    public void close() {
        if (fd >= 0) {
            Libc.close(fd);
            fd = -1;
        }
    }

    @Override
    public String toString() {
        return "BpfProgram[" + type + " '" + name + "' fd=" + fd + "]";
    }
}
