package dev.jfilter.ebpf.insn;

/**
 * One eBPF instruction in the assembler model: one record per instruction shape, with symbolic jump targets. Every
 * shape takes one 8-byte slot in the encoded form except {@link LoadImm64}, which takes two.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html">BPF Instruction Set</a>
 */
public sealed interface Insn
        permits AluImm, AluReg, Endian, JumpImm, JumpReg, Ja, Call, Exit, LoadImm64, LoadMem, StoreReg, StoreImm,
                LoadAbs, LoadInd {

    /** Number of 8-byte slots the instruction occupies once encoded. */
    default int slots() {
        return this instanceof LoadImm64 ? 2 : 1;
    }

    /** Checks that a memory offset fits the signed 16-bit offset field. */
    static int checkOffset(int off) {
        if (off < Short.MIN_VALUE || off > Short.MAX_VALUE) {
            throw new IllegalArgumentException("offset " + off + " does not fit in 16 signed bits");
        }
        return off;
    }
}
