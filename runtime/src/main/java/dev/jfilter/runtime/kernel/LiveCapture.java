package dev.jfilter.runtime.kernel;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.Instruction;
import dev.jfilter.cfg.AncillarySource;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.runtime.jit.CbpfJit;
import dev.jfilter.runtime.jit.PacketFilter;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * A live capture on one network interface with jfilter's program running in the kernel: an {@code AF_PACKET}
 * socket ({@code SOCK_RAW}, so packets keep their link-layer header) with the filter attached
 * ({@code SO_ATTACH_FILTER}, or {@code SO_ATTACH_BPF} for an eBPF socket filter) and a {@code TPACKET_V3} receive
 * ring ({@link PacketRing}). Packets the filter rejects never leave the kernel.
 *
 * <p>The socket is opened with protocol 0, so it receives nothing until it is bound to the interface, after the
 * filter, the ring and promiscuous mode are in place: no packet reaches it unfiltered, and the counts start at the
 * bind. An interface taken down pauses the capture until it is up again; one deleted ends it. {@code any} is
 * captured in cooked mode ({@code SOCK_DGRAM}, see {@link CookedPrograms}), each packet behind the {@code LINUX_SLL2}
 * header built here from the kernel's {@code sockaddr_ll}. As libpcap does for live handles, an outer VLAN tag the kernel took out of the packet (to its metadata, where
 * a program compiled with Linux extensions reads it) is put back after the MAC addresses, and on a loopback
 * interface the outgoing copy of each packet is skipped, since the incoming copy comes too.
 *
 * <p>{@link #loop} runs on one thread; {@link #stop()} may be called from any thread, or a signal handler, and ends
 * the loop at once (the next loop runs again, as after {@code pcap_breakloop}). Close the capture after the loop has
 * returned.
 *
 * @see <a href="https://man7.org/linux/man-pages/man7/packet.7.html">packet(7)</a>
 * @see <a href="https://docs.kernel.org/networking/packet_mmap.html">Packet MMAP</a>
 * @see <a href="https://www.kernel.org/doc/html/latest/networking/filter.html">Linux Socket Filtering</a>
 */
public final class LiveCapture implements AutoCloseable {
    private static final int AF_PACKET = 17;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_RAW = 3;
    private static final int ETH_P_ALL = 0x0003;
    private static final int ETH_P_8021Q = 0x8100;
    private static final int PACKET_ADD_MEMBERSHIP = 1;
    private static final int PACKET_STATISTICS = 6;
    private static final int PACKET_IGNORE_OUTGOING = 23;
    private static final int PACKET_MR_PROMISC = 1;
    private static final int SO_ERROR = 4;
    private static final int ENETDOWN = 100;
    private static final int ENODEV = 19;
    private static final int ENXIO = 6;
    private static final long SIOCGIFFLAGS = 0x8913;
    private static final int TP_STATUS_VLAN_VALID = 0x10;
    private static final int TP_STATUS_VLAN_TPID_VALID = 0x40;
    private static final int VLAN_TAG_LEN = 4;
    /** Where a VLAN tag goes back into an Ethernet frame: after the two MAC addresses. */
    private static final int ETHERNET_VLAN_OFFSET = 12;
    private static final ValueLayout.OfShort SHORT_BE = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt INT_BE = JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN);

    private final NetworkDevice device;
    private final LinkType linkType;
    private final LiveCaptureOptions options;
    private final int socket;
    private final PacketRing ring;
    private final int wake;
    private final Optional<BpfProgram> extended;
    /** For a classic program a cooked socket cannot run: the program, run here on each packet with its header. */
    private final Optional<PacketFilter> userland;
    /** The loopback interface's index, whose outgoing copies are skipped; -1 when none is captured. */
    private final int loopbackIndex;
    private volatile boolean stopRequested;
    private long received;
    private long dropped;
    private boolean closed;

    private LiveCapture(NetworkDevice device, LinkType linkType, LiveCaptureOptions options, int socket,
            PacketRing ring, int wake, Attached attached, int loopbackIndex) {
        this.device = device;
        this.linkType = linkType;
        this.options = options;
        this.socket = socket;
        this.ring = ring;
        this.wake = wake;
        this.extended = attached.extended();
        this.userland = attached.userland();
        this.loopbackIndex = loopbackIndex;
    }

    /** What {@link #attach} put on the socket: the eBPF program it loaded, or the classic one left to user space. */
    private record Attached(Optional<BpfProgram> extended, Optional<PacketFilter> userland) {}

    /**
     * Opens a capture on {@code options.device()} in the calling thread's network namespace (the socket stays in
     * it), or says why it cannot: no such interface, a link type jfilter does not capture on, missing privilege
     * ({@code CAP_NET_RAW}, and {@code CAP_BPF} for an eBPF filter), or the kernel's refusal of the program with its
     * reason.
     */
    public static KernelResult<LiveCapture> open(LiveCaptureOptions options) {
        Optional<String> unavailable = PacketCalls.unavailableReason();
        if (unavailable.isPresent()) {
            return failed(KernelError.without("socket(AF_PACKET)", unavailable.get()));
        }
        NetworkDevice device;
        switch (NetworkDevices.find(options.device())) {
            case KernelResult.Failed<NetworkDevice> failed -> {
                return failed(failed.error());
            }
            case KernelResult.Ok<NetworkDevice> ok -> device = ok.value();
        }
        Optional<LinkType> linkType = device.linkType();
        if (linkType.isEmpty()) {
            return failed(KernelError.without("capture on " + device.name(), "its hardware type (ARPHRD "
                    + device.hardwareType() + ") is not one jfilter captures on yet: Ethernet, loopback and"
                    + " header-less (ARPHRD_NONE) interfaces are, and 'any'"));
        }
        // 'any' is captured in cooked mode: packets from the network header on, the SLL2 header made here.
        boolean cooked = device.isAny();
        Libc.Outcome socket = Libc.socket(AF_PACKET, cooked ? SOCK_DGRAM : SOCK_RAW, 0);
        if (socket.failed()) {
            return failed(KernelError.of(cooked ? "socket(AF_PACKET, SOCK_DGRAM)" : "socket(AF_PACKET, SOCK_RAW)",
                    Libc.describe(socket.errno())));
        }
        int fd = socket.value();
        PacketRing ring = null;
        Attached attached = new Attached(Optional.empty(), Optional.empty());
        int wake = -1;
        try {
            // Room for a VLAN tag, and in cooked mode for the SLL2 header (the kernel leaves 16 bytes before it).
            int reserve = VLAN_TAG_LEN + (cooked ? CookedPrograms.SLL2_HEADER_BYTES - 16 : 0);
            ring = switch (PacketRing.create(fd, options.bufferBytes(), (int) options.blockTimeout().toMillis(),
                    reserve)) {
                case KernelResult.Failed<PacketRing> failed -> throw new SetupFailure(failed.error());
                case KernelResult.Ok<PacketRing> ok -> ok.value();
            };
            attached = attach(fd, options.filter(), cooked, options.snaplen());
            if (options.direction() == Direction.IN) {
                // Linux 4.20+: outgoing packets are not even queued. Older kernels say ENOPROTOOPT and the loop
                // skips them instead.
                setInt(fd, PacketRing.SOL_PACKET, PACKET_IGNORE_OUTGOING, 1);
            }
            // As libpcap: 'any' has no promiscuous mode (no one interface to put in it).
            if (options.promiscuous() && !cooked) {
                promiscuous(fd, device.index());
            }
            bind(fd, device.index());
            Libc.Outcome eventFd = PacketCalls.eventfd(PacketCalls.EFD_CLOEXEC | PacketCalls.EFD_NONBLOCK);
            if (eventFd.failed()) {
                throw new SetupFailure(KernelError.of("eventfd", Libc.describe(eventFd.errno())));
            }
            wake = eventFd.value();
            int loopbackIndex = cooked ? PacketCalls.ifNameToIndex("lo").value()
                    : device.loopback() ? device.index() : -1;
            return new KernelResult.Ok<>(new LiveCapture(device, linkType.get(), options, fd, ring, wake, attached,
                    loopbackIndex));
        } catch (SetupFailure e) {
            attached.extended().ifPresent(BpfProgram::close);
            if (ring != null) {
                ring.close();
            }
            Libc.close(fd);
            return failed(e.error);
        }
    }

    private static <T> KernelResult<T> failed(KernelError error) {
        return new KernelResult.Failed<>(error);
    }

    /** A step of {@link #open} failed; carries the error out of the nested calls to the clean-up. */
    private static final class SetupFailure extends Exception {
        private final transient KernelError error;

        SetupFailure(KernelError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }

    /**
     * Attaches the filter. A classic program for a cooked socket is rewritten for it ({@link CookedPrograms}); one
     * that cannot be is run in user space behind a kernel program that keeps every packet, as libpcap does. An eBPF
     * program must already be made for the socket it goes on.
     */
    private static Attached attach(int fd, KernelFilter filter, boolean cooked, int snaplen) throws SetupFailure {
        return switch (filter) {
            case KernelFilter.Classic(CbpfProgram program) -> {
                Optional<CbpfProgram> inKernel = cooked ? CookedPrograms.forCookedSocket(program)
                        : Optional.of(program);
                CbpfProgram attached = inKernel.orElse(CbpfProgram.of(List.of(new Instruction.ReturnConstant(snaplen))));
                Optional<KernelError> refused = SocketFilters.attach(fd, attached);
                if (refused.isPresent()) {
                    throw new SetupFailure(refused.get());
                }
                yield new Attached(Optional.empty(), inKernel.isPresent() ? Optional.empty()
                        : Optional.of(CbpfJit.filterOrInterpreter(program)));
            }
            case KernelFilter.Extended extended -> {
                BpfProgram loaded = switch (BpfProgram.load(BpfProgramType.SOCKET_FILTER, extended.name(),
                        extended.program())) {
                    case BpfLoadResult.Rejected rejected -> {
                        KernelError error = rejected.error();
                        String reason = rejected.verifierLog().isBlank() ? error.reason()
                                : error.reason() + ": " + rejected.reason();
                        throw new SetupFailure(new KernelError(error.operation(), error.errno(), reason));
                    }
                    case BpfLoadResult.Loaded ok -> ok.program();
                };
                Optional<KernelError> refused = SocketFilters.attachBpf(fd, loaded.fd());
                if (refused.isPresent()) {
                    loaded.close();
                    throw new SetupFailure(refused.get());
                }
                yield new Attached(Optional.of(loaded), Optional.empty());
            }
        };
    }

    private static void setInt(int fd, int level, int name, int value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(JAVA_INT);
            v.set(JAVA_INT, 0, value);
            Libc.setsockopt(fd, level, name, v, 4);
        }
    }

    private static void promiscuous(int fd, int ifindex) throws SetupFailure {
        try (Arena arena = Arena.ofConfined()) {
            // struct packet_mreq { int mr_ifindex; unsigned short mr_type, mr_alen; unsigned char mr_address[8]; }
            MemorySegment request = arena.allocate(16, 4);
            request.set(JAVA_INT, 0, ifindex);
            request.set(JAVA_SHORT, 4, (short) PACKET_MR_PROMISC);
            Optional<KernelError> failure = SocketFilters.failure("setsockopt(PACKET_ADD_MEMBERSHIP, PROMISC)",
                    Libc.setsockopt(fd, PacketRing.SOL_PACKET, PACKET_ADD_MEMBERSHIP, request, 16));
            if (failure.isPresent()) {
                throw new SetupFailure(failure.get());
            }
        }
    }

    private static void bind(int fd, int ifindex) throws SetupFailure {
        try (Arena arena = Arena.ofConfined()) {
            // struct sockaddr_ll: family, protocol (network order), ifindex, then fields bind ignores.
            MemorySegment address = arena.allocate(20, 4);
            address.set(JAVA_SHORT, 0, (short) AF_PACKET);
            address.set(SHORT_BE, 2, (short) ETH_P_ALL);
            address.set(JAVA_INT, 4, ifindex);
            Optional<KernelError> failure = SocketFilters.failure("bind(AF_PACKET)", PacketCalls.bind(fd, address));
            if (failure.isPresent()) {
                throw new SetupFailure(failure.get());
            }
        }
    }

    /** The interface captured on. */
    public NetworkDevice device() {
        return device;
    }

    /** The link-layer type of the packets. */
    public LinkType linkType() {
        return linkType;
    }

    /** The options the capture was opened with. */
    public LiveCaptureOptions options() {
        return options;
    }

    /**
     * Hands packets to {@code handler} until {@code limit} of them have been handed over (0: no limit), {@link #stop()}
     * is called, or the kernel reports a problem; waits for packets in {@code poll}. An exception from the handler
     * ends the loop and propagates; the capture stays usable.
     */
    public LoopEnd loop(long limit, LivePacketHandler handler) throws IOException {
        MemorySegment memory = ring.memory();
        long packets = 0;
        while (true) {
            if (stopRequested) {
                // As pcap_breakloop: the stop ends this loop only; the next one runs until its own stop.
                stopRequested = false;
                PacketCalls.drain(wake);
                return new LoopEnd.Stopped(packets);
            }
            if (limit > 0 && packets >= limit) {
                return new LoopEnd.Counted(packets);
            }
            long header = ring.nextPacket();
            if (header < 0) {
                Optional<KernelError> problem = await();
                if (problem.isPresent()) {
                    return new LoopEnd.Failed(packets, problem.get());
                }
                continue;
            }
            int packetType = Byte.toUnsignedInt(memory.get(JAVA_BYTE, header + PacketRing.ADDRESS_PKTTYPE));
            int ifindex = memory.get(JAVA_INT, header + PacketRing.ADDRESS_IFINDEX);
            if (!wanted(packetType, ifindex)) {
                continue;
            }
            LivePacket packet = packet(memory, header, packetType, ifindex);
            if (userland.isPresent()) {
                int keep = userland.get().run(memory, packet.data().address() - memory.address(),
                        packet.capturedLength(), packet.wireLength(), AncillarySource.NONE);
                if (keep == 0) {
                    continue;
                }
                if (Integer.compareUnsigned(keep, packet.capturedLength()) < 0) {
                    packet = new LivePacket(packet.timestampNanos(), packet.data().asSlice(0, keep),
                            packet.wireLength(), packetType, ifindex);
                }
            }
            handler.handle(packet);
            packets++;
        }
    }

    /** libpcap's {@code linux_check_direction}, with the loopback rule. */
    private boolean wanted(int packetType, int ifindex) {
        if (packetType == LivePacket.OUTGOING) {
            return ifindex != loopbackIndex && options.direction() != Direction.IN;
        }
        return options.direction() != Direction.OUT;
    }

    private LivePacket packet(MemorySegment memory, long header, int packetType, int ifindex) {
        long seconds = Integer.toUnsignedLong(memory.get(JAVA_INT, header + PacketRing.SEC));
        long nanos = Integer.toUnsignedLong(memory.get(JAVA_INT, header + PacketRing.NSEC));
        int captured = memory.get(JAVA_INT, header + PacketRing.SNAPLEN);
        int length = memory.get(JAVA_INT, header + PacketRing.LEN);
        long data = header + Short.toUnsignedInt(memory.get(JAVA_SHORT, header + PacketRing.MAC));
        int status = memory.get(JAVA_INT, header + PacketRing.STATUS);
        int tci = memory.get(JAVA_INT, header + PacketRing.VLAN_TCI);
        if ((tci != 0 || (status & TP_STATUS_VLAN_VALID) != 0) && linkType == LinkType.EN10MB
                && captured >= ETHERNET_VLAN_OFFSET) {
            int tpid = Short.toUnsignedInt(memory.get(JAVA_SHORT, header + PacketRing.VLAN_TPID));
            if (tpid == 0 && (status & TP_STATUS_VLAN_TPID_VALID) == 0) {
                tpid = ETH_P_8021Q;
            }
            // The ring reserves 4 bytes before every packet: move the addresses into them and put the tag after.
            MemorySegment.copy(memory, data, memory, data - VLAN_TAG_LEN, ETHERNET_VLAN_OFFSET);
            data -= VLAN_TAG_LEN;
            memory.set(SHORT_BE, data + ETHERNET_VLAN_OFFSET, (short) tpid);
            memory.set(SHORT_BE, data + ETHERNET_VLAN_OFFSET + 2, (short) tci);
            captured = Math.min(captured + VLAN_TAG_LEN, options.snaplen());
            length += VLAN_TAG_LEN;
        }
        if (device.isAny()) {
            // struct sll2_header: protocol (as the kernel has it, network order), reserved, interface index,
            // hardware type, packet type, address length, address (8 bytes).
            data -= CookedPrograms.SLL2_HEADER_BYTES;
            MemorySegment.copy(memory, header + PacketRing.ADDRESS + 2, memory, data, 2);
            memory.set(JAVA_SHORT, data + 2, (short) 0);
            memory.set(INT_BE, data + 4, ifindex);
            memory.set(SHORT_BE, data + 8, memory.get(JAVA_SHORT, header + PacketRing.ADDRESS + 8));
            memory.set(JAVA_BYTE, data + 10, (byte) packetType);
            MemorySegment.copy(memory, header + PacketRing.ADDRESS + 11, memory, data + 11, 9);
            captured = Math.min(captured + CookedPrograms.SLL2_HEADER_BYTES, options.snaplen());
            length += CookedPrograms.SLL2_HEADER_BYTES;
        }
        return new LivePacket(seconds * 1_000_000_000L + nanos, memory.asSlice(data, captured), length, packetType,
                ifindex);
    }

    /** Waits until the ring has a block for us, {@link #stop()} is called, or the socket reports an error. */
    private Optional<KernelError> await() {
        try (Arena arena = Arena.ofConfined()) {
            // struct pollfd { int fd; short events; short revents; } for the socket and the wake-up eventfd.
            MemorySegment fds = arena.allocate(16, 4);
            fds.set(JAVA_INT, 0, socket);
            fds.set(JAVA_SHORT, 4, PacketCalls.POLLIN);
            fds.set(JAVA_INT, 8, wake);
            fds.set(JAVA_SHORT, 12, PacketCalls.POLLIN);
            Libc.Outcome outcome = PacketCalls.poll(fds, 2, -1);
            if (outcome.failed()) {
                return outcome.errno() == PacketCalls.EINTR ? Optional.empty()
                        : Optional.of(KernelError.of("poll", Libc.describe(outcome.errno())));
            }
            short events = fds.get(JAVA_SHORT, 6);
            if ((events & (PacketCalls.POLLERR | PacketCalls.POLLHUP | PacketCalls.POLLNVAL)) != 0) {
                return socketError();
            }
            return Optional.empty();
        }
    }

    /**
     * The error pending on the socket ({@code SO_ERROR}, which reading clears), if it ends the capture. The kernel
     * says {@code ENETDOWN} when the interface goes down and again when it is deleted; as libpcap does, a capture
     * outlives the first (the kernel hooks the socket up again when the interface comes back) and ends with the
     * second: the interface's flags, asked through the socket itself (its namespace), tell which.
     */
    private Optional<KernelError> socketError() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(JAVA_INT);
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, 4);
            Libc.Outcome outcome = Libc.getsockopt(socket, Libc.SOL_SOCKET, SO_ERROR, value, length);
            if (outcome.failed()) {
                return Optional.of(KernelError.of("getsockopt(SO_ERROR)", Libc.describe(outcome.errno())));
            }
            int errno = value.get(JAVA_INT, 0);
            if (errno == 0) {
                return Optional.of(KernelError.without("poll", "the socket reported an error without a cause"));
            }
            String operation = "capture on " + device.name();
            if (errno != ENETDOWN) {
                return Optional.of(KernelError.of(operation, Libc.describe(errno)));
            }
            Libc.Outcome flags = PacketCalls.ioctl(socket, SIOCGIFFLAGS, NetworkDevices.request(arena, device.name()));
            if (flags.failed() && (flags.errno() == ENODEV || flags.errno() == ENXIO)) {
                return Optional.of(new KernelError(operation, Optional.of(Libc.describe(ENETDOWN)),
                        "the interface disappeared"));
            }
            return Optional.empty();
        }
    }

    /**
     * Ends the running {@link #loop} as soon as possible, or the next one at its start; safe from any thread or a
     * signal handler.
     */
    public void stop() {
        stopRequested = true;
        PacketCalls.signal(wake);
    }

    /** The kernel's counts since the capture was opened. */
    public KernelResult<CaptureStatistics> statistics() {
        try (Arena arena = Arena.ofConfined()) {
            // struct tpacket_stats_v3 { unsigned int tp_packets, tp_drops, tp_freeze_q_cnt; }; tp_packets
            // includes tp_drops. Reading resets them.
            MemorySegment stats = arena.allocate(12, 4);
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, 12);
            Libc.Outcome outcome = Libc.getsockopt(socket, PacketRing.SOL_PACKET, PACKET_STATISTICS, stats, length);
            if (outcome.failed()) {
                return failed(KernelError.of("getsockopt(PACKET_STATISTICS)", Libc.describe(outcome.errno())));
            }
            received += Integer.toUnsignedLong(stats.get(JAVA_INT, 0));
            dropped += Integer.toUnsignedLong(stats.get(JAVA_INT, 4));
            return new KernelResult.Ok<>(new CaptureStatistics(received, dropped));
        }
    }

    /** The classic program the kernel holds for the socket ({@code SO_GET_FILTER}); fails for an eBPF filter. */
    public KernelResult<Optional<CbpfProgram>> attachedClassicProgram() {
        return SocketFilters.attached(socket);
    }

    /** The kernel's description of the eBPF socket filter (its id, tag, name), or empty for a classic filter. */
    public Optional<KernelResult<BpfProgramInfo>> extendedProgramInfo() {
        return extended.map(BpfProgram::info);
    }

    /** Closes the socket (which leaves promiscuous mode and drops the filter) and unmaps the ring. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ring.close();
        Libc.close(socket);
        Libc.close(wake);
        extended.ifPresent(BpfProgram::close);
    }
}
