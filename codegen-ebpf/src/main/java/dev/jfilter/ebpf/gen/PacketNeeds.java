package dev.jfilter.ebpf.gen;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many packet bytes each block needs at constant offsets, and how many a packet must have for the filter to
 * accept it from there: the facts that let one bounds check per block cover its loads, placed as early as is exact.
 *
 * <p>Within a block, one check of its furthest constant-offset load is exact: any failing load ends the program with
 * 0, and nothing else a block does can be observed. Across blocks, a packet shorter than {@link #required} bytes
 * cannot reach an accepting return from the block (every accepting path reads that far), so checking that length
 * instead rejects nothing the filter would accept: the "guaranteed guard" of cloudflare/cbpfc, computed in one
 * backward pass over the acyclic graph.
 */
final class PacketNeeds {
    /** No accepting return is reachable. */
    static final int UNREACHABLE = Integer.MAX_VALUE;

    private final Map<BlockId, Integer> needed = new HashMap<>();
    private final Map<BlockId, Integer> required = new HashMap<>();

    private PacketNeeds() {}

    static PacketNeeds of(Cfg cfg) {
        PacketNeeds n = new PacketNeeds();
        List<Block> blocks = cfg.blocks();
        for (int i = blocks.size() - 1; i >= 0; i--) {
            Block b = blocks.get(i);
            int own = 0;
            for (Stmt s : b.statements()) {
                own = Math.max(own, end(s));
            }
            int after = switch (b.terminator()) {
                case Terminator.Branch br -> Math.min(n.required.get(br.ifTrue()), n.required.get(br.ifFalse()));
                case Terminator.Jump j -> n.required.get(j.target());
                case Terminator.Return r -> r.value() == 0 ? UNREACHABLE : 0;
                case Terminator.ReturnA _ -> 0;
            };
            n.needed.put(b.id(), own);
            n.required.put(b.id(), Math.max(own, after));
        }
        return n;
    }

    /** The bytes the block's own constant-offset loads read up to. */
    int needed(BlockId id) {
        return needed.get(id);
    }

    /** The fewest bytes with which the filter can still accept once at this block, or {@link #UNREACHABLE}. */
    int required(BlockId id) {
        return required.get(id);
    }

    /** The length to check at a block that must check: as far as is exact, at least its own loads. */
    int check(BlockId id) {
        int r = required(id);
        return r == UNREACHABLE ? needed(id) : r;
    }

    private static int end(Stmt s) {
        return switch (s) {
            case Stmt.LoadAbsolute l -> l.offset() + l.size().bytes();
            case Stmt.LoadIpHeaderLength l -> l.offset() + 1;
            case Stmt.LoadIndirect _, Stmt.LoadConstant _, Stmt.LoadScratch _, Stmt.LoadLength _,
                 Stmt.LoadAncillary _, Stmt.Store _, Stmt.AluConstant _, Stmt.AluX _, Stmt.Negate _, Stmt.Tax _,
                 Stmt.Txa _ -> 0;
        };
    }
}
