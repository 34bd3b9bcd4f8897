package dev.jfilter.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Writes a large synthetic Ethernet capture (little-endian pcap, microseconds) for the end-to-end benchmark of
 * {@code bench/filter-bench.sh}: IPv4 (five sixths) and IPv6 frames carrying TCP, UDP or ICMP, between a pool of
 * 10.1.2.0/24 (or 2001:db8:1::/64) hosts and random 192.168.0.0/22 (2001:db8:2::/64) peers, source ports drawn from
 * 443, 80, 53, 22 and the ephemeral range, frame sizes uniform in a range. The same arguments give the same file.
 *
 * <pre>{@code java -cp ... dev.jfilter.bench.LargeCapture OUT BYTES MIN_FRAME MAX_FRAME SEED}</pre>
 *
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcap/">pcap</a>
 */
public final class LargeCapture {
    private static final int ETHER_HEADER = 14;
    private static final int MIN_FRAME = 60;
    private static final int MAX_FRAME = 1514;
    private static final long FIRST_SECOND = 1_700_000_000L;
    private static final int[] SOURCE_PORTS = {443, 80, 53, 22};

    private final SplittableRandom random;
    private final int minFrame;
    private final int maxFrame;
    private final byte[] frame = new byte[MAX_FRAME];
    private long packets;

    private LargeCapture(long seed, int minFrame, int maxFrame) {
        this.random = new SplittableRandom(seed);
        this.minFrame = minFrame;
        this.maxFrame = maxFrame;
    }

    /** Writes the capture and prints its packet count. */
    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: LargeCapture OUT BYTES MIN_FRAME MAX_FRAME SEED");
            System.exit(2);
        }
        long bytes = Long.parseLong(args[1]);
        int min = Integer.parseInt(args[2]);
        int max = Integer.parseInt(args[3]);
        if (min < MIN_FRAME || max > MAX_FRAME || min > max) {
            throw new IllegalArgumentException("frame sizes must lie in " + MIN_FRAME + ".." + MAX_FRAME);
        }
        long packets = new LargeCapture(Long.parseLong(args[4]), min, max).write(Path.of(args[0]), bytes);
        System.out.println(packets);
    }

    private long write(Path path, long target) throws IOException {
        ByteBuffer out = ByteBuffer.allocateDirect(1 << 22).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144)
                    .putInt(1);
            long written = 24;
            while (written < target) {
                int length = random.nextInt(minFrame, maxFrame + 1);
                fill(length);
                if (out.remaining() < 16 + length) {
                    drain(channel, out);
                }
                out.putInt((int) (FIRST_SECOND + packets / 10_000)).putInt((int) (packets % 10_000 * 100))
                        .putInt(length).putInt(length).put(frame, 0, length);
                written += 16 + length;
                packets++;
            }
            drain(channel, out);
        }
        return packets;
    }

    private static void drain(FileChannel channel, ByteBuffer out) throws IOException {
        out.flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        out.clear();
    }

    /** Fills the first {@code length} bytes of {@link #frame} with the next frame. */
    private void fill(int length) {
        ByteBuffer f = ByteBuffer.wrap(frame).order(ByteOrder.BIG_ENDIAN);
        f.put(new byte[] {0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88, (byte) 0x99, (byte) 0xaa,
            (byte) 0xbb});
        boolean ip6 = random.nextInt(6) == 0 && length >= ETHER_HEADER + 40 + 20;
        int protocol = switch (random.nextInt(6)) {
            case 0, 1, 2 -> 6;
            case 3, 4 -> 17;
            default -> ip6 ? 58 : 1;
        };
        int payload = length - ETHER_HEADER;
        if (ip6) {
            f.putShort((short) 0x86dd);
            f.putInt(0x60000000).putShort((short) (payload - 40)).put((byte) protocol).put((byte) 64);
            f.putLong(0x20010db800010000L).putLong(1 + random.nextInt(20));
            f.putLong(0x20010db800020000L).putLong(1 + random.nextInt(1000));
        } else {
            f.putShort((short) 0x0800);
            f.put((byte) 0x45).put((byte) 0).putShort((short) payload).putShort((short) packets)
                    .putShort((short) 0x4000).put((byte) 64).put((byte) protocol).putShort((short) 0);
            f.put((byte) 10).put((byte) 1).put((byte) 2).put((byte) (1 + random.nextInt(20)));
            f.put((byte) 192).put((byte) 168).put((byte) random.nextInt(4)).put((byte) (1 + random.nextInt(254)));
        }
        int sourcePort = random.nextInt(5) < 4 ? SOURCE_PORTS[random.nextInt(SOURCE_PORTS.length)]
                : random.nextInt(1024, 65536);
        int destinationPort = random.nextInt(1024, 65536);
        switch (protocol) {
            case 6 -> f.putShort((short) sourcePort).putShort((short) destinationPort).putInt((int) packets)
                    .putInt(0).putShort((short) 0x5018).putShort((short) 1024).putInt(0);
            case 17 -> f.putShort((short) sourcePort).putShort((short) destinationPort)
                    .putShort((short) (payload - (ip6 ? 40 : 20))).putShort((short) 0);
            default -> f.put((byte) (ip6 ? 128 : 8)).put((byte) 0).putShort((short) 0).putShort((short) 1)
                    .putShort((short) packets);
        }
        Arrays.fill(frame, f.position(), length, (byte) 0);
    }
}
