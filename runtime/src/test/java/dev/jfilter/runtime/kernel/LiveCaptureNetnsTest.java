package dev.jfilter.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfilter.ebpf.gen.GenerateOptions;
import dev.jfilter.ebpf.gen.Generation;
import dev.jfilter.ebpf.gen.OnMatch;
import dev.jfilter.ebpf.gen.Target;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.JFilter;
import dev.jfilter.runtime.capture.CaptureFile;
import dev.jfilter.runtime.capture.Packet;
import dev.jfilter.runtime.kernel.netns.Endpoints;
import dev.jfilter.runtime.kernel.netns.InNamespace;
import dev.jfilter.runtime.kernel.netns.LabeledFrame;
import dev.jfilter.runtime.kernel.netns.NetnsPair;
import dev.jfilter.runtime.kernel.netns.RawSender;
import dev.jfilter.runtime.kernel.netns.TcpdumpCapture;
import dev.jfilter.runtime.kernel.netns.TrafficMix;
import dev.jfilter.runtime.kernel.netns.TunDevice;
import dev.jfilter.runtime.kernel.netns.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link LiveCapture} on the receiver's end of a quiet veth pair (nothing crosses it but what the test sends): the
 * known mix of frames (IPv4/IPv6, TCP/UDP/ICMP, ARP, 802.1Q, priority-tagged and QinQ frames) comes in from the
 * sender's end and a few frames go out from the receiver's own end, and for each expression, with the filter
 * attached as classic BPF and as an eBPF socket filter:
 * <ul>
 *   <li>the capture holds exactly the frames the expression names, byte for byte and in order (tags the kernel
 *       moved to the packet's metadata put back), as the test's own reading of each frame says;
 *   <li>the kernel's {@code PACKET_STATISTICS} count exactly those: the others were dropped in the kernel;
 *   <li>tcpdump, capturing on the same interface at the same time with the same expression, writes the same frames
 *       (libpcap's live capture is the reference for {@code vlan}, {@code inbound}, {@code outbound} and
 *       {@code ifindex});
 *   <li>the program in the kernel is jfilter's: read back with {@code SO_GET_FILTER} (classic), or found among
 *       the loaded programs ({@code BPF_PROG_GET_NEXT_ID}) as a socket filter named {@code jfilter} with the tag
 *       of jfilter's instructions (eBPF).
 * </ul>
 * Skipped without root, iproute2, tcpdump or bpf(2).
 */
@Timeout(120)
class LiveCaptureNetnsTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(5);
    private static final Duration SETTLE = Duration.ofMillis(400);
    private static final String RECEIVER_MAC = NetnsPair.RECEIVER_MAC;

    private static NetnsPair pair;
    private static int receiverIndex;

    @TempDir
    Path work;

    /** A frame of the test's traffic and the end it was sent from. */
    record Sent(LabeledFrame frame, boolean outbound) {
        String label() {
            return frame.label();
        }
    }

    /** An expression and, by the frames' own description, which of them it matches. */
    record Case(String expression, Predicate<Sent> matches) {
        @Override
        public String toString() {
            return expression;
        }
    }

    enum Attach { CLASSIC, EBPF }

    @BeforeAll
    static void createPair() throws Exception {
        Optional<String> missing = TcpdumpCapture.unavailableReason()
                .or(() -> Platform.unavailableReason())
                .or(() -> BpfProgram.unavailableReason());
        assumeTrue(missing.isEmpty(), () -> "live capture tests skipped: " + missing.orElse(""));
        pair = NetnsPair.createQuiet();
        receiverIndex = InNamespace.call(pair.receiverNamespace(),
                () -> RawSender.interfaceIndex(pair.receiverDevice()).orElseThrow());
    }

    @AfterAll
    static void deletePair() {
        if (pair != null) {
            pair.close();
        }
    }

    /** What is sent, in order: the known mix from the sender's end, then three frames from the receiver's end. */
    static List<Sent> traffic() {
        List<Sent> sent = new ArrayList<>();
        TrafficMix.knownMix().forEach(f -> sent.add(new Sent(f, false)));
        Endpoints back = Endpoints.RECEIVER_TO_SENDER;
        sent.add(new Sent(TrafficMix.ipv4Udp(back, 7000, 53, "out"), true));
        sent.add(new Sent(TrafficMix.ipv6Tcp(back, 40010, 80, Transport.Tcp.SYN, ""), true));
        sent.add(new Sent(TrafficMix.arp(back, true), true));
        return List.copyOf(sent);
    }

    private static boolean tagged(Sent s) {
        return s.label().startsWith("vlan ") || s.label().startsWith("802.1ad ");
    }

    static List<Case> cases() {
        return List.of(
                new Case("", s -> true),
                // The kernel took the outer tag of every tagged frame to the metadata, where 'vlan' looks.
                new Case("vlan", LiveCaptureNetnsTest::tagged),
                new Case("vlan 100", s -> s.label().startsWith("vlan 100 ")),
                new Case("vlan 300", s -> s.label().startsWith("802.1ad vlan 300,")),
                // Once the tag is in the metadata, the packet data is an untagged frame: 'udp' sees inside a single
                // tag, but not inside the inner tag of a QinQ frame.
                new Case("udp", s -> s.label().contains(" udp ") && !s.label().startsWith("802.1ad ")),
                new Case("udp and not vlan", s -> !tagged(s) && s.label().contains(" udp ")),
                // pcap-filter(7)'s caveat: 'vlan' moves the offsets that follow by 4 even under 'not', so this 'udp'
                // reads the type at byte 16 of untagged frames; libpcap and jfilter agree that nothing matches.
                new Case("not vlan and udp", s -> false),
                new Case("tcp port 80", s -> s.label().matches("ipv[46] tcp \\S+\\.80 > .*|ipv[46] tcp .* > \\S+\\.80 .*")
                        && !tagged(s)),
                new Case("icmp or icmp6", s -> s.label().contains(" icmp ") || s.label().contains(" icmp6 ")),
                new Case("arp", s -> s.label().startsWith("arp ")),
                new Case("ether src " + RECEIVER_MAC, s -> bytesAt(s, 6).equals(RECEIVER_MAC)),
                new Case("inbound", s -> !s.outbound()),
                new Case("outbound", Sent::outbound),
                new Case("outbound and udp", s -> s.outbound() && s.label().contains(" udp ")),
                new Case("ifindex " + receiverIndex, s -> true),
                new Case("ifindex " + (receiverIndex + 1000), s -> false));
    }

    private static String bytesAt(Sent s, int offset) {
        byte[] f = s.frame().frame();
        return HexFormat.ofDelimiter(":").formatHex(f, offset, offset + 6);
    }

    static Stream<Arguments> casesAndAttachments() {
        return Stream.of(Attach.values()).flatMap(a -> cases().stream().map(c -> Arguments.of(a, c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesAndAttachments")
    void capturesExactlyWhatTheExpressionMatches(Attach attach, Case c) throws Exception {
        List<Sent> traffic = traffic();
        List<Sent> expected = traffic.stream().filter(c.matches()).toList();
        CompiledFilter compiled = compile(c.expression());
        KernelFilter filter = kernelFilter(attach, compiled);

        Path reference = work.resolve("tcpdump.pcap");
        List<String> tcpdumpArgs = c.expression().isEmpty() ? List.of() : List.of(c.expression());
        try (TcpdumpCapture tcpdump = TcpdumpCapture.start(pair.receiverNamespace(), pair.receiverDevice(),
                reference, ARRIVAL, tcpdumpArgs.toArray(String[]::new));
                LiveCapture capture = open(filter)) {
            assertThatTheKernelHoldsJfiltersProgram(capture, attach, filter, compiled);
            Collected collected = Collected.start(capture);
            pair.sendFromSender(frames(traffic, false));
            pair.sendFromReceiver(frames(traffic, true));
            collected.awaitAtLeast(expected.size(), ARRIVAL);
            if (!readsMetadataLibpcapsUserlandLacks(c.expression())) {
                tcpdump.awaitFileSize(TcpdumpCapture.pcapSize(expected.stream().map(s -> s.frame().frame()).toList()),
                        ARRIVAL);
            }
            Thread.sleep(SETTLE.toMillis());
            List<byte[]> ours = collected.stop();

            assertThat(hex(ours)).as("the frames captured for '%s'", c.expression())
                    .containsExactlyElementsOf(hex(expected.stream().map(s -> s.frame().frame()).toList()));
            CaptureStatistics stats = capture.statistics().orElseThrow();
            assertThat(stats.received()).as("packets the kernel's program accepted").isEqualTo(expected.size());
            assertThat(stats.dropped()).isZero();
            String tcpdumpOutput = tcpdump.stop();
            assertThat(receivedByFilter(tcpdumpOutput)).as("what libpcap's program accepted in the kernel: %s",
                    tcpdumpOutput).isEqualTo(expected.size());
            if (!readsMetadataLibpcapsUserlandLacks(c.expression())) {
                assertThat(hex(ours)).as("tcpdump's capture of '%s'", c.expression())
                        .containsExactlyElementsOf(hex(read(reference)));
            }
        }
    }

    /**
     * An expression for 'any', by the frames it matches, whether the kernel can run it on a cooked socket, and
     * whether tcpdump is a reference for it.
     */
    record AnyCase(String expression, Predicate<Sent> matches, boolean inKernel, boolean tcpdumpAgrees) {
        AnyCase(String expression, Predicate<Sent> matches, boolean inKernel) {
            this(expression, matches, inKernel, true);
        }

        @Override
        public String toString() {
            return expression;
        }
    }

    /** A frame's length on 'any': its SLL2 header instead of the Ethernet header, without the outer VLAN tag. */
    private static int length(Sent s) {
        int tag = s.label().startsWith("vlan ") || s.label().startsWith("802.1ad ") ? 4 : 0;
        return s.frame().frame().length - 14 - tag + CookedPrograms.SLL2_HEADER_BYTES;
    }

    static Stream<Arguments> anyCases() {
        List<AnyCase> cases = List.of(
                new AnyCase("udp", s -> s.label().contains(" udp ") && !s.label().startsWith("802.1ad "), true),
                new AnyCase("inbound and (icmp or icmp6)",
                        s -> !s.outbound() && (s.label().contains(" icmp ") || s.label().contains(" icmp6 ")), true),
                new AnyCase("outbound", Sent::outbound, true),
                new AnyCase("ifindex " + receiverIndex, s -> true, true),
                new AnyCase("ip6 and tcp", s -> s.label().startsWith("ipv6 tcp "), true),
                // The last byte of the link-layer source address: the kernel never sees it; jfilter filters.
                new AnyCase("link[17] = 2", s -> s.frame().frame()[11] == 2, false),
                // The length counts the SLL2 header (20 bytes for the Ethernet header's 14, and a VLAN tag stays in
                // the metadata). libpcap leaves 'len' as it is in the program it gives the kernel, which counts from
                // the network header: tcpdump -i any misses the packets of 76 to 95 bytes here.
                new AnyCase("greater 76", s -> length(s) >= 76, false, false));
        return Stream.of(Attach.values()).flatMap(a -> cases.stream()
                .filter(c -> a == Attach.CLASSIC || c.inKernel()).map(c -> Arguments.of(a, c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("anyCases")
    void anyCapturesEveryInterfaceInCookedModeAsTcpdumpDoes(Attach attach, AnyCase c) throws Exception {
        List<Sent> traffic = traffic();
        long expected = traffic.stream().filter(c.matches()).count();
        if (!c.inKernel()) {
            assertThat(expected).as("the case tells frames apart").isBetween(1L, traffic.size() - 1L);
        }
        CompiledFilter compiled = switch (JFilter.compile(c.expression(),
                CompileOptions.of(LinkType.LINUX_SLL2).withLinuxExtensions(true))) {
            case Result.Ok<CompiledFilter> ok -> ok.value();
            case Result.Failed<CompiledFilter> failed -> throw new AssertionError(failed.diagnostics());
        };
        KernelFilter filter = switch (attach) {
            case CLASSIC -> new KernelFilter.Classic(compiled.program());
            case EBPF -> switch (CookedPrograms.ebpfForCookedSocket(compiled.program(),
                    new GenerateOptions(Target.SOCKET, OnMatch.PASS, 262144)).orElseThrow()) {
                case Generation.Generated g -> new KernelFilter.Extended(g.program(), "jfilter");
                case Generation.Refused r -> throw new AssertionError(r.problems().toString());
            };
        };
        Path reference = work.resolve("tcpdump-any.pcap");
        try (TcpdumpCapture tcpdump = TcpdumpCapture.start(pair.receiverNamespace(), "any", reference, ARRIVAL,
                c.expression());
                LiveCapture capture = InNamespace.call(pair.receiverNamespace(), () -> LiveCapture.open(
                        LiveCaptureOptions.of("any", 262144, filter)).orElseThrow())) {
            assertThat(capture.linkType()).isEqualTo(LinkType.LINUX_SLL2);
            Collected collected = Collected.start(capture);
            pair.sendFromSender(frames(traffic, false));
            pair.sendFromReceiver(frames(traffic, true));
            collected.awaitAtLeast((int) expected, ARRIVAL);
            Thread.sleep(SETTLE.toMillis());
            List<byte[]> ours = collected.stop();
            assertThat(ours).as("packets captured on any for '%s'", c.expression()).hasSize((int) expected);
            assertThat(ours).allSatisfy(p -> assertThat(java.nio.ByteBuffer.wrap(p, 4, 4).getInt())
                    .as("the SLL2 header's interface index").isEqualTo(receiverIndex));
            long received = capture.statistics().orElseThrow().received();
            assertThat(received).as("what the kernel's program accepted")
                    .isEqualTo(c.inKernel() ? expected : traffic.size());
            // tcpdump's ring hands blocks over after a second; wait until it has written what we captured.
            if (c.tcpdumpAgrees()) {
                tcpdump.awaitFileSize(TcpdumpCapture.pcapSize(ours), ARRIVAL);
                tcpdump.stop();
                assertThat(hex(ours)).as("tcpdump -i any's capture of '%s'", c.expression())
                        .containsExactlyElementsOf(hex(read(reference)));
            }
        }
    }

    @Test
    void aLoopStopsAfterItsLimitAndTheRestWaitsInTheRing() throws Exception {
        CompiledFilter compiled = compile("udp");
        try (LiveCapture capture = open(new KernelFilter.Classic(compiled.program()))) {
            pair.sendFromSender(TrafficMix.frames(TrafficMix.knownMix()));
            List<byte[]> first = new ArrayList<>();
            LoopEnd end = capture.loop(2, p -> first.add(p.data().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)));
            assertThat(end).isEqualTo(new LoopEnd.Counted(2));
            Collected after = Collected.start(capture);
            after.awaitAtLeast(1, ARRIVAL);
            Thread.sleep(SETTLE.toMillis());
            List<byte[]> all = new ArrayList<>(first);
            all.addAll(after.stop());
            List<byte[]> expected = TrafficMix.knownMix().stream()
                    .filter(f -> f.label().contains(" udp ") && !f.label().startsWith("802.1ad "))
                    .map(LabeledFrame::frame).toList();
            assertThat(hex(all)).containsExactlyElementsOf(hex(expected));
        }
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(Direction.class)
    void aDirectionKeepsThePacketsReceivedOrSent(Direction direction) throws Exception {
        List<Sent> traffic = traffic();
        List<Sent> expected = traffic.stream().filter(s -> switch (direction) {
            case IN -> !s.outbound();
            case OUT -> s.outbound();
            case INOUT -> true;
        }).toList();
        KernelFilter everything = new KernelFilter.Classic(compile("").program());
        try (LiveCapture capture = InNamespace.call(pair.receiverNamespace(), () -> LiveCapture.open(
                LiveCaptureOptions.of(pair.receiverDevice(), 262144, everything).withDirection(direction))
                .orElseThrow())) {
            Collected collected = Collected.start(capture);
            pair.sendFromSender(frames(traffic, false));
            pair.sendFromReceiver(frames(traffic, true));
            collected.awaitAtLeast(expected.size(), ARRIVAL);
            Thread.sleep(SETTLE.toMillis());
            assertThat(hex(collected.stop()))
                    .containsExactlyElementsOf(hex(expected.stream().map(s -> s.frame().frame()).toList()));
            // 'in' keeps outgoing packets out of the socket in the kernel (PACKET_IGNORE_OUTGOING); 'out' can only
            // skip incoming ones as they come, so the kernel counts them.
            assertThat(capture.statistics().orElseThrow().received())
                    .isEqualTo(direction == Direction.IN ? expected.size() : traffic.size());
        }
    }

    @ParameterizedTest(name = "promiscuous {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void promiscuousModeLastsAsLongAsTheCapture(boolean promiscuous) throws Exception {
        KernelFilter everything = new KernelFilter.Classic(compile("").program());
        assertThat(promiscuity()).isZero();
        try (LiveCapture capture = InNamespace.call(pair.receiverNamespace(), () -> LiveCapture.open(
                LiveCaptureOptions.of(pair.receiverDevice(), 262144, everything).withPromiscuous(promiscuous))
                .orElseThrow())) {
            assertThat(capture.device().name()).isEqualTo(pair.receiverDevice());
            assertThat(promiscuity()).isEqualTo(promiscuous ? 1 : 0);
        }
        assertThat(promiscuity()).isZero();
    }

    /** The receiver's end's promiscuity count, as {@code ip -d link show} prints it. */
    private static int promiscuity() {
        String link = pair.exec(pair.receiverNamespace(), "ip", "-d", "link", "show", "dev", pair.receiverDevice())
                .orThrow().output();
        var m = java.util.regex.Pattern.compile("promiscuity (\\d+)").matcher(link);
        assertThat(m.find()).as(link).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void anInterfaceTakenDownPausesTheCaptureAndOneDeletedEndsIt() throws Exception {
        try (NetnsPair own = NetnsPair.createQuiet()) {
            KernelFilter everything = new KernelFilter.Classic(compile("").program());
            try (LiveCapture capture = InNamespace.call(own.receiverNamespace(), () -> LiveCapture.open(
                    LiveCaptureOptions.of(own.receiverDevice(), 262144, everything)).orElseThrow())) {
                List<byte[]> packets = new CopyOnWriteArrayList<>();
                var ended = new java.util.concurrent.CompletableFuture<LoopEnd>();
                Thread.ofPlatform().start(() -> {
                    try {
                        ended.complete(capture.loop(0, p -> packets.add(
                                p.data().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE))));
                    } catch (Throwable t) {
                        ended.completeExceptionally(t);
                    }
                });
                String ns = own.receiverNamespace();
                String dev = own.receiverDevice();
                own.exec(ns, "ip", "link", "set", "dev", dev, "down").orThrow();
                Thread.sleep(SETTLE.toMillis());
                assertThat(ended).as("a capture outlives its interface going down").isNotDone();
                own.exec(ns, "ip", "link", "set", "dev", dev, "up").orThrow();
                awaitUp(own);
                byte[] frame = TrafficMix.ipv4Udp(Endpoints.SENDER_TO_RECEIVER, 1, 2, "after").frame();
                own.sendFromSender(List.of(frame));
                long deadline = System.nanoTime() + ARRIVAL.toNanos();
                while (packets.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(hex(packets)).as("packets after the interface is up again").contains(
                        HexFormat.of().formatHex(frame));
                own.exec(ns, "ip", "link", "del", "dev", dev).orThrow();
                LoopEnd end = ended.get(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(end).isInstanceOfSatisfying(LoopEnd.Failed.class, f -> assertThat(f.error().message())
                        .isEqualTo("capture on " + dev + ": the interface disappeared"));
            }
        }
    }

    private static void awaitUp(NetnsPair own) throws InterruptedException {
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        while (System.nanoTime() < deadline) {
            String link = own.exec(own.receiverNamespace(), "ip", "link", "show", "dev", own.receiverDevice())
                    .orThrow().output();
            if (link.contains("state UP")) {
                return;
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aHeaderlessInterfaceIsCapturedAsRawIp() throws Exception {
        byte[] dns = withoutEthernet(TrafficMix.ipv4Udp(Endpoints.SENDER_TO_RECEIVER, 5353, 53, "query").frame());
        byte[] other = withoutEthernet(TrafficMix.ipv4Udp(Endpoints.SENDER_TO_RECEIVER, 5353, 54, "other").frame());
        byte[] dns6 = withoutEthernet(TrafficMix.ipv6Udp(Endpoints.SENDER_TO_RECEIVER, 5353, 53, "query6").frame());
        try (TunDevice tun = InNamespace.call(pair.receiverNamespace(), () -> TunDevice.create("jftun0"))) {
            pair.exec(pair.receiverNamespace(), "ip", "link", "set", "dev", tun.name(), "up").orThrow();
            NetworkDevice device = InNamespace.call(pair.receiverNamespace(),
                    () -> NetworkDevices.find(tun.name()).orElseThrow());
            assertThat(device.hardwareType()).isEqualTo(NetworkDevice.ARPHRD_NONE);
            assertThat(device.linkType()).contains(LinkType.RAW);
            CompiledFilter compiled = switch (JFilter.compile("udp dst port 53",
                    CompileOptions.of(LinkType.RAW).withLinuxExtensions(true))) {
                case Result.Ok<CompiledFilter> ok -> ok.value();
                case Result.Failed<CompiledFilter> failed -> throw new AssertionError(failed.diagnostics());
            };
            try (LiveCapture capture = InNamespace.call(pair.receiverNamespace(), () -> LiveCapture.open(
                    LiveCaptureOptions.of(tun.name(), 262144, new KernelFilter.Classic(compiled.program())))
                    .orElseThrow())) {
                assertThat(capture.linkType()).isEqualTo(LinkType.RAW);
                Collected collected = Collected.start(capture);
                tun.inject(dns);
                tun.inject(other);
                tun.inject(dns6);
                collected.awaitAtLeast(2, ARRIVAL);
                Thread.sleep(SETTLE.toMillis());
                assertThat(hex(collected.stop())).containsExactly(HexFormat.of().formatHex(dns),
                        HexFormat.of().formatHex(dns6));
                assertThat(capture.statistics().orElseThrow().received()).isEqualTo(2);
            }
        }
    }

    private static byte[] withoutEthernet(byte[] frame) {
        return java.util.Arrays.copyOfRange(frame, 14, frame.length);
    }

    @Test
    void theKernelsRefusalIsAnErrorWithItsReason() throws Exception {
        // A classic program that jumps out of itself: bpf_check_classic refuses it.
        var bad = dev.jfilter.cbpf.CbpfProgram.of(List.of(new dev.jfilter.cbpf.Instruction.Jump(5),
                new dev.jfilter.cbpf.Instruction.ReturnConstant(0)));
        KernelResult<LiveCapture> opened = InNamespace.call(pair.receiverNamespace(),
                () -> LiveCapture.open(LiveCaptureOptions.of(pair.receiverDevice(), 262144,
                        new KernelFilter.Classic(bad))));
        assertThat(opened).isInstanceOfSatisfying(KernelResult.Failed.class, f -> assertThat(
                ((KernelResult.Failed<?>) f).error().message()).isEqualTo("setsockopt(SO_ATTACH_FILTER): EINVAL: Invalid argument"));
    }

    @Test
    void anInterfaceOfAnotherNamespaceIsNotFound() {
        KernelResult<LiveCapture> opened = LiveCapture.open(LiveCaptureOptions.of(pair.receiverDevice(), 262144,
                new KernelFilter.Classic(compile("").program())));
        assertThat(opened).isInstanceOfSatisfying(KernelResult.Failed.class, f -> assertThat(
                ((KernelResult.Failed<?>) f).error().message())
                .isEqualTo("if_nametoindex(" + pair.receiverDevice() + "): ENODEV: No such device"));
    }

    /**
     * Whether the expression reads the packet type or interface index. libpcap 1.10.3 also runs a new filter in
     * userland on the first ring blocks after setting it ({@code blocks_to_filter_in_userland}, pcap-linux.c), where
     * {@code pcap_filter_with_aux_data} has the VLAN metadata only: such loads give 0, so tcpdump drops what its
     * kernel program accepted (it counts them "received by filter", and captures none). jfilter binds the socket after
     * the filter is attached, so nothing needs filtering twice; for these expressions the comparison with tcpdump is
     * of the kernel's count.
     */
    private static boolean readsMetadataLibpcapsUserlandLacks(String expression) {
        return expression.matches(".*\\b(inbound|outbound|ifindex)\\b.*");
    }

    private static long receivedByFilter(String tcpdumpOutput) {
        var m = java.util.regex.Pattern.compile("(\\d+) packets? received by filter").matcher(tcpdumpOutput);
        assertThat(m.find()).as("tcpdump's counts in: %s", tcpdumpOutput).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static void assertThatTheKernelHoldsJfiltersProgram(LiveCapture capture, Attach attach,
            KernelFilter filter, CompiledFilter compiled) {
        switch (filter) {
            case KernelFilter.Classic classic -> {
                assertThat(attach).isEqualTo(Attach.CLASSIC);
                assertThat(capture.attachedClassicProgram().orElseThrow()).contains(compiled.program());
            }
            case KernelFilter.Extended extended -> {
                assertThat(attach).isEqualTo(Attach.EBPF);
                BpfProgramInfo attached = capture.extendedProgramInfo().orElseThrow().orElseThrow();
                String expectedTag;
                try (BpfProgram reference = BpfProgram.load(BpfProgramType.SOCKET_FILTER, "reference",
                        extended.program()).orElseThrow()) {
                    expectedTag = reference.info().orElseThrow().tag();
                }
                List<BpfProgramInfo> found = BpfProgram.loadedIds().orElseThrow().stream()
                        .map(BpfProgram::infoOfId).filter(KernelResult::isOk).map(KernelResult::orElseThrow)
                        .filter(i -> i.id() == attached.id()).toList();
                assertThat(found).singleElement().satisfies(i -> {
                    assertThat(i.name()).isEqualTo("jfilter");
                    assertThat(i.type()).isEqualTo(1); // BPF_PROG_TYPE_SOCKET_FILTER
                    assertThat(i.tag()).as("the tag of jfilter's instructions").isEqualTo(expectedTag);
                });
            }
        }
    }

    private static CompiledFilter compile(String expression) {
        CompileOptions options = CompileOptions.of(LinkType.EN10MB).withLinuxExtensions(true);
        return switch (JFilter.compile(expression, options)) {
            case Result.Ok<CompiledFilter> ok -> ok.value();
            case Result.Failed<CompiledFilter> failed -> throw new AssertionError(failed.diagnostics().toString());
        };
    }

    private static KernelFilter kernelFilter(Attach attach, CompiledFilter compiled) {
        return switch (attach) {
            case CLASSIC -> new KernelFilter.Classic(compiled.program());
            case EBPF -> switch (compiled.ebpf(new GenerateOptions(Target.SOCKET, OnMatch.PASS, 262144))) {
                case Generation.Generated g -> new KernelFilter.Extended(g.program(), "jfilter");
                case Generation.Refused r -> throw new AssertionError(r.problems().toString());
            };
        };
    }

    private static LiveCapture open(KernelFilter filter) throws Exception {
        return InNamespace.call(pair.receiverNamespace(), () -> LiveCapture.open(
                LiveCaptureOptions.of(pair.receiverDevice(), 262144, filter)).orElseThrow());
    }

    private static List<byte[]> frames(List<Sent> traffic, boolean outbound) {
        return traffic.stream().filter(s -> s.outbound() == outbound).map(s -> s.frame().frame()).toList();
    }

    private static List<byte[]> read(Path pcap) {
        try (CaptureFile file = CaptureFile.open(pcap)) {
            return file.readAll().packets().stream().map(Packet::bytes).toList();
        }
    }

    private static List<String> hex(List<byte[]> frames) {
        return frames.stream().map(HexFormat.of()::formatHex).toList();
    }

    /** A loop on a thread of its own, copying each packet. */
    private static final class Collected {
        private final LiveCapture capture;
        private final List<byte[]> packets = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile Throwable failure;

        private Collected(LiveCapture capture) {
            this.capture = capture;
            this.thread = Thread.ofPlatform().name("live-capture-test").start(() -> {
                try {
                    capture.loop(0, p -> packets.add(p.data().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)));
                } catch (Throwable t) {
                    failure = t;
                }
            });
        }

        static Collected start(LiveCapture capture) {
            return new Collected(capture);
        }

        void awaitAtLeast(int count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (packets.size() < count && System.nanoTime() < deadline && thread.isAlive()) {
                Thread.sleep(10);
            }
        }

        List<byte[]> stop() throws InterruptedException {
            capture.stop();
            thread.join(Duration.ofSeconds(10));
            assertThat(thread.isAlive()).as("the loop ended after stop()").isFalse();
            assertThat(failure).isNull();
            return List.copyOf(packets);
        }
    }
}
