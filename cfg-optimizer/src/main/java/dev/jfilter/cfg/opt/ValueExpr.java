package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.LoadSize;

/**
 * What a value number stands for: the expression that computes it. Operands are value numbers, so equal
 * expressions over equal values get equal numbers ({@link ValueTable} interns them).
 */
sealed interface ValueExpr {

    /** A 32-bit constant. */
    record Constant(int value) implements ValueExpr {}

    /** {@code P[offset : size]}. */
    record PacketLoad(LoadSize size, int offset) implements ValueExpr {}

    /** {@code P[X + offset : size]} with {@code X} the value {@code index}. */
    record IndirectLoad(LoadSize size, int offset, int index) implements ValueExpr {}

    /** {@code 4 * (P[offset] & 0xf)}. */
    record IpHeaderLength(int offset) implements ValueExpr {}

    /** The packet's wire length. */
    record WireLength() implements ValueExpr {}

    /** A Linux ancillary field. */
    record AncillaryLoad(Ancillary field) implements ValueExpr {}

    /** {@code left op right}. */
    record Arithmetic(AluOp op, int left, int right) implements ValueExpr {}

    /** {@code -operand}. */
    record Negation(int operand) implements ValueExpr {}

    /**
     * A value the analysis cannot name: what a location holds at a join whose predecessors disagree, or at the
     * program's entry. Distinct per block and location, so it never equals anything else.
     */
    record Opaque(BlockId block, String location) implements ValueExpr {}
}
