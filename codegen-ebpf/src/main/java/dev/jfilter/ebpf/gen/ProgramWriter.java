package dev.jfilter.ebpf.gen;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Operand;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import dev.jfilter.cfg.opt.Liveness;
import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.AluReg;
import dev.jfilter.ebpf.insn.ByteOrder;
import dev.jfilter.ebpf.insn.Call;
import dev.jfilter.ebpf.insn.Endian;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.Insn;
import dev.jfilter.ebpf.insn.Ja;
import dev.jfilter.ebpf.insn.JumpImm;
import dev.jfilter.ebpf.insn.JumpOp;
import dev.jfilter.ebpf.insn.JumpReg;
import dev.jfilter.ebpf.insn.Label;
import dev.jfilter.ebpf.insn.LoadAbs;
import dev.jfilter.ebpf.insn.LoadInd;
import dev.jfilter.ebpf.insn.LoadMem;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.insn.Reg;
import dev.jfilter.ebpf.insn.Size;
import dev.jfilter.ebpf.insn.StoreImm;
import dev.jfilter.ebpf.insn.StoreReg;
import dev.jfilter.ebpf.insn.Width;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Writes the eBPF program of one checked graph: a prologue for the program type, the blocks in the graph's order with
 * their bounds checks, and one shared exit per distinct return value. The accumulator's 32-bit arithmetic and tests
 * use the 32-bit classes (ALU, JMP32), which are exactly cBPF's unsigned 32-bit semantics.
 */
final class ProgramWriter {
    /** The largest offset {@code LD_ABS}/{@code LD_IND} take as a positive {@code int}. */
    private static final long MAX_ABS_OFFSET = Integer.MAX_VALUE;
    /** {@code bpf_skb_pull_data}. */
    private static final int HELPER_SKB_PULL_DATA = 39;
    private static final int SKB_LEN = 0;
    private static final int SKB_DATA = 76;
    private static final int SKB_DATA_END = 80;
    private static final int XDP_DATA = 0;
    private static final int XDP_DATA_END = 4;
    private static final long IHL_MAX = 60;

    private final Cfg cfg;
    private final Target target;
    private final Verdicts verdicts;
    private final Registers regs;
    private final Liveness liveness;
    private final PacketNeeds needs;
    private final Code code = new Code();
    private final Map<BlockId, Facts> factsOut = new HashMap<>();
    private final Map<BlockId, List<BlockId>> predecessors = new HashMap<>();
    /** The shared exits used so far, by label, with the value each returns. */
    private final SequencedMap<Label, Integer> exits = new LinkedHashMap<>();
    private int innerLabels;

    ProgramWriter(Cfg cfg, GenerateOptions options) {
        this.cfg = cfg;
        this.target = options.target();
        this.verdicts = new Verdicts(options);
        this.regs = Registers.plan(cfg, target, callsHelpers(cfg));
        this.liveness = Liveness.of(cfg);
        this.needs = PacketNeeds.of(cfg);
        for (Block b : cfg.blocks()) {
            for (BlockId s : b.terminator().successors()) {
                predecessors.computeIfAbsent(s, k -> new ArrayList<>()).add(b.id());
            }
        }
    }

    Program write() {
        List<Block> blocks = cfg.blocks().stream().filter(b -> !isExit(b)).toList();
        Facts entry = prologue();
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            Label next = i + 1 < blocks.size() ? label(blocks.get(i + 1).id()) : null;
            code.bind(label(b.id()));
            Facts in = b.id().equals(cfg.entry()) ? entry : factsIn(b.id());
            factsOut.put(b.id(), block(b, in, next));
        }
        if (blocks.isEmpty()) {
            Terminator.Return r = (Terminator.Return) cfg.block(cfg.entry()).terminator();
            exitLabel(verdicts.output(r.value()));
        }
        writeExits();
        return code.build();
    }

    // ---- prologue and exits

    private Facts prologue() {
        boolean packet = TargetCheck.readsPacket(cfg);
        boolean length = cfg.blocks().stream().flatMap(b -> b.statements().stream())
                .anyMatch(s -> s instanceof Stmt.LoadLength || s instanceof Stmt.LoadAncillary);
        switch (target) {
            case SOCKET -> {
                if (packet || length) {
                    code.add(mov64(regs.ctx(), Reg.R1));
                }
            }
            case TC -> {
                if (packet || length) {
                    code.add(mov64(regs.ctx(), Reg.R1));
                }
                if (packet) {
                    linearize();
                }
            }
            case XDP -> {
                if (packet || length) {
                    code.add(new LoadMem(Size.W, regs.data(), Reg.R1, XDP_DATA),
                            new LoadMem(Size.W, regs.end(), Reg.R1, XDP_DATA_END));
                }
            }
        }
        Facts facts = Facts.NONE;
        int live = liveness.liveIn(cfg.entry());
        if ((live & Liveness.A) != 0) {
            code.add(movImm(Registers.A, 0));
        }
        if ((live & Liveness.X) != 0) {
            code.add(movImm(regs.x(), 0));
            facts = facts.withXMax(0);
        }
        for (int slot = 0; slot < dev.jfilter.cfg.Scratch.SLOTS; slot++) {
            if ((live & Liveness.slot(slot)) != 0) {
                int s = slot;
                code.add(regs.scratchRegister(slot).<Insn>map(r -> movImm(r, 0))
                        .orElseGet(() -> new StoreImm(Size.W, Reg.R10, Registers.stackOffset(s), 0)));
            }
        }
        return facts;
    }

    /**
     * Makes the whole packet readable through {@code data} when the skb is not linear (GRO'd traffic on tc), so that
     * loads past the linear head see what libpcap would see; linear packets pay two loads and a compare.
     */
    private void linearize() {
        Label linear = innerLabel();
        code.add(new LoadMem(Size.W, regs.data(), Reg.R1, SKB_DATA),
                new LoadMem(Size.W, regs.end(), Reg.R1, SKB_DATA_END),
                new LoadMem(Size.W, regs.guard(), Reg.R1, SKB_LEN),
                mov64(regs.base(), regs.end()),
                new AluReg(Width.W64, AluOp.SUB, regs.base(), regs.data()),
                new JumpReg(Width.W64, JumpOp.JLE, regs.guard(), regs.base(), linear),
                mov64(Reg.R2, regs.guard()),
                new Call(HELPER_SKB_PULL_DATA));
        reloadPacketPointers();
        code.bind(linear);
    }

    private void reloadPacketPointers() {
        int data = target == Target.XDP ? XDP_DATA : SKB_DATA;
        int end = target == Target.XDP ? XDP_DATA_END : SKB_DATA_END;
        code.add(new LoadMem(Size.W, regs.data(), regs.ctx(), data),
                new LoadMem(Size.W, regs.end(), regs.ctx(), end));
    }

    private void writeExits() {
        List<Label> order = new ArrayList<>(exits.keySet());
        // The exit the last block jumps to goes first, so the jump falls through.
        if (code.last() instanceof Ja(Label target) && order.remove(target)) {
            order.addFirst(target);
        }
        for (Label exit : order) {
            code.bind(exit);
            code.add(movImm(Reg.R0, exits.get(exit)), new Exit());
        }
    }

    // ---- blocks

    private Facts factsIn(BlockId id) {
        Facts in = null;
        for (BlockId p : predecessors.getOrDefault(id, List.of())) {
            Facts out = factsOut.get(p);
            in = in == null ? out : in.meet(out);
        }
        return in == null ? Facts.NONE : in;
    }

    private Facts block(Block b, Facts in, Label next) {
        Facts facts = in;
        List<Stmt> stmts = b.statements();
        int[] liveAfter = liveAfter(b);
        SwapFreeCompare swapFree = target.directAccess() ? SwapFreeCompare.of(b, liveness) : null;
        if (target.directAccess() && needs.needed(b.id()) > facts.checked()) {
            facts = checkData(needs.check(b.id()), facts);
        }
        for (int i = 0; i < stmts.size(); i++) {
            boolean keepOrder = swapFree != null && i == stmts.size() - 1;
            facts = statement(b, i, facts, liveAfter[i], keepOrder);
        }
        terminator(b, facts, next, swapFree);
        return facts;
    }

    private int[] liveAfter(Block b) {
        List<Stmt> stmts = b.statements();
        int[] after = new int[stmts.size()];
        int live = liveness.liveOut(b);
        for (int i = stmts.size() - 1; i >= 0; i--) {
            after[i] = live;
            live = (live & ~Liveness.defs(stmts.get(i))) | Liveness.uses(stmts.get(i));
        }
        return after;
    }

    private Facts checkData(int bytes, Facts facts) {
        code.add(mov64(regs.guard(), regs.data()),
                new AluImm(Width.W64, AluOp.ADD, regs.guard(), bytes),
                new JumpReg(Width.W64, JumpOp.JGT, regs.guard(), regs.end(), reject()));
        return facts.withChecked(Math.max(bytes, facts.checked()));
    }

    private Facts statement(Block b, int i, Facts facts, int liveAfter, boolean networkOrder) {
        Stmt s = b.statements().get(i);
        Reg x = regs.x();
        return switch (s) {
            case Stmt.LoadAbsolute(LoadSize size, int offset) -> {
                if (target.directAccess()) {
                    code.add(new LoadMem(size(size), Registers.A, regs.data(), offset));
                    toHostOrder(size, networkOrder);
                } else {
                    code.add(new LoadAbs(size(size), offset));
                }
                yield facts;
            }
            case Stmt.LoadIndirect(LoadSize size, int offset) -> {
                Facts f = target.directAccess() ? checkIndirect(b, i, facts) : boundForLdInd(offset, facts);
                if (target.directAccess()) {
                    code.add(new LoadMem(size(size), Registers.A, regs.base(), offset));
                    toHostOrder(size, networkOrder);
                } else {
                    code.add(new LoadInd(size(size), x, offset));
                }
                yield f;
            }
            case Stmt.LoadConstant(Register dst, int value) -> {
                code.add(movImm(regs.of(dst), value));
                yield dst == Register.X ? facts.withNewX(Integer.toUnsignedLong(value)) : facts;
            }
            case Stmt.LoadScratch(Register dst, int slot) -> {
                code.add(regs.scratchRegister(slot).<Insn>map(r -> mov32(regs.of(dst), r))
                        .orElseGet(() -> new LoadMem(Size.W, regs.of(dst), Reg.R10, Registers.stackOffset(slot))));
                yield dst == Register.X ? facts.withNewX(Facts.X_UNKNOWN) : facts;
            }
            case Stmt.LoadLength(Register dst) -> {
                if (target == Target.XDP) {
                    code.add(mov64(regs.of(dst), regs.end()),
                            new AluReg(Width.W64, AluOp.SUB, regs.of(dst), regs.data()));
                } else {
                    code.add(new LoadMem(Size.W, regs.of(dst), regs.ctx(), SKB_LEN));
                }
                yield dst == Register.X ? facts.withNewX(Facts.X_UNKNOWN) : facts;
            }
            case Stmt.LoadAncillary(var field) -> ancillary(b, field, facts);
            case Stmt.LoadIpHeaderLength(int offset) -> {
                if (target.directAccess()) {
                    code.add(new LoadMem(Size.B, x, regs.data(), offset));
                } else {
                    boolean keepA = (liveAfter & Liveness.A) != 0;
                    if (keepA) {
                        code.add(new StoreReg(Size.W, Reg.R10, Registers.SAVED_A_OFFSET, Registers.A));
                    }
                    code.add(new LoadAbs(Size.B, offset), mov32(x, Registers.A));
                    if (keepA) {
                        code.add(new LoadMem(Size.W, Registers.A, Reg.R10, Registers.SAVED_A_OFFSET));
                    }
                }
                code.add(new AluImm(Width.W32, AluOp.AND, x, 0xf), new AluImm(Width.W32, AluOp.LSH, x, 2));
                yield facts.withNewX(IHL_MAX);
            }
            case Stmt.Store(Register src, int slot) -> {
                code.add(regs.scratchRegister(slot).<Insn>map(r -> mov32(r, regs.of(src)))
                        .orElseGet(() -> new StoreReg(Size.W, Reg.R10, Registers.stackOffset(slot), regs.of(src))));
                yield facts;
            }
            case Stmt.AluConstant(var op, int operand) -> {
                boolean shift = op == dev.jfilter.cfg.AluOp.LSH || op == dev.jfilter.cfg.AluOp.RSH;
                if (shift && Integer.compareUnsigned(operand, 32) >= 0) {
                    code.add(movImm(Registers.A, 0));
                } else {
                    code.add(new AluImm(Width.W32, alu(op), Registers.A, operand));
                }
                yield facts;
            }
            case Stmt.AluX(var op) -> {
                aluX(op, facts);
                yield facts;
            }
            case Stmt.Negate() -> {
                code.add(new AluImm(Width.W32, AluOp.NEG, Registers.A, 0));
                yield facts;
            }
            case Stmt.Tax() -> {
                code.add(mov32(x, Registers.A));
                yield facts.withNewX(Facts.X_UNKNOWN);
            }
            case Stmt.Txa() -> {
                code.add(mov32(Registers.A, x));
                yield facts;
            }
        };
    }

    private void toHostOrder(LoadSize size, boolean networkOrder) {
        if (size != LoadSize.BYTE && !networkOrder) {
            code.add(new Endian(ByteOrder.TO_BE, Registers.A, size.bytes() * 8));
        }
    }

    /**
     * An {@code LD_IND} offset is {@code (int)(X + k)}; libpcap fails a load whose unsigned sum passes the packet, so
     * an X that could make the sum pass {@code INT_MAX} is refused first (no packet is that long).
     */
    private Facts boundForLdInd(int offset, Facts facts) {
        long limit = MAX_ABS_OFFSET - Integer.toUnsignedLong(offset);
        if (facts.xMax() <= limit) {
            return facts;
        }
        code.add(new JumpImm(Width.W64, JumpOp.JGT, regs.x(), (int) limit, reject()));
        return facts.withXMax(limit);
    }

    /**
     * Makes {@code data + X} (the base register) valid for the indirect loads from statement {@code i} on that use
     * the same X: X bounded so the verifier accepts the pointer, then one check of their furthest byte.
     */
    private Facts checkIndirect(Block b, int i, Facts facts) {
        List<Stmt> stmts = b.statements();
        int end = 0;
        for (int j = i; j < stmts.size(); j++) {
            if (stmts.get(j) instanceof Stmt.LoadIndirect(LoadSize size, int offset)) {
                end = Math.max(end, offset + size.bytes());
            }
            if ((Liveness.defs(stmts.get(j)) & Liveness.X) != 0) {
                break;
            }
        }
        if (facts.baseRange() >= end) {
            return facts;
        }
        Facts f = facts;
        long limit = TargetCheck.MAX_PACKET_OFFSET - end;
        if (f.xMax() > limit) {
            code.add(new JumpImm(Width.W64, JumpOp.JGT, regs.x(), (int) limit, reject()));
            f = f.withXMax(limit);
        }
        if (f.baseRange() == Facts.NO_BASE) {
            code.add(mov64(regs.base(), regs.data()), new AluReg(Width.W64, AluOp.ADD, regs.base(), regs.x()));
        }
        code.add(mov64(regs.guard(), regs.base()),
                new AluImm(Width.W64, AluOp.ADD, regs.guard(), end),
                new JumpReg(Width.W64, JumpOp.JGT, regs.guard(), regs.end(), reject()));
        return f.withBase(end);
    }

    private Facts ancillary(Block b, dev.jfilter.cfg.Ancillary field, Facts facts) {
        AncillaryField f = AncillaryField.of(field).orElseThrow();
        if (!f.isHelper()) {
            code.add(new LoadMem(Size.W, Registers.A, regs.ctx(), f.offset()));
            if (f.networkOrder()) {
                code.add(new Endian(ByteOrder.TO_BE, Registers.A, 16));
            }
            return facts;
        }
        code.add(new Call(f.helper()));
        if (!target.directAccess()) {
            return facts;
        }
        // The call clobbered the packet pointers: reload them and check again what this block reads.
        reloadPacketPointers();
        Facts reset = new Facts(0, Facts.NO_BASE, facts.xMax());
        return needs.needed(b.id()) > 0 ? checkData(needs.needed(b.id()), reset) : reset;
    }

    private void aluX(dev.jfilter.cfg.AluOp op, Facts facts) {
        Reg x = regs.x();
        switch (op) {
            case DIV, MOD -> code.add(new JumpImm(Width.W32, JumpOp.JEQ, x, 0, reject()),
                    new AluReg(Width.W32, alu(op), Registers.A, x));
            case LSH, RSH -> {
                if (facts.xMax() < 32) {
                    code.add(new AluReg(Width.W32, alu(op), Registers.A, x));
                } else {
                    // eBPF masks the shift count; libpcap gives 0 for a count of 32 or more.
                    Label inRange = innerLabel();
                    Label done = innerLabel();
                    code.add(new JumpImm(Width.W32, JumpOp.JLT, x, 32, inRange), movImm(Registers.A, 0),
                            new Ja(done));
                    code.bind(inRange);
                    code.add(new AluReg(Width.W32, alu(op), Registers.A, x));
                    code.bind(done);
                }
            }
            case ADD, SUB, MUL, AND, OR, XOR -> code.add(new AluReg(Width.W32, alu(op), Registers.A, x));
        }
    }

    private void terminator(Block b, Facts facts, Label next, SwapFreeCompare swapFree) {
        switch (b.terminator()) {
            case Terminator.Branch(Condition cond, BlockId ifTrue, BlockId ifFalse) -> {
                Label t = target(ifTrue);
                Label f = target(ifFalse);
                if (t.equals(f)) {
                    code.add(new Ja(t));
                    return;
                }
                JumpOp op = jump(cond.op());
                if (f.equals(next)) {
                    code.add(compare(op, cond.operand(), swapFree, t));
                } else if (t.equals(next) && op != JumpOp.JSET) {
                    code.add(compare(inverse(op), cond.operand(), swapFree, f));
                } else {
                    code.add(compare(op, cond.operand(), swapFree, t), new Ja(f));
                }
            }
            case Terminator.Jump(BlockId to) -> code.add(new Ja(target(to)));
            case Terminator.Return(int value) -> code.add(new Ja(exitLabel(verdicts.output(value))));
            case Terminator.ReturnA() -> {
                if (verdicts.returnsAccumulator()) {
                    code.add(new Exit());
                } else {
                    code.add(new JumpImm(Width.W32, JumpOp.JNE, Registers.A, 0,
                                    exitLabel(verdicts.output(Verdicts.ANY_MATCH))),
                            new Ja(exitLabel(verdicts.output(0))));
                }
            }
        }
    }

    private Insn compare(JumpOp op, Operand operand, SwapFreeCompare swapFree, Label to) {
        return switch (operand) {
            case Operand.Constant(int value) -> new JumpImm(Width.W32, op, Registers.A,
                    swapFree == null ? value : swapFree.constant(), to);
            case Operand.IndexRegister() -> new JumpReg(Width.W32, op, Registers.A, regs.x(), to);
        };
    }

    // ---- labels

    private static boolean isExit(Block b) {
        return b.statements().isEmpty() && b.terminator() instanceof Terminator.Return;
    }

    private Label label(BlockId id) {
        return new Label("b" + id.value());
    }

    private Label target(BlockId id) {
        Block b = cfg.block(id);
        return isExit(b) ? exitLabel(verdicts.output(((Terminator.Return) b.terminator()).value())) : label(id);
    }

    private Label reject() {
        return exitLabel(verdicts.output(0));
    }

    private Label exitLabel(int value) {
        Label label = exitName(value);
        exits.put(label, value);
        return label;
    }

    private static Label exitName(int value) {
        return new Label("exit_" + Integer.toUnsignedString(value));
    }

    private Label innerLabel() {
        return new Label("l" + innerLabels++);
    }

    // ---- instruction helpers

    private static Insn mov64(Reg dst, Reg src) {
        return new AluReg(Width.W64, AluOp.MOV, dst, src);
    }

    private static Insn mov32(Reg dst, Reg src) {
        return new AluReg(Width.W32, AluOp.MOV, dst, src);
    }

    private static Insn movImm(Reg dst, int value) {
        return new AluImm(Width.W32, AluOp.MOV, dst, value);
    }

    private static Size size(LoadSize size) {
        return switch (size) {
            case BYTE -> Size.B;
            case HALF -> Size.H;
            case WORD -> Size.W;
        };
    }

    private static AluOp alu(dev.jfilter.cfg.AluOp op) {
        return switch (op) {
            case ADD -> AluOp.ADD;
            case SUB -> AluOp.SUB;
            case MUL -> AluOp.MUL;
            case DIV -> AluOp.DIV;
            case MOD -> AluOp.MOD;
            case AND -> AluOp.AND;
            case OR -> AluOp.OR;
            case XOR -> AluOp.XOR;
            case LSH -> AluOp.LSH;
            case RSH -> AluOp.RSH;
        };
    }

    private static JumpOp jump(dev.jfilter.cfg.JumpOp op) {
        return switch (op) {
            case JEQ -> JumpOp.JEQ;
            case JGT -> JumpOp.JGT;
            case JGE -> JumpOp.JGE;
            case JSET -> JumpOp.JSET;
        };
    }

    private static JumpOp inverse(JumpOp op) {
        return switch (op) {
            case JEQ -> JumpOp.JNE;
            case JGT -> JumpOp.JLE;
            case JGE -> JumpOp.JLT;
            case JNE -> JumpOp.JEQ;
            case JLE -> JumpOp.JGT;
            case JLT -> JumpOp.JGE;
            case JSET, JSGT, JSGE, JSLT, JSLE -> throw new IllegalArgumentException("no inverse used for " + op);
        };
    }

    private static boolean callsHelpers(Cfg cfg) {
        return cfg.blocks().stream().flatMap(b -> b.statements().stream())
                .anyMatch(s -> s instanceof Stmt.LoadAncillary(var f)
                        && AncillaryField.of(f).map(AncillaryField::isHelper).orElse(false));
    }
}
