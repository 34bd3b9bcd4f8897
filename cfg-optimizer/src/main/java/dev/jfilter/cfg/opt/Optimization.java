package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Terminator;
import java.util.List;

/**
 * The outcome of optimizing a graph: the graph before and after, and each pass that changed something, in order.
 *
 * @param steps the passes that changed the graph; with their graphs only when they were asked for
 */
public record Optimization(Cfg before, Cfg after, List<Step> steps) {
    public Optimization {
        steps = List.copyOf(steps);
    }

    /** One pass that changed the graph: its name, the size before and after, and the graph it produced if recorded. */
    public record Step(String pass, int sizeBefore, int sizeAfter, Cfg result) {}

    /** Whether the optimized program returns 0 for every packet. */
    public boolean rejectsEveryPacket() {
        return after.entryBlock().terminator() instanceof Terminator.Return r && r.value() == 0;
    }
}
