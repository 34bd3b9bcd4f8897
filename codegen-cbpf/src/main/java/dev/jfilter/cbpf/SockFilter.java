package dev.jfilter.cbpf;

/**
 * One encoded classic BPF instruction, as the kernel's {@code struct sock_filter} and libpcap's
 * {@code struct bpf_insn} hold it: a 16-bit opcode, two 8-bit jump offsets and a 32-bit constant.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/networking/filter.html">Linux Socket Filtering</a>
 */
public record SockFilter(int code, int jt, int jf, int k) {
    public SockFilter {
        if (code < 0 || code > 0xffff) {
            throw new IllegalArgumentException("opcode " + code + " does not fit 16 bits");
        }
        if (jt < 0 || jt > 0xff || jf < 0 || jf > 0xff) {
            throw new IllegalArgumentException("jump offsets " + jt + "/" + jf + " do not fit 8 bits");
        }
    }
}
