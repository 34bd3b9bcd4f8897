package dev.jfilter.cli;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.Instruction;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Diagnostic;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.link.LoopbackEncoding;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.JFilter;
import dev.jfilter.runtime.capture.CaptureInterface;
import dev.jfilter.runtime.cbpf.CbpfInterpreter;
import dev.jfilter.runtime.jit.PacketFilter;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The program for each capture interface: one compilation per link type, snapshot length and byte order (as
 * libpcap compiles a savefile's filter with {@code pcap_datalink}, {@code pcap_snapshot} and, for the address
 * family of BSD loopback headers, {@code pcap_is_swapped}), so that a pcapng file whose interfaces have different
 * link types gets a program for each.
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap_compile.3pcap.html">pcap_compile(3PCAP)</a>
 */
final class Programs {

    /** What an interface gets: a program, the diagnostics of an expression its link type refuses, or no link type. */
    sealed interface Outcome {
        /** The interface's program. */
        record Ready(PacketFilter filter) implements Outcome {}

        /** The expression does not compile for the interface's link type. */
        record Refused(List<Diagnostic> diagnostics) implements Outcome {}

        /** jfilter has no compiler for the interface's link type, and no {@code -y} was given. */
        record UnknownLinkType(String name) implements Outcome {}
    }

    private record Key(LinkType type, int snaplen, boolean swapped) {}

    /**
     * No expression: every packet, whatever its link type, even one jfilter has no compiler for (libpcap's program
     * for an empty expression is {@code ret #snaplen} on every link type it knows; nonzero is all that counts here).
     */
    /** What no expression gets on any link type: the program {@code ret #262144}. */
    private static final Outcome EVERY_PACKET = new Outcome.Ready(CbpfInterpreter.of(
            CbpfProgram.of(List.of(new Instruction.ReturnConstant(CaptureInterface.MAXIMUM_SNAPLEN)))));

    private final String expression;
    private final Optional<LinkType> forced;
    private final Optional<Integer> snaplen;
    private final Optional<Integer> netmask;
    private final boolean optimize;
    private final Engine engine;
    private final Consumer<List<Diagnostic>> warnings;
    private final Map<Key, Outcome> byProgram = new HashMap<>();
    private final Map<CaptureInterface, Outcome> byInterface = new HashMap<>();

    Programs(String expression, Optional<LinkType> forced, Optional<Integer> snaplen, Optional<Integer> netmask,
            boolean optimize, Engine engine, Consumer<List<Diagnostic>> warnings) {
        this.expression = expression;
        this.forced = forced;
        this.snaplen = snaplen;
        this.netmask = netmask;
        this.optimize = optimize;
        this.engine = engine;
        this.warnings = warnings;
    }

    /** The program for packets of {@code iface}. */
    Outcome of(CaptureInterface iface) {
        if (expression.isBlank()) {
            return EVERY_PACKET;
        }
        Outcome known = byInterface.get(iface);
        if (known == null) {
            Optional<LinkType> type = forced.or(() -> iface.linkType().known());
            known = type.isEmpty()
                    ? new Outcome.UnknownLinkType(iface.linkType().displayName())
                    : of(type.get(), snaplen.orElse(iface.snapshot()), iface.byteOrder() != ByteOrder.nativeOrder());
            byInterface.put(iface, known);
        }
        return known;
    }

    /**
     * The program for a file of {@code type} with snapshot length {@code snap}, written in the byte order opposite
     * to this host's if {@code swapped}; warnings are reported once per program.
     */
    Outcome of(LinkType type, int snap, boolean swapped) {
        if (expression.isBlank()) {
            return EVERY_PACKET;
        }
        return byProgram.computeIfAbsent(new Key(type, snap, swapped), this::compile);
    }

    private Outcome compile(Key key) {
        CompileOptions options = CompileOptions.of(key.type())
                .withSnaplen(key.snaplen() == 0 ? CompileOptions.DEFAULT_SNAPLEN : key.snaplen())
                .withLoopback(new LoopbackEncoding.Savefile(key.swapped()));
        if (netmask.isPresent()) {
            options = options.withNetmask(netmask.get());
        }
        return switch (JFilter.compile(expression, options, optimize)) {
            case Result.Failed<CompiledFilter> failed -> new Outcome.Refused(failed.diagnostics());
            case Result.Ok<CompiledFilter> ok -> {
                warnings.accept(ok.value().warnings());
                yield new Outcome.Ready(ok.value().matcher(switch (engine) {
                    case INTERP -> dev.jfilter.runtime.jit.Engine.INTERPRETER;
                    case JIT -> dev.jfilter.runtime.jit.Engine.JIT;
                }));
            }
        };
    }
}
