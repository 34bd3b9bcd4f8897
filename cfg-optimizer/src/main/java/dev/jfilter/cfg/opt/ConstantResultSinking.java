package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A block from which every path returns the same constant becomes that return. For 0 this always holds (a failing
 * load returns 0 too), so a filter that can only reject becomes {@code ret #0}; for any other value, only when no
 * statement on the way can fail.
 */
final class ConstantResultSinking implements OptimizerPass {
    @Override
    public String name() {
        return "constant results";
    }

    @Override
    public Cfg run(Cfg cfg, Reasoning reasoning) {
        ValueAnalysis analysis = ValueAnalysis.of(cfg, reasoning);
        Map<BlockId, OptionalInt> result = new HashMap<>();
        List<Block> blocks = cfg.blocks();
        for (int i = blocks.size() - 1; i >= 0; i--) {
            Block b = blocks.get(i);
            OptionalInt common = switch (b.terminator()) {
                case Terminator.Return r -> OptionalInt.of(r.value());
                case Terminator.ReturnA r -> OptionalInt.empty();
                case Terminator.Jump j -> result.get(j.target());
                case Terminator.Branch br -> {
                    OptionalInt t = result.get(br.ifTrue());
                    yield t.equals(result.get(br.ifFalse())) ? t : OptionalInt.empty();
                }
            };
            if (common.isPresent() && common.getAsInt() != 0 && mayFail(b, analysis)) {
                common = OptionalInt.empty();
            }
            result.put(b.id(), common);
        }
        return cfg.map(b -> {
            OptionalInt r = result.get(b.id());
            boolean alreadyBare = b.statements().isEmpty() && b.terminator() instanceof Terminator.Return;
            return r.isEmpty() || alreadyBare ? b : new Block(b.id(), List.of(), new Terminator.Return(r.getAsInt()));
        });
    }

    private static boolean mayFail(Block b, ValueAnalysis analysis) {
        if (!analysis.reachable(b.id())) {
            return true;
        }
        MachineState s = analysis.entry(b.id());
        for (Stmt st : b.statements()) {
            if (Transfer.mayFail(st, s, analysis.values)) {
                return true;
            }
            Transfer.apply(st, s, analysis.values);
        }
        return false;
    }
}
