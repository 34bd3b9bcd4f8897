package dev.jfilter.cfg;

/** The name of a basic block within one {@link Cfg}. */
public record BlockId(int value) implements Comparable<BlockId> {
    @Override
    public int compareTo(BlockId other) {
        return Integer.compare(value, other.value);
    }

    @Override
    public String toString() {
        return "B" + value;
    }
}
