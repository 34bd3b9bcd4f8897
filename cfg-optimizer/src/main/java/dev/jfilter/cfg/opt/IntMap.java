package dev.jfilter.cfg.opt;

import java.util.function.BinaryOperator;

/**
 * A persistent map from non-negative ints to values: a big-endian Patricia trie after Okasaki and Gill, "Fast Mergeable
 * Integer Maps" (ML Workshop 1998). Updates share all untouched nodes, so copying a state is free; the shape depends
 * only on the keys, so an intersection of two maps that grew from a common one skips every subtree they still share.
 * This keeps the value analysis linear where the facts at every block would otherwise be copied whole.
 *
 * @param <V> the values; a merge function applied to a value and itself must give that value back
 */
sealed interface IntMap<V> {

    /** The empty map. */
    @SuppressWarnings("unchecked")
    static <V> IntMap<V> empty() {
        return (IntMap<V>) Empty.INSTANCE;
    }

    /** No entries. */
    record Empty<V>() implements IntMap<V> {
        private static final Empty<?> INSTANCE = new Empty<>();
    }

    /** One entry. */
    record Leaf<V>(int key, V value) implements IntMap<V> {}

    /** Keys sharing {@code prefix} above the bit {@code mask}: {@code zero} has that bit clear, {@code one} set. */
    record Branch<V>(int prefix, int mask, IntMap<V> zero, IntMap<V> one) implements IntMap<V> {}

    /** The value for {@code key}, or null. */
    default V get(int key) {
        IntMap<V> t = this;
        while (true) {
            switch (t) {
                case Empty<V> e -> {
                    return null;
                }
                case Leaf<V> l -> {
                    return l.key() == key ? l.value() : null;
                }
                case Branch<V> b -> {
                    if (!matches(key, b.prefix(), b.mask())) {
                        return null;
                    }
                    t = (key & b.mask()) == 0 ? b.zero() : b.one();
                }
            }
        }
    }

    /** The map with {@code key} bound to {@code value}. */
    default IntMap<V> put(int key, V value) {
        return switch (this) {
            case Empty<V> e -> new Leaf<>(key, value);
            case Leaf<V> l -> l.key() == key
                    ? (l.value() == value ? l : new Leaf<>(key, value))
                    : join(key, new Leaf<>(key, value), l.key(), l);
            case Branch<V> b -> {
                if (!matches(key, b.prefix(), b.mask())) {
                    yield join(key, new Leaf<>(key, value), b.prefix(), b);
                }
                yield (key & b.mask()) == 0
                        ? branch(b, b.zero().put(key, value), b.one())
                        : branch(b, b.zero(), b.one().put(key, value));
            }
        };
    }

    /** The keys in both maps, each with {@code merge} of its two values; shared subtrees are kept as they are. */
    default IntMap<V> intersect(IntMap<V> other, BinaryOperator<V> merge) {
        if (this == other) {
            return this;
        }
        return switch (this) {
            case Empty<V> e -> this;
            case Leaf<V> l -> {
                V o = other.get(l.key());
                yield o == null ? empty() : leaf(l, merge.apply(l.value(), o));
            }
            case Branch<V> s -> switch (other) {
                case Empty<V> e -> other;
                case Leaf<V> l -> {
                    V mine = s.get(l.key());
                    yield mine == null ? empty() : leaf(l, merge.apply(mine, l.value()));
                }
                case Branch<V> t -> {
                    if (s.mask() == t.mask() && s.prefix() == t.prefix()) {
                        yield branch(s, s.zero().intersect(t.zero(), merge), s.one().intersect(t.one(), merge));
                    }
                    if (Integer.compareUnsigned(s.mask(), t.mask()) > 0) {
                        // s splits on a higher bit: t lies within one of its halves, or in neither.
                        if (!matches(t.prefix(), s.prefix(), s.mask())) {
                            yield empty();
                        }
                        yield ((t.prefix() & s.mask()) == 0 ? s.zero() : s.one()).intersect(t, merge);
                    }
                    if (Integer.compareUnsigned(t.mask(), s.mask()) > 0) {
                        if (!matches(s.prefix(), t.prefix(), t.mask())) {
                            yield empty();
                        }
                        yield s.intersect((s.prefix() & t.mask()) == 0 ? t.zero() : t.one(), merge);
                    }
                    yield empty();
                }
            };
        };
    }

    private static <V> IntMap<V> leaf(Leaf<V> l, V value) {
        return l.value() == value ? l : new Leaf<>(l.key(), value);
    }

    private static <V> IntMap<V> branch(Branch<V> b, IntMap<V> zero, IntMap<V> one) {
        if (zero == b.zero() && one == b.one()) {
            return b;
        }
        if (zero instanceof Empty) {
            return one;
        }
        if (one instanceof Empty) {
            return zero;
        }
        return new Branch<>(b.prefix(), b.mask(), zero, one);
    }

    private static <V> IntMap<V> join(int p1, IntMap<V> t1, int p2, IntMap<V> t2) {
        int m = Integer.highestOneBit(p1 ^ p2);
        int prefix = p1 & prefixMask(m);
        return (p1 & m) == 0 ? new Branch<>(prefix, m, t1, t2) : new Branch<>(prefix, m, t2, t1);
    }

    /** The bits above {@code m}. */
    private static int prefixMask(int m) {
        return ~(m - 1) ^ m;
    }

    private static boolean matches(int key, int prefix, int mask) {
        return (key & prefixMask(mask)) == prefix;
    }
}
