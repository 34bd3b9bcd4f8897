package dev.jfilter.cfg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Cfg} block by block. Blocks may be named before they are defined ({@link #reserve()}), so a
 * generator can emit code bottom-up (successors first) or top-down.
 */
public final class CfgBuilder {
    private final Map<BlockId, Block> blocks = new LinkedHashMap<>();
    private int nextId;

    /** A builder whose fresh ids start at 0. */
    public CfgBuilder() {
        this(0);
    }

    /** A builder whose fresh ids start at {@code firstId}. */
    public CfgBuilder(int firstId) {
        this.nextId = firstId;
    }

    /** A fresh block id, to be defined later with {@link #define}. */
    public BlockId reserve() {
        return new BlockId(nextId++);
    }

    /** Defines a reserved block. */
    public BlockId define(BlockId id, List<Stmt> statements, Terminator terminator) {
        if (blocks.putIfAbsent(id, new Block(id, statements, terminator)) != null) {
            throw new IllegalStateException("block " + id + " already defined");
        }
        return id;
    }

    /** Adds a block with a fresh id. */
    public BlockId add(List<Stmt> statements, Terminator terminator) {
        return define(reserve(), statements, terminator);
    }

    /** Adds a block that only returns {@code value}. */
    public BlockId addReturn(int value) {
        return add(List.of(), new Terminator.Return(value));
    }

    /** Adds a block with the statements, then a branch. */
    public BlockId addBranch(List<Stmt> statements, Condition condition, BlockId ifTrue, BlockId ifFalse) {
        return add(statements, new Terminator.Branch(condition, ifTrue, ifFalse));
    }

    /** The graph entered at {@code entry}, with the blocks defined so far. */
    public Cfg build(BlockId entry) {
        return Cfg.of(entry, new ArrayList<>(blocks.values()));
    }
}
