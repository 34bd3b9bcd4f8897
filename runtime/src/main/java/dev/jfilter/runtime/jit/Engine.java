package dev.jfilter.runtime.jit;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a compiled filter runs on packets in the JVM: through a class generated for the program ({@link CbpfJit}, which
 * HotSpot turns into native code), or the {@link dev.jfilter.runtime.cbpf.CbpfInterpreter}.
 *
 * @see <a href="https://github.com/the-tcpdump-group/libpcap/blob/libpcap-1.10/bpf_filter.c">libpcap 1.10
 *     bpf_filter.c</a>, whose semantics both follow
 */
public enum Engine {
    /** A generated class per program; programs the JIT declines run in the interpreter. */
    JIT("jit"),
    /** The interpreter, one loop over one switch. */
    INTERPRETER("interp");

    private final String optionName;

    Engine(String optionName) {
        this.optionName = optionName;
    }

    /** The engine's name on the command line ({@code --engine jit|interp}). */
    public String optionName() {
        return optionName;
    }

    /** The engine a command-line name names. */
    public static Optional<Engine> ofOptionName(String name) {
        return Arrays.stream(values()).filter(e -> e.optionName.equals(name)).findFirst();
    }
}
