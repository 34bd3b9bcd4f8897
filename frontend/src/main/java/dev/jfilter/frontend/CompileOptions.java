package dev.jfilter.frontend;

import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.link.LoopbackEncoding;
import dev.jfilter.frontend.names.NameResolver;
import dev.jfilter.frontend.names.SystemNameResolver;
import java.util.Objects;

/**
 * What a filter expression is compiled for, as {@code pcap_compile} takes it from its {@code pcap_t} and
 * arguments: the link type, the snapshot length (the value an accepting program returns), the IPv4 netmask for
 * {@code ip broadcast}, whether Linux's BPF extensions may be used, how {@code DLT_NULL}/{@code DLT_LOOP} address
 * families are matched, and where names are looked up.
 *
 * @param linkType the link-layer header type of the packets
 * @param snaplen the snapshot length, 1 or more (libpcap's default is 262144)
 * @param netmask the IPv4 netmask, or {@link #NETMASK_UNKNOWN} ({@code PCAP_NETMASK_UNKNOWN})
 * @param linuxExtensions whether the program is for a live Linux socket and may use ancillary loads
 *     ({@code SKF_AD_*}: {@code inbound}, {@code ifindex}, VLAN tags)
 * @param loopback how the address family of {@code DLT_NULL} and {@code DLT_LOOP} headers is matched
 * @param names where host, network, port and protocol names are looked up
 * @see <a href="https://www.tcpdump.org/manpages/pcap_compile.3pcap.html">pcap_compile(3PCAP)</a>
 */
public record CompileOptions(
        LinkType linkType,
        int snaplen,
        int netmask,
        boolean linuxExtensions,
        LoopbackEncoding loopback,
        NameResolver names) {

    /** libpcap's default snapshot length. */
    public static final int DEFAULT_SNAPLEN = 262144;

    /** {@code PCAP_NETMASK_UNKNOWN}: no netmask is known, so {@code ip broadcast} is an error. */
    public static final int NETMASK_UNKNOWN = 0xffffffff;

    public CompileOptions {
        Objects.requireNonNull(linkType, "linkType");
        Objects.requireNonNull(loopback, "loopback");
        Objects.requireNonNull(names, "names");
    }

    /**
     * The defaults for a link type, as {@code tcpdump -d} or {@code pcap_open_dead} on this host: snapshot length
     * 262144, unknown netmask, no Linux extensions, this host's loopback encoding, the system's name databases.
     */
    public static CompileOptions of(LinkType linkType) {
        return new CompileOptions(linkType, DEFAULT_SNAPLEN, NETMASK_UNKNOWN, false, LoopbackEncoding.thisHost(),
                SystemNameResolver.create());
    }

    /** The same options for another link type. */
    public CompileOptions withLinkType(LinkType value) {
        return new CompileOptions(value, snaplen, netmask, linuxExtensions, loopback, names);
    }

    /** The same options with another snapshot length. */
    public CompileOptions withSnaplen(int value) {
        return new CompileOptions(linkType, value, netmask, linuxExtensions, loopback, names);
    }

    /** The same options with an IPv4 netmask, given as its 32 bits ({@code 0xffffff00} for /24). */
    public CompileOptions withNetmask(int value) {
        return new CompileOptions(linkType, snaplen, value, linuxExtensions, loopback, names);
    }

    /** The same options with or without Linux BPF extensions. */
    public CompileOptions withLinuxExtensions(boolean value) {
        return new CompileOptions(linkType, snaplen, netmask, value, loopback, names);
    }

    /** The same options with another loopback encoding. */
    public CompileOptions withLoopback(LoopbackEncoding value) {
        return new CompileOptions(linkType, snaplen, netmask, linuxExtensions, value, names);
    }

    /** The same options with another name resolver. */
    public CompileOptions withNames(NameResolver value) {
        return new CompileOptions(linkType, snaplen, netmask, linuxExtensions, loopback, value);
    }
}
