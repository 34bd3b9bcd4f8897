package dev.jfilter.ebpf.gen;

import dev.jfilter.ebpf.elf.ProgramSection;

/**
 * The kind of eBPF program to generate, which fixes how the packet is read and what the program returns.
 *
 * <ul>
 *   <li>{@link #SOCKET}: {@code BPF_PROG_TYPE_SOCKET_FILTER}; packet bytes through {@code LD_ABS}/{@code LD_IND}
 *       (the only packet access socket filters have), returns the number of bytes to keep, 0 to drop.
 *   <li>{@link #TC}: {@code BPF_PROG_TYPE_SCHED_CLS} in direct-action mode; direct packet access through
 *       {@code __sk_buff->data}, returns {@code TC_ACT_OK} or {@code TC_ACT_SHOT}.
 *   <li>{@link #XDP}: {@code BPF_PROG_TYPE_XDP}; direct packet access through {@code xdp_md->data}, returns
 *       {@code XDP_PASS} or {@code XDP_DROP}.
 * </ul>
 *
 * @see <a href="https://docs.kernel.org/bpf/libbpf/program_types.html">libbpf program types and ELF section names</a>
 */
public enum Target {
    SOCKET(ProgramSection.SOCKET, "socket filter"),
    TC(ProgramSection.TC, "tc classifier"),
    XDP(ProgramSection.XDP, "XDP program");

    private final ProgramSection section;
    private final String description;

    Target(ProgramSection section, String description) {
        this.section = section;
        this.description = description;
    }

    /** The ELF section libbpf, bpftool, ip and tc recognize for this program type. */
    public ProgramSection programSection() {
        return section;
    }

    /** How messages name the program type ("XDP program"). */
    public String description() {
        return description;
    }

    /** The name with its indefinite article ("an XDP program"). */
    public String withArticle() {
        return (this == XDP ? "an " : "a ") + description;
    }

    /** Whether the program reads the packet through data/data_end pointers rather than {@code LD_ABS}. */
    public boolean directAccess() {
        return this != SOCKET;
    }
}
