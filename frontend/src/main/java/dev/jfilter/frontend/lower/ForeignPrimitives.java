package dev.jfilter.frontend.lower;

import dev.jfilter.frontend.ast.Primitive;
import dev.jfilter.frontend.link.LinkProtocols;
import dev.jfilter.frontend.link.LinkType;
import java.util.Locale;

/**
 * Primitives of other link types and the encapsulations not lowered yet. Where libpcap rejects one on this link
 * type, the same error; where libpcap would accept it, a plain "not supported yet" rather than a wrong program.
 * {@code pppoed} is the exception: it is a plain link-level protocol test and is lowered.
 */
final class ForeignPrimitives {
    private final LoweringContext ctx;

    ForeignPrimitives(LoweringContext ctx) {
        this.ctx = ctx;
    }

    /** {@code vlan}, {@code mpls}, {@code pppoed}, {@code pppoes}, {@code geneve} and {@code vxlan}. */
    Pred encapsulation(Primitive.Encapsulation e) {
        String keyword = e.kind().keyword();
        boolean ethernet = ctx.link.type() == LinkType.EN10MB;
        switch (e.kind()) {
            case VLAN -> {
                if (!ethernet) {
                    throw ctx.notSupportedOnDlt("vlan");
                }
                e.value().ifPresent(v -> Limits.atMost("VLAN tag", v, 0x0fff));
            }
            case MPLS -> {
                if (!ethernet) {
                    throw ctx.notSupportedOnDlt("mpls");
                }
                e.value().ifPresent(v -> Limits.atMost("MPLS label", v, 0xfffff));
            }
            case PPPOED -> {
                return ctx.linkType(LinkProtocols.ETHERTYPE_PPPOED);
            }
            case PPPOES -> {
                // libpcap tests the EtherType first (an error on some link types), then the session.
                ctx.linkType(LinkProtocols.ETHERTYPE_PPPOES);
                e.value().ifPresent(v -> Limits.atMost("PPPoE session number", v, 0xffff));
            }
            case GENEVE -> e.value().ifPresent(v -> Limits.atMost("Geneve VNI", v, 0xffffff));
            case VXLAN -> e.value().ifPresent(v -> Limits.atMost("VXLAN VNI", v, 0xffffff));
        }
        throw notYet(keyword);
    }

    /** libpcap's {@code assert_pflog}. */
    static LoweringException pflogOnly(String keyword) {
        return new LoweringException("'" + keyword + "' supported only on PFLOG linktype");
    }

    /** libpcap's {@code assert_atm}. */
    static LoweringException atmOnly(String keyword) {
        return new LoweringException("'" + keyword.toLowerCase(Locale.ROOT) + "' supported only on SUNATM");
    }

    /** libpcap's {@code assert_ss7}. */
    static LoweringException ss7Only(String keyword) {
        return new LoweringException("'" + keyword.toLowerCase(Locale.ROOT) + "' supported only on SS7");
    }

    /** For primitives libpcap accepts here that jfilter does not lower yet. */
    static LoweringException notYet(String keyword) {
        return new LoweringException("'" + keyword + "' is not supported yet");
    }
}
