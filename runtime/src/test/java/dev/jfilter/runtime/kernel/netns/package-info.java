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
 *   <li>{@link dev.jfilter.runtime.kernel.netns.Command}: time-limited system commands.</li>
 * </ul>
 * Everything needs root and iproute2 ({@link dev.jfilter.runtime.kernel.netns.NetnsPair#unavailableReason()}).
 */
package dev.jfilter.runtime.kernel.netns;
