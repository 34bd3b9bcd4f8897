package dev.jfilter.frontend.ast;

/** A binary arithmetic operator in a relation ({@code + - * / % & | ^ << >>}). */
public enum ArithOp {
    ADD("+"),
    SUB("-"),
    MUL("*"),
    DIV("/"),
    MOD("%"),
    AND("&"),
    OR("|"),
    XOR("^"),
    LSH("<<"),
    RSH(">>");

    private final String symbol;

    ArithOp(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written. */
    public String symbol() {
        return symbol;
    }
}
