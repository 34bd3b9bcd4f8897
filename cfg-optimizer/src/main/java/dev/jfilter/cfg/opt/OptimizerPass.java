package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.Cfg;

/** One rewrite of the graph that keeps the program's result on every packet. */
interface OptimizerPass {

    /** A short name for logs and {@code jfilter explain}. */
    String name();

    /** The rewritten graph, or {@code cfg} itself when there is nothing to do. */
    Cfg run(Cfg cfg, Reasoning reasoning);
}
