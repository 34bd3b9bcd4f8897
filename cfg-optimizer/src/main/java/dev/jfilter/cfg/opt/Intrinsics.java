package dev.jfilter.cfg.opt;

/** What a value's expression alone implies: a byte load is at most 255, {@code x & 0xf} at most 15, and so on. */
final class Intrinsics {
    private Intrinsics() {}

    static ValueFacts of(ValueExpr expr, ValueTable values) {
        return switch (expr) {
            case ValueExpr.Constant c -> ValueFacts.constant(c.value());
            case ValueExpr.PacketLoad l -> sized(l.size());
            case ValueExpr.IndirectLoad l -> sized(l.size());
            case ValueExpr.IpHeaderLength l -> ValueFacts.bounded(60, 0x3c);
            case ValueExpr.Arithmetic a -> {
                var k = values.constantValue(a.right());
                if (k.isEmpty()) {
                    yield ValueFacts.TOP;
                }
                int c = k.getAsInt();
                yield switch (a.op()) {
                    case AND -> ValueFacts.bounded(Integer.toUnsignedLong(c), c);
                    case RSH -> ValueFacts.bounded(0xffff_ffffL >>> (c & 31), -1 >>> (c & 31));
                    case LSH -> ValueFacts.bounded(0xffff_ffffL, -1 << (c & 31));
                    case MOD -> c == 0 ? ValueFacts.TOP : ValueFacts.bounded(Integer.toUnsignedLong(c) - 1, -1);
                    case ADD, SUB, MUL, DIV, OR, XOR -> ValueFacts.TOP;
                };
            }
            case ValueExpr.WireLength w -> ValueFacts.TOP;
            case ValueExpr.AncillaryLoad l -> ValueFacts.TOP;
            case ValueExpr.Negation n -> ValueFacts.TOP;
            case ValueExpr.Opaque o -> ValueFacts.TOP;
        };
    }

    private static ValueFacts sized(dev.jfilter.cfg.LoadSize size) {
        return switch (size) {
            case BYTE -> ValueFacts.bounded(0xff, 0xff);
            case HALF -> ValueFacts.bounded(0xffff, 0xffff);
            case WORD -> ValueFacts.TOP;
        };
    }
}
