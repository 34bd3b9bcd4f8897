/**
 * Running classic BPF programs as JVM code: {@link dev.jfilter.runtime.jit.CbpfJit} generates one hidden class per
 * program with {@code java.lang.classfile}, with the semantics of libpcap 1.10's {@code bpf_filter()} exactly, so that
 * HotSpot compiles each filter to native code. {@link dev.jfilter.runtime.jit.PacketFilter} is what both engines (the
 * JIT and {@link dev.jfilter.runtime.cbpf.CbpfInterpreter}) implement; {@link dev.jfilter.runtime.jit.Engine} names
 * them.
 *
 * @see <a href="https://github.com/the-tcpdump-group/libpcap/blob/libpcap-1.10/bpf_filter.c">libpcap 1.10
 *     bpf_filter.c</a>
 */
package dev.jfilter.runtime.jit;
