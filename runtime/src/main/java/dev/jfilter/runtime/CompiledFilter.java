package dev.jfilter.runtime;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.Opcodes;
import dev.jfilter.cbpf.listing.Listing;
import dev.jfilter.cbpf.listing.ListingFormat;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.ebpf.gen.EbpfGenerator;
import dev.jfilter.ebpf.gen.GenerateOptions;
import dev.jfilter.ebpf.gen.Generation;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Diagnostic;
import dev.jfilter.frontend.ast.Span;
import dev.jfilter.runtime.cbpf.CbpfInterpreter;
import dev.jfilter.runtime.jit.CbpfJit;
import dev.jfilter.runtime.jit.Engine;
import dev.jfilter.runtime.jit.PacketFilter;
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

    /** The warning for a classic program longer than the kernel's socket filters take. */
    static Diagnostic classicLengthWarning(String expression, CbpfProgram program) {
        return new Diagnostic(new Span(0, expression.length()), "the program has " + program.size()
                + " instructions, more than the " + Opcodes.MAX_INSNS
                + " the kernel accepts: it can filter capture files but cannot be attached to a socket");
    }

    /** The warnings that still apply to an eBPF program made from the filter: not the classic program's length. */
    public List<Diagnostic> ebpfWarnings() {
        var length = classicLengthWarning(expression, program);
        return warnings.stream().filter(w -> !w.equals(length)).toList();
    }

    /**
     * A runner of the program on the default engine, {@link Engine#JIT}: a generated class when the JIT takes the
     * program, else the interpreter. Allocation-free per packet; use {@link PacketFilter#copy()} for each thread.
     * Generating the class takes about a millisecond: keep the runner for many packets.
     */
    public PacketFilter matcher() {
        return matcher(Engine.JIT);
    }

    /** A runner of the program on {@code engine}; {@link Engine#JIT} falls back to the interpreter when it declines. */
    public PacketFilter matcher(Engine engine) {
        return switch (engine) {
            case JIT -> CbpfJit.filterOrInterpreter(program);
            case INTERPRETER -> CbpfInterpreter.of(program);
        };
    }

    /**
     * The program's return value for one packet: the snapshot length to accept, 0 to reject. Runs the interpreter,
     * which costs nothing to set up; for many packets keep a {@link #matcher()}.
     */
    public int apply(byte[] packet, int captured, int wireLength) {
        return matcher(Engine.INTERPRETER).run(packet, captured, wireLength);
    }

    /** Whether the program accepts a packet whose bytes were all captured. */
    public boolean matches(byte[] packet) {
        return apply(packet, packet.length, packet.length) != 0;
    }

    /**
     * The filter as an eBPF program of the options' type, generated from its graph, or the reasons there cannot be
     * one (a link type the program type never sees, what the program type cannot read).
     */
    public Generation ebpf(GenerateOptions ebpfOptions) {
        return EbpfLinkTypes.problem(ebpfOptions.target(), options.linkType())
                .<Generation>map(p -> new Generation.Refused(List.of(p)))
                .orElseGet(() -> EbpfGenerator.generate(cfg, ebpfOptions));
    }

    /** The program as tcpdump prints it with {@code -d}, {@code -dd} or {@code -ddd}. */
    public String listing(ListingFormat format) {
        return Listing.format(program, format);
    }
}
