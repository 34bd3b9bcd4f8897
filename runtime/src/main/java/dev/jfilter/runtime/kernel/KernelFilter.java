package dev.jfilter.runtime.kernel;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.ebpf.insn.Program;

/**
 * The program a live capture asks the kernel to run on every packet before it reaches the socket: only packets it
 * accepts are queued, cut to the length it returns.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/networking/filter.html">Linux Socket Filtering</a>
 */
public sealed interface KernelFilter {

    /** A classic BPF program, attached with {@code SO_ATTACH_FILTER}. */
    record Classic(CbpfProgram program) implements KernelFilter {}

    /**
     * An eBPF socket filter, loaded with {@code bpf(BPF_PROG_LOAD)} as {@code BPF_PROG_TYPE_SOCKET_FILTER} under
     * {@code name} (what {@code bpftool prog show} lists) and attached with {@code SO_ATTACH_BPF}.
     */
    record Extended(Program program, String name) implements KernelFilter {}
}
