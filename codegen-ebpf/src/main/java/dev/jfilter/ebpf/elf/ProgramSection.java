package dev.jfilter.ebpf.elf;

/**
 * The ELF section a program is written to. Its name tells loaders the program type: libbpf (and so
 * {@code bpftool prog load}) maps {@code socket}, {@code tc} and {@code xdp} to the socket-filter, tc-classifier
 * and XDP types; iproute2 ({@code ip link ... xdp obj F sec xdp}, {@code tc filter ... bpf da obj F sec tc}) takes
 * the name given after {@code sec}.
 *
 * @see <a href="https://docs.kernel.org/bpf/libbpf/program_types.html">libbpf: program types and ELF sections</a>
 */
public enum ProgramSection {
    /** {@code BPF_PROG_TYPE_SOCKET_FILTER}. */
    SOCKET("socket"),
    /** {@code BPF_PROG_TYPE_SCHED_CLS}; iproute2's own default name is {@code classifier}. */
    TC("tc"),
    /** {@code BPF_PROG_TYPE_XDP}. */
    XDP("xdp");

    private final String sectionName;

    ProgramSection(String sectionName) {
        this.sectionName = sectionName;
    }

    /** The section's name in the object file. */
    public String sectionName() {
        return sectionName;
    }
}
