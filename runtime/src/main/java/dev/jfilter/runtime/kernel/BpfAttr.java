package dev.jfilter.runtime.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Field offsets of {@code union bpf_attr} and {@code struct bpf_prog_info} from {@code include/uapi/linux/bpf.h}
 * (the same on every 64-bit and 32-bit Linux ABI: pointers travel as {@code __aligned_u64}). The kernel copies
 * {@code min(size, sizeof(union bpf_attr))} bytes and requires any byte past its own union to be zero, so a zeroed
 * attribute of {@link #SIZE} bytes, with only the fields of one command set, works on older and newer kernels alike.
 *
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/bpf.h">linux/bpf.h</a>
 */
final class BpfAttr {
    /** Up to the end of the {@code BPF_PROG_LOAD} struct as of Linux 6.13 ({@code fd_array_cnt}). */
    static final int SIZE = 152;

    // BPF_PROG_LOAD
    static final long PROG_TYPE = 0;
    static final long INSN_CNT = 4;
    static final long INSNS = 8;
    static final long LICENSE = 16;
    static final long LOG_LEVEL = 24;
    static final long LOG_SIZE = 28;
    static final long LOG_BUF = 32;
    static final long PROG_FLAGS = 44;
    static final long PROG_NAME = 48;
    /** {@code BPF_OBJ_NAME_LEN}, with the terminating NUL. */
    static final int OBJ_NAME_LEN = 16;
    /** Output, Linux 6.4+: the log size the verifier wanted, with its NUL. */
    static final long LOG_TRUE_SIZE = 140;

    // BPF_PROG_TEST_RUN (struct "test")
    static final long TEST_PROG_FD = 0;
    static final long TEST_RETVAL = 4;
    static final long TEST_DATA_SIZE_IN = 8;
    static final long TEST_DATA_SIZE_OUT = 12;
    static final long TEST_DATA_IN = 16;
    static final long TEST_DATA_OUT = 24;
    static final long TEST_REPEAT = 32;
    static final long TEST_DURATION = 36;

    // BPF_PROG_GET_NEXT_ID and BPF_PROG_GET_FD_BY_ID: start_id (or prog_id), next_id, open_flags.
    static final long START_ID = 0;
    static final long NEXT_ID = 4;

    // BPF_OBJ_GET_INFO_BY_FD (struct "info")
    static final long INFO_BPF_FD = 0;
    static final long INFO_INFO_LEN = 4;
    static final long INFO_INFO = 8;

    // struct bpf_prog_info
    static final int PROG_INFO_SIZE = 232;
    static final long PROG_INFO_TYPE = 0;
    static final long PROG_INFO_ID = 4;
    static final long PROG_INFO_TAG = 8;
    static final int TAG_SIZE = 8;
    static final long PROG_INFO_JITED_LEN = 16;
    static final long PROG_INFO_XLATED_LEN = 20;
    static final long PROG_INFO_NAME = 64;
    /** Linux 5.16+. */
    static final long PROG_INFO_VERIFIED_INSNS = 216;

    private BpfAttr() {}

    /** A zeroed attribute. */
    static MemorySegment allocate(Arena arena) {
        return arena.allocate(SIZE, 8);
    }
}
