package dev.jfilter.runtime.kernel.netns;

import java.nio.ByteBuffer;

/** Crafted Ethernet frames for test runs. */
public final class Frames {
    private Frames() {}

    /** Ethernet + IPv4 (no options) + UDP from 10.0.0.1:4000 to 10.0.0.2:{@code dport}, with {@code payload} bytes. */
    public static byte[] udp(int dport, int payload) {
        return ipv4(17, 8 + payload, buffer -> {
            buffer.putShort((short) 4000).putShort((short) dport).putShort((short) (8 + payload)).putShort((short) 0);
        });
    }

    /** Ethernet + IPv4 + a TCP header (SYN) to {@code dport}. */
    public static byte[] tcp(int dport) {
        return ipv4(6, 20, buffer -> {
            buffer.putShort((short) 4000).putShort((short) dport).putInt(1).putInt(0);
            buffer.put((byte) 0x50).put((byte) 0x02).putShort((short) 65535).putInt(0);
        });
    }

    /** An ARP request as an Ethernet frame of 42 bytes. */
    public static byte[] arp() {
        ByteBuffer buffer = ethernet(28, 0x0806);
        buffer.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 1);
        buffer.put(new byte[] {2, 0, 0, 0, 0, 1}).putInt(0x0a000001).put(new byte[6]).putInt(0x0a000002);
        return buffer.array();
    }

    private interface Body {
        void write(ByteBuffer buffer);
    }

    private static byte[] ipv4(int protocol, int l4Length, Body body) {
        ByteBuffer buffer = ethernet(20 + l4Length, 0x0800);
        buffer.put((byte) 0x45).put((byte) 0).putShort((short) (20 + l4Length)).putShort((short) 1)
                .putShort((short) 0x4000).put((byte) 64).put((byte) protocol).putShort((short) 0)
                .putInt(0x0a000001).putInt(0x0a000002);
        body.write(buffer);
        return buffer.array();
    }

    private static ByteBuffer ethernet(int payload, int etherType) {
        ByteBuffer buffer = ByteBuffer.allocate(14 + payload);
        buffer.put(new byte[] {2, 0, 0, 0, 0, 2}).put(new byte[] {2, 0, 0, 0, 0, 1}).putShort((short) etherType);
        return buffer;
    }
}
