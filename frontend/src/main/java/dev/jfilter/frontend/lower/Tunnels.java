package dev.jfilter.frontend.lower;

import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.frontend.ast.DirQualifier;
import dev.jfilter.frontend.link.Ethernet;
import dev.jfilter.frontend.link.LinkProtocols;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code geneve [vni]} and {@code vxlan [vni]}: UDP tunnels over IPv4 or IPv6 (libpcap master's
 * {@code gen_geneve} and {@code gen_vxlan}, gencode.c). After the outer headers match, the program computes where
 * the inner frame's headers are and keeps them in three scratch words (link-layer header, protocol field,
 * payload); everything lowered after the primitive tests the inner frame, as Ethernet, at those run-time offsets.
 *
 * <p>The offsets are computed only on the path where the tunnel matched; a later primitive reached on another
 * path ({@code geneve or tcp}) reads the words unwritten, where libpcap master's interpreter sees zeros. The
 * lowering writes zeros to such words at the start of the program ({@link Lowering}), so the kernel, which refuses
 * reads of unwritten words, takes the program, and the verdicts are master's.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8926">RFC 8926 (Geneve)</a>, <a
 *     href="https://www.rfc-editor.org/rfc/rfc7348">RFC 7348 (VXLAN)</a>
 */
final class Tunnels {
    static final int GENEVE_PORT = 6081;
    static final int VXLAN_PORT = 4789;
    private static final int UDP_HEADER = 8;
    private static final int IPV6_HEADER = 40;
    private static final long VNI_MAX = 0xffffff;

    private final LoweringContext ctx;
    private final Ports ports;

    Tunnels(LoweringContext ctx, Ports ports) {
        this.ctx = ctx;
        this.ports = ports;
    }

    /** {@code geneve [vni]} ({@code gen_geneve}). */
    Pred geneve(OptionalLong vni) {
        Pred b0 = overIpv4(genevePattern(Base.TRANSPORT_IPV4, vni));
        Pred b1 = overIpv6(genevePattern(Base.TRANSPORT_IPV6, vni));
        Pred offsets = geneveOffsets();
        ctx.layout.encapsulated = true;
        return Pred.and(Pred.or(b0, b1), offsets);
    }

    /** {@code vxlan [vni]} ({@code gen_vxlan}). */
    Pred vxlan(OptionalLong vni) {
        Pred b0 = overIpv4(vxlanPattern(Base.TRANSPORT_IPV4, vni));
        Pred b1 = overIpv6(vxlanPattern(Base.TRANSPORT_IPV6, vni));
        Pred offsets = vxlanOffsets();
        ctx.layout.encapsulated = true;
        return Pred.and(Pred.or(b0, b1), offsets);
    }

    /** The UDP port, version 0 and the VNI, over IPv4 or IPv6 as {@code udp} says ({@code gen_geneve_check}). */
    private Pred genevePattern(Base udp, OptionalLong vni) {
        Pred b0 = udp == Base.TRANSPORT_IPV4
                ? ports.ipv4Port(GENEVE_PORT, Protocols.IPPROTO_UDP, DirQualifier.DST)
                : ports.ipv6Port(GENEVE_PORT, Protocols.IPPROTO_UDP, DirQualifier.DST);
        // Version 0: the two high bits of the first byte after the UDP header.
        b0 = Pred.and(b0, ctx.masked(udp, UDP_HEADER, LoadSize.BYTE, 0, 0xc0));
        if (vni.isPresent()) {
            b0 = Pred.and(b0, vniTest("Geneve VNI", udp, vni.getAsLong()));
        }
        return b0;
    }

    /** The UDP port, the I flag and the VNI ({@code gen_vxlan_check}). */
    private Pred vxlanPattern(Base udp, OptionalLong vni) {
        Pred b0 = udp == Base.TRANSPORT_IPV4
                ? ports.ipv4Port(VXLAN_PORT, Protocols.IPPROTO_UDP, DirQualifier.DST)
                : ports.ipv6Port(VXLAN_PORT, Protocols.IPPROTO_UDP, DirQualifier.DST);
        b0 = Pred.and(b0, ctx.eq(udp, UDP_HEADER, LoadSize.BYTE, 0x08));
        if (vni.isPresent()) {
            b0 = Pred.and(b0, vniTest("VXLAN VNI", udp, vni.getAsLong()));
        }
        return b0;
    }

    /** The 24-bit VNI in the upper three bytes of the tunnel header's second word. */
    private Pred vniTest(String name, Base udp, long vni) {
        Limits.atMost(name, vni, VNI_MAX);
        return ctx.masked(udp, UDP_HEADER + 4, LoadSize.WORD, vni << 8, 0xffffff00L);
    }

    /**
     * {@code gen_geneve4}: after the pattern, A = the IPv4 header length (plus the payload's variable part), by a
     * test that always holds ({@code txa; jeq x}), so the offsets that follow can start from it.
     */
    private Pred overIpv4(Pred pattern) {
        List<Stmt> s = new ArrayList<>(ctx.ipv4HeaderLength());
        s.add(new Stmt.Txa());
        return Pred.and(pattern, new Pred.Test(s, Condition.ofX(JumpOp.JEQ)));
    }

    /** {@code gen_geneve6}: A = X = 40 plus the payload's variable part. */
    private Pred overIpv6(Pred pattern) {
        List<Stmt> s = new ArrayList<>(ctx.variablePart(ctx.layout.linkPayload));
        s.add(new Stmt.LoadConstant(Register.A, IPV6_HEADER));
        if (s.size() > 1) {
            s.add(new Stmt.AluX(AluOp.ADD));
        }
        s.add(new Stmt.Tax());
        return Pred.and(pattern, new Pred.Test(s, Condition.ofX(JumpOp.JEQ)));
    }

    /**
     * {@code gen_geneve_offsets}: from A (the IP header's length) the start of the Geneve header, its protocol
     * field, its length with options, and then: the inner frame is Ethernet (Transparent Ethernet Bridging) with its
     * own EtherType and payload after 14 bytes, or a bare network packet whose type is the Geneve protocol field.
     * libpcap jumps inside one block here; this is a {@link Pred.Choice}.
     */
    private Pred geneveOffsets() {
        Layout l = ctx.layout;
        List<Stmt> head = new ArrayList<>();
        head.add(new Stmt.AluConstant(AluOp.ADD, l.linkPayload.constant + l.network + UDP_HEADER));
        head.add(new Stmt.Tax());
        head.add(new Stmt.AluConstant(AluOp.ADD, 2));
        l.linkType = new AbsoluteOffset(true, 0, ctx.allocateOffsetRegister());
        head.add(new Stmt.Store(Register.A, l.linkType.reg));
        // Option length, in 4-byte words, in the low 6 bits of the first byte; then the 8-byte base header.
        head.add(new Stmt.LoadIndirect(LoadSize.BYTE, 0));
        head.add(new Stmt.AluConstant(AluOp.AND, 0x3f));
        head.add(new Stmt.AluConstant(AluOp.MUL, 4));
        head.add(new Stmt.AluConstant(AluOp.ADD, 8));
        head.add(new Stmt.AluX(AluOp.ADD));
        l.pushLinkHeader(new Ethernet(), true, 0, ctx.allocateOffsetRegister());
        head.add(new Stmt.Store(Register.A, l.linkHeader.reg));
        head.add(new Stmt.LoadIndirect(LoadSize.HALF, 2));
        head.add(new Stmt.LoadScratch(Register.X, l.linkHeader.reg));
        Pred isEthernet = new Pred.Test(head, Condition.of(JumpOp.JEQ, LinkProtocols.ETHERTYPE_TEB));

        List<Stmt> ethernet = new ArrayList<>();
        ethernet.add(new Stmt.Txa());
        ethernet.add(new Stmt.AluConstant(AluOp.ADD, 12));
        ethernet.add(new Stmt.Store(Register.A, l.linkType.reg));
        ethernet.add(new Stmt.AluConstant(AluOp.ADD, 2));
        ethernet.add(new Stmt.Tax());
        l.linkPayload = new AbsoluteOffset(true, 0, ctx.allocateOffsetRegister());
        List<Stmt> join = List.of(new Stmt.Store(Register.X, l.linkPayload.reg), new Stmt.LoadConstant(Register.A, 0));
        ethernet.addAll(join);
        l.network = 0;
        // The join ends in libpcap's always-true block ("ld #0; jeq #0").
        Condition always = Condition.of(JumpOp.JEQ, 0);
        return new Pred.Choice(isEthernet, new Pred.Test(ethernet, always), new Pred.Test(join, always));
    }

    /** {@code gen_vxlan_offsets}: VXLAN always carries Ethernet, after its 8-byte header. */
    private Pred vxlanOffsets() {
        Layout l = ctx.layout;
        List<Stmt> s = new ArrayList<>();
        s.add(new Stmt.AluConstant(AluOp.ADD, l.linkPayload.constant + l.network + UDP_HEADER));
        s.add(new Stmt.AluConstant(AluOp.ADD, 8));
        l.pushLinkHeader(new Ethernet(), true, 0, ctx.allocateOffsetRegister());
        s.add(new Stmt.Store(Register.A, l.linkHeader.reg));
        s.add(new Stmt.AluConstant(AluOp.ADD, 12));
        l.linkType = new AbsoluteOffset(true, 0, ctx.allocateOffsetRegister());
        s.add(new Stmt.Store(Register.A, l.linkType.reg));
        s.add(new Stmt.AluConstant(AluOp.ADD, 2));
        s.add(new Stmt.Tax());
        l.linkPayload = new AbsoluteOffset(true, 0, ctx.allocateOffsetRegister());
        s.add(new Stmt.Store(Register.X, l.linkPayload.reg));
        s.add(new Stmt.LoadConstant(Register.A, 0));
        l.network = 0;
        return new Pred.Test(s, Condition.of(JumpOp.JEQ, 0));
    }

    /**
     * libpcap's {@code gen_encap_ll_check}: inside a tunnel, whether the inner frame has a link-layer header (the
     * header and payload offsets differ), for primitives that read MAC addresses.
     */
    static Pred hasLinkHeader(LoweringContext ctx) {
        List<Stmt> s = List.of(new Stmt.LoadScratch(Register.A, ctx.layout.linkHeader.reg),
                new Stmt.LoadScratch(Register.X, ctx.layout.linkPayload.reg));
        return Pred.not(new Pred.Test(s, Condition.ofX(JumpOp.JEQ)));
    }
}
