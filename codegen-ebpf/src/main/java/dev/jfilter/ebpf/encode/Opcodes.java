package dev.jfilter.ebpf.encode;

/**
 * Opcode fields of the encoding: instruction classes, source bit, memory modes and the JMP-class operation codes that
 * are not conditions.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#instruction-encoding">BPF Instruction Set: instruction encoding</a>
 */
final class Opcodes {
    static final int LD = 0x00;
    static final int LDX = 0x01;
    static final int ST = 0x02;
    static final int STX = 0x03;
    static final int ALU = 0x04;
    static final int JMP = 0x05;
    static final int JMP32 = 0x06;
    static final int ALU64 = 0x07;

    static final int CLASS_MASK = 0x07;
    static final int SOURCE_X = 0x08;
    static final int OP_MASK = 0xf0;
    static final int SIZE_MASK = 0x18;
    static final int MODE_MASK = 0xe0;

    static final int MODE_IMM = 0x00;
    static final int MODE_ABS = 0x20;
    static final int MODE_IND = 0x40;
    static final int MODE_MEM = 0x60;

    static final int END = 0xd0;
    static final int JA = 0x00;
    static final int CALL = 0x80;
    static final int EXIT = 0x90;

    private Opcodes() {
    }
}
