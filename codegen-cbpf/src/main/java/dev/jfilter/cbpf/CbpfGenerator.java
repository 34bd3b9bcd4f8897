package dev.jfilter.cbpf;

import dev.jfilter.cbpf.asm.Assembler;
import dev.jfilter.cbpf.asm.Label;
import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link Cfg} into a classic BPF program. Statements map one to one onto instructions; a branch becomes one
 * conditional jump (classic BPF names both targets, so a branch never needs a {@code ja}); a jump becomes a
 * {@code ja}, or nothing when its target comes next; returns become {@code ret}. {@link BlockLayout} decides the
 * block order and shares the return blocks; the {@link Assembler} computes offsets and inserts trampolines where a
 * conditional jump reaches farther than 255 instructions.
 *
 * <p>The program is not checked here: a graph too large for the kernel gives a program the
 * {@link dev.jfilter.cbpf.validate.Validator} rejects.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/networking/filter.html">Linux Socket Filtering (BPF)</a>
 */
public final class CbpfGenerator {
    private CbpfGenerator() {}

    /** The program for {@code cfg}, with the default {@link BlockLayout}. */
    public static CbpfProgram generate(Cfg cfg) {
        return generate(cfg, BlockLayout.of(cfg));
    }

    /** The program for {@code cfg}, laid out as {@code layout} says. */
    public static CbpfProgram generate(Cfg cfg, BlockLayout layout) {
        Assembler asm = new Assembler();
        if (layout.entry() instanceof BlockLayout.Target.SharedReturn r) {
            asm.emit(returnOf(r.terminator()));
            return asm.assemble();
        }
        List<BlockId> order = layout.order();
        Map<BlockId, Label> blockLabels = new HashMap<>();
        for (BlockId id : order) {
            blockLabels.put(id, asm.newLabel());
        }
        Map<Terminator, Label> returnLabels = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            Block block = cfg.block(order.get(i));
            BlockId next = i + 1 < order.size() ? order.get(i + 1) : null;
            asm.bind(blockLabels.get(block.id()));
            boolean ended = false;
            for (Stmt s : block.statements()) {
                Instruction insn = instruction(s);
                asm.emit(insn);
                if (insn.isReturn()) {
                    ended = true; // a division by the constant 0: the rest of the block never runs
                    break;
                }
            }
            if (ended) {
                continue;
            }
            switch (layout.effectiveTerminator(block)) {
                case Terminator.Return r -> asm.emit(returnOf(r));
                case Terminator.ReturnA r -> asm.emit(returnOf(r));
                case Terminator.Jump j -> {
                    switch (layout.target(j.target())) {
                        case BlockLayout.Target.Code c -> {
                            if (!c.block().equals(next)) {
                                asm.jump(blockLabels.get(c.block()));
                            }
                        }
                        case BlockLayout.Target.SharedReturn r -> asm.emit(returnOf(r.terminator()));
                    }
                }
                case Terminator.Branch b -> asm.jumpIf(b.condition(),
                        label(layout.target(b.ifTrue()), blockLabels, returnLabels, asm),
                        label(layout.target(b.ifFalse()), blockLabels, returnLabels, asm));
            }
        }
        // Shared returns in order of first use, but ret #0 last, as libpcap usually ends its programs.
        Terminator reject = new Terminator.Return(0);
        for (Map.Entry<Terminator, Label> shared : returnLabels.entrySet()) {
            if (!shared.getKey().equals(reject)) {
                asm.bind(shared.getValue());
                asm.emit(returnOf(shared.getKey()));
            }
        }
        if (returnLabels.containsKey(reject)) {
            asm.bind(returnLabels.get(reject));
            asm.emit(returnOf(reject));
        }
        return asm.assemble();
    }

    private static Label label(BlockLayout.Target target, Map<BlockId, Label> blockLabels,
            Map<Terminator, Label> returnLabels, Assembler asm) {
        return switch (target) {
            case BlockLayout.Target.Code c -> blockLabels.get(c.block());
            case BlockLayout.Target.SharedReturn r -> returnLabels.computeIfAbsent(r.terminator(), t -> asm.newLabel());
        };
    }

    private static Instruction returnOf(Terminator t) {
        return switch (t) {
            case Terminator.Return r -> new Instruction.ReturnConstant(r.value());
            case Terminator.ReturnA r -> new Instruction.ReturnA();
            case Terminator.Jump j -> throw new IllegalArgumentException("not a return: " + j);
            case Terminator.Branch b -> throw new IllegalArgumentException("not a return: " + b);
        };
    }

    /**
     * The instruction for one statement. Two statements the kernel would refuse keep the graph's meaning in a form it
     * accepts: a constant shift by 32 or more gives 0, so it is {@code ld #0}; a division or modulo by the constant
     * 0 ends the program with 0, so it is {@code ret #0}. (libpcap rejects both expressions before code generation.)
     */
    public static Instruction instruction(Stmt s) {
        return switch (s) {
            case Stmt.AluConstant a when (a.op() == AluOp.LSH || a.op() == AluOp.RSH)
                    && Integer.compareUnsigned(a.operand(), 32) >= 0 -> new Instruction.LoadConstant(Register.A, 0);
            case Stmt.AluConstant a when a.op().trapsOnZero() && a.operand() == 0 -> new Instruction.ReturnConstant(0);
            case Stmt.LoadAbsolute l -> Ancillary.ofAbsoluteOffset(l.offset())
                    // An absolute offset in the ancillary area is an ancillary load once encoded.
                    .<Instruction>map(a -> new Instruction.LoadExtension(l.size(), a))
                    .orElseGet(() -> new Instruction.LoadAbsolute(l.size(), l.offset()));
            case Stmt.LoadIndirect l -> new Instruction.LoadIndirect(l.size(), l.offset());
            case Stmt.LoadConstant l -> new Instruction.LoadConstant(l.dst(), l.value());
            case Stmt.LoadScratch l -> new Instruction.LoadScratch(l.dst(), l.slot());
            case Stmt.LoadLength l -> new Instruction.LoadLength(l.dst());
            case Stmt.LoadAncillary l -> new Instruction.LoadExtension(ancillaryWidth(l.field()), l.field());
            case Stmt.LoadIpHeaderLength l -> new Instruction.LoadMemShift(l.offset());
            case Stmt.Store st -> new Instruction.StoreScratch(st.src(), st.slot());
            case Stmt.AluConstant a -> new Instruction.AluConstant(a.op(), a.operand());
            case Stmt.AluX a -> new Instruction.AluX(a.op());
            case Stmt.Negate n -> new Instruction.Negate();
            case Stmt.Tax t -> new Instruction.Tax();
            case Stmt.Txa t -> new Instruction.Txa();
        };
    }

    /**
     * The load width libpcap's gencode.c uses for each ancillary field ({@code ldh [type]}, {@code ldb [vlanp]},
     * {@code ldh [vlan_tci]}, {@code ld [ifidx]}), so listings match tcpdump's. The kernel loads the whole value
     * whatever the width; fields libpcap never loads get a word.
     */
    public static LoadSize ancillaryWidth(Ancillary field) {
        return switch (field) {
            case PKTTYPE, VLAN_TAG -> LoadSize.HALF;
            case VLAN_TAG_PRESENT -> LoadSize.BYTE;
            case PROTOCOL, IFINDEX, NLATTR, NLATTR_NEST, MARK, QUEUE, HATYPE, RXHASH, CPU, ALU_XOR_X, PAY_OFFSET,
                 RANDOM, VLAN_TPID -> LoadSize.WORD;
        };
    }
}
