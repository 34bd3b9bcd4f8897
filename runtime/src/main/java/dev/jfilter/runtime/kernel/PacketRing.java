package dev.jfilter.runtime.kernel;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.Optional;

/**
 * The receive ring of a packet socket in {@code TPACKET_V3} mode, mapped into this process: the kernel fills blocks
 * of packets and hands each over by setting its status to {@code TP_STATUS_USER}; the reader walks the block's
 * packets and gives it back with {@code TP_STATUS_KERNEL}. No system call per packet, and a block is handed over when
 * full or when its timeout retires it, so an idle link still delivers within that time. Sized as libpcap sizes it:
 * blocks of 256 KiB (room for one packet of the largest snapshot length), as many as the buffer size holds.
 *
 * @see <a href="https://docs.kernel.org/networking/packet_mmap.html">Packet MMAP</a>
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/if_packet.h">linux/if_packet.h</a>
 */
final class PacketRing implements AutoCloseable {
    static final int SOL_PACKET = 263;
    static final int PACKET_RX_RING = 5;
    static final int PACKET_VERSION = 10;
    static final int PACKET_RESERVE = 12;
    static final int TPACKET_V3 = 2;
    static final int TP_STATUS_KERNEL = 0;
    static final int TP_STATUS_USER = 1;
    /** Block size: the smallest power-of-two number of pages that holds a 262144-byte packet. */
    static final int BLOCK_BYTES = 1 << 18;

    // struct tpacket_block_desc: version, offset_to_priv, then struct tpacket_hdr_v1.
    private static final int BLOCK_STATUS = 8;
    private static final int BLOCK_PACKETS = 12;
    private static final int BLOCK_FIRST = 16;
    // struct tpacket3_hdr
    static final int NEXT_OFFSET = 0;
    static final int SEC = 4;
    static final int NSEC = 8;
    static final int SNAPLEN = 12;
    static final int LEN = 16;
    static final int STATUS = 20;
    static final int MAC = 24;
    static final int VLAN_TCI = 32;
    static final int VLAN_TPID = 36;
    /** The {@code struct sockaddr_ll} after the header, at {@code TPACKET_ALIGN(sizeof(struct tpacket3_hdr))}. */
    static final int ADDRESS = 48;
    static final int ADDRESS_IFINDEX = ADDRESS + 4;
    static final int ADDRESS_PKTTYPE = ADDRESS + 10;

    private static final VarHandle INT = JAVA_INT.varHandle();

    private final MemorySegment memory;
    private final int blocks;
    /** The block being read, or about to be. */
    private int block;
    /** Whether {@link #block} is ours (status user) and partly read. */
    private boolean holding;
    private int remaining;
    private long next;

    private PacketRing(MemorySegment memory, int blocks) {
        this.memory = memory;
        this.blocks = blocks;
    }

    /**
     * Sets {@code fd} to {@code TPACKET_V3} with {@code reserve} free bytes before each packet (room to put back a
     * VLAN tag in place), asks for a ring of about {@code bufferBytes} whose blocks retire after
     * {@code blockTimeoutMillis}, and maps it.
     */
    static KernelResult<PacketRing> create(int fd, int bufferBytes, int blockTimeoutMillis, int reserve) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(JAVA_INT);
            value.set(JAVA_INT, 0, TPACKET_V3);
            Optional<KernelError> failure = SocketFilters.failure("setsockopt(PACKET_VERSION, TPACKET_V3)",
                    Libc.setsockopt(fd, SOL_PACKET, PACKET_VERSION, value, 4));
            if (failure.isEmpty()) {
                value.set(JAVA_INT, 0, reserve);
                failure = SocketFilters.failure("setsockopt(PACKET_RESERVE)",
                        Libc.setsockopt(fd, SOL_PACKET, PACKET_RESERVE, value, 4));
            }
            int blocks = Math.max(2, (bufferBytes + BLOCK_BYTES - 1) / BLOCK_BYTES);
            if (failure.isEmpty()) {
                // struct tpacket_req3: block size and count, frame size and count, retire timeout, private bytes,
                // feature request word. V3 frames are variable: a frame per block, as libpcap asks.
                MemorySegment request = arena.allocate(28, 4);
                request.set(JAVA_INT, 0, BLOCK_BYTES);
                request.set(JAVA_INT, 4, blocks);
                request.set(JAVA_INT, 8, BLOCK_BYTES);
                request.set(JAVA_INT, 12, blocks);
                request.set(JAVA_INT, 16, blockTimeoutMillis);
                failure = SocketFilters.failure("setsockopt(PACKET_RX_RING)",
                        Libc.setsockopt(fd, SOL_PACKET, PACKET_RX_RING, request, 28));
            }
            if (failure.isPresent()) {
                return new KernelResult.Failed<>(failure.get());
            }
            PacketCalls.Mapped mapped = PacketCalls.mmapShared(fd, (long) blocks * BLOCK_BYTES);
            if (mapped.failed()) {
                return new KernelResult.Failed<>(KernelError.of("mmap(PACKET_RX_RING)", Libc.describe(mapped.errno())));
            }
            return new KernelResult.Ok<>(new PacketRing(mapped.memory(), blocks));
        }
    }

    /** The mapped ring; packet offsets from {@link #nextPacket()} are offsets in it. */
    MemorySegment memory() {
        return memory;
    }

    /**
     * The offset of the next packet's {@code struct tpacket3_hdr}, or -1 when the kernel has handed over no block
     * with packets left: then wait for the socket to be readable. A block is given back once all its packets have
     * been returned, on the call after the last one.
     */
    long nextPacket() {
        while (true) {
            if (holding && remaining > 0) {
                long packet = next;
                remaining--;
                next = packet + Integer.toUnsignedLong(memory.get(JAVA_INT, packet + NEXT_OFFSET));
                return packet;
            }
            if (holding) {
                INT.setRelease(memory, blockBase() + BLOCK_STATUS, TP_STATUS_KERNEL);
                holding = false;
                block = (block + 1) % blocks;
            }
            long base = blockBase();
            if (((int) INT.getAcquire(memory, base + BLOCK_STATUS) & TP_STATUS_USER) == 0) {
                return -1;
            }
            holding = true;
            remaining = memory.get(JAVA_INT, base + BLOCK_PACKETS);
            next = base + Integer.toUnsignedLong(memory.get(JAVA_INT, base + BLOCK_FIRST));
        }
    }

    private long blockBase() {
        return (long) block * BLOCK_BYTES;
    }

    /** Unmaps the ring (the socket's close frees it in the kernel). */
    @Override
    public void close() {
        PacketCalls.munmap(memory);
    }
}
