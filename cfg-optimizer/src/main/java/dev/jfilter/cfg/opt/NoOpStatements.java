package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Scratch;
import dev.jfilter.cfg.Stmt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A block whose statements, together, change nothing that is read later: none can fail, and every location live after
 * them ends with the value it had before (libpcap's unoptimized {@code l1}: {@code ldb [21]; and #0x1f} again after the
 * same test failed). Each statement alone changes {@code A}, so value numbering statement by statement keeps them;
 * this pass drops them all.
 */
final class NoOpStatements implements OptimizerPass {
    @Override
    public String name() {
        return "no-op statements";
    }

    @Override
    public Cfg run(Cfg cfg, Reasoning reasoning) {
        ValueAnalysis analysis = ValueAnalysis.of(cfg, reasoning);
        Liveness liveness = Liveness.of(cfg);
        Map<BlockId, List<BlockId>> preds = cfg.predecessors();
        // Dropping a block's statements changes what its dead locations hold after it. A later block whose check
        // compares such a location with its value at the entry (one it defines and leaves live) must not trust the
        // analysis this round: per block, the locations whose entry values may differ from the analysis.
        Map<BlockId, Integer> changedOut = new HashMap<>();
        return cfg.map(block -> {
            int changedIn = 0;
            for (BlockId p : preds.get(block.id())) {
                changedIn |= changedOut.getOrDefault(p, 0);
            }
            int live = liveness.liveOut(block);
            int defs = 0;
            for (Stmt st : block.statements()) {
                defs |= Liveness.defs(st);
            }
            if (!block.statements().isEmpty() && analysis.reachable(block.id()) && (changedIn & live) == 0
                    && changesNothing(block, analysis, liveness)) {
                changedOut.put(block.id(), (changedIn | defs) & ~live);
                return block.withStatements(List.of());
            }
            changedOut.put(block.id(), changedIn & ~defs);
            return block;
        });
    }

    private static boolean changesNothing(Block block, ValueAnalysis analysis, Liveness liveness) {
        MachineState before = analysis.entry(block.id());
        MachineState s = before.copy();
        for (Stmt st : block.statements()) {
            if (Transfer.mayFail(st, s, analysis.values)) {
                return false;
            }
            Transfer.apply(st, s, analysis.values);
        }
        int live = liveness.liveOut(block);
        if ((live & Liveness.A) != 0 && s.a != before.a) {
            return false;
        }
        if ((live & Liveness.X) != 0 && s.x != before.x) {
            return false;
        }
        for (int i = 0; i < Scratch.SLOTS; i++) {
            if ((live & Liveness.slot(i)) != 0 && s.mem[i] != before.mem[i]) {
                return false;
            }
        }
        return true;
    }
}
