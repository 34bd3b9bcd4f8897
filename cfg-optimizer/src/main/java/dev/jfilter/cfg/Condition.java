package dev.jfilter.cfg;

/** The test a branch makes: {@code A op operand}, unsigned. */
public record Condition(JumpOp op, Operand operand) {

    /** {@code A op #value}. */
    public static Condition of(JumpOp op, int value) {
        return new Condition(op, new Operand.Constant(value));
    }

    /** {@code A op x}. */
    public static Condition ofX(JumpOp op) {
        return new Condition(op, Operand.X);
    }
}
