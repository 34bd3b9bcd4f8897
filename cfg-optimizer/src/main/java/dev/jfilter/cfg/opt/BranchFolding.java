package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Terminator;

/**
 * Redundant-predicate elimination: a branch whose outcome the tests on every path to it already decide becomes a
 * jump. The block's statements stay (their loads may still fail); only the test goes.
 */
final class BranchFolding implements OptimizerPass {
    @Override
    public String name() {
        return "branch folding";
    }

    @Override
    public Cfg run(Cfg cfg, Reasoning reasoning) {
        ValueAnalysis analysis = ValueAnalysis.of(cfg, reasoning);
        return cfg.map(block -> {
            if (!(block.terminator() instanceof Terminator.Branch b) || !analysis.reachable(block.id())) {
                return block;
            }
            var outcome = analysis.decide(analysis.exit(block), b);
            return outcome.map(taken -> block.withTerminator(new Terminator.Jump(taken ? b.ifTrue() : b.ifFalse())))
                    .orElse(block);
        });
    }
}
