package dev.jfilter.runtime.kernel.netns;

import dev.jfilter.ebpf.elf.ProgramSection;
import dev.jfilter.runtime.kernel.BpfProgramType;

/**
 * Where a packet program runs, with what its context holds: the offsets of the {@code data} and {@code data_end}
 * packet pointers in the context ({@code struct xdp_md}, {@code struct __sk_buff}) and the return values that drop or
 * pass a packet.
 *
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/bpf.h">linux/bpf.h: xdp_md, __sk_buff, xdp_action</a>
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/pkt_cls.h">linux/pkt_cls.h: TC_ACT_*</a>
 */
public enum PacketHook {
    /** XDP: {@code xdp_md.data} at 0, {@code data_end} at 4; {@code XDP_DROP} 1, {@code XDP_PASS} 2. */
    XDP(BpfProgramType.XDP, ProgramSection.XDP, 0, 4, 1, 2),
    /** tc direct action: {@code __sk_buff.data} at 76, {@code data_end} at 80; {@code TC_ACT_SHOT} 2, OK 0. */
    TC(BpfProgramType.SCHED_CLS, ProgramSection.TC, 76, 80, 2, 0);

    private final BpfProgramType type;
    private final ProgramSection section;
    private final int dataOffset;
    private final int dataEndOffset;
    private final int drop;
    private final int pass;

    PacketHook(BpfProgramType type, ProgramSection section, int dataOffset, int dataEndOffset, int drop, int pass) {
        this.type = type;
        this.section = section;
        this.dataOffset = dataOffset;
        this.dataEndOffset = dataEndOffset;
        this.drop = drop;
        this.pass = pass;
    }

    public BpfProgramType type() {
        return type;
    }

    /** The section of an object file that holds a program for this hook. */
    public ProgramSection section() {
        return section;
    }

    public int dataOffset() {
        return dataOffset;
    }

    public int dataEndOffset() {
        return dataEndOffset;
    }

    /** The return value that drops the packet. */
    public int drop() {
        return drop;
    }

    /** The return value that lets the packet go on. */
    public int pass() {
        return pass;
    }
}
