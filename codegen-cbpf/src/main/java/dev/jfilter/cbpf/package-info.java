/**
 * Classic BPF (cBPF), the instruction set of Linux socket filters and libpcap: the encoded form
 * ({@link dev.jfilter.cbpf.SockFilter}, {@link dev.jfilter.cbpf.CbpfProgram}), the decoded instruction model
 * ({@link dev.jfilter.cbpf.Instruction}) and the code generator from the CFG
 * ({@link dev.jfilter.cbpf.CbpfGenerator}, with its {@link dev.jfilter.cbpf.BlockLayout}). Subpackages hold the
 * label assembler ({@code asm}), tcpdump's listings ({@code listing}) and the kernel's and libpcap's checks
 * ({@code validate}).
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/networking/filter.html">Linux Socket Filtering (BPF)</a>
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/filter.h">linux/filter.h</a>
 */
package dev.jfilter.cbpf;
