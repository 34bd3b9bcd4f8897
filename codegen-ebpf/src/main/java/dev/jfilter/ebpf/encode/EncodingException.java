package dev.jfilter.ebpf.encode;

/**
 * A program that cannot be encoded (a jump offset beyond 16 bits) or bytes that are not a program this model can
 * decode (unknown opcode, reserved field set, jump outside the program). The message names the instruction or slot.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html">BPF Instruction Set</a>
 */
public final class EncodingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public EncodingException(String message) {
        super(message);
    }
}
