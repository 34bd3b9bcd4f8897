package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.AluOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Hash-consed value numbers (Cocke–Schwartz value numbering, as in libpcap's {@code optimize.c}): interning the same
 * expression twice gives the same number. Constant operands are folded, algebraic identities applied and commutative
 * operands ordered, so more equal values get equal numbers.
 */
final class ValueTable {
    private final Map<ValueExpr, Integer> numbers = new HashMap<>();
    private final List<ValueExpr> exprs = new ArrayList<>();

    /** The value number of {@code expr}, after simplification. */
    int intern(ValueExpr expr) {
        if (expr instanceof ValueExpr.Arithmetic a) {
            OptionalInt same = identity(a);
            if (same.isPresent()) {
                return same.getAsInt();
            }
        }
        ValueExpr simple = simplify(expr);
        Integer n = numbers.get(simple);
        if (n != null) {
            return n;
        }
        int fresh = exprs.size();
        exprs.add(simple);
        numbers.put(simple, fresh);
        return fresh;
    }

    /** The number of a constant. */
    int constant(int value) {
        return intern(new ValueExpr.Constant(value));
    }

    /** The expression a number stands for. */
    ValueExpr expr(int number) {
        return exprs.get(number);
    }

    /** The constant a number stands for, if it is one. */
    OptionalInt constantValue(int number) {
        return exprs.get(number) instanceof ValueExpr.Constant c ? OptionalInt.of(c.value()) : OptionalInt.empty();
    }

    /** {@code x + 0}, {@code x * 1}, {@code x & 0xffffffff} and the like: the left operand itself. */
    private OptionalInt identity(ValueExpr.Arithmetic a) {
        OptionalInt r = constantValue(a.right());
        if (r.isEmpty()) {
            return OptionalInt.empty();
        }
        int k = r.getAsInt();
        boolean identity = switch (a.op()) {
            case ADD, SUB, OR, XOR, LSH, RSH -> k == 0;
            case MUL, DIV -> k == 1;
            case AND -> k == -1;
            case MOD -> false;
        };
        return identity ? OptionalInt.of(a.left()) : OptionalInt.empty();
    }

    private ValueExpr simplify(ValueExpr expr) {
        return switch (expr) {
            case ValueExpr.IndirectLoad l -> {
                // With a known index the load is an absolute one, unless X + k wraps (then it always fails).
                OptionalInt x = constantValue(l.index());
                if (x.isPresent()) {
                    long offset = Integer.toUnsignedLong(x.getAsInt()) + Integer.toUnsignedLong(l.offset());
                    if (offset <= 0xffff_ffffL) {
                        yield new ValueExpr.PacketLoad(l.size(), (int) offset);
                    }
                }
                yield l;
            }
            case ValueExpr.Arithmetic a -> simplifyArithmetic(a);
            case ValueExpr.Negation n -> {
                OptionalInt c = constantValue(n.operand());
                yield c.isPresent() ? new ValueExpr.Constant(-c.getAsInt()) : n;
            }
            case ValueExpr.Constant c -> c;
            case ValueExpr.PacketLoad l -> l;
            case ValueExpr.IpHeaderLength l -> l;
            case ValueExpr.WireLength l -> l;
            case ValueExpr.AncillaryLoad l -> l;
            case ValueExpr.Opaque o -> o;
        };
    }

    private ValueExpr simplifyArithmetic(ValueExpr.Arithmetic a) {
        OptionalInt l = constantValue(a.left());
        OptionalInt r = constantValue(a.right());
        if (l.isPresent() && r.isPresent() && !(a.op().trapsOnZero() && r.getAsInt() == 0)) {
            return new ValueExpr.Constant(a.op().apply(l.getAsInt(), r.getAsInt()));
        }
        if (r.isPresent()) {
            int k = r.getAsInt();
            boolean zero = switch (a.op()) {
                case MUL, AND -> k == 0;
                case MOD -> k == 1;
                case LSH, RSH -> Integer.compareUnsigned(k, 32) >= 0;
                case ADD, SUB, OR, XOR, DIV -> false;
            };
            if (zero) {
                return new ValueExpr.Constant(0);
            }
        }
        if (a.left() == a.right()) {
            // x - x, x ^ x are 0; x & x, x | x are x (division and modulo may trap on 0, so they stay).
            switch (a.op()) {
                case SUB, XOR -> {
                    return new ValueExpr.Constant(0);
                }
                case AND, OR -> {
                    return expr(a.left());
                }
                case ADD, MUL, DIV, MOD, LSH, RSH -> {}
            }
        }
        boolean commutative = switch (a.op()) {
            case ADD, MUL, AND, OR, XOR -> true;
            case SUB, DIV, MOD, LSH, RSH -> false;
        };
        if (commutative && a.left() > a.right()) {
            return new ValueExpr.Arithmetic(a.op(), a.right(), a.left());
        }
        return a;
    }
}
