package dev.jfilter.cbpf;

import java.util.List;

/**
 * A classic BPF program: the encoded instructions a socket filter, libpcap or tcpdump's {@code -ddd} carries.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/networking/filter.html">Linux Socket Filtering</a>
 */
public record CbpfProgram(List<SockFilter> instructions) {
    public CbpfProgram {
        instructions = List.copyOf(instructions);
    }

    /** The number of instructions. */
    public int size() {
        return instructions.size();
    }

    /** The instruction at {@code index}. */
    public SockFilter get(int index) {
        return instructions.get(index);
    }
}
