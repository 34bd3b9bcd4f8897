package dev.jfilter.frontend.link;

import static dev.jfilter.frontend.link.LinkProtocols.BSD_AFNUM_INET;
import static dev.jfilter.frontend.link.LinkProtocols.BSD_AFNUM_INET6_BSD;
import static dev.jfilter.frontend.link.LinkProtocols.BSD_AFNUM_INET6_DARWIN;
import static dev.jfilter.frontend.link.LinkProtocols.BSD_AFNUM_INET6_FREEBSD;
import static dev.jfilter.frontend.link.LinkProtocols.ETHERTYPE_IP;
import static dev.jfilter.frontend.link.LinkProtocols.ETHERTYPE_IPV6;

import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.frontend.lower.Base;
import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;
import java.util.List;
import java.util.Optional;

/**
 * {@code DLT_PFLOG}: the OpenBSD packet filter's log header ({@code struct pfloghdr}, pflog.h), then the IPv4 or
 * IPv6 packet. The header's length is in its first byte and the packet starts at that length rounded up to a
 * multiple of 4, so the payload offset is computed at run time (gencode.c {@code init_linktype},
 * {@code gen_load_pflog_llprefixlen}). The protocol is the one-byte address family: live captures compare this host's
 * {@code AF_INET}/{@code AF_INET6}, savefiles {@code AF_INET} and the BSD {@code AF_INET6} values 24, 28 and 30
 * ({@code gen_pflog_linktype}). The header also records the direction, the interface, the ruleset, the rule and
 * sub-rule numbers, the reason and the action, which the pflog primitives test.
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_PFLOG.html">LINKTYPE_PFLOG</a>
 */
public record Pflog(LoopbackEncoding encoding) implements LinkLayer {
    /** {@code length}: the header's length, before padding to a multiple of 4. */
    public static final int LENGTH = 0;
    /** {@code af}: the packet's address family. */
    public static final int AF = 1;
    /** {@code action}: a {@code PF_} action. */
    public static final int ACTION = 2;
    /** {@code reason}: a {@code PFRES_} reason. */
    public static final int REASON = 3;
    /** {@code ifname}: the interface name, NUL-padded. */
    public static final int IFNAME = 4;
    /** {@code ruleset}: the ruleset (anchor) name, NUL-padded. */
    public static final int RULESET = 20;
    /** The size of the {@code ifname} and {@code ruleset} fields ({@code PFLOG_IFNAMSIZ}). */
    public static final int NAME_SIZE = 16;
    /** {@code rulenr}: the rule number, a 32-bit word. */
    public static final int RULE_NUMBER = 36;
    /** {@code subrulenr}: the sub-rule number, a 32-bit word. */
    public static final int SUBRULE_NUMBER = 40;
    /** {@code dir}: {@code PF_IN} (1) or {@code PF_OUT} (2). */
    public static final int DIRECTION = 60;

    private static final int PF_IN = 1;
    private static final int PF_OUT = 2;

    @Override
    public LinkType type() {
        return LinkType.PFLOG;
    }

    @Override
    public LinkOffsets offsets() {
        // The payload is at 0 plus the padded header length; no 802.2 header.
        return new LinkOffsets(0, 0, 0, 0);
    }

    @Override
    public Optional<List<Stmt>> headerLengthAtRunTime() {
        // A = (P[0] + 3) & ~3
        return Optional.of(List.of(
                new Stmt.LoadAbsolute(LoadSize.BYTE, LENGTH),
                new Stmt.AluConstant(AluOp.ADD, 3),
                new Stmt.AluConstant(AluOp.AND, ~3)));
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        return switch (encoding) {
            case LoopbackEncoding.Live live -> {
                if (llProto == ETHERTYPE_IP) {
                    yield family(f, live.afInet());
                }
                yield llProto == ETHERTYPE_IPV6 ? family(f, live.afInet6()) : Pred.FALSE;
            }
            case LoopbackEncoding.Savefile file -> {
                if (llProto == ETHERTYPE_IP) {
                    yield family(f, BSD_AFNUM_INET);
                }
                if (llProto != ETHERTYPE_IPV6) {
                    yield Pred.FALSE;
                }
                // gen_bsd_af_linktype_offline's order: Darwin's value, then BSD's, then FreeBSD's.
                Pred bsdOrFreeBsd = Pred.or(family(f, BSD_AFNUM_INET6_BSD), family(f, BSD_AFNUM_INET6_FREEBSD));
                yield Pred.or(family(f, BSD_AFNUM_INET6_DARWIN), bsdOrFreeBsd);
            }
        };
    }

    private static Pred family(Fields f, int af) {
        return f.eq(Base.LINK_HEADER, AF, LoadSize.BYTE, af);
    }

    @Override
    public Optional<Pred> direction(Fields f, boolean outbound) {
        return Optional.of(f.eq(Base.LINK_HEADER, DIRECTION, LoadSize.BYTE, outbound ? PF_OUT : PF_IN));
    }
}
