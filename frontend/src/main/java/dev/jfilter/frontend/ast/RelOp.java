package dev.jfilter.frontend.ast;

/** A relational operator between arithmetic expressions. {@code <=}, {@code <}, {@code !=} negate a test. */
public enum RelOp {
    GT(">"),
    GE(">="),
    EQ("="),
    LE("<="),
    LT("<"),
    NE("!=");

    private final String symbol;

    RelOp(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written. */
    public String symbol() {
        return symbol;
    }
}
