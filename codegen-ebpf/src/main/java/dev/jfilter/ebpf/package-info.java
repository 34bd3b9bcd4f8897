/**
 * eBPF code generation from the optimized {@link dev.jfilter.cfg.Cfg}: socket-filter, tc and XDP programs that the
 * kernel verifier accepts. The instruction model ({@code insn}), its encoding and decoding
 * ({@code encode}), listings ({@code listing}), ELF objects ({@code elf}), code generation from the CFG
 * ({@code gen}) and a model of the verifier's walk that foresees its limits ({@code verifier}).
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html">BPF Instruction Set</a>
 */
package dev.jfilter.ebpf;
