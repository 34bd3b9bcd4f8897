package dev.jfilter.frontend.lower;

import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.link.Pflog;
import java.nio.charset.StandardCharsets;

/**
 * The pflog primitives: {@code ifname}/{@code on}, {@code ruleset}/{@code rset}, {@code rnr}/{@code rulenum},
 * {@code srnr}/{@code subrulenum}, {@code reason} and {@code action}, tests of the pflog header's fields (gencode.c
 * {@code gen_pf_ifname}, {@code gen_pf_ruleset}, {@code gen_pf_rnr}, {@code gen_pf_srnr}, {@code gen_pf_reason},
 * {@code gen_pf_action}). Each is refused on other link types ({@code assert_pflog}); a name is compared over its own
 * length, so it matches the names it begins.
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-filter.7.html">pcap-filter(7)</a>
 */
final class PflogPrimitives {
    private final LoweringContext ctx;

    PflogPrimitives(LoweringContext ctx) {
        this.ctx = ctx;
    }

    private void requirePflog(String keyword) {
        if (ctx.link().type() != LinkType.PFLOG) {
            throw ForeignPrimitives.pflogOnly(keyword);
        }
    }

    /** {@code ifname NAME}: the interface the packet was logged on. */
    Pred ifname(String name) {
        requirePflog("ifname");
        return nameField(Pflog.IFNAME, name, "ifname interface names");
    }

    /** {@code ruleset NAME}: the ruleset (anchor) of the rule that logged the packet. */
    Pred ruleset(String name) {
        requirePflog("ruleset");
        return nameField(Pflog.RULESET, name, "ruleset names");
    }

    /** The NUL-padded name field at {@code offset} starts with {@code name}, which must leave room for the NUL. */
    private Pred nameField(int offset, String name, String what) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= Pflog.NAME_SIZE) {
            throw new LoweringException(what + " can only be " + (Pflog.NAME_SIZE - 1) + " characters");
        }
        return ctx.bytes(Base.LINK_HEADER, offset, bytes);
    }

    /** {@code rnr N}: the rule number. */
    Pred ruleNumber(long number) {
        requirePflog("rnr");
        return ctx.eq(Base.LINK_HEADER, Pflog.RULE_NUMBER, LoadSize.WORD, number & 0xffffffffL);
    }

    /** {@code srnr N}: the sub-rule number. */
    Pred subruleNumber(long number) {
        requirePflog("srnr");
        return ctx.eq(Base.LINK_HEADER, Pflog.SUBRULE_NUMBER, LoadSize.WORD, number & 0xffffffffL);
    }

    /** {@code reason R}: why the packet was logged. */
    Pred reason(int reason) {
        requirePflog("reason");
        return ctx.eq(Base.LINK_HEADER, Pflog.REASON, LoadSize.BYTE, reason & 0xffffffffL);
    }

    /** {@code action A}: what the rule did with the packet. */
    Pred action(int action) {
        requirePflog("action");
        return ctx.eq(Base.LINK_HEADER, Pflog.ACTION, LoadSize.BYTE, action & 0xffffffffL);
    }
}
