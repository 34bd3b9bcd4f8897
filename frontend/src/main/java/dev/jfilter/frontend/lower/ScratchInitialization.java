package dev.jfilter.frontend.lower;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Zeros, at the start of the program, the scratch words that hold run-time header offsets and that some path reads
 * before any write: after {@code geneve or ...}, or around {@code vlan} in Linux live-capture mode. libpcap master's
 * interpreter starts with zeroed memory ({@code bpf_filter}'s {@code mem[] = {0}}) and libpcap writes zeros for
 * {@code vlan} ({@code insert_compute_vloffsets}); the kernel refuses a program that reads a word no path wrote
 * ({@code check_load_and_stores}). Writing the zeros explicitly gives master's verdicts and a program the kernel
 * takes.
 */
final class ScratchInitialization {
    private ScratchInitialization() {}

    /** {@code cfg} with {@code ld #0; st M[k]} first for each word of {@code candidates} read before written. */
    static Cfg zeroUnwritten(Cfg cfg, BitSet candidates) {
        if (candidates.isEmpty()) {
            return cfg;
        }
        BitSet unwritten = readsBeforeWrites(cfg);
        unwritten.and(candidates);
        if (unwritten.isEmpty()) {
            return cfg;
        }
        List<Stmt> zeros = new ArrayList<>();
        zeros.add(new Stmt.LoadConstant(Register.A, 0));
        unwritten.stream().forEach(slot -> zeros.add(new Stmt.Store(Register.A, slot)));
        BlockId entry = cfg.entry();
        return cfg.map(b -> {
            if (!b.id().equals(entry)) {
                return b;
            }
            List<Stmt> s = new ArrayList<>(zeros);
            s.addAll(b.statements());
            return new Block(b.id(), s, b.terminator());
        });
    }

    /** The words some path reads before writing them; a word is written at a block when every path wrote it. */
    static BitSet readsBeforeWrites(Cfg cfg) {
        Map<BlockId, BitSet> in = new HashMap<>();
        BitSet out = new BitSet();
        // Blocks come in reverse post-order: each after all its predecessors.
        for (Block b : cfg.blocks()) {
            BitSet written = b.id().equals(cfg.entry()) ? new BitSet() : (BitSet) in.get(b.id()).clone();
            for (Stmt s : b.statements()) {
                switch (s) {
                    case Stmt.LoadScratch l -> {
                        if (!written.get(l.slot())) {
                            out.set(l.slot());
                        }
                    }
                    case Stmt.Store st -> written.set(st.slot());
                    case Stmt.LoadAbsolute x -> { }
                    case Stmt.LoadIndirect x -> { }
                    case Stmt.LoadConstant x -> { }
                    case Stmt.LoadLength x -> { }
                    case Stmt.LoadAncillary x -> { }
                    case Stmt.LoadIpHeaderLength x -> { }
                    case Stmt.AluConstant x -> { }
                    case Stmt.AluX x -> { }
                    case Stmt.Negate x -> { }
                    case Stmt.Tax x -> { }
                    case Stmt.Txa x -> { }
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
