package dev.jfilter.cbpf.lift;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.Instruction;
import dev.jfilter.cbpf.SockFilter;
import dev.jfilter.cbpf.listing.ListingParser;
import dev.jfilter.cbpf.listing.ParseResult;
import dev.jfilter.cbpf.validate.Problem;
import dev.jfilter.cbpf.validate.Validator;
import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.ArrayList;
import java.util.List;

/**
 * Lifts a classic BPF program into a {@link Cfg} that returns what the program returns on every packet, with the
 * semantics of the graph ({@link dev.jfilter.cfg.CfgInterpreter}, which are libpcap's {@code bpf_filter()}).
 *
 * <p>The program must pass the Linux kernel's checker ({@link Validator#kernel}): the input is a socket filter, an
 * {@code xt_bpf} match or a tc classifier, and that checker already refuses what the graph cannot hold (backward
 * jumps, which would make cycles; unknown opcodes and ancillary offsets; scratch words read before they are written
 * on every path; constant shifts of 32 or more, where the kernel and libpcap disagree). Its problems are reported
 * as {@link LiftProblem.Rejected}.
 *
 * <p>Each reachable instruction becomes one statement or terminator. Basic blocks start at the first instruction and
 * at every jump target; a block that runs into the next one ends in a {@link Terminator.Jump}, as does a {@code ja}
 * and a conditional jump whose two targets are the same instruction (the test has no effect). Instructions no path
 * reaches are dropped. A and X start at 0, as in the kernel and libpcap.
 *
 * <p>Loads at offsets of 2^31 and above (negative as the kernel reads them): at {@code SKF_AD_OFF+n} an absolute load
 * names packet metadata and becomes {@link Stmt.LoadAncillary}, whatever its width (the kernel ignores it). At
 * {@code SKF_NET_OFF+n} and {@code SKF_LL_OFF+n} the kernel reads relative to the network or link-layer header, which
 * the graph cannot say: {@link LiftProblem.Inexpressible}; so is an indirect load or {@code ldxb 4*([k]&0xf)} with an
 * offset from {@code SKF_LL_OFF} to -1, where the kernel adds X to a negative offset. Below {@code SKF_LL_OFF} the
 * load fails in the kernel and in libpcap alike (libpcap reads the offset unsigned, past any packet shorter than
 * 2 GiB), so the program returns 0 there: the load becomes a {@link Terminator.Return} of 0 ending its block, after
 * the statements before it. For an indirect load that keeps libpcap's meaning; the kernel would wrap X plus the
 * offset around to a packet byte when X is 2^31 or more.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/networking/filter.html">Linux Socket Filtering (BPF)</a>
 * @see <a href="https://github.com/torvalds/linux/blob/master/net/core/filter.c">net/core/filter.c</a>
 * @see <a href="https://github.com/the-tcpdump-group/libpcap/blob/master/bpf_filter.c">libpcap bpf_filter.c</a>
 */
public final class CfgLifter {
    private CfgLifter() {}

    /** What one instruction becomes. */
    private sealed interface Step {
        /** A statement; the next instruction follows. */
        record Statement(Stmt stmt) implements Step {}

        /** The end of a block. */
        record End(Terminator terminator) implements Step {}

        /** Nothing the graph can say; lifting fails. */
        record Unliftable(String message) implements Step {}
    }

    /** The graph of {@code instructions}. */
    public static LiftResult lift(List<? extends Instruction> instructions) {
        return lift(CbpfProgram.of(instructions));
    }

    /** The graph of {@code program}, or why there is none. */
    public static LiftResult lift(CbpfProgram program) {
        List<Problem> rejected = Validator.kernel(program);
        if (!rejected.isEmpty()) {
            return new LiftResult.Failed(rejected.stream().<LiftProblem>map(p -> new LiftProblem.Rejected(p, 0))
                    .toList());
        }
        int n = program.size();
        Step[] steps = new Step[n];
        boolean[] reachable = new boolean[n];
        boolean[] leader = new boolean[n];
        reachable[0] = true;
        leader[0] = true;
        List<LiftProblem> problems = new ArrayList<>();
        // Jumps only go forward (the checker saw to it), so one pass in program order finds every reachable one.
        for (int i = 0; i < n; i++) {
            if (!reachable[i]) {
                continue;
            }
            Step step = step(program.get(i), i);
            steps[i] = step;
            switch (step) {
                case Step.Statement s -> reachable[i + 1] = true;
                case Step.End e -> {
                    for (BlockId target : e.terminator().successors()) {
                        reachable[target.value()] = true;
                        leader[target.value()] = true;
                    }
                }
                case Step.Unliftable u -> {
                    problems.add(new LiftProblem.Inexpressible(i, 0, u.message()));
                    reachable[i + 1] = true;
                }
            }
        }
        if (!problems.isEmpty()) {
            return new LiftResult.Failed(problems);
        }
        List<Block> blocks = new ArrayList<>();
        for (int first = 0; first < n; first++) {
            if (leader[first]) {
                blocks.add(block(first, steps, leader));
            }
        }
        return new LiftResult.Lifted(Cfg.of(new BlockId(0), blocks));
    }

    /**
     * The graph of a {@code -ddd} listing, in tcpdump's form or the single-line bytecode form of {@code xt_bpf} and
     * tc ({@link ListingParser#parseDecimal}); every problem names the line of its instruction.
     */
    public static LiftResult liftDecimal(String listing) {
        return switch (ListingParser.parseDecimal(listing)) {
            case ParseResult.Failed f -> new LiftResult.Failed(f.errors().stream()
                    .<LiftProblem>map(LiftProblem.Unreadable::new).toList());
            case ParseResult.Parsed p -> switch (lift(p.program())) {
                case LiftResult.Lifted l -> l;
                case LiftResult.Failed f -> new LiftResult.Failed(located(f.problems(),
                        ListingParser.decimalInstructionLines(listing), countLine(listing)));
            };
        };
    }

    private static List<LiftProblem> located(List<LiftProblem> problems, List<Integer> lines, int countLine) {
        List<LiftProblem> out = new ArrayList<>(problems.size());
        for (LiftProblem p : problems) {
            // Problems with the whole program (its length) are the count's.
            out.add(p.atLine(p.index() >= 0 && p.index() < lines.size() ? lines.get(p.index()) : countLine));
        }
        return out;
    }

    /** The line of a listing's first item, the instruction count. */
    private static int countLine(String listing) {
        return 1 + (int) listing.lines().takeWhile(String::isBlank).count();
    }

    private static Block block(int first, Step[] steps, boolean[] leader) {
        List<Stmt> statements = new ArrayList<>();
        int i = first;
        while (true) {
            switch (steps[i]) {
                case Step.Statement s -> {
                    statements.add(s.stmt());
                    i++;
                    if (leader[i]) {
                        return new Block(new BlockId(first), statements, new Terminator.Jump(new BlockId(i)));
                    }
                }
                case Step.End e -> {
                    return new Block(new BlockId(first), statements, e.terminator());
                }
                case Step.Unliftable u -> throw new IllegalStateException("lifting " + u + " in block " + first);
            }
        }
    }

    private static Step step(SockFilter encoding, int index) {
        // Fields an opcode does not use (libpcap's optimizer leaves stale ones) are ignored by kernel and libpcap.
        Instruction insn = Instruction.disassemble(Instruction.usedFields(encoding));
        return switch (insn) {
            case Instruction.LoadAbsolute l -> switch (OffsetRegion.of(l.offset())) {
                case PACKET -> statement(new Stmt.LoadAbsolute(l.size(), l.offset()));
                case NOWHERE -> failingLoad();
                case ANCILLARY -> new Step.Unliftable("offset " + OffsetRegion.name(l.offset())
                        + " names no ancillary field");
                case NETWORK_HEADER, LINK_LAYER_HEADER -> headerRelative(l.offset());
            };
            case Instruction.LoadExtension l -> statement(new Stmt.LoadAncillary(l.field()));
            case Instruction.LoadIndirect l -> switch (OffsetRegion.of(l.offset())) {
                case PACKET -> statement(new Stmt.LoadIndirect(l.size(), l.offset()));
                case NOWHERE -> failingLoad();
                case ANCILLARY, NETWORK_HEADER, LINK_LAYER_HEADER -> negativeIndexed("[x + " + l.offset() + "]");
            };
            case Instruction.LoadMemShift l -> switch (OffsetRegion.of(l.offset())) {
                case PACKET -> statement(new Stmt.LoadIpHeaderLength(l.offset()));
                case NOWHERE -> failingLoad();
                case ANCILLARY -> negativeIndexed("4*([" + l.offset() + "]&0xf)");
                case NETWORK_HEADER, LINK_LAYER_HEADER -> headerRelative(l.offset());
            };
            case Instruction.LoadConstant l -> statement(new Stmt.LoadConstant(l.dst(), l.value()));
            case Instruction.LoadScratch l -> statement(new Stmt.LoadScratch(l.dst(), l.slot()));
            case Instruction.LoadLength l -> statement(new Stmt.LoadLength(l.dst()));
            case Instruction.StoreScratch s -> statement(new Stmt.Store(s.src(), s.slot()));
            case Instruction.AluConstant a -> statement(new Stmt.AluConstant(a.op(), a.operand()));
            case Instruction.AluX a -> statement(new Stmt.AluX(a.op()));
            case Instruction.Negate n -> statement(new Stmt.Negate());
            case Instruction.Tax t -> statement(new Stmt.Tax());
            case Instruction.Txa t -> statement(new Stmt.Txa());
            case Instruction.Jump j -> new Step.End(new Terminator.Jump(target(index, j.offset())));
            case Instruction.JumpIf j -> branch(Condition.of(j.op(), j.value()), index, j.ifTrue(), j.ifFalse());
            case Instruction.JumpIfX j -> branch(Condition.ofX(j.op()), index, j.ifTrue(), j.ifFalse());
            case Instruction.ReturnConstant r -> new Step.End(new Terminator.Return(r.value()));
            case Instruction.ReturnA r -> new Step.End(new Terminator.ReturnA());
            case Instruction.Raw r -> new Step.Unliftable(
                    "opcode 0x" + Integer.toHexString(r.encoding().code()) + " is not an instruction");
        };
    }

    private static Step statement(Stmt stmt) {
        return new Step.Statement(stmt);
    }

    /** A load no packet satisfies: the program returns 0 there, as the load would make it. */
    private static Step failingLoad() {
        return new Step.End(new Terminator.Return(0));
    }

    private static Step headerRelative(int offset) {
        String header = OffsetRegion.of(offset) == OffsetRegion.NETWORK_HEADER ? "network" : "link-layer";
        return new Step.Unliftable("offset " + OffsetRegion.name(offset) + " reads from the " + header
                + " header in the kernel (libpcap fails the load); the graph has no header-relative load");
    }

    private static Step negativeIndexed(String operand) {
        return new Step.Unliftable(operand + " has a negative offset: the kernel adds X to it (reading the packet"
                + " before X, or relative to a header), libpcap fails the load; the graph has only libpcap's meaning");
    }

    private static Step branch(Condition condition, int index, int ifTrue, int ifFalse) {
        if (ifTrue == ifFalse) {
            return new Step.End(new Terminator.Jump(target(index, ifTrue)));
        }
        return new Step.End(new Terminator.Branch(condition, target(index, ifTrue), target(index, ifFalse)));
    }

    private static BlockId target(int index, int offset) {
        return new BlockId(index + 1 + offset);
    }
}
