package dev.jfilter.ebpf.gen;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Operand;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import dev.jfilter.cfg.opt.Liveness;

/**
 * A block whose last statement loads a 16- or 32-bit packet field only to test it for equality with a constant, or
 * against a constant mask: with direct packet access the field can stay in network byte order and the constant be
 * swapped instead, at compile time, which saves the byte-swap instruction. Equality and bit tests do not care about
 * byte order; order comparisons do, so they keep the swap.
 *
 * @param constant the swapped constant to compare the unswapped field with
 */
record SwapFreeCompare(int constant) {

    /** The swap-free form of the block's final test, or null when it does not apply. */
    static SwapFreeCompare of(Block b, Liveness liveness) {
        if (b.statements().isEmpty()
                || !(b.terminator() instanceof Terminator.Branch(Condition c, var ifTrue, var ifFalse))
                || !(c.operand() instanceof Operand.Constant(int value))
                || (c.op() != JumpOp.JEQ && c.op() != JumpOp.JSET)
                || ((liveness.liveIn(ifTrue) | liveness.liveIn(ifFalse)) & Liveness.A) != 0) {
            return null;
        }
        LoadSize size = switch (b.statements().getLast()) {
            case Stmt.LoadAbsolute l -> l.size();
            case Stmt.LoadIndirect l -> l.size();
            case Stmt.LoadConstant _, Stmt.LoadScratch _, Stmt.LoadLength _, Stmt.LoadAncillary _,
                 Stmt.LoadIpHeaderLength _, Stmt.Store _, Stmt.AluConstant _, Stmt.AluX _, Stmt.Negate _,
                 Stmt.Tax _, Stmt.Txa _ -> LoadSize.BYTE;
        };
        return switch (size) {
            case BYTE -> null;
            case HALF -> c.op() == JumpOp.JEQ && Integer.compareUnsigned(value, 0xffff) > 0
                    ? null // never equal to a 16-bit field: leave the test as it is
                    : new SwapFreeCompare(Short.toUnsignedInt(Short.reverseBytes((short) value)));
            case WORD -> new SwapFreeCompare(Integer.reverseBytes(value));
        };
    }
}
