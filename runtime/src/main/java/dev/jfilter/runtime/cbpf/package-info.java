/**
 * Running classic BPF programs in the JVM: {@link dev.jfilter.runtime.cbpf.CbpfInterpreter}, with libpcap 1.10's
 * {@code bpf_filter()} semantics, over packets in {@link java.lang.foreign.MemorySegment}s.
 */
package dev.jfilter.runtime.cbpf;
