package dev.jfilter.runtime.kernel.netns;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Two network namespaces made for a test, joined by a veth pair: the sender's end {@code jfs<id>} (192.168.251.1/30,
 * fd6a:6669:6c74::1/64) in namespace {@code jfilter-s-<id>}, the receiver's end {@code jfr<id>} (192.168.251.2/30,
 * fd6a:6669:6c74::2/64) in {@code jfilter-r-<id>}, with a random id so that tests running at once do not meet.
 * Nothing is created in the root namespace: traffic stays on this veth. Both ends have fixed MAC addresses and
 * permanent neighbour entries for each other (no ARP, no neighbour discovery, no duplicate address detection), so a
 * program that drops ARP or ICMPv6 does not stop the traffic it is tested on. Programs are attached to the
 * receiver's end; {@link #close()} deletes both namespaces, which deletes the veth and whatever was attached to it.
 *
 * <p>A {@linkplain #createQuiet() quiet} pair carries nothing but the frames a test sends with {@link RawSender}
 * ({@link #sendFromSender}, {@link #sendFromReceiver}): its ends have no IP addresses and IPv6 off, so neither
 * stack answers a frame or speaks on its own (an addressed pair's ends send neighbour solicitations, MLD reports
 * and router solicitations for their link-local addresses, and answer pings, SYNs and ARP). Capture tests use it
 * to know every frame on the link; the addresses above are then only what the crafted frames carry.
 *
 * @see <a href="https://man7.org/linux/man-pages/man8/ip-netns.8.html">ip-netns(8)</a>
 * @see <a href="https://man7.org/linux/man-pages/man4/veth.4.html">veth(4)</a>
 */
public final class NetnsPair implements AutoCloseable {
    public static final String SENDER_ADDRESS = "192.168.251.1";
    public static final String RECEIVER_ADDRESS = "192.168.251.2";
    public static final String SENDER_ADDRESS6 = "fd6a:6669:6c74::1";
    public static final String RECEIVER_ADDRESS6 = "fd6a:6669:6c74::2";
    /** Locally administered; every pair has its own link, so pairs may share them. */
    public static final String SENDER_MAC = "02:6a:66:00:00:01";
    public static final String RECEIVER_MAC = "02:6a:66:00:00:02";
    private static final String PREFIX = "/30";
    private static final String PREFIX6 = "/64";
    private static final Duration OPERATIONAL_TIMEOUT = Duration.ofSeconds(10);

    private final String id;
    private final String ip;
    private final String tc;
    private final boolean addressed;
    private final List<String> namespaces = new ArrayList<>();

    private NetnsPair(String id, String ip, String tc, boolean addressed) {
        this.id = id;
        this.ip = ip;
        this.tc = tc;
        this.addressed = addressed;
    }

    /**
     * Why the fixture cannot run here, or empty: it needs root and the {@code ip} and {@code tc} tools (iproute2)
     * and {@code bash} (whose {@code /dev/udp} sends the traffic).
     */
    public static Optional<String> unavailableReason() {
        if (!Command.isRoot()) {
            return Optional.of("network namespaces need root");
        }
        return Stream.of("ip", "tc", "bash").filter(t -> Command.find(t).isEmpty()).findFirst()
                .map(t -> t + " is not installed");
    }

    /** Creates the namespaces and the veth, addressed and up; the failing command's output otherwise. */
    public static NetnsPair create() {
        return create(true);
    }

    /**
     * Creates the namespaces and the veth, up, without IP addresses and with IPv6 off on both ends: nothing but
     * what the test sends crosses the link ({@link UdpTraffic} cannot be used on it).
     */
    public static NetnsPair createQuiet() {
        return create(false);
    }

    private static NetnsPair create(boolean addressed) {
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 7);
        NetnsPair pair = new NetnsPair(id, Command.find("ip").orElseThrow(), Command.find("tc").orElseThrow(),
                addressed);
        try {
            pair.setUp();
            return pair;
        } catch (RuntimeException e) {
            pair.close();
            throw e;
        }
    }

    private void setUp() {
        for (String ns : List.of(senderNamespace(), receiverNamespace())) {
            Command.run(ip, "netns", "add", ns).orThrow();
            namespaces.add(ns);
            Command.run(ip, "-n", ns, "link", "set", "dev", "lo", "up").orThrow();
        }
        Command.run(ip, "link", "add", senderDevice(), "address", SENDER_MAC, "netns", senderNamespace(),
                "type", "veth", "peer", "name", receiverDevice(), "address", RECEIVER_MAC, "netns",
                receiverNamespace()).orThrow();
        if (addressed) {
            configureEnd(senderNamespace(), senderDevice(), SENDER_ADDRESS, SENDER_ADDRESS6, RECEIVER_ADDRESS,
                    RECEIVER_ADDRESS6, RECEIVER_MAC);
            configureEnd(receiverNamespace(), receiverDevice(), RECEIVER_ADDRESS, RECEIVER_ADDRESS6, SENDER_ADDRESS,
                    SENDER_ADDRESS6, SENDER_MAC);
        } else {
            quietEnd(senderNamespace(), senderDevice());
            quietEnd(receiverNamespace(), receiverDevice());
        }
        awaitOperational(senderNamespace(), senderDevice());
        awaitOperational(receiverNamespace(), receiverDevice());
    }

    /**
     * Waits until the kernel's link watch has seen the end's carrier ({@code state UP}): until then its transmit
     * queue has the no-op qdisc, which drops what is sent, silently for a packet socket. The link watch runs in a
     * work queue and needs the rtnl lock, which a namespace being deleted holds for a while.
     */
    private void awaitOperational(String ns, String dev) {
        long deadline = System.nanoTime() + OPERATIONAL_TIMEOUT.toNanos();
        while (true) {
            String link = Command.run(ip, "-n", ns, "link", "show", "dev", dev).orThrow().output();
            if (link.contains(" state UP ")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(dev + " in " + ns + " not up after " + OPERATIONAL_TIMEOUT + ": "
                        + link);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + dev, e);
            }
        }
    }

    /** Turns IPv6 off on one end before bringing it up, so that it never gets a link-local address. */
    private void quietEnd(String ns, String dev) {
        exec(ns, "sh", "-c", "echo 1 > /proc/sys/net/ipv6/conf/" + dev + "/disable_ipv6").orThrow();
        Command.run(ip, "-n", ns, "link", "set", "dev", dev, "up").orThrow();
    }

    /** Addresses one end, pins its peer's addresses to the peer's MAC, and brings it up. */
    private void configureEnd(String ns, String dev, String address, String address6, String peer, String peer6,
            String peerMac) {
        Command.run(ip, "-n", ns, "addr", "add", address + PREFIX, "dev", dev).orThrow();
        Command.run(ip, "-n", ns, "addr", "add", address6 + PREFIX6, "dev", dev, "nodad").orThrow();
        for (String neighbour : List.of(peer, peer6)) {
            Command.run(ip, "-n", ns, "neigh", "replace", neighbour, "lladdr", peerMac, "dev", dev, "nud",
                    "permanent").orThrow();
        }
        Command.run(ip, "-n", ns, "link", "set", "dev", dev, "up").orThrow();
    }

    public String senderNamespace() {
        return "jfilter-s-" + id;
    }

    public String receiverNamespace() {
        return "jfilter-r-" + id;
    }

    public String senderDevice() {
        return "jfs" + id;
    }

    public String receiverDevice() {
        return "jfr" + id;
    }

    /** Runs {@code command} inside {@code namespace} ({@code ip netns exec}). */
    public Command.Result exec(String namespace, String... command) {
        List<String> argv = new ArrayList<>(List.of(ip, "netns", "exec", namespace));
        argv.addAll(List.of(command));
        return Command.run(argv.toArray(String[]::new));
    }

    /** Sends {@code frames}, in order and as they are, out of the sender's end (a {@link RawSender}). */
    public void sendFromSender(List<byte[]> frames) {
        RawSender.sendFrames(senderNamespace(), senderDevice(), frames);
    }

    /** Sends {@code frames}, in order and as they are, out of the receiver's end (a {@link RawSender}). */
    public void sendFromReceiver(List<byte[]> frames) {
        RawSender.sendFrames(receiverNamespace(), receiverDevice(), frames);
    }

    /** Attaches the program in section {@code section} of the object file to the receiver's end as XDP. */
    public void attachXdp(Path object, String section) {
        Command.run(ip, "-n", receiverNamespace(), "link", "set", "dev", receiverDevice(), "xdp", "obj",
                object.toString(), "sec", section).orThrow();
    }

    /** Attaches the program of {@code hook}'s section of the object file to the receiver's end, at that hook. */
    public void attach(PacketHook hook, Path object) {
        switch (hook) {
            case XDP -> attachXdp(object, hook.section().sectionName());
            case TC -> attachTcIngress(object, hook.section().sectionName());
        }
    }

    /** Removes the XDP program from the receiver's end. */
    public void detachXdp() {
        Command.run(ip, "-n", receiverNamespace(), "link", "set", "dev", receiverDevice(), "xdp", "off").orThrow();
    }

    /** What {@code ip -d link show} says of the receiver's end; an XDP program shows as {@code prog/xdp id N}. */
    public String receiverLink() {
        return Command.run(ip, "-n", receiverNamespace(), "-d", "link", "show", "dev", receiverDevice()).orThrow()
                .output();
    }

    /**
     * Attaches the program in section {@code section} of the object file to the receiver's ingress as a tc
     * classifier in direct-action mode, on a {@code clsact} qdisc made for it.
     */
    public void attachTcIngress(Path object, String section) {
        exec(receiverNamespace(), tc, "qdisc", "add", "dev", receiverDevice(), "clsact").orThrow();
        exec(receiverNamespace(), tc, "filter", "add", "dev", receiverDevice(), "ingress", "bpf", "da", "obj",
                object.toString(), "sec", section).orThrow();
    }

    /** Removes the {@code clsact} qdisc, and with it the tc programs, from the receiver's end. */
    public void detachTc() {
        exec(receiverNamespace(), tc, "qdisc", "del", "dev", receiverDevice(), "clsact").orThrow();
    }

    /** What {@code tc filter show} lists on the receiver's ingress. */
    public String receiverIngressFilters() {
        return exec(receiverNamespace(), tc, "filter", "show", "dev", receiverDevice(), "ingress").orThrow()
                .output();
    }

    /** Deletes both namespaces (and so the veth and its programs); idempotent, never throws. */
    @Override
    public void close() {
        for (String ns : namespaces) {
            Command.run(ip, "netns", "del", ns);
        }
        namespaces.clear();
    }
}
