package dev.jfilter.runtime;

import dev.jfilter.ebpf.gen.Problem;
import dev.jfilter.ebpf.gen.Target;
import dev.jfilter.frontend.link.LinkType;
import java.util.Optional;

/**
 * Which link types each eBPF program type sees packets of. An XDP program gets the frame the driver received:
 * Ethernet. A tc classifier sees the device's link layer, Ethernet or, on devices without one (tun, IP tunnels), the
 * IP packet. A socket filter on a packet socket sees whatever the socket delivers, so any link type goes.
 *
 * @see <a href="https://docs.kernel.org/networking/filter.html">Linux Socket Filtering</a>
 */
final class EbpfLinkTypes {
    private EbpfLinkTypes() {}

    /** Why programs of {@code target} cannot filter packets of {@code link}, if they cannot. */
    static Optional<Problem> problem(Target target, LinkType link) {
        boolean fits = switch (target) {
            case SOCKET -> true;
            case TC -> link == LinkType.EN10MB || link == LinkType.RAW;
            case XDP -> link == LinkType.EN10MB;
        };
        if (fits) {
            return Optional.empty();
        }
        String sees = target == Target.XDP ? "Ethernet frames only" : "Ethernet frames or, on devices without a link"
                + " layer, raw IP packets (-y RAW)";
        return Optional.of(new Problem(target.withArticle() + " sees " + sees + ", not link type " + link.name()));
    }
}
