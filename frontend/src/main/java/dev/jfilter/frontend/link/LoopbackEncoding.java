package dev.jfilter.frontend.link;

import java.nio.ByteOrder;
import java.util.Locale;

/**
 * How the 4-byte address family of {@code DLT_NULL} and {@code DLT_LOOP} headers is matched (libpcap's
 * {@code gen_loopback_linktype}). {@code DLT_NULL} stores {@code AF_} values in the byte order of the capturing
 * host and {@code DLT_LOOP} in network byte order; {@code AF_INET} is 2 everywhere, {@code AF_INET6} differs by OS.
 */
public sealed interface LoopbackEncoding {

    /**
     * A live capture or {@code pcap_open_dead} (what {@code tcpdump -d} and pcap4j do): this host's byte order and
     * {@code AF_INET6} value only.
     *
     * @param hostOrder the byte order of {@code DLT_NULL} headers
     * @param afInet this host's {@code AF_INET} (2 everywhere but Haiku)
     * @param afInet6 this host's {@code AF_INET6} (10 on Linux)
     */
    record Live(ByteOrder hostOrder, int afInet, int afInet6) implements LoopbackEncoding {}

    /**
     * A savefile ({@code BPF_OFFLINE_AF_HANDLING} in libpcap master): every known {@code AF_INET6} value (24, 28,
     * 30), and for {@code DLT_NULL} both byte orders, the file's first.
     *
     * @param swapped whether the file's byte order is the opposite of this host's ({@code pcap_is_swapped})
     */
    record Savefile(boolean swapped) implements LoopbackEncoding {}

    /** The encoding of a live capture on this host: its byte order and its operating system's {@code AF_INET6}. */
    static Live thisHost() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        int afInet = os.contains("haiku") ? 1 : 2;
        int afInet6;
        if (os.contains("haiku")) {
            afInet6 = 5;
        } else if (os.contains("mac") || os.contains("darwin")) {
            afInet6 = 30;
        } else if (os.contains("freebsd")) {
            afInet6 = 28;
        } else if (os.contains("windows") || os.contains("openbsd") || os.contains("netbsd")) {
            afInet6 = 24;
        } else if (os.contains("sunos") || os.contains("solaris")) {
            afInet6 = 26;
        } else {
            afInet6 = 10;
        }
        return new Live(ByteOrder.nativeOrder(), afInet, afInet6);
    }
}
