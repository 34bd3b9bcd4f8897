package dev.jfilter.runtime.kernel.netns;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One kind of UDP datagram {@link UdpTraffic} sends from the sender's namespace of a {@link NetnsPair} to the
 * receiver: over IPv4 or IPv6, to a port, with a payload and a TTL (IPv4) or hop limit (IPv6).
 *
 * @param version  the IP version, which also picks the receiver's address
 * @param port     the UDP destination port (the source port is the sender's ephemeral one)
 * @param payload  the UDP payload, letters and digits only (it goes through a shell's {@code printf})
 * @param hopLimit the IPv4 TTL or the IPv6 hop limit, 1 to 255
 */
public record Datagram(IpVersion version, int port, String payload, int hopLimit) {
    /** The TTL and hop limit Linux uses by default. */
    public static final int DEFAULT_HOP_LIMIT = 64;
    private static final Pattern PAYLOAD = Pattern.compile("[A-Za-z0-9]+");

    /** The IP version of a datagram. */
    public enum IpVersion {
        IPV4,
        IPV6
    }

    public Datagram {
        Objects.requireNonNull(version, "version");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (!PAYLOAD.matcher(payload).matches()) {
            throw new IllegalArgumentException("payload must be letters and digits: '" + payload + "'");
        }
        if (hopLimit < 1 || hopLimit > 255) {
            throw new IllegalArgumentException("hop limit out of range: " + hopLimit);
        }
    }

    /** A one-byte datagram ({@code x}) over IPv4 to {@code port}, with the default TTL. */
    public static Datagram ipv4(int port) {
        return new Datagram(IpVersion.IPV4, port, "x", DEFAULT_HOP_LIMIT);
    }

    /** A one-byte datagram ({@code x}) over IPv6 to {@code port}, with the default hop limit. */
    public static Datagram ipv6(int port) {
        return new Datagram(IpVersion.IPV6, port, "x", DEFAULT_HOP_LIMIT);
    }

    /** The same datagram with another payload. */
    public Datagram withPayload(String newPayload) {
        return new Datagram(version, port, newPayload, hopLimit);
    }

    /** The same datagram with another TTL or hop limit. */
    public Datagram withHopLimit(int newHopLimit) {
        return new Datagram(version, port, payload, newHopLimit);
    }

    /** The receiver's address for this datagram's IP version. */
    public String destination() {
        return switch (version) {
            case IPV4 -> NetnsPair.RECEIVER_ADDRESS;
            case IPV6 -> NetnsPair.RECEIVER_ADDRESS6;
        };
    }

    @Override
    public String toString() {
        String payloadText = payload.length() <= 8 ? payload : payload.substring(0, 8) + "...";
        return switch (version) {
            case IPV4 -> "IPv4";
            case IPV6 -> "IPv6";
        } + " to port " + port + (hopLimit == DEFAULT_HOP_LIMIT ? "" : ", hop limit " + hopLimit)
                + ", payload " + payloadText + " (" + payload.length() + " bytes)";
    }
}
