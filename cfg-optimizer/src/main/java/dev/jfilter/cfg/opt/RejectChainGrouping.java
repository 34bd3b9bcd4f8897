package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups the tests of a rejection chain by the value they test. A rejection chain is a run of blocks each of which
 * computes a value into {@code A} from the packet, tests it, and on one outcome returns 0 (as {@code not (port 80 or
 * port 443)} does: {@code [54]==80, [56]==80, [54]==443, [56]==443}). Such a chain returns 0 when any test rejects or
 * any load fails, and otherwise goes on, so its tests may run in any order: the verdict is the same on every packet,
 * truncated ones included. Putting the tests of one value together lets them share one load
 * ({@code [54]==80, [54]==443, [56]==80, [56]==443}), as libpcap's {@code and_pullup} does. (A chain whose tests
 * accept instead must keep its order: there a failing load and a later accepting test give different verdicts.)
 * A group whose value {@code A} already holds where the chain starts goes first, so its load goes too: {@code host a
 * and host b} tests {@code [26]==b} right after {@code [26]==a} fails, before loading {@code [30]}.
 *
 * <p>The computations may read {@code X} but not write it or scratch memory; the first block may do anything before
 * its computation, and it stays first. {@code A} must be dead after the chain.
 */
final class RejectChainGrouping implements OptimizerPass {
    @Override
    public String name() {
        return "rejection-chain grouping";
    }

    /** One test of the chain: the statements that compute the value, and the branch. */
    private record Element(List<Stmt> computation, Terminator.Branch branch) {}

    @Override
    public Cfg run(Cfg cfg, Reasoning reasoning) {
        BlockId reject = RejectingEdges.rejectBlock(cfg);
        if (reject == null) {
            return cfg;
        }
        Map<BlockId, List<BlockId>> preds = cfg.predecessors();
        Liveness liveness = Liveness.of(cfg);
        ValueAnalysis analysis = ValueAnalysis.of(cfg, reasoning);
        Set<BlockId> seen = new HashSet<>();
        Map<BlockId, Block> replaced = new HashMap<>();
        for (Block first : cfg.blocks()) {
            if (seen.contains(first.id()) || !analysis.reachable(first.id()) || continuation(first, reject) == null
                    || computationStart(first.statements()) < 0) {
                continue;
            }
            List<Block> chain = new ArrayList<>(List.of(first));
            Block current = first;
            while (true) {
                BlockId nextId = continuation(current, reject);
                Block next = cfg.block(nextId);
                if (seen.contains(nextId) || preds.get(nextId).size() != 1 || continuation(next, reject) == null
                        || (!next.statements().isEmpty() && computationStart(next.statements()) != 0)) {
                    break;
                }
                chain.add(next);
                current = next;
            }
            chain.forEach(b -> seen.add(b.id()));
            BlockId exit = continuation(current, reject);
            if (chain.size() >= 2 && (liveness.liveIn(exit) & Liveness.A) == 0) {
                regroup(chain, exit, reject, analysis, replaced);
            }
        }
        return replaced.isEmpty() ? cfg : cfg.map(b -> replaced.getOrDefault(b.id(), b));
    }

    private static void regroup(List<Block> chain, BlockId exit, BlockId reject, ValueAnalysis analysis,
            Map<BlockId, Block> replaced) {
        List<Stmt> firstStatements = chain.getFirst().statements();
        int start = computationStart(firstStatements);
        List<Stmt> prefix = firstStatements.subList(0, start);
        // The state where the computations start: a group whose value A holds already goes first, and needs no load.
        MachineState atStart = analysis.entry(chain.getFirst().id());
        for (Stmt st : prefix) {
            Transfer.apply(st, atStart, analysis.values);
        }
        LinkedHashMap<List<Stmt>, List<Terminator.Branch>> groups = new LinkedHashMap<>();
        List<Stmt> computation = firstStatements.subList(start, firstStatements.size());
        for (Block b : chain) {
            if (b != chain.getFirst() && !b.statements().isEmpty()) {
                computation = b.statements();
            }
            groups.computeIfAbsent(List.copyOf(computation), k -> new ArrayList<>())
                    .add((Terminator.Branch) b.terminator());
        }
        List<Stmt> present = null;
        for (List<Stmt> comp : groups.keySet()) {
            MachineState s = atStart.copy();
            comp.forEach(st -> Transfer.apply(st, s, analysis.values));
            if (s.a == atStart.a) {
                present = comp;
                break;
            }
        }
        int before = chain.stream().mapToInt(b -> b.statements().size()).sum();
        int after = prefix.size() + groups.keySet().stream().mapToInt(List::size).sum()
                - (present == null ? 0 : present.size());
        if (after >= before) {
            return;
        }
        if (present != null) {
            // Move it to the front (the later passes drop its statements, which reload what A holds).
            List<Terminator.Branch> first = groups.remove(present);
            LinkedHashMap<List<Stmt>, List<Terminator.Branch>> reordered = new LinkedHashMap<>();
            reordered.put(present, first);
            reordered.putAll(groups);
            groups = reordered;
        }
        List<Element> order = new ArrayList<>();
        groups.forEach((comp, branches) -> {
            for (int i = 0; i < branches.size(); i++) {
                order.add(new Element(i == 0 ? comp : List.of(), branches.get(i)));
            }
        });
        for (int i = 0; i < chain.size(); i++) {
            Element e = order.get(i);
            BlockId next = i + 1 < chain.size() ? chain.get(i + 1).id() : exit;
            List<Stmt> stmts = new ArrayList<>(i == 0 ? prefix : List.of());
            stmts.addAll(e.computation());
            Terminator.Branch b = e.branch();
            Terminator.Branch rewired = b.ifTrue().equals(reject)
                    ? new Terminator.Branch(b.condition(), reject, next)
                    : new Terminator.Branch(b.condition(), next, reject);
            replaced.put(chain.get(i).id(), new Block(chain.get(i).id(), stmts, rewired));
        }
    }

    /** Where a chain block goes when its test does not reject; null if it is no chain block. */
    private static BlockId continuation(Block b, BlockId reject) {
        if (!(b.terminator() instanceof Terminator.Branch br) || br.ifTrue().equals(br.ifFalse())) {
            return null;
        }
        if (br.ifTrue().equals(reject)) {
            return br.ifFalse();
        }
        return br.ifFalse().equals(reject) ? br.ifTrue() : null;
    }

    /**
     * The index where the statements' own computation of {@code A} starts: the last statement that sets {@code A}
     * without reading it, followed only by arithmetic on {@code A}. -1 if there is none.
     */
    private static int computationStart(List<Stmt> stmts) {
        for (int i = stmts.size() - 1; i >= 0; i--) {
            Stmt s = stmts.get(i);
            switch (s) {
                case Stmt.AluConstant op -> {}
                case Stmt.AluX op -> {}
                case Stmt.Negate n -> {}
                case Stmt.LoadAbsolute l -> {
                    return i;
                }
                case Stmt.LoadIndirect l -> {
                    return i;
                }
                case Stmt.LoadConstant l -> {
                    if (l.dst() != Register.A) {
                        return -1;
                    }
                    return i;
                }
                case Stmt.LoadLength l -> {
                    if (l.dst() != Register.A) {
                        return -1;
                    }
                    return i;
                }
                case Stmt.LoadAncillary l -> {
                    return i;
                }
                case Stmt.Txa t -> {
                    return i;
                }
                case Stmt.LoadScratch l -> {
                    return -1;
                }
                case Stmt.LoadIpHeaderLength l -> {
                    return -1;
                }
                case Stmt.Store st -> {
                    return -1;
                }
                case Stmt.Tax t -> {
                    return -1;
                }
            }
        }
        return -1;
    }
}
