package dev.jfilter.frontend.names;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A {@link NameResolver} with fixed tables, for tests and reproducible builds: it never touches the network or
 * the system's files. Host, Ethernet and network names match regardless of case; service and protocol names
 * exactly, as in glibc. Build one with {@link #builder()}; {@link #empty()} knows no names at all.
 */
public final class FixedNameResolver implements NameResolver {
    private final Map<String, List<InetAddress>> hosts;
    private final Map<String, Long> ethers;
    private final Map<String, Long> networks;
    private final Map<Transport, Map<String, Integer>> services;
    private final Map<String, Integer> protocols;

    private FixedNameResolver(Builder b) {
        hosts = Map.copyOf(b.hosts);
        ethers = Map.copyOf(b.ethers);
        networks = Map.copyOf(b.networks);
        Map<Transport, Map<String, Integer>> s = new EnumMap<>(Transport.class);
        b.services.forEach((t, m) -> s.put(t, Map.copyOf(m)));
        services = s;
        protocols = Map.copyOf(b.protocols);
    }

    /** Host, Ethernet and network names are case-insensitive, as the system's databases compare them. */
    private static String fold(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    /** A resolver that knows no names. */
    public static FixedNameResolver empty() {
        return builder().build();
    }

    /** A builder for a resolver with the given entries. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<InetAddress> hostAddresses(String name) {
        return hosts.getOrDefault(fold(name), List.of());
    }

    @Override
    public OptionalLong etherAddress(String name) {
        Long v = ethers.get(fold(name));
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    @Override
    public OptionalLong network(String name) {
        Long v = networks.get(fold(name));
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    @Override
    public OptionalInt service(String name, Transport transport) {
        Integer v = services.getOrDefault(transport, Map.of()).get(name);
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    @Override
    public OptionalInt protocol(String name) {
        Integer v = protocols.get(name);
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    /** Collects the tables of a {@link FixedNameResolver}. */
    public static final class Builder {
        private final Map<String, List<InetAddress>> hosts = new HashMap<>();
        private final Map<String, Long> ethers = new HashMap<>();
        private final Map<String, Long> networks = new HashMap<>();
        private final Map<Transport, Map<String, Integer>> services = new EnumMap<>(Transport.class);
        private final Map<String, Integer> protocols = new HashMap<>();

        private Builder() {}

        /** Adds addresses (IPv4 or IPv6 literals) for a host name. */
        public Builder host(String name, String... literals) {
            List<InetAddress> list = hosts.computeIfAbsent(fold(name), k -> new ArrayList<>());
            for (String literal : literals) {
                list.add(InetAddress.ofLiteral(literal));
            }
            return this;
        }

        /** Adds an Ethernet host name with its MAC-48 address in the 48 low bits. */
        public Builder ether(String name, long mac48) {
            ethers.put(fold(name), mac48 & 0xffff_ffff_ffffL);
            return this;
        }

        /** Adds a network name with its {@code n_net} value. */
        public Builder network(String name, long net) {
            networks.put(fold(name), net & 0xffff_ffffL);
            return this;
        }

        /** Adds a service name for one transport protocol. */
        public Builder service(String name, Transport transport, int port) {
            services.computeIfAbsent(transport, t -> new HashMap<>()).put(name, port);
            return this;
        }

        /** Adds a protocol name. */
        public Builder protocol(String name, int number) {
            protocols.put(name, number);
            return this;
        }

        /** The resolver. */
        public FixedNameResolver build() {
            return new FixedNameResolver(this);
        }
    }
}
