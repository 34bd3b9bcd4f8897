package dev.jfilter.runtime.kernel.netns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * The source and destination of a crafted frame: MAC, IPv4 and IPv6 addresses of both sides.
 * {@link #SENDER_TO_RECEIVER} and {@link #RECEIVER_TO_SENDER} are a {@link NetnsPair}'s real ones.
 */
public record Endpoints(String sourceMac, String destinationMac, String source4, String destination4, String source6,
        String destination6) {
    /** From the sender's end of a {@link NetnsPair} to the receiver's. */
    public static final Endpoints SENDER_TO_RECEIVER = new Endpoints(NetnsPair.SENDER_MAC, NetnsPair.RECEIVER_MAC,
            NetnsPair.SENDER_ADDRESS, NetnsPair.RECEIVER_ADDRESS, NetnsPair.SENDER_ADDRESS6,
            NetnsPair.RECEIVER_ADDRESS6);
    /** From the receiver's end of a {@link NetnsPair} to the sender's. */
    public static final Endpoints RECEIVER_TO_SENDER = SENDER_TO_RECEIVER.reversed();
    public static final String BROADCAST_MAC = "ff:ff:ff:ff:ff:ff";

    public Endpoints {
        mac(sourceMac);
        mac(destinationMac);
        ipv4(source4);
        ipv4(destination4);
        ipv6(source6);
        ipv6(destination6);
    }

    /** The other way round. */
    public Endpoints reversed() {
        return new Endpoints(destinationMac, sourceMac, destination4, source4, destination6, source6);
    }

    /** The same, to another destination MAC (broadcast, multicast). */
    public Endpoints withDestinationMac(String mac) {
        return new Endpoints(sourceMac, mac, source4, destination4, source6, destination6);
    }

    /** The six bytes of {@code aa:bb:cc:dd:ee:ff}. */
    static byte[] mac(String text) {
        byte[] bytes = HexFormat.ofDelimiter(":").parseHex(text);
        if (bytes.length != 6) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        return bytes;
    }

    /** The four bytes of a dotted IPv4 literal (never a name lookup). */
    static byte[] ipv4(String literal) {
        if (!literal.matches("[0-9.]+") || !(parse(literal) instanceof Inet4Address a)) {
            throw new IllegalArgumentException("not an IPv4 address: " + literal);
        }
        return a.getAddress();
    }

    /** The sixteen bytes of an IPv6 literal (never a name lookup). */
    static byte[] ipv6(String literal) {
        if (!literal.contains(":") || !(parse(literal) instanceof Inet6Address a)) {
            throw new IllegalArgumentException("not an IPv6 address: " + literal);
        }
        return a.getAddress();
    }

    private static InetAddress parse(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + literal, e);
        }
    }
}
