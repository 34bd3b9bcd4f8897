package dev.jfilter.frontend.lower;

import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.CfgBuilder;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.Stmt;
import java.util.List;

/**
 * A predicate over a packet, between the AST and the CFG: what libpcap's {@code gencode.c} builds as blocks with
 * backpatch lists and {@code sense} bits, as a tree. {@link CfgEmitter} turns it into blocks.
 *
 * <p>Evaluation is left to right with short circuits, and statements have effects: a load past the captured bytes
 * ends the whole program with 0. So {@code Or(p, Const(true))} still runs {@code p}'s loads, and the records here
 * never drop an operand. The factories {@link #and}, {@link #or} and {@link #not} are libpcap master's
 * {@code gen_and}, {@code gen_or} and {@code gen_not} (commit 1687065d): a constant operand absorbs the other one,
 * loads and all, as libpcap's unoptimized programs do.
 */
public sealed interface Pred {

    /** True in every packet (libpcap's {@code gen_true}). */
    Pred TRUE = new Const(true);

    /** False in every packet (libpcap's {@code gen_false}). */
    Pred FALSE = new Const(false);

    /** Runs {@code statements}, then tests the accumulator: one basic block ending in a branch. */
    record Test(List<Stmt> statements, Condition condition) implements Pred {
        public Test {
            statements = List.copyOf(statements);
        }
    }

    /**
     * Runs {@code statements}, then tests whether the accumulator is one of {@code values}: one block with the
     * statements and a {@code jeq} per value, each failing into the next. What {@link DisjunctionRegrouping} makes of
     * a run of {@code jeq} tests of one value.
     */
    record Member(List<Stmt> statements, List<Integer> values) implements Pred {
        public Member {
            statements = List.copyOf(statements);
            values = List.copyOf(new java.util.LinkedHashSet<>(values));
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a membership test needs a value");
            }
        }
    }

    /** {@code left and right}: {@code right} is evaluated only when {@code left} holds. */
    record And(Pred left, Pred right) implements Pred {}

    /** {@code left or right}: {@code right} is evaluated only when {@code left} fails. */
    record Or(Pred left, Pred right) implements Pred {}

    /** The negation of {@code operand}: the same code with the exits swapped. */
    record Not(Pred operand) implements Pred {}

    /** A constant: no code at all. */
    record Const(boolean value) implements Pred {}

    /**
     * {@code condition ? ifTrue : ifFalse}: the condition's outcome chooses which of the two decides. libpcap builds
     * this shape with jumps inside a block ({@code vlan} in Linux live-capture mode, {@code geneve}'s header
     * offsets); here it is a branch and two blocks.
     */
    record Choice(Pred condition, Pred ifTrue, Pred ifFalse) implements Pred {}

    /**
     * A hand-built sub-graph with one entry and two exits, for code that is not a tree of tests (the unrolled
     * {@code protochain} walk). {@code name} says what it is, for printing.
     */
    record SubGraph(String name, Builder builder) implements Pred {

        /** Emits the sub-graph into {@code cfg}, leaving through {@code ifTrue} or {@code ifFalse}. */
        @FunctionalInterface
        public interface Builder {
            /** Adds the blocks and returns the entry block. */
            BlockId emit(CfgBuilder cfg, BlockId ifTrue, BlockId ifFalse);
        }
    }

    /** libpcap master's {@code gen_and}: a constant operand decides alone (the other one is dropped). */
    static Pred and(Pred left, Pred right) {
        if (left instanceof Const c && !c.value()) {
            return left;
        }
        if (right instanceof Const c && !c.value()) {
            return right;
        }
        if (left instanceof Const) {
            return right;
        }
        if (right instanceof Const) {
            return left;
        }
        return new And(left, right);
    }

    /** libpcap master's {@code gen_or}: a constant operand decides alone (the other one is dropped). */
    static Pred or(Pred left, Pred right) {
        if (left instanceof Const c && !c.value()) {
            return right;
        }
        if (right instanceof Const c && !c.value()) {
            return left;
        }
        if (left instanceof Const) {
            return left;
        }
        if (right instanceof Const) {
            return right;
        }
        return new Or(left, right);
    }

    /** libpcap master's {@code gen_not}: a constant flips, anything else swaps its exits. */
    static Pred not(Pred operand) {
        return switch (operand) {
            case Const c -> new Const(!c.value());
            case Not n -> n.operand();
            case Test t -> new Not(t);
            case Member m -> new Not(m);
            case And a -> new Not(a);
            case Or o -> new Not(o);
            case Choice c -> new Not(c);
            case SubGraph g -> new Not(g);
        };
    }

    /**
     * {@code pred} with {@code statements} run first, at the start of its entry block (libpcap's
     * {@code sprepend_to_block}). The entry is the first test evaluated: the leftmost one of {@code and}/{@code or}
     * chains.
     *
     * @throws IllegalArgumentException if {@code pred} is a constant or a sub-graph, which have no test to extend
     */
    static Pred prepend(List<Stmt> statements, Pred pred) {
        if (statements.isEmpty()) {
            return pred;
        }
        return switch (pred) {
            case Test t -> {
                List<Stmt> s = new java.util.ArrayList<>(statements);
                s.addAll(t.statements());
                yield new Test(s, t.condition());
            }
            case Member m -> {
                List<Stmt> s = new java.util.ArrayList<>(statements);
                s.addAll(m.statements());
                yield new Member(s, m.values());
            }
            case And a -> new And(prepend(statements, a.left()), a.right());
            case Or o -> new Or(prepend(statements, o.left()), o.right());
            case Not n -> new Not(prepend(statements, n.operand()));
            case Choice c -> new Choice(prepend(statements, c.condition()), c.ifTrue(), c.ifFalse());
            case Const c -> throw new IllegalArgumentException("no block to prepend to in a constant");
            case SubGraph g -> throw new IllegalArgumentException("no block to prepend to in " + g.name());
        };
    }
}
