package dev.jfilter.runtime.ebpf;

/**
 * What R1 points to when a program starts, one record per program type: the user-visible context struct of
 * {@code linux/bpf.h} ({@code struct __sk_buff} for socket filters and tc classifiers, {@code struct xdp_md} for XDP),
 * with the values the kernel would give its fields. The packet itself is passed to the interpreter beside it.
 *
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/bpf.h">include/uapi/linux/bpf.h</a>
 */
public sealed interface ProgramContext permits SocketFilterContext, TcContext, XdpContext {
}
