package dev.jfilter.testpcaps.gen;

import java.util.List;

/**
 * An IPv6 extension header (RFC 8200 section 4, RFC 4302 for AH). Each header knows the Next Header value that
 * announces it and encodes itself given the Next Header value of what follows it. These are the headers libpcap's
 * {@code protochain} walks over (hop-by-hop, routing, fragment, destination options, AH), so chains of them are
 * what tell {@code ip6 proto}, {@code protochain} and the port tests apart.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8200#section-4">RFC 8200 section 4</a>
 */
public sealed interface Ipv6Ext {
    /** The Next Header value that announces this header. */
    int protocol();

    /** The header's bytes, with {@code nextHeader} in its first byte. */
    byte[] encode(int nextHeader);

    /** Hop-by-hop options (Next Header 0); the options are padded with PadN to a multiple of 8 bytes. */
    record HopByHop(byte[] options) implements Ipv6Ext {
        /** Copies the options. */
        public HopByHop {
            options = options.clone();
        }

        @Override
        public int protocol() {
            return 0;
        }

        @Override
        public byte[] encode(int nextHeader) {
            return optionsHeader(nextHeader, options);
        }
    }

    /** Destination options (Next Header 60). */
    record DestinationOptions(byte[] options) implements Ipv6Ext {
        /** Copies the options. */
        public DestinationOptions {
            options = options.clone();
        }

        @Override
        public int protocol() {
            return 60;
        }

        @Override
        public byte[] encode(int nextHeader) {
            return optionsHeader(nextHeader, options);
        }
    }

    /** A routing header (Next Header 43) of type {@code type} with a list of 16-byte addresses. */
    record Routing(int type, int segmentsLeft, List<byte[]> addresses) implements Ipv6Ext {
        /** Copies the address list. */
        public Routing {
            addresses = List.copyOf(addresses);
        }

        @Override
        public int protocol() {
            return 43;
        }

        @Override
        public byte[] encode(int nextHeader) {
            ByteBuilder b = new ByteBuilder().u8(nextHeader).u8(2 * addresses.size()).u8(type).u8(segmentsLeft).u32(0);
            addresses.forEach(b::bytes);
            return b.toByteArray();
        }
    }

    /** A fragment header (Next Header 44): offset in 8-byte units, the M flag and the identification. */
    record Fragment(int offsetUnits, boolean more, long id) implements Ipv6Ext {
        @Override
        public int protocol() {
            return 44;
        }

        @Override
        public byte[] encode(int nextHeader) {
            return new ByteBuilder().u8(nextHeader).u8(0).u16((offsetUnits << 3) | (more ? 1 : 0)).u32(id)
                    .toByteArray();
        }
    }

    /** An authentication header (Next Header 51, RFC 4302) with an ICV of {@code icvLength} bytes. */
    record Authentication(long spi, long sequence, int icvLength) implements Ipv6Ext {
        @Override
        public int protocol() {
            return 51;
        }

        @Override
        public byte[] encode(int nextHeader) {
            int total = 12 + icvLength;
            return new ByteBuilder().u8(nextHeader).u8(total / 4 - 2).u16(0).u32(spi).u32(sequence)
                    .fill(icvLength, 0xa5).toByteArray();
        }
    }

    private static byte[] optionsHeader(int nextHeader, byte[] options) {
        ByteBuilder b = new ByteBuilder().u8(nextHeader).u8(0).bytes(options);
        int pad = (8 - b.size() % 8) % 8;
        if (pad == 1) {
            b.u8(0); // Pad1
        } else if (pad > 1) {
            b.u8(1).u8(pad - 2).fill(pad - 2, 0); // PadN
        }
        b.set8(1, b.size() / 8 - 1);
        return b.toByteArray();
    }
}
