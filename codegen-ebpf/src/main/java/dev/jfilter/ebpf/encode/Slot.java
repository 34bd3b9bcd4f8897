package dev.jfilter.ebpf.encode;

/**
 * One 8-byte instruction slot of the encoded form, field by field: opcode, destination and source register nibbles,
 * signed 16-bit offset, signed 32-bit immediate. This is {@code struct bpf_insn} of {@code linux/bpf.h}; jump targets
 * here are raw offsets in slots, relative to the next slot.
 *
 * @param opcode 8-bit opcode
 * @param dst    destination register number (low nibble of byte 1)
 * @param src    source register number (high nibble of byte 1)
 * @param off    signed 16-bit offset
 * @param imm    signed 32-bit immediate
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#instruction-encoding">BPF Instruction Set: instruction encoding</a>
 */
public record Slot(int opcode, int dst, int src, int off, int imm) {
    /** Size of a slot in bytes. */
    public static final int BYTES = 8;

    public Slot {
        if ((opcode & ~0xff) != 0 || (dst & ~0xf) != 0 || (src & ~0xf) != 0) {
            throw new IllegalArgumentException("field out of range in " + this);
        }
        if (off < Short.MIN_VALUE || off > Short.MAX_VALUE) {
            throw new IllegalArgumentException("offset " + off + " does not fit in 16 signed bits");
        }
    }

    /** Writes the slot little-endian at {@code pos}. */
    void write(byte[] out, int pos) {
        out[pos] = (byte) opcode;
        out[pos + 1] = (byte) (src << 4 | dst);
        out[pos + 2] = (byte) off;
        out[pos + 3] = (byte) (off >> 8);
        for (int i = 0; i < 4; i++) {
            out[pos + 4 + i] = (byte) (imm >> 8 * i);
        }
    }

    /** Reads the little-endian slot at {@code pos}. */
    static Slot read(byte[] in, int pos) {
        int regs = in[pos + 1] & 0xff;
        int off = (short) ((in[pos + 2] & 0xff) | (in[pos + 3] & 0xff) << 8);
        int imm = 0;
        for (int i = 0; i < 4; i++) {
            imm |= (in[pos + 4 + i] & 0xff) << 8 * i;
        }
        return new Slot(in[pos] & 0xff, regs & 0xf, regs >> 4, off, imm);
    }
}
