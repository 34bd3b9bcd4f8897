package dev.jfilter.frontend.oracle;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Stmt;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's rule for classic BPF (net/core/filter.c, {@code check_load_and_stores}): no scratch word is read on
 * a path that has not written it. Checked over every path at once: a word counts as written at a block only when
 * every predecessor wrote it.
 */
public final class ScratchCheck {
    private ScratchCheck() {}

    /** The reads that some path reaches before a write, as "block: slot". */
    public static List<String> readsBeforeWrites(Cfg cfg) {
        Map<BlockId, BitSet> in = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (Block b : cfg.blocks()) {
            BitSet written = b.id().equals(cfg.entry()) ? new BitSet() : in.get(b.id());
            if (written == null) {
                written = new BitSet();
            }
            written = (BitSet) written.clone();
            for (Stmt s : b.statements()) {
                switch (s) {
                    case Stmt.LoadScratch l -> {
                        if (!written.get(l.slot())) {
                            out.add(b.id() + ": M[" + l.slot() + "]");
                        }
                    }
                    case Stmt.Store st -> written.set(st.slot());
                    default -> { }
                }
            }
            for (BlockId succ : b.terminator().successors()) {
                BitSet prev = in.get(succ);
                if (prev == null) {
                    in.put(succ, (BitSet) written.clone());
                } else {
                    prev.and(written);
                }
            }
        }
        return out;
    }
}
