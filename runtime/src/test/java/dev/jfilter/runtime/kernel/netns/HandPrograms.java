package dev.jfilter.runtime.kernel.netns;

import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.AluReg;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.JumpImm;
import dev.jfilter.ebpf.insn.JumpOp;
import dev.jfilter.ebpf.insn.JumpReg;
import dev.jfilter.ebpf.insn.Label;
import dev.jfilter.ebpf.insn.LoadMem;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.insn.Reg;
import dev.jfilter.ebpf.insn.Size;
import dev.jfilter.ebpf.insn.Width;
import java.nio.ByteOrder;

/**
 * Hand-assembled packet programs for the kernel tests, until the compiler emits eBPF: they read the packet directly
 * (data/data_end from the context, one bounds check), as XDP and tc programs must.
 */
public final class HandPrograms {
    /** Ethernet 14 + IPv4 without options 20 + the UDP destination port's 4 first bytes. */
    static final int UDP_DPORT_END = 38;

    private HandPrograms() {}

    /**
     * Drops IPv4 UDP to {@code port} and passes everything else: Ethernet type 0x0800, IPv4 protocol 17 (the header
     * is assumed to have no options), UDP destination port. A frame too short to hold the port passes.
     */
    public static Program dropUdpToPort(PacketHook hook, int port) {
        Label pass = new Label("pass");
        return Program.builder()
                .add(new LoadMem(Size.W, Reg.R2, Reg.R1, hook.dataOffset()),
                        new LoadMem(Size.W, Reg.R3, Reg.R1, hook.dataEndOffset()),
                        new AluReg(Width.W64, AluOp.MOV, Reg.R4, Reg.R2),
                        new AluImm(Width.W64, AluOp.ADD, Reg.R4, UDP_DPORT_END),
                        new JumpReg(Width.W64, JumpOp.JGT, Reg.R4, Reg.R3, pass),
                        new LoadMem(Size.H, Reg.R5, Reg.R2, 12),
                        new JumpImm(Width.W64, JumpOp.JNE, Reg.R5, networkShort(0x0800), pass),
                        new LoadMem(Size.B, Reg.R5, Reg.R2, 23),
                        new JumpImm(Width.W64, JumpOp.JNE, Reg.R5, 17, pass),
                        new LoadMem(Size.H, Reg.R5, Reg.R2, 36),
                        new JumpImm(Width.W64, JumpOp.JNE, Reg.R5, networkShort(port), pass),
                        new AluImm(Width.W64, AluOp.MOV, Reg.R0, hook.drop()),
                        new Exit())
                .bind(pass)
                .add(new AluImm(Width.W64, AluOp.MOV, Reg.R0, hook.pass()), new Exit())
                .build();
    }

    /** The value a 16-bit load of these big-endian bytes gives on this machine. */
    static int networkShort(int value) {
        return ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN
                ? value & 0xffff
                : Short.toUnsignedInt(Short.reverseBytes((short) value));
    }
}
