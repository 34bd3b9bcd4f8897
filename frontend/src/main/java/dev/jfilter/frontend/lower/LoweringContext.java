package dev.jfilter.frontend.lower;

import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.link.LinkLayer;
import dev.jfilter.frontend.link.LinkType;
import java.util.List;

/**
 * The state of lowering one expression, libpcap's {@code compiler_state_t} in small: the options, the link layer
 * and the scratch-word allocator; and the helpers every primitive uses ({@code gen_load_a}, {@code gen_linktype},
 * {@code fail_kw_on_dlt}).
 */
final class LoweringContext {
    final CompileOptions options;
    final LinkLayer link;
    final ScratchRegisters registers = new ScratchRegisters();

    LoweringContext(CompileOptions options, LinkLayer link) {
        this.options = options;
        this.link = link;
    }

    /** Statements that load the field at {@code offset} from {@code base} into A (libpcap's {@code gen_load_a}). */
    List<Stmt> load(Base base, int offset, LoadSize size) {
        return switch (base) {
            case PACKET, LINK_HEADER -> List.of(new Stmt.LoadAbsolute(size, offset));
            case LLC -> List.of(new Stmt.LoadAbsolute(size, link.payloadOffset() + offset));
            case NETWORK -> List.of(new Stmt.LoadAbsolute(size, networkStart() + offset));
            case NETWORK_NOSNAP -> List.of(new Stmt.LoadAbsolute(size,
                    link.payloadOffset() + link.networkOffsetNoSnap() + offset));
            case LINK_TYPE -> List.of(new Stmt.LoadAbsolute(size, link.linkTypeOffset() + offset));
            case TRANSPORT_IPV4 -> List.of(ipv4HeaderLength(), new Stmt.LoadIndirect(size, networkStart() + offset));
            case TRANSPORT_IPV6 -> List.of(new Stmt.LoadAbsolute(size, networkStart() + 40 + offset));
        };
    }

    /** Where the network-layer header starts: {@code off_linkpl + off_nl}. */
    int networkStart() {
        return link.payloadOffset() + link.networkOffset();
    }

    /** {@code X = 4 * (IPv4 IHL)}: libpcap's {@code gen_loadx_iphdrlen} for a fixed payload offset. */
    Stmt ipv4HeaderLength() {
        return new Stmt.LoadIpHeaderLength(networkStart());
    }

    /** {@code gen_linktype}: a test for a link-level protocol. */
    Pred linkType(long llProto) {
        return link.protocolTest(llProto);
    }

    /** {@code field op v} at {@code offset} from {@code base}. */
    Pred eq(Base base, int offset, LoadSize size, long v) {
        return Checks.compare(load(base, offset, size), dev.jfilter.cfg.JumpOp.JEQ, false, v);
    }

    /** {@code (field & mask) == v} at {@code offset} from {@code base}. */
    Pred masked(Base base, int offset, LoadSize size, long v, long mask) {
        return Checks.masked(load(base, offset, size), v, mask);
    }

    /** The link type as libpcap's messages name it: {@code DLT_EN10MB (Ethernet)}. */
    String dltName() {
        return describe(link.type());
    }

    /** libpcap's {@code fail_kw_on_dlt}: {@code 'KEYWORD' not supported on DLT_X (description)}. */
    LoweringException notSupportedOnDlt(String keyword) {
        return new LoweringException("'" + keyword + "' not supported on " + dltName());
    }

    /** {@code pcapint_datalink_val_to_string}. */
    static String describe(LinkType type) {
        return "DLT_" + type.name() + " (" + type.description() + ")";
    }
}
