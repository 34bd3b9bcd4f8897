package dev.jfilter.frontend.lower;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * {@code or} and {@code and} chains as lists and back. Both are associative in evaluation order (left to right,
 * short-circuit), so any nesting of one operator is the same program as its flat list. Building back keeps every
 * operand that runs code: a constant has none, so {@code false} drops out of an {@code or} and everything after a
 * {@code true} never runs (and dually for {@code and}); unlike {@link Pred#or}, an operand before a constant stays,
 * loads and all.
 */
final class Junctions {
    private Junctions() {}

    /** The operands of a nest of {@code or}s, left to right. */
    static List<Pred> disjuncts(Pred pred) {
        List<Pred> out = new ArrayList<>();
        Deque<Pred> todo = new ArrayDeque<>();
        todo.push(pred);
        while (!todo.isEmpty()) {
            Pred p = todo.pop();
            if (p instanceof Pred.Or o) {
                todo.push(o.right());
                todo.push(o.left());
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** The operands of a nest of {@code and}s, left to right. */
    static List<Pred> conjuncts(Pred pred) {
        List<Pred> out = new ArrayList<>();
        Deque<Pred> todo = new ArrayDeque<>();
        todo.push(pred);
        while (!todo.isEmpty()) {
            Pred p = todo.pop();
            if (p instanceof Pred.And a) {
                todo.push(a.right());
                todo.push(a.left());
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** The left-nested {@code or} of the operands ({@code false} for none). */
    static Pred anyOf(List<Pred> operands) {
        Pred acc = null;
        for (Pred p : operands) {
            if (p instanceof Pred.Const c && !c.value()) {
                continue;
            }
            acc = acc == null ? p : new Pred.Or(acc, p);
            if (p instanceof Pred.Const) {
                break; // true: nothing after it runs
            }
        }
        return acc == null ? Pred.FALSE : acc;
    }

    /** The left-nested {@code and} of the operands ({@code true} for none). */
    static Pred allOf(List<Pred> operands) {
        Pred acc = null;
        for (Pred p : operands) {
            if (p instanceof Pred.Const c && c.value()) {
                continue;
            }
            acc = acc == null ? p : new Pred.And(acc, p);
            if (p instanceof Pred.Const) {
                break; // false: nothing after it runs
            }
        }
        return acc == null ? Pred.TRUE : acc;
    }
}
