package dev.jfilter.runtime.kernel;

import java.util.OptionalInt;

/**
 * What {@code BPF_OBJ_GET_INFO_BY_FD} says of a loaded program ({@code struct bpf_prog_info}).
 *
 * @param type          the {@code enum bpf_prog_type} number
 * @param id            the kernel's program id ({@code bpftool prog show id N})
 * @param tag           the program's tag, 16 hex digits (a hash of its instructions)
 * @param xlatedBytes   size of the program after the verifier's rewrites, 8 bytes per instruction
 * @param jitedBytes    size of the JIT-compiled code, 0 without JIT
 * @param name          the name given at load
 * @param verifiedInsns how many instructions the verifier processed (the figure the 1,000,000 complexity limit is
 *                      about); empty before Linux 5.16
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/bpf.h">linux/bpf.h, struct bpf_prog_info</a>
 */
public record BpfProgramInfo(int type, int id, String tag, int xlatedBytes, int jitedBytes, String name,
        OptionalInt verifiedInsns) {

    /** The verifier's instruction budget for privileged programs ({@code BPF_COMPLEXITY_LIMIT_INSNS}). */
    public static final int COMPLEXITY_LIMIT = 1_000_000;
}
