/**
 * Test fixtures for running eBPF packet programs on real traffic, reusable by any test that has a program to try:
 * <ul>
 *   <li>{@link dev.jfilter.runtime.kernel.netns.NetnsPair}: two namespaces joined by a veth, created and deleted by
 *       the test; attaches an object file's program to the receiver's end as XDP or tc ingress (iproute2).</li>
 *   <li>{@link dev.jfilter.runtime.kernel.netns.UdpTraffic}: sends UDP datagrams across the pair (IPv4 or IPv6,
 *       port, payload, hop limit: a {@link dev.jfilter.runtime.kernel.netns.Datagram}) and counts what the
 *       receiver's stacks got.</li>
 *   <li>{@link dev.jfilter.runtime.kernel.netns.ObjectFiles}: writes a {@code BpfObject} as an ELF file to attach.</li>
 *   <li>{@link dev.jfilter.runtime.kernel.netns.PacketHook}, {@link dev.jfilter.runtime.kernel.netns.HandPrograms},
 *       {@link dev.jfilter.runtime.kernel.netns.Frames}: the hooks' context offsets and verdicts, hand-assembled
 *       programs, crafted frames for {@code BPF_PROG_TEST_RUN}.</li>
 *   <li>{@link dev.jfilter.runtime.kernel.netns.InNamespace}: runs a task on a thread of its own inside a
 *       namespace ({@code setns}); sockets it opens stay in that namespace wherever they are used.</li>
 *   <li>{@link dev.jfilter.runtime.kernel.netns.RawSender}: sends Ethernet frames as they are out of an interface
 *       (an {@code AF_PACKET} socket); {@link dev.jfilter.runtime.kernel.netns.NetnsPair#sendFromSender} and
 *       {@code sendFromReceiver}. A {@linkplain dev.jfilter.runtime.kernel.netns.NetnsPair#createQuiet() quiet}
 *       pair carries nothing else.</li>
 *   <li>{@link dev.jfilter.runtime.kernel.netns.TrafficMix}: labeled frames between the pair's MACs and addresses
 *       (IPv4/IPv6 TCP, UDP, echo, ARP, 802.1Q, QinQ) and a fixed known mix of them, built by
 *       {@link dev.jfilter.runtime.kernel.netns.EthernetFrames} from
 *       {@link dev.jfilter.runtime.kernel.netns.Endpoints} and {@link dev.jfilter.runtime.kernel.netns.Transport}
 *       headers.</li>
 *   <li>{@link dev.jfilter.runtime.kernel.netns.TcpdumpCapture}: tcpdump writing a pcap file in the background in
 *       a namespace, the reference capture.</li>
 *   <li>{@link dev.jfilter.runtime.kernel.netns.Command}: time-limited system commands.</li>
 * </ul>
 * Everything needs root and iproute2 ({@link dev.jfilter.runtime.kernel.netns.NetnsPair#unavailableReason()}), the
 * reference capture tcpdump ({@link dev.jfilter.runtime.kernel.netns.TcpdumpCapture#unavailableReason()}).
 */
package dev.jfilter.runtime.kernel.netns;
