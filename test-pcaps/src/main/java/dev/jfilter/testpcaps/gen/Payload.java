package dev.jfilter.testpcaps.gen;

import java.util.Optional;

/**
 * An upper-layer payload ready to go inside an IPv4 or IPv6 packet: its protocol number, its bytes, and, for
 * TCP, UDP and ICMPv6 (possibly behind an AH header), where the pseudo-header checksum goes. The IP layer fills
 * that checksum in, since only it knows the addresses.
 */
public record Payload(int protocol, byte[] bytes, Optional<PseudoChecksum> pseudoChecksum) {
    /**
     * A checksum over the IP pseudo-header and {@code bytes[segmentStart..]}, stored at {@code segmentStart +
     * fieldOffset}, computed for upper-layer protocol {@code protocol}.
     */
    public record PseudoChecksum(int segmentStart, int fieldOffset, int protocol) {
    }

    /** Takes a private copy of the bytes. */
    public Payload {
        bytes = bytes.clone();
    }

    /** A segment of {@code protocol} whose pseudo-header checksum is at {@code fieldOffset}. */
    public static Payload withPseudoChecksum(int protocol, byte[] bytes, int fieldOffset) {
        return new Payload(protocol, bytes, Optional.of(new PseudoChecksum(0, fieldOffset, protocol)));
    }

    /** Bytes that need no checksum from the IP layer. */
    public static Payload raw(int protocol, byte[] bytes) {
        return new Payload(protocol, bytes, Optional.empty());
    }

    /** The bytes (a copy). */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes with the pseudo-header checksum filled in for addresses {@code src} and {@code dst}. */
    public byte[] bytesWithChecksum(byte[] src, byte[] dst) {
        byte[] b = bytes.clone();
        pseudoChecksum.ifPresent(c -> {
            int at = c.segmentStart() + c.fieldOffset();
            if (at + 1 < b.length) {
                byte[] segment = java.util.Arrays.copyOfRange(b, c.segmentStart(), b.length);
                int sum = Checksums.pseudoHeader(src, dst, c.protocol(), segment);
                b[at] = (byte) (sum >>> 8);
                b[at + 1] = (byte) sum;
            }
        });
        return b;
    }

    /** This payload behind {@code header} (an AH header, say), announced as protocol {@code outerProtocol}. */
    public Payload behind(int outerProtocol, byte[] header) {
        byte[] b = new ByteBuilder().bytes(header).bytes(bytes).toByteArray();
        return new Payload(outerProtocol, b, pseudoChecksum.map(c -> new PseudoChecksum(c.segmentStart()
                + header.length, c.fieldOffset(), c.protocol())));
    }
}
