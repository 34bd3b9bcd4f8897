/**
 * Running eBPF programs in the JVM with the Linux kernel's semantics: {@link dev.jfilter.runtime.ebpf.EbpfInterpreter}
 * over the packet a socket filter, a tc classifier or an XDP program sees, with the program contexts
 * ({@link dev.jfilter.runtime.ebpf.ProgramContext}) laid out as {@code linux/bpf.h} lays out {@code struct __sk_buff}
 * and {@code struct xdp_md}, and their values as {@code BPF_PROG_TEST_RUN} sets them.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html">BPF Instruction Set</a>
 */
package dev.jfilter.runtime.ebpf;
