package dev.jfilter.frontend.lower;

import static dev.jfilter.frontend.link.LinkProtocols.ETHERTYPE_8021AD;
import static dev.jfilter.frontend.link.LinkProtocols.ETHERTYPE_8021Q;
import static dev.jfilter.frontend.link.LinkProtocols.ETHERTYPE_8021QINQ;
import static dev.jfilter.frontend.link.LinkProtocols.ETHERTYPE_IP;
import static dev.jfilter.frontend.link.LinkProtocols.ETHERTYPE_IPV6;
import static dev.jfilter.frontend.link.LinkProtocols.ETHERTYPE_MPLS;
import static dev.jfilter.frontend.link.LinkProtocols.ETHERTYPE_PPPOED;
import static dev.jfilter.frontend.link.LinkProtocols.ETHERTYPE_PPPOES;

import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.frontend.ast.Primitive;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.link.Ppp;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code vlan}, {@code mpls}, {@code pppoed} and {@code pppoes}: libpcap's {@code gen_vlan}, {@code gen_mpls},
 * {@code gen_pppoed} and {@code gen_pppoes} (gencode.c, master). Each tests for its header, then moves the
 * {@link Layout} past it for everything lowered after it, whatever {@code and}, {@code or} or parentheses
 * connect them with: {@code vlan or ip} tests {@code ip} inside the tag (pcap-filter(7); libpcap issues #798,
 * #158, #916). The tunnels ({@code geneve}, {@code vxlan}) are in {@link Tunnels}.
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-filter.7.html">pcap-filter(7)</a>
 */
final class Encapsulations {
    /** RFC 3032: a label stack entry is 4 bytes, the label its 20 high bits. */
    private static final int MPLS_ENTRY = 4;
    private static final long MPLS_LABEL_MAX = 0xfffff;
    private static final int MPLS_LABEL_SHIFT = 12;
    /** RFC 2516: the PPPoE header is 6 bytes, the PPP protocol field follows. */
    private static final int PPPOE_HEADER = 6;
    private static final int VLAN_TAG = 4;

    private final LoweringContext ctx;
    private final Tunnels tunnels;

    Encapsulations(LoweringContext ctx, Ports ports) {
        this.ctx = ctx;
        this.tunnels = new Tunnels(ctx, ports);
    }

    Pred lower(Primitive.Encapsulation e) {
        OptionalLong v = e.value();
        return switch (e.kind()) {
            case VLAN -> vlan(v);
            case MPLS -> mpls(v);
            case PPPOED -> ctx.linkType(ETHERTYPE_PPPOED);
            case PPPOES -> pppoes(v);
            case GENEVE -> tunnels.geneve(v);
            case VXLAN -> tunnels.vxlan(v);
        };
    }

    /** {@code vlan [id]} ({@code gen_vlan}). */
    private Pred vlan(OptionalLong id) {
        Layout l = ctx.layout;
        if (l.mplsDepth > 0) {
            throw new LoweringException("no VLAN match after MPLS");
        }
        if (!ctx.link().ethernetFraming() && !ctx.link().carriesVlan()) {
            throw ctx.notSupportedOnDlt("vlan");
        }
        // In a live Linux capture the kernel may have moved the outermost tag into the packet's metadata (of an
        // Ethernet capture; the tags of a pseudo-header's or DSA tag's frame stay in place).
        Pred b0 = ctx.options.linuxExtensions() && ctx.link().type() == LinkType.EN10MB && l.vlanDepth == 0
                && l.outermost()
                ? vlanWithMetadata(id)
                : vlanInline(id);
        l.vlanDepth++;
        return b0;
    }

    /** A tag in the packet data; the payload and protocol field move 4 bytes ({@code gen_vlan_no_bpf_extensions}). */
    private Pred vlanInline(OptionalLong id) {
        Pred b0 = tpidTest();
        if (id.isPresent()) {
            b0 = Pred.and(b0, vidTest(id.getAsLong()));
        }
        ctx.layout.linkPayload.constant += VLAN_TAG;
        ctx.layout.linkType.constant += VLAN_TAG;
        return b0;
    }

    /** 802.1Q, 802.1ad and the old QinQ TPID ({@code gen_vlan_tpid_test}). */
    private Pred tpidTest() {
        Pred b0 = ctx.linkType(ETHERTYPE_8021Q);
        Pred b1 = ctx.linkType(ETHERTYPE_8021AD);
        b0 = Pred.or(b0, b1);
        b1 = ctx.linkType(ETHERTYPE_8021QINQ);
        return Pred.or(b0, b1);
    }

    /** The 12-bit VLAN ID of the tag ({@code gen_vlan_vid_test}). */
    private Pred vidTest(long vid) {
        Limits.atMost("VLAN tag", vid, 0x0fff);
        return ctx.masked(Base.NETWORK, 0, LoadSize.HALF, vid, 0x0fff);
    }

    /**
     * {@code gen_vlan_bpf_extensions}: a tag in the metadata ({@code vlanp}, {@code vlan_tci}) leaves the offsets
     * alone; a tag in the packet data moves them, at run time, by adding 4 to the scratch words that now hold their
     * variable parts. Both tests are built at the constant offsets first, as libpcap does.
     */
    private Pred vlanWithMetadata(OptionalLong id) {
        Layout l = ctx.layout;
        Pred present = tagPresent();
        Pred tpid = tpidTest();
        Pred vid = id.isPresent() ? vidTest(id.getAsLong()) : null;
        List<Stmt> advance = new ArrayList<>();
        advance(l.linkPayload, advance);
        advance(l.linkType, advance);
        Pred b0 = Pred.or(present, Pred.prepend(advance, tpid));
        if (vid != null) {
            b0 = Pred.and(b0, tciFromMetadata((Pred.Test) vid));
        }
        return b0;
    }

    /** {@code ldb [vlanp]; jeq #1}. */
    private static Pred tagPresent() {
        return new Pred.Test(List.of(new Stmt.LoadAncillary(Ancillary.VLAN_TAG_PRESENT)), Condition.of(JumpOp.JEQ, 1));
    }

    /** {@code gen_vlan_vloffset_add}: the offset becomes variable, and its word grows by a tag at run time. */
    private void advance(AbsoluteOffset offset, List<Stmt> out) {
        offset.variable = true;
        if (offset.reg == -1) {
            offset.reg = ctx.allocateOffsetRegister();
        }
        out.add(new Stmt.LoadScratch(Register.A, offset.reg));
        out.add(new Stmt.AluConstant(AluOp.ADD, VLAN_TAG));
        out.add(new Stmt.Store(Register.A, offset.reg));
    }

    /**
     * {@code gen_vlan_patch_vid_test}: the VID test takes the TCI from the metadata when a tag is there, from the
     * packet data otherwise; both go through the test's last statement (the mask) and its comparison.
     */
    private static Pred tciFromMetadata(Pred.Test vid) {
        List<Stmt> all = vid.statements();
        List<Stmt> fromMetadata = new ArrayList<>();
        fromMetadata.add(new Stmt.LoadAncillary(Ancillary.VLAN_TAG));
        fromMetadata.add(all.getLast());
        return new Pred.Choice(tagPresent(), new Pred.Test(fromMetadata, vid.condition()), vid);
    }

    /** {@code mpls [label]} ({@code gen_mpls_internal}). */
    private Pred mpls(OptionalLong label) {
        Layout l = ctx.layout;
        Pred b0;
        if (l.mplsDepth > 0) {
            // Inside a stack: the entry before must not be the bottom one.
            b0 = Pred.not(justAfterStack(ctx));
        } else if (ctx.link().ethernetFraming()) {
            b0 = ctx.linkType(ETHERTYPE_MPLS);
        } else if (ctx.link().type() == LinkType.PPP) {
            b0 = ctx.linkType(Ppp.PPP_MPLS_UCAST);
        } else if (ctx.link().type() == LinkType.C_HDLC) {
            b0 = ctx.linkType(ETHERTYPE_MPLS);
        } else {
            throw ctx.notSupportedOnDlt("mpls");
        }
        if (label.isPresent()) {
            Limits.atMost("MPLS label", label.getAsLong(), MPLS_LABEL_MAX);
            Pred b1 = ctx.masked(Base.NETWORK, 0, LoadSize.WORD, label.getAsLong() << MPLS_LABEL_SHIFT,
                    MPLS_LABEL_MAX << MPLS_LABEL_SHIFT);
            b0 = Pred.and(b0, b1);
        }
        l.networkNoSnap += MPLS_ENTRY;
        l.network += MPLS_ENTRY;
        l.mplsDepth++;
        return b0;
    }

    /** The entry before the network header has the bottom-of-stack bit ({@code gen_just_after_mpls_stack}). */
    private static Pred justAfterStack(LoweringContext ctx) {
        return Checks.set(ctx.load(Base.PREVIOUS_MPLS, 2, LoadSize.BYTE), 0x01);
    }

    /**
     * {@code gen_mpls_linktype}: inside an MPLS stack only IPv4 and IPv6 can be recognised, by the bottom-of-stack
     * bit and the IP version; any other link-level protocol is an error.
     */
    static Pred mplsLinkType(LoweringContext ctx, long llProto) {
        int version;
        if (llProto == ETHERTYPE_IP) {
            version = 4;
        } else if (llProto == ETHERTYPE_IPV6) {
            version = 6;
        } else {
            throw new LoweringException("unsupported protocol over mpls");
        }
        Pred b0 = justAfterStack(ctx);
        Pred b1 = ctx.masked(Base.NETWORK, 0, LoadSize.BYTE, version << 4, 0xf0);
        return Pred.and(b0, b1);
    }

    /**
     * {@code pppoes [session]} ({@code gen_pppoes}): a PPPoE session frame, after which the link layer is PPP
     * whose header (the protocol field) starts after the 6-byte PPPoE header.
     */
    private Pred pppoes(OptionalLong session) {
        Pred b0 = ctx.linkType(ETHERTYPE_PPPOES);
        if (session.isPresent()) {
            Limits.atMost("PPPoE session number", session.getAsLong(), 0xffff);
            b0 = Pred.and(b0, ctx.eq(Base.NETWORK, 2, LoadSize.HALF, session.getAsLong()));
        }
        Layout l = ctx.layout;
        AbsoluteOffset payload = l.linkPayload;
        l.pushLinkHeader(new Ppp(), payload.variable, payload.constant + l.network + PPPOE_HEADER, payload.reg);
        l.linkType = l.linkHeader.copy();
        l.linkPayload.constant = l.linkHeader.constant + 2;
        l.network = 0;
        l.networkNoSnap = 0;
        return b0;
    }
}
