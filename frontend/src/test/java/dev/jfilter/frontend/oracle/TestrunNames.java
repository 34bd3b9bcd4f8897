package dev.jfilter.frontend.oracle;

import dev.jfilter.frontend.names.FixedNameResolver;
import dev.jfilter.frontend.names.NameResolver;
import dev.jfilter.frontend.names.SystemNameResolver;
import dev.jfilter.frontend.names.Transport;
import java.net.InetAddress;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The hosts, ethers and networks entries libpcap's TESTrun asks a test host to configure ({@code *.libpcap.test},
 * RFC 6761), with this host's services and protocols: the names the "configure the hosts file" tests expect.
 */
public final class TestrunNames implements NameResolver {
    private static final FixedNameResolver FIXED = FixedNameResolver.builder()
            .ether("eth-noipv4-noipv6.host123.libpcap.test", 0xaa000400140eL)
            .ether("eth-noipv4-ipv6.host123.libpcap.test", 0xaa000400140eL)
            .ether("eth-ipv4-noipv6.host123.libpcap.test", 0xaa000400140eL)
            .ether("eth-ipv4-ipv6.host123.libpcap.test", 0xaa000400140eL)
            .ether("eth-ipv4x4-noipv6.host357.libpcap.test", 0xaa0004000108L)
            .ether("eth-noipv4-ipv6x2.host357.libpcap.test", 0xaa0004000108L)
            .ether("eth-ipv4x4-ipv6x2.host357.libpcap.test", 0xaa0004000108L)
            .host("noeth-ipv4-noipv6.host123.libpcap.test", "10.20.30.40")
            .host("noeth-ipv4-ipv6.host123.libpcap.test", "10.20.30.40", "fd00:a1b2:c3d4::1020:3040:5060:7080")
            .host("eth-ipv4-noipv6.host123.libpcap.test", "10.20.30.40")
            .host("eth-ipv4-ipv6.host123.libpcap.test", "10.20.30.40", "fd00:a1b2:c3d4::1020:3040:5060:7080")
            .host("noeth-noipv4-ipv6.host123.libpcap.test", "fd00:a1b2:c3d4::1020:3040:5060:7080")
            .host("eth-noipv4-ipv6.host123.libpcap.test", "fd00:a1b2:c3d4::1020:3040:5060:7080")
            .host("eth-ipv4x4-noipv6.host357.libpcap.test", "192.168.243.1", "192.168.242.4", "192.168.244.2",
                    "192.168.241.3")
            .host("eth-ipv4x4-ipv6x2.host357.libpcap.test", "192.168.241.3", "192.168.244.2", "192.168.242.4",
                    "192.168.243.1", "fd00:a1b2:c3d4::a0b0:c0d0:e0f0:3456", "fd00:a1b2:c3d4::a0b0:c0d0:e0f0:1278")
            .host("eth-noipv4-ipv6x2.host357.libpcap.test", "fd00:a1b2:c3d4::a0b0:c0d0:e0f0:1278",
                    "fd00:a1b2:c3d4::a0b0:c0d0:e0f0:3456")
            .network("net-10-0-0-0.libpcap.test", 0x0a000000L)
            .network("net-10-20-0-0.libpcap.test", 0x0a140000L)
            .network("net-10-20-30-0.libpcap.test", 0x0a141e00L)
            .build();

    private final SystemNameResolver system = SystemNameResolver.filesUnder(java.nio.file.Path.of("/etc"));

    @Override
    public List<InetAddress> hostAddresses(String name) {
        List<InetAddress> a = FIXED.hostAddresses(name);
        return a.isEmpty() ? system.hostAddresses(name) : a;
    }

    @Override
    public OptionalLong etherAddress(String name) {
        return FIXED.etherAddress(name);
    }

    @Override
    public OptionalLong network(String name) {
        OptionalLong n = FIXED.network(name);
        return n.isPresent() ? n : system.network(name);
    }

    @Override
    public OptionalInt service(String name, Transport transport) {
        return system.service(name, transport);
    }

    @Override
    public OptionalInt protocol(String name) {
        return system.protocol(name);
    }
}
