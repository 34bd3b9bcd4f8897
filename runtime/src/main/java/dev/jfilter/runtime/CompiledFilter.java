package dev.jfilter.runtime;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.listing.Listing;
import dev.jfilter.cbpf.listing.ListingFormat;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Diagnostic;
import dev.jfilter.runtime.cbpf.CbpfInterpreter;
import java.util.List;

/**
 * A compiled filter: the expression, the options it was compiled with, its control-flow graph before and after
 * optimization, the classic BPF program, and any warnings. Immutable and thread-safe; {@link #matcher()} gives each
 * thread its own runner.
 *
 * @param lowered the graph straight from the frontend
 * @param cfg the graph the program was generated from (optimized unless optimization was off)
 * @param warnings problems that did not stop compilation, such as a filter that rejects every packet
 * @see <a href="https://www.kernel.org/doc/html/latest/networking/filter.html">Linux Socket Filtering</a>
 */
public record CompiledFilter(
        String expression, CompileOptions options, Cfg lowered, Cfg cfg, CbpfProgram program,
        List<Diagnostic> warnings) {

    public CompiledFilter {
        warnings = List.copyOf(warnings);
    }

    /** A new runner of the program: fast, allocation-free per packet, not thread-safe. */
    public CbpfInterpreter matcher() {
        return CbpfInterpreter.of(program);
    }

    /** The program's return value for one packet: the snapshot length to accept, 0 to reject. */
    public int apply(byte[] packet, int captured, int wireLength) {
        return matcher().run(packet, captured, wireLength);
    }

    /** Whether the program accepts a packet whose bytes were all captured. */
    public boolean matches(byte[] packet) {
        return apply(packet, packet.length, packet.length) != 0;
    }

    /** The program as tcpdump prints it with {@code -d}, {@code -dd} or {@code -ddd}. */
    public String listing(ListingFormat format) {
        return Listing.format(program, format);
    }
}
