package dev.jfilter.frontend.lower;

import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.link.LinkLayer;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.link.SunAtm;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The state of lowering one expression, libpcap's {@code compiler_state_t} in small: the options, the
 * {@link Layout} of the headers (changed by the encapsulations as they are lowered) and the scratch-word allocator;
 * and the helpers every primitive uses ({@code gen_load_a}, {@code gen_linktype}, {@code fail_kw_on_dlt}).
 */
final class LoweringContext implements Fields {
    final CompileOptions options;
    final ScratchRegisters registers = new ScratchRegisters();
    final Layout layout;
    /** The scratch words that hold run-time header offsets: the program may read them before any path wrote them. */
    final BitSet offsetRegisters = new BitSet();

    LoweringContext(CompileOptions options, LinkLayer link) {
        this.options = options;
        this.layout = new Layout(link);
    }

    /** The link layer whose header the link-level primitives test now ({@code cstate->linktype}). */
    LinkLayer link() {
        return layout.link;
    }

    /** A scratch word for a run-time header offset; it stays in use for the rest of the expression. */
    int allocateOffsetRegister() {
        int reg = registers.allocate();
        offsetRegisters.set(reg);
        return reg;
    }

    /** Statements that load the field at {@code offset} from {@code base} into A (libpcap's {@code gen_load_a}). */
    @Override
    public List<Stmt> load(Base base, int offset, LoadSize size) {
        Layout l = layout;
        return switch (base) {
            case PACKET -> List.of(new Stmt.LoadAbsolute(size, offset));
            case LINK_HEADER -> at(l.linkHeader, offset, size);
            case LLC -> at(l.linkPayload, offset, size);
            case PREVIOUS_MPLS -> at(l.linkPayload, l.network - 4 + offset, size);
            case NETWORK -> at(l.linkPayload, l.network + offset, size);
            case NETWORK_NOSNAP -> at(l.linkPayload, l.networkNoSnap + offset, size);
            case LINK_TYPE -> at(l.linkType, offset, size);
            case TRANSPORT_IPV4 -> {
                List<Stmt> s = new ArrayList<>(ipv4HeaderLength());
                int k = l.linkPayload.constant + l.network + offset;
                s.add(unsetOffset(l.linkPayload.constant, l.network + offset, k)
                        ? new Stmt.LoadAbsolute(size, NOT_IN_ANY_PACKET)
                        : new Stmt.LoadIndirect(size, k));
                yield s;
            }
            case TRANSPORT_IPV6 -> at(l.linkPayload, l.network + 40 + offset, size);
        };
    }

    /** A load at {@code offset} past an absolute offset ({@code gen_load_absoffsetrel}). */
    private List<Stmt> at(AbsoluteOffset base, int offset, LoadSize size) {
        List<Stmt> s = new ArrayList<>(variablePart(base));
        int k = base.constant + offset;
        if (unsetOffset(base.constant, offset, k)) {
            s.add(new Stmt.LoadAbsolute(size, NOT_IN_ANY_PACKET));
            return s;
        }
        s.add(s.isEmpty() ? new Stmt.LoadAbsolute(size, k) : new Stmt.LoadIndirect(size, k));
        return s;
    }

    /** An offset past every packet: a load there fails in libpcap's {@code bpf_filter} and in the kernel alike. */
    static final int NOT_IN_ANY_PACKET = Integer.MAX_VALUE;

    /**
     * Whether a load's offset comes from one libpcap leaves unset ({@code OFFSET_NOT_SET}, -1: Juniper types without
     * a payload offset) and wraps to "negative": {@code bpf_filter} fails such a load ({@code k >= buflen}), while the
     * kernel would read it as an ancillary or header-relative offset, or add it to X. jfilter loads past every
     * packet instead, which fails in both.
     */
    private static boolean unsetOffset(int base, int offset, int k) {
        return (base < 0 || offset < 0) && k < 0;
    }

    /**
     * {@code X = } the variable part of an offset, or nothing when it has none ({@code gen_abs_offset_varpart},
     * which allocates the word on first use).
     */
    List<Stmt> variablePart(AbsoluteOffset offset) {
        if (!offset.variable) {
            return List.of();
        }
        if (offset.reg == -1) {
            offset.reg = allocateOffsetRegister();
        }
        return List.of(new Stmt.LoadScratch(Register.X, offset.reg));
    }

    /** Where the network-layer header starts when that is a constant: {@code off_linkpl + off_nl}. */
    int networkStart() {
        return layout.linkPayload.constant + layout.network;
    }

    /**
     * {@code X = 4 * (IPv4 IHL)} plus the variable part of the payload offset, if any: libpcap's
     * {@code gen_loadx_iphdrlen}.
     */
    List<Stmt> ipv4HeaderLength() {
        List<Stmt> v = variablePart(layout.linkPayload);
        if (v.isEmpty()) {
            int k = networkStart();
            return List.of(new Stmt.LoadIpHeaderLength(
                    unsetOffset(layout.linkPayload.constant, layout.network, k) ? NOT_IN_ANY_PACKET : k));
        }
        List<Stmt> s = new ArrayList<>(v);
        s.add(new Stmt.LoadIndirect(LoadSize.BYTE, networkStart()));
        s.add(new Stmt.AluConstant(AluOp.AND, 0xf));
        s.add(new Stmt.AluConstant(AluOp.LSH, 2));
        s.add(new Stmt.AluX(AluOp.ADD));
        s.add(new Stmt.Tax());
        return s;
    }

    /**
     * {@code field == value} for a Linux ancillary field, loaded as libpcap does, relative to the link-layer header
     * ({@code gen_cmp(OR_LINKHDR, SKF_AD_OFF + field)}): where that header is not at the start of the packet (inside
     * PPPoE or a tunnel), the load lands elsewhere, as in libpcap's programs. Where it lands on no ancillary field,
     * libpcap's {@code bpf_filter} fails the load (the program returns 0) and the kernel refuses the program; jfilter
     * returns 0 there, which the kernel takes.
     */
    Pred ancillaryIs(Ancillary field, LoadSize size, long value) {
        AbsoluteOffset h = layout.linkHeader;
        int k = field.absoluteOffset() + h.constant;
        Condition is = Condition.of(JumpOp.JEQ, (int) value);
        List<Stmt> v = variablePart(h);
        if (!v.isEmpty()) {
            List<Stmt> s = new ArrayList<>(v);
            s.add(new Stmt.LoadIndirect(size, k));
            return new Pred.Test(s, is);
        }
        return Ancillary.ofAbsoluteOffset(k)
                .<Pred>map(a -> new Pred.Test(List.of(new Stmt.LoadAncillary(a)), is))
                .orElse(FAILED_LOAD);
    }

    /** A load that always fails: the program ends there, returning 0, whatever the test around it. */
    static final Pred FAILED_LOAD = new Pred.SubGraph("a load that fails (return 0)",
            (cfg, ifTrue, ifFalse) -> cfg.addReturn(0));

    /**
     * libpcap's {@code gen_prevlinkhdr_check} for the link layers jfilter lowers: inside a tunnel, that the inner
     * frame has a link-layer header ({@code gen_encap_ll_check}); after SunATM's {@code lane}, that the LANE frame is
     * data; otherwise nothing (null).
     */
    Pred previousLinkHeaderCheck() {
        if (layout.encapsulated) {
            return Tunnels.hasLinkHeader(this);
        }
        if (layout.previousLink.type() == LinkType.SUNATM) {
            // LANE-encapsulated Ethernet (after 'lane'): data, not an LE Control frame (marker 0xff00).
            return Checks.compare(at(layout.previousLinkHeader, SunAtm.PAYLOAD, LoadSize.HALF), JumpOp.JEQ, true,
                    LANE_CONTROL_MARKER);
        }
        return null;
    }

    /** The LE Control marker that starts a LANE control frame instead of a LE header. */
    private static final int LANE_CONTROL_MARKER = 0xff00;
    /**
     * The offset words the finished program uses, for {@code insert_compute_vloffsets}: the link-layer header's
     * word is allocated here when the payload's is and the header is variable (the payload's offset is computed
     * from it).
     */
    dev.jfilter.frontend.link.RunTimeOffsets runTimeOffsets() {
        Layout l = layout;
        if (l.linkPayload.reg != -1 && l.linkHeader.variable && l.linkHeader.reg == -1) {
            l.linkHeader.reg = allocateOffsetRegister();
        }
        return new dev.jfilter.frontend.link.RunTimeOffsets(l.linkHeader.reg, l.linkPayload.reg, l.link.type());
    }

    /** {@code gen_linktype}: a test for a link-level protocol. */
    Pred linkType(long llProto) {
        if (layout.mplsDepth > 0) {
            return Encapsulations.mplsLinkType(this, llProto);
        }
        Pred test = layout.link.protocolTest(this, llProto);
        if (layout.link.type() == LinkType.EN10MB && !layout.encapsulated) {
            // Ethernet inside another link layer (LANE) may need a test of the outer header first.
            Pred b0 = previousLinkHeaderCheck();
            return b0 == null ? test : Pred.and(b0, test);
        }
        return test;
    }

    /** The link type as libpcap's messages name it: {@code DLT_EN10MB (Ethernet)}. */
    String dltName() {
        return describe(layout.link.type());
    }

    /** libpcap's {@code fail_kw_on_dlt}: {@code 'KEYWORD' not supported on DLT_X (description)}. */
    LoweringException notSupportedOnDlt(String keyword) {
        return new LoweringException("'" + keyword + "' not supported on " + dltName());
    }

    /** {@code pcapint_datalink_val_to_string}. */
    static String describe(LinkType type) {
        return type.describe();
    }
}
