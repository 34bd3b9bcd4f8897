package dev.jfilter.runtime.kernel;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.Instruction;
import dev.jfilter.cbpf.lift.CfgLifter;
import dev.jfilter.cbpf.lift.LiftResult;
import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.ebpf.gen.EbpfGenerator;
import dev.jfilter.ebpf.gen.GenerateOptions;
import dev.jfilter.ebpf.gen.Generation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A program compiled for {@code LINUX_SLL2} made fit for a cooked packet socket ({@code SOCK_DGRAM}), whose packets
 * start at the network header: the kernel never sees the 20-byte SLL2 header that user space puts in front of them.
 * As libpcap's {@code fix_offset} does, loads past the header move back 20 bytes, and loads of the header's protocol
 * ({@code [0]}), interface index ({@code [4]}) and packet type ({@code [10]}) become the kernel's {@code SKF_AD_*}
 * loads of the same values. A program that reads anything else of the header (the hardware type, the link-layer
 * address) or an indirect load that can reach into it has no cooked form: the socket then takes every packet and the
 * program runs in user space on the packet with its header, as libpcap does.
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL2.html">LINKTYPE_LINUX_SLL2</a>
 * @see <a href="https://www.kernel.org/doc/html/latest/networking/filter.html">Linux Socket Filtering, ancillary data</a>
 */
public final class CookedPrograms {
    /** The length of the SLL2 header. */
    public static final int SLL2_HEADER_BYTES = 20;
    private static final int PROTOCOL = 0;
    private static final int INTERFACE_INDEX = 4;
    private static final int PACKET_TYPE = 10;

    private CookedPrograms() {}

    /** The program for a cooked socket, or empty when it reads what such a socket does not give the kernel. */
    public static Optional<CbpfProgram> forCookedSocket(CbpfProgram sll2Program) {
        List<Instruction> rewritten = new ArrayList<>(sll2Program.size());
        for (Instruction instruction : sll2Program.disassemble()) {
            Optional<Instruction> fixed = fix(instruction);
            if (fixed.isEmpty()) {
                return Optional.empty();
            }
            rewritten.add(fixed.get());
        }
        return Optional.of(CbpfProgram.of(rewritten));
    }

    /**
     * The eBPF socket filter for a cooked socket: the cooked form of the program lifted into a graph and generated
     * for {@code options}; empty when the program has no cooked form.
     */
    public static Optional<Generation> ebpfForCookedSocket(CbpfProgram sll2Program, GenerateOptions options) {
        return forCookedSocket(sll2Program).map(cooked -> switch (CfgLifter.lift(cooked)) {
            case LiftResult.Lifted(var cfg) -> EbpfGenerator.generate(cfg, options);
            // The rewrite only renames loads of a program jfilter generated, which always lifts.
            case LiftResult.Failed(var problems) -> throw new IllegalStateException(
                    "the cooked form of a generated program does not lift: " + problems);
        });
    }

    private static Optional<Instruction> fix(Instruction instruction) {
        return switch (instruction) {
            case Instruction.LoadAbsolute(LoadSize size, int offset) when offset >= SLL2_HEADER_BYTES ->
                    Optional.of(new Instruction.LoadAbsolute(size, offset - SLL2_HEADER_BYTES));
            case Instruction.LoadAbsolute(LoadSize size, int offset) when offset == PROTOCOL && size == LoadSize.HALF ->
                    Optional.of(new Instruction.LoadExtension(size, Ancillary.PROTOCOL));
            case Instruction.LoadAbsolute(LoadSize size, int offset)
                    when offset == INTERFACE_INDEX && size == LoadSize.WORD ->
                    Optional.of(new Instruction.LoadExtension(size, Ancillary.IFINDEX));
            case Instruction.LoadAbsolute(LoadSize size, int offset) when offset == PACKET_TYPE && size == LoadSize.BYTE ->
                    Optional.of(new Instruction.LoadExtension(size, Ancillary.PKTTYPE));
            case Instruction.LoadAbsolute absolute -> Optional.empty();
            // X is never negative, so [x + k] stays past the header when k does.
            case Instruction.LoadIndirect(LoadSize size, int offset) when offset >= SLL2_HEADER_BYTES ->
                    Optional.of(new Instruction.LoadIndirect(size, offset - SLL2_HEADER_BYTES));
            case Instruction.LoadIndirect indirect -> Optional.empty();
            case Instruction.LoadMemShift(int offset) when offset >= SLL2_HEADER_BYTES ->
                    Optional.of(new Instruction.LoadMemShift(offset - SLL2_HEADER_BYTES));
            case Instruction.LoadMemShift shift -> Optional.empty();
            case Instruction.LoadExtension extension -> Optional.of(extension);
            case Instruction.LoadConstant c -> Optional.of(c);
            case Instruction.LoadScratch s -> Optional.of(s);
            // The kernel's length would not count the header; libpcap leaves it so, and misjudges 'greater'/'less'.
            case Instruction.LoadLength l -> Optional.empty();
            case Instruction.StoreScratch s -> Optional.of(s);
            case Instruction.AluConstant a -> Optional.of(a);
            case Instruction.AluX a -> Optional.of(a);
            case Instruction.Negate n -> Optional.of(n);
            case Instruction.Jump j -> Optional.of(j);
            case Instruction.JumpIf j -> Optional.of(j);
            case Instruction.JumpIfX j -> Optional.of(j);
            case Instruction.ReturnConstant r -> Optional.of(r);
            case Instruction.ReturnA r -> Optional.of(r);
            case Instruction.Tax t -> Optional.of(t);
            case Instruction.Txa t -> Optional.of(t);
            case Instruction.Raw r -> Optional.empty();
        };
    }
}
