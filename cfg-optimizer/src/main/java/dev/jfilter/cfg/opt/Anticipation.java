package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many captured bytes a packet needs for the program to return anything but 0 from a point on: on every path to a
 * non-zero return, some load needs at least that many. A load that needs no more than this may be dropped when its
 * value is dead: on a packet too short for it, a later load fails anyway, and the result is 0 either way.
 */
final class Anticipation {
    /** No path from here returns non-zero: any length is "needed". */
    static final long NEVER_ACCEPTS = Long.MAX_VALUE;

    private final Map<BlockId, Long> atEntry = new HashMap<>();

    private Anticipation() {}

    static Anticipation of(Cfg cfg) {
        return AnalysisCache.of(cfg, Anticipation.class, Anticipation::compute);
    }

    private static Anticipation compute(Cfg cfg) {
        Anticipation a = new Anticipation();
        List<Block> blocks = cfg.blocks();
        for (int i = blocks.size() - 1; i >= 0; i--) {
            Block b = blocks.get(i);
            long need = a.atExit(b);
            for (int j = b.statements().size() - 1; j >= 0; j--) {
                need = before(b.statements().get(j), need);
            }
            a.atEntry.put(b.id(), need);
        }
        return a;
    }

    /** What is needed after the block's statements. */
    long atExit(Block b) {
        return switch (b.terminator()) {
            case Terminator.Return r -> r.value() == 0 ? NEVER_ACCEPTS : 0;
            case Terminator.ReturnA r -> 0;
            case Terminator.Jump j -> atEntry.get(j.target());
            case Terminator.Branch br -> Math.min(atEntry.get(br.ifTrue()), atEntry.get(br.ifFalse()));
        };
    }

    /** What is needed before a statement, given what is needed after it. */
    static long before(Stmt st, long after) {
        long extent = extent(st);
        return extent < 0 ? after : Math.max(after, extent);
    }

    /**
     * The captured length below which the statement surely fails, or -1 if it fails only for other reasons or never.
     * An indirect load needs at least its offset plus its size, whatever {@code X} is.
     */
    static long extent(Stmt st) {
        return switch (st) {
            case Stmt.LoadAbsolute l -> Integer.toUnsignedLong(l.offset()) + l.size().bytes();
            case Stmt.LoadIndirect l -> Integer.toUnsignedLong(l.offset()) + l.size().bytes();
            case Stmt.LoadIpHeaderLength l -> Integer.toUnsignedLong(l.offset()) + 1;
            case Stmt.LoadAncillary l -> -1;
            case Stmt.LoadConstant l -> -1;
            case Stmt.LoadScratch l -> -1;
            case Stmt.LoadLength l -> -1;
            case Stmt.Store s -> -1;
            case Stmt.AluConstant op -> -1;
            case Stmt.AluX op -> -1;
            case Stmt.Negate n -> -1;
            case Stmt.Tax t -> -1;
            case Stmt.Txa t -> -1;
        };
    }
}
