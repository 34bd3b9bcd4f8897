package dev.jfilter.runtime.kernel.netns;

/**
 * The transport header of a crafted IPv4 or IPv6 packet ({@link EthernetFrames}).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9293#section-3.1">TCP header (RFC 9293)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc768">UDP (RFC 768)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc792">ICMP echo (RFC 792)</a>,
 *      <a href="https://www.rfc-editor.org/rfc/rfc4443#section-4">ICMPv6 echo (RFC 4443)</a>
 */
public sealed interface Transport {
    /** A TCP header of 20 bytes (no options), with the {@code flags} byte ({@link #SYN} | {@link #ACK}, ...). */
    record Tcp(int sourcePort, int destinationPort, int flags, long sequence, long acknowledgement)
            implements Transport {
        public static final int FIN = 0x01;
        public static final int SYN = 0x02;
        public static final int RST = 0x04;
        public static final int PSH = 0x08;
        public static final int ACK = 0x10;
        public static final int URG = 0x20;

        public Tcp {
            port(sourcePort);
            port(destinationPort);
            if (flags < 0 || flags > 0xff) {
                throw new IllegalArgumentException("TCP flags are one byte: " + flags);
            }
        }

        /** With sequence number 1000 and, when {@link #ACK} is set, acknowledgement 2000. */
        public Tcp(int sourcePort, int destinationPort, int flags) {
            this(sourcePort, destinationPort, flags, 1000, (flags & ACK) != 0 ? 2000 : 0);
        }
    }

    /** A UDP header. */
    record Udp(int sourcePort, int destinationPort) implements Transport {
        public Udp {
            port(sourcePort);
            port(destinationPort);
        }
    }

    /** An ICMP (over IPv4) or ICMPv6 (over IPv6) echo request or reply. */
    record Echo(boolean reply, int identifier, int sequence) implements Transport {
        public Echo {
            if (identifier < 0 || identifier > 0xffff || sequence < 0 || sequence > 0xffff) {
                throw new IllegalArgumentException("identifier and sequence are 16 bits");
            }
        }
    }

    private static void port(int port) {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
