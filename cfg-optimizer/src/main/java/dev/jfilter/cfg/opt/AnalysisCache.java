package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.Cfg;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The analyses of the graph the optimizer holds now, shared by the passes of one run: a pass that changes nothing
 * returns the very same graph, so the next pass finds its analyses computed. Outside a run nothing is cached.
 */
final class AnalysisCache {
    private static final ScopedValue<AnalysisCache> CURRENT = ScopedValue.newInstance();

    private Cfg cfg;
    private final Map<Object, Object> results = new HashMap<>();

    private AnalysisCache() {}

    /** Runs {@code body} with a fresh cache. */
    static <T> T within(Supplier<T> body) {
        return ScopedValue.where(CURRENT, new AnalysisCache()).call(body::get);
    }

    /**
     * The analysis {@code key} of {@code cfg}: cached while the optimizer keeps this graph (by identity), computed
     * afresh otherwise. The analysis must not be changed by its users.
     */
    @SuppressWarnings("unchecked")
    static <T> T of(Cfg cfg, Object key, Function<Cfg, T> compute) {
        if (!CURRENT.isBound()) {
            return compute.apply(cfg);
        }
        AnalysisCache cache = CURRENT.get();
        if (cache.cfg != cfg) {
            cache.cfg = cfg;
            cache.results.clear();
        }
        Object known = cache.results.get(key);
        if (known == null) {
            known = compute.apply(cfg);
            cache.results.put(key, known);
        }
        return (T) known;
    }
}
