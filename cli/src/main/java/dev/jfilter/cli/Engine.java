package dev.jfilter.cli;

/** How {@code jfilter filter} runs the compiled program on each packet ({@code --engine}). */
enum Engine {
    /** The classic BPF interpreter, with libpcap's {@code bpf_filter} semantics. */
    INTERP,
    /** Classic BPF compiled to a JVM class (the runtime's {@code CbpfJit}), the interpreter where it declines. */
    JIT
}
