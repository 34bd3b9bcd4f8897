/**
 * eBPF code generation from the optimized {@link dev.jfilter.cfg.Cfg}: socket-filter, tc and XDP programs that the
 * kernel verifier accepts. Built so far: the instruction model ({@code insn}), its encoding and decoding
 * ({@code encode}) and listings ({@code listing}); code generation from the CFG is not written yet.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html">BPF Instruction Set</a>
 */
package dev.jfilter.ebpf;
