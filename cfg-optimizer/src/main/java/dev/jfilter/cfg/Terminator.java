package dev.jfilter.cfg;

import java.util.List;

/** How a basic block ends: a two-way branch on a {@link Condition}, a jump, or a return. */
public sealed interface Terminator {

    /** Goes to {@code ifTrue} when the condition holds, else to {@code ifFalse}. */
    record Branch(Condition condition, BlockId ifTrue, BlockId ifFalse) implements Terminator {}

    /** Goes to {@code target} unconditionally. */
    record Jump(BlockId target) implements Terminator {}

    /** Ends the program returning a constant: the number of bytes to accept, 0 to reject. */
    record Return(int value) implements Terminator {}

    /** Ends the program returning the accumulator. */
    record ReturnA() implements Terminator {}

    /** The blocks this terminator may go to, in true-then-false order. */
    default List<BlockId> successors() {
        return switch (this) {
            case Branch b -> List.of(b.ifTrue(), b.ifFalse());
            case Jump j -> List.of(j.target());
            case Return r -> List.of();
            case ReturnA r -> List.of();
        };
    }
}
