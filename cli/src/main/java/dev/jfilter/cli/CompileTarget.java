package dev.jfilter.cli;

import dev.jfilter.ebpf.gen.Target;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;

/**
 * What {@code jfilter compile --target} produces: classic BPF (tcpdump's listings) or an eBPF program of one type.
 *
 * @see <a href="https://docs.kernel.org/bpf/libbpf/program_types.html">libbpf program types</a>
 */
enum CompileTarget {
    CBPF("cbpf", null),
    EBPF_SOCKET("ebpf-socket", Target.SOCKET),
    EBPF_TC("ebpf-tc", Target.TC),
    EBPF_XDP("ebpf-xdp", Target.XDP);

    private final String name;
    private final Target ebpf;

    CompileTarget(String name, Target ebpf) {
        this.name = name;
        this.ebpf = ebpf;
    }

    /** The eBPF program type, empty for classic BPF. */
    Optional<Target> ebpf() {
        return Optional.ofNullable(ebpf);
    }

    @Override
    public String toString() {
        return name;
    }

    /** Reads {@code --target} values by their command-line names. */
    static final class Converter implements CommandLine.ITypeConverter<CompileTarget> {
        @Override
        public CompileTarget convert(String value) {
            for (CompileTarget t : values()) {
                if (t.name.equals(value.toLowerCase(Locale.ROOT))) {
                    return t;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not a target; choose cbpf, ebpf-socket, ebpf-tc or ebpf-xdp");
        }
    }
}
