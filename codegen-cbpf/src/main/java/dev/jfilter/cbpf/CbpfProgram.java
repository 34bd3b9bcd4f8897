package dev.jfilter.cbpf;

import java.util.ArrayList;
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

    /** The program that encodes {@code instructions}. */
    public static CbpfProgram of(List<? extends Instruction> instructions) {
        List<SockFilter> encoded = new ArrayList<>(instructions.size());
        for (Instruction i : instructions) {
            encoded.add(i.assemble());
        }
        return new CbpfProgram(encoded);
    }

    /** The number of instructions. */
    public int size() {
        return instructions.size();
    }

    /** The instruction at {@code index}. */
    public SockFilter get(int index) {
        return instructions.get(index);
    }

    /** The instructions decoded into their shapes; {@code CbpfProgram.of(p.disassemble()).equals(p)}. */
    public List<Instruction> disassemble() {
        List<Instruction> decoded = new ArrayList<>(instructions.size());
        for (SockFilter f : instructions) {
            decoded.add(Instruction.disassemble(f));
        }
        return List.copyOf(decoded);
    }
}
