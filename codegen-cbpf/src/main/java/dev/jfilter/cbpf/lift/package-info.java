/**
 * Lifting classic BPF back into jfilter's control-flow graph ({@link dev.jfilter.cfg.Cfg}), so an existing
 * program (tcpdump's {@code -ddd}, the bytecode of iptables' {@code xt_bpf} or tc) can go through the other code
 * generators: {@link dev.jfilter.cbpf.lift.CfgLifter}. Programs the kernel would refuse, and instructions whose
 * meaning the graph cannot state, come back as {@link dev.jfilter.cbpf.lift.LiftProblem}s naming the instruction.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/networking/filter.html">Linux Socket Filtering (BPF)</a>
 * @see <a href="https://github.com/torvalds/linux/blob/master/net/core/filter.c">net/core/filter.c</a>
 */
package dev.jfilter.cbpf.lift;
