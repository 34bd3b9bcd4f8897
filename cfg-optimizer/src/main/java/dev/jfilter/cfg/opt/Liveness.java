package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Operand;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which machine locations ({@code A}, {@code X}, {@code M[0..15]}) hold a value some later statement reads, as bit
 * sets: bit 0 is {@code A}, bit 1 is {@code X}, bit 2+i is {@code M[i]}. Public for the code generators, which
 * use it to keep dead values out of registers.
 */
public final class Liveness {
    /** The bit of the accumulator. */
    public static final int A = 1;
    /** The bit of the index register. */
    public static final int X = 2;

    private final Map<BlockId, Integer> liveIn = new HashMap<>();

    private Liveness() {}

    /** The liveness of a graph's blocks, computed once per graph. */
    public static Liveness of(Cfg cfg) {
        return AnalysisCache.of(cfg, Liveness.class, Liveness::compute);
    }

    private static Liveness compute(Cfg cfg) {
        Liveness l = new Liveness();
        List<Block> blocks = cfg.blocks();
        for (int i = blocks.size() - 1; i >= 0; i--) {
            Block b = blocks.get(i);
            int live = l.liveOut(b);
            for (int j = b.statements().size() - 1; j >= 0; j--) {
                Stmt st = b.statements().get(j);
                live = (live & ~defs(st)) | uses(st);
            }
            l.liveIn.put(b.id(), live);
        }
        return l;
    }

    /** The locations live after the block's statements: those its terminator or any successor reads. */
    public int liveOut(Block b) {
        return switch (b.terminator()) {
            case Terminator.Branch br -> A | (br.condition().operand() instanceof Operand.IndexRegister ? X : 0)
                    | liveIn.get(br.ifTrue()) | liveIn.get(br.ifFalse());
            case Terminator.Jump j -> liveIn.get(j.target());
            case Terminator.Return r -> 0;
            case Terminator.ReturnA r -> A;
        };
    }

    /** The locations live at a block's entry. */
    public int liveIn(BlockId id) {
        return liveIn.get(id);
    }

    /** The bit of a register. */
    public static int bit(Register r) {
        return r == Register.A ? A : X;
    }

    /** The bit of scratch word {@code M[i]}. */
    public static int slot(int i) {
        return 1 << (2 + i);
    }

    /** The locations a statement writes. */
    public static int defs(Stmt st) {
        return switch (st) {
            case Stmt.Store s -> slot(s.slot());
            case Stmt.LoadAbsolute l -> A;
            case Stmt.LoadIndirect l -> A;
            case Stmt.LoadConstant l -> bit(l.dst());
            case Stmt.LoadScratch l -> bit(l.dst());
            case Stmt.LoadLength l -> bit(l.dst());
            case Stmt.LoadAncillary l -> A;
            case Stmt.LoadIpHeaderLength l -> X;
            case Stmt.AluConstant op -> A;
            case Stmt.AluX op -> A;
            case Stmt.Negate n -> A;
            case Stmt.Tax t -> X;
            case Stmt.Txa t -> A;
        };
    }

    /** The locations a statement reads. */
    public static int uses(Stmt st) {
        return switch (st) {
            case Stmt.Store s -> bit(s.src());
            case Stmt.LoadIndirect l -> X;
            case Stmt.LoadScratch l -> slot(l.slot());
            case Stmt.AluConstant op -> A;
            case Stmt.AluX op -> A | X;
            case Stmt.Negate n -> A;
            case Stmt.Tax t -> A;
            case Stmt.Txa t -> X;
            case Stmt.LoadAbsolute l -> 0;
            case Stmt.LoadConstant l -> 0;
            case Stmt.LoadLength l -> 0;
            case Stmt.LoadAncillary l -> 0;
            case Stmt.LoadIpHeaderLength l -> 0;
        };
    }
}
