package dev.jfilter.cfg;

import java.util.List;

/** A basic block: straight-line statements, then one {@link Terminator}. */
public record Block(BlockId id, List<Stmt> statements, Terminator terminator) {
    public Block {
        statements = List.copyOf(statements);
    }

    /** The same block with other statements. */
    public Block withStatements(List<Stmt> newStatements) {
        return new Block(id, newStatements, terminator);
    }

    /** The same block with another terminator. */
    public Block withTerminator(Terminator newTerminator) {
        return new Block(id, statements, newTerminator);
    }
}
