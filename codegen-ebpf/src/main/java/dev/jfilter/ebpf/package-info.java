/**
 * eBPF code generation from the optimized {@link dev.jfilter.cfg.Cfg}: socket-filter, tc and XDP programs that the
 * kernel verifier accepts. This module is empty until the eBPF backend is built; the pipeline around it is in place.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html">BPF Instruction Set</a>
 */
package dev.jfilter.ebpf;
