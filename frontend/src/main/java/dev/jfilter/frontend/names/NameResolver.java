package dev.jfilter.frontend.names;

import java.net.InetAddress;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The name databases a filter expression may consult, as libpcap's {@code nametoaddr.c} uses them: host names
 * ({@code getaddrinfo}), Ethernet host names ({@code /etc/ethers}), network names ({@code getnetbyname}), service
 * names ({@code getaddrinfo} for a service) and protocol names ({@code getprotobyname}).
 *
 * <p>Implementations answer lookups only; the libpcap rules built on them (left-justifying networks, the tcp/udp
 * ambiguity of port names, address sorting) live in the lowering.
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-filter.7.html">pcap-filter(7)</a>
 */
public interface NameResolver {

    /** The IPv4 and IPv6 addresses of a host name, in any order; empty if the name is unknown. */
    List<InetAddress> hostAddresses(String name);

    /** The MAC-48 address of an Ethernet host name ({@code ether_hostton}), in the 48 low bits. */
    OptionalLong etherAddress(String name);

    /**
     * The network number of a network name, as {@code getnetbyname} returns {@code n_net}: the parts of the
     * written number right-justified ({@code 10.1} is {@code 0x0a01}), unsigned 32 bits.
     */
    OptionalLong network(String name);

    /** The port of a service name for one transport protocol ({@code services(5)}). */
    OptionalInt service(String name, Transport transport);

    /** The IP protocol number of a protocol name ({@code protocols(5)}). */
    OptionalInt protocol(String name);
}
