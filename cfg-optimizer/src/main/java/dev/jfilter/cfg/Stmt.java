package dev.jfilter.cfg;

/**
 * A straight-line statement of the BPF machine: a load, a store, an ALU operation or a register transfer.
 * One record per instruction shape, as in linux/filter.h. Packet loads can fail: a load past the captured
 * bytes ends the whole program with 0, so statements are not free of effects.
 */
public sealed interface Stmt {

    /** {@code A = P[offset : size]}: an absolute packet load ({@code ld/ldh/ldb [k]}). */
    record LoadAbsolute(LoadSize size, int offset) implements Stmt {}

    /** {@code A = P[X + offset : size]}: an indirect packet load ({@code ld/ldh/ldb [x + k]}). */
    record LoadIndirect(LoadSize size, int offset) implements Stmt {}

    /** {@code reg = value}. */
    record LoadConstant(Register dst, int value) implements Stmt {}

    /** {@code reg = M[slot]}. */
    record LoadScratch(Register dst, int slot) implements Stmt {
        public LoadScratch {
            Scratch.check(slot);
        }
    }

    /** {@code reg = wire length of the packet} ({@code ld #pktlen}, {@code ldx #pktlen}). */
    record LoadLength(Register dst) implements Stmt {}

    /** {@code A = metadata field} (a Linux ancillary load). */
    record LoadAncillary(Ancillary field) implements Stmt {}

    /** {@code X = 4 * (P[offset] & 0xf)}: the IPv4 header length idiom ({@code ldxb 4*([k]&0xf)}). */
    record LoadIpHeaderLength(int offset) implements Stmt {}

    /** {@code M[slot] = reg}. */
    record Store(Register src, int slot) implements Stmt {
        public Store {
            Scratch.check(slot);
        }
    }

    /** {@code A = A op constant}. */
    record AluConstant(AluOp op, int operand) implements Stmt {}

    /** {@code A = A op X}. */
    record AluX(AluOp op) implements Stmt {}

    /** {@code A = -A}. */
    record Negate() implements Stmt {}

    /** {@code X = A}. */
    record Tax() implements Stmt {}

    /** {@code A = X}. */
    record Txa() implements Stmt {}
}
