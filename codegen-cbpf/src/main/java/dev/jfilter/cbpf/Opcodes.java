package dev.jfilter.cbpf;

/**
 * The opcode fields of classic BPF, as linux/filter.h and libpcap's {@code pcap/bpf.h} define them, and the set of
 * opcodes that are instructions at all. An opcode is the OR of a class, and for its class a size and mode (loads), an
 * operation and a source (ALU, jumps), or a return value source.
 *
 * <p>Only 49 opcode values are instructions: those the kernel's {@code chk_code_allowed()} lists, which are also
 * exactly the cases of libpcap's {@code bpf_filter()} (which aborts on any other).
 *
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/filter.h">linux/filter.h</a>
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/bpf_common.h">linux/bpf_common.h</a>
 */
public final class Opcodes {
    private Opcodes() {}

    // Instruction classes.
    public static final int LD = 0x00;
    public static final int LDX = 0x01;
    public static final int ST = 0x02;
    public static final int STX = 0x03;
    public static final int ALU = 0x04;
    public static final int JMP = 0x05;
    public static final int RET = 0x06;
    public static final int MISC = 0x07;

    // Load sizes.
    public static final int W = 0x00;
    public static final int H = 0x08;
    public static final int B = 0x10;

    // Load modes.
    public static final int IMM = 0x00;
    public static final int ABS = 0x20;
    public static final int IND = 0x40;
    public static final int MEM = 0x60;
    public static final int LEN = 0x80;
    public static final int MSH = 0xa0;

    // ALU operations.
    public static final int ADD = 0x00;
    public static final int SUB = 0x10;
    public static final int MUL = 0x20;
    public static final int DIV = 0x30;
    public static final int OR = 0x40;
    public static final int AND = 0x50;
    public static final int LSH = 0x60;
    public static final int RSH = 0x70;
    public static final int NEG = 0x80;
    public static final int MOD = 0x90;
    public static final int XOR = 0xa0;

    // Jump operations.
    public static final int JA = 0x00;
    public static final int JEQ = 0x10;
    public static final int JGT = 0x20;
    public static final int JGE = 0x30;
    public static final int JSET = 0x40;

    // Operand sources (ALU and jumps) and return value sources.
    public static final int K = 0x00;
    public static final int X = 0x08;
    public static final int A = 0x10;

    // Register transfers.
    public static final int TAX = 0x00;
    public static final int TXA = 0x80;

    /** {@code SKF_AD_OFF}: absolute loads at or above this (unsigned) offset read ancillary data in Linux. */
    public static final int SKF_AD_OFF = -0x1000;

    /** {@code SKF_AD_MAX}: the end of the ancillary area in Linux 6.x headers (libpcap names offsets below it). */
    public static final int SKF_AD_MAX = 64;

    /** {@code BPF_MAXINSNS}: the longest program the kernel accepts. */
    public static final int MAX_INSNS = 4096;

    /** {@code BPF_MEMWORDS}: the number of scratch memory words. */
    public static final int MEMWORDS = 16;

    /** The class of an opcode ({@code BPF_CLASS}). */
    public static int classOf(int code) {
        return code & 0x07;
    }

    /** The size field of a load opcode ({@code BPF_SIZE}). */
    public static int sizeOf(int code) {
        return code & 0x18;
    }

    /** The mode field of a load opcode ({@code BPF_MODE}). */
    public static int modeOf(int code) {
        return code & 0xe0;
    }

    /** The operation field of an ALU or jump opcode ({@code BPF_OP}). */
    public static int opOf(int code) {
        return code & 0xf0;
    }

    /** The source field of an ALU or jump opcode ({@code BPF_SRC}). */
    public static int srcOf(int code) {
        return code & 0x08;
    }

    private static final boolean[] KNOWN = new boolean[0x100];

    static {
        int[] alu = {ADD, SUB, MUL, DIV, MOD, AND, OR, XOR, LSH, RSH};
        for (int op : alu) {
            KNOWN[ALU | op | K] = true;
            KNOWN[ALU | op | X] = true;
        }
        KNOWN[ALU | NEG] = true;
        for (int size : new int[] {W, H, B}) {
            KNOWN[LD | size | ABS] = true;
            KNOWN[LD | size | IND] = true;
        }
        KNOWN[LD | W | LEN] = true;
        KNOWN[LD | IMM] = true;
        KNOWN[LD | MEM] = true;
        KNOWN[LDX | W | LEN] = true;
        KNOWN[LDX | B | MSH] = true;
        KNOWN[LDX | IMM] = true;
        KNOWN[LDX | MEM] = true;
        KNOWN[ST] = true;
        KNOWN[STX] = true;
        KNOWN[MISC | TAX] = true;
        KNOWN[MISC | TXA] = true;
        KNOWN[RET | K] = true;
        KNOWN[RET | A] = true;
        KNOWN[JMP | JA] = true;
        for (int op : new int[] {JEQ, JGT, JGE, JSET}) {
            KNOWN[JMP | op | K] = true;
            KNOWN[JMP | op | X] = true;
        }
    }

    /** Whether {@code code} is one of the 49 opcodes the kernel and libpcap's interpreter execute. */
    public static boolean isKnown(int code) {
        return code >= 0 && code < KNOWN.length && KNOWN[code];
    }

    /** Whether {@code code} is a conditional jump ({@code jeq/jgt/jge/jset}, with {@code #k} or {@code x}). */
    public static boolean isConditionalJump(int code) {
        return isKnown(code) && classOf(code) == JMP && opOf(code) != JA;
    }
}
