package dev.jfilter.cbpf.validate;

/**
 * One reason a {@link Validator} rejects a program: the instruction it concerns ({@code -1} for the program as a
 * whole, such as its length), what kind of rule it breaks, and a message that says what is wrong.
 */
public record Problem(int index, Kind kind, String message) {

    /** Which rule a program breaks. */
    public enum Kind {
        /** The program is empty, or longer than {@code BPF_MAXINSNS} (kernel). */
        LENGTH,
        /** The opcode is not an instruction. */
        UNKNOWN_OPCODE,
        /** Division or modulo by the constant 0. */
        DIVISION_BY_ZERO,
        /** A constant shift by 32 or more (kernel). */
        SHIFT_OUT_OF_RANGE,
        /** A scratch word index of 16 or more. */
        SCRATCH_OUT_OF_RANGE,
        /** A jump target past the end of the program. */
        JUMP_OUT_OF_RANGE,
        /** A {@code ja} that goes backwards (kernel; libpcap allows it). */
        BACKWARD_JUMP,
        /** The last instruction does not return. */
        NO_FINAL_RETURN,
        /** A scratch word is read where some path has not written it (kernel). */
        UNINITIALIZED_SCRATCH,
        /** An absolute load at or above {@code SKF_AD_OFF} names no ancillary field (kernel). */
        UNKNOWN_ANCILLARY
    }

    /** Whether the problem concerns the whole program rather than one instruction. */
    public boolean concernsWholeProgram() {
        return index < 0;
    }

    @Override
    public String toString() {
        return (index < 0 ? "program" : "(" + String.format("%03d", index) + ")") + ": " + message;
    }
}
