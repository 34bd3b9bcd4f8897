package dev.jfilter.runtime.kernel.netns;

import static dev.jfilter.runtime.kernel.netns.Endpoints.RECEIVER_TO_SENDER;
import static dev.jfilter.runtime.kernel.netns.Endpoints.SENDER_TO_RECEIVER;

import dev.jfilter.runtime.kernel.netns.Transport.Echo;
import dev.jfilter.runtime.kernel.netns.Transport.Tcp;
import dev.jfilter.runtime.kernel.netns.Transport.Udp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Labeled frames between a {@link NetnsPair}'s real MACs and addresses ({@link Endpoints}), one per kind a capture
 * test filters on, and {@link #knownMix()}: a fixed list of them, in both directions of addresses, with varied ports
 * and VLAN ids, whose matches for an expression a test computes by running the compiled filter on each frame.
 * Labels read like tcpdump's lines ({@code "ipv4 tcp 192.168.251.1.40000 > 192.168.251.2.80 [S]"}).
 */
public final class TrafficMix {
    private TrafficMix() {}

    /** IPv4 TCP with {@code flags} ({@link Tcp#SYN}, ...) and {@code payload} text. */
    public static LabeledFrame ipv4Tcp(Endpoints ends, int sourcePort, int destinationPort, int flags,
            String payload) {
        Tcp tcp = new Tcp(sourcePort, destinationPort, flags);
        return new LabeledFrame(label("ipv4 tcp", ends.source4(), ends.destination4(), sourcePort, destinationPort)
                + " [" + flagText(flags) + "]" + payloadText(payload),
                EthernetFrames.ipv4(ends, tcp, id(tcp), bytes(payload)));
    }

    /** IPv4 UDP carrying {@code payload} text. */
    public static LabeledFrame ipv4Udp(Endpoints ends, int sourcePort, int destinationPort, String payload) {
        Udp udp = new Udp(sourcePort, destinationPort);
        return new LabeledFrame(label("ipv4 udp", ends.source4(), ends.destination4(), sourcePort, destinationPort)
                + payloadText(payload), EthernetFrames.ipv4(ends, udp, id(udp), bytes(payload)));
    }

    /** An ICMP echo request or reply with 8 bytes of data. */
    public static LabeledFrame ipv4Echo(Endpoints ends, boolean reply, int identifier, int sequence) {
        Echo echo = new Echo(reply, identifier, sequence);
        return new LabeledFrame("ipv4 icmp " + ends.source4() + " > " + ends.destination4() + " echo "
                + (reply ? "reply" : "request") + " id " + identifier + " seq " + sequence,
                EthernetFrames.ipv4(ends, echo, id(echo), bytes("jfilter!")));
    }

    /** IPv6 TCP with {@code flags} and {@code payload} text. */
    public static LabeledFrame ipv6Tcp(Endpoints ends, int sourcePort, int destinationPort, int flags,
            String payload) {
        return new LabeledFrame(label("ipv6 tcp", ends.source6(), ends.destination6(), sourcePort, destinationPort)
                + " [" + flagText(flags) + "]" + payloadText(payload),
                EthernetFrames.ipv6(ends, new Tcp(sourcePort, destinationPort, flags), bytes(payload)));
    }

    /** IPv6 UDP carrying {@code payload} text. */
    public static LabeledFrame ipv6Udp(Endpoints ends, int sourcePort, int destinationPort, String payload) {
        return new LabeledFrame(label("ipv6 udp", ends.source6(), ends.destination6(), sourcePort, destinationPort)
                + payloadText(payload),
                EthernetFrames.ipv6(ends, new Udp(sourcePort, destinationPort), bytes(payload)));
    }

    /** An ICMPv6 echo request or reply with 8 bytes of data. */
    public static LabeledFrame ipv6Echo(Endpoints ends, boolean reply, int identifier, int sequence) {
        return new LabeledFrame("ipv6 icmp6 " + ends.source6() + " > " + ends.destination6() + " echo "
                + (reply ? "reply" : "request") + " id " + identifier + " seq " + sequence,
                EthernetFrames.ipv6(ends, new Echo(reply, identifier, sequence), bytes("jfilter!")));
    }

    /** An ARP request (broadcast) or reply. */
    public static LabeledFrame arp(Endpoints ends, boolean reply) {
        String label = reply
                ? "arp reply " + ends.source4() + " is-at " + ends.sourceMac()
                : "arp who-has " + ends.destination4() + " tell " + ends.source4();
        return new LabeledFrame(label, EthernetFrames.arp(ends, reply));
    }

    /** {@code inner} with an 802.1Q tag of VLAN {@code vid} and {@code priority}. */
    public static LabeledFrame vlan(int vid, int priority, LabeledFrame inner) {
        return new LabeledFrame("vlan " + vid + " p " + priority + ", " + inner.label(),
                EthernetFrames.vlan(inner.frame(), vid, priority));
    }

    /** {@code inner} in an 802.1ad S-tag ({@code outerVid}, priority 0) and an 802.1Q C-tag ({@code innerVid}). */
    public static LabeledFrame qinq(int outerVid, int innerVid, LabeledFrame inner) {
        return new LabeledFrame("802.1ad vlan " + outerVid + ", vlan " + innerVid + ", " + inner.label(),
                EthernetFrames.qinq(inner.frame(), outerVid, 0, innerVid, 0));
    }

    /**
     * The known mix, 22 frames in this order: IPv4 TCP (SYN, SYN-ACK, PSH-ACK with data, FIN-ACK), IPv4 UDP (DNS,
     * NTP), ICMP echo request and reply, IPv6 TCP (SYN, RST-ACK), IPv6 UDP (DHCPv6, syslog), ICMPv6 echo request and
     * reply, ARP request and reply, 802.1Q with IPv4 UDP (VLAN 100 p 0, VLAN 4094 p 7), IPv6 UDP (VLAN 200 p 5)
     * and IPv4 TCP (VLAN 1 p 3), an 802.1p priority tag (VLAN 0 p 6) with IPv4 UDP, and QinQ (802.1ad 300 over
     * 802.1Q 10) with IPv4 UDP. About half go from the sender's addresses to the receiver's, half back; all are
     * meant to be sent from one end (their MACs say where they claim to come from, not where they are sent).
     */
    public static List<LabeledFrame> knownMix() {
        Endpoints out = SENDER_TO_RECEIVER;
        Endpoints back = RECEIVER_TO_SENDER;
        List<LabeledFrame> mix = new ArrayList<>();
        mix.add(ipv4Tcp(out, 40000, 80, Tcp.SYN, ""));
        mix.add(ipv4Tcp(back, 80, 40000, Tcp.SYN | Tcp.ACK, ""));
        mix.add(ipv4Tcp(out, 40001, 443, Tcp.PSH | Tcp.ACK, "GET / HTTP/1.1\r\n\r\n"));
        mix.add(ipv4Tcp(back, 22, 51022, Tcp.FIN | Tcp.ACK, ""));
        mix.add(ipv4Udp(out, 5353, 53, "query"));
        mix.add(ipv4Udp(back, 123, 123, "ntp"));
        mix.add(ipv4Echo(out, false, 0x6a66, 1));
        mix.add(ipv4Echo(back, true, 0x6a66, 1));
        mix.add(ipv6Tcp(out, 40002, 22, Tcp.SYN, ""));
        mix.add(ipv6Tcp(back, 8080, 40003, Tcp.RST | Tcp.ACK, ""));
        mix.add(ipv6Udp(out, 546, 547, "dhcpv6"));
        mix.add(ipv6Udp(back, 5000, 514, "syslog"));
        mix.add(ipv6Echo(out, false, 7, 2));
        mix.add(ipv6Echo(back, true, 7, 2));
        mix.add(arp(out, false));
        mix.add(arp(back, true));
        mix.add(vlan(100, 0, ipv4Udp(out, 1000, 2000, "vlan100")));
        mix.add(vlan(4094, 7, ipv4Udp(back, 3000, 53, "vlan4094")));
        mix.add(vlan(200, 5, ipv6Udp(out, 4000, 5000, "vlan200")));
        mix.add(vlan(1, 3, ipv4Tcp(back, 443, 40004, Tcp.ACK, "")));
        mix.add(vlan(0, 6, ipv4Udp(out, 6000, 7000, "prio6")));
        mix.add(qinq(300, 10, ipv4Udp(out, 8000, 9000, "qinq")));
        return List.copyOf(mix);
    }

    /** The frames' bytes, in order, for {@link RawSender#sendFrames} and {@link NetnsPair#sendFromSender}. */
    public static List<byte[]> frames(List<LabeledFrame> labeled) {
        return labeled.stream().map(LabeledFrame::frame).toList();
    }

    private static String label(String kind, String source, String destination, int sourcePort,
            int destinationPort) {
        return kind + " " + source + "." + sourcePort + " > " + destination + "." + destinationPort;
    }

    private static String flagText(int flags) {
        StringBuilder text = new StringBuilder();
        String letters = "FSRP.U"; // tcpdump's letters for FIN, SYN, RST, PSH, ACK, URG
        for (int bit = 0; bit < letters.length(); bit++) {
            if ((flags & 1 << bit) != 0) {
                text.append(letters.charAt(bit));
            }
        }
        return text.isEmpty() ? "none" : text.toString();
    }

    private static String payloadText(String payload) {
        return payload.isEmpty() ? "" : ", " + payload.length() + " bytes";
    }

    /** An IPv4 identification that differs between the mix's frames, derived from the transport header. */
    private static int id(Transport transport) {
        return switch (transport) {
            case Tcp t -> t.sourcePort() ^ t.destinationPort() ^ t.flags() << 8;
            case Udp u -> u.sourcePort() ^ u.destinationPort() ^ 0x1100;
            case Echo e -> e.identifier() ^ e.sequence() ^ (e.reply() ? 0x100 : 0);
        } & 0xffff;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
