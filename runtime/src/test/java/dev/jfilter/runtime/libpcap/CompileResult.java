package dev.jfilter.runtime.libpcap;

import dev.jfilter.cbpf.CbpfProgram;

/** What libpcap's {@code pcap_compile()} made of an expression: a program, or its error text. */
public sealed interface CompileResult {

    /** The expression compiled. */
    record Compiled(CbpfProgram program) implements CompileResult {}

    /** libpcap rejected the expression; {@code message} is {@code pcap_geterr()}'s text. */
    record Rejected(String message) implements CompileResult {}

    /** The program, or an {@link AssertionError} with libpcap's message: for tests that expect success. */
    default CbpfProgram program() {
        return switch (this) {
            case Compiled c -> c.program();
            case Rejected r -> throw new AssertionError("libpcap rejected the expression: " + r.message());
        };
    }
}
