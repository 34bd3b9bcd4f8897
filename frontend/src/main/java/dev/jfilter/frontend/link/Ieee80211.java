package dev.jfilter.frontend.link;

import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.CfgBuilder;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import dev.jfilter.frontend.ast.DirQualifier;
import dev.jfilter.frontend.lower.Base;
import dev.jfilter.frontend.lower.Checks;
import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * IEEE 802.11 frames, bare ({@code DLT_IEEE802_11}) or after a radio-information header ({@code DLT_PRISM_HEADER},
 * {@code DLT_IEEE802_11_RADIO_AVS}, {@code DLT_IEEE802_11_RADIO}, {@code DLT_PPI}), as libpcap groups them in
 * gencode.c. The MAC header has no protocol field and a length that depends on the frame (24 bytes, 2 more for a
 * QoS data frame, rounded up to 4 after radiotap's data padding), so the payload offset is computed at run time,
 * before the program, into a scratch word ({@code insert_compute_vloffsets}, {@code gen_load_802_11_header_len});
 * the link-level protocol is the 802.2 LLC/SNAP header of a data frame ({@code gen_llc_linktype}). The addresses
 * depend on the frame type and the DS bits ({@code gen_wlanhostop}).
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_IEEE802_11.html">LINKTYPE_IEEE802_11</a>
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_IEEE802_11_RADIOTAP.html">LINKTYPE_IEEE802_11_RADIOTAP</a>
 */
public record Ieee80211(LinkType type) implements LinkLayer {

    /** Frame control, first byte: the type bits and the data type (data frames carry an LLC payload). */
    private static final int FC0_TYPE_MASK = 0x0c;
    private static final int FC0_TYPE_CTL = 0x04;
    private static final int FC0_TYPE_DATA = 0x08;
    /** Frame control, first byte: the subtype bits, and the QoS bit of a data subtype. */
    private static final int FC0_SUBTYPE_MASK = 0xf0;
    private static final int FC0_SUBTYPE_QOS = 0x80;
    private static final int FC0_SUBTYPE_CTS = 0xc0;
    private static final int FC0_SUBTYPE_ACK = 0xd0;
    /** Frame control, second byte: the To DS and From DS bits. */
    private static final int FC1_DIR_MASK = 0x03;
    private static final int FC1_DIR_TODS = 0x01;
    private static final int FC1_DIR_FROMDS = 0x02;
    private static final int FC1_DIR_DSTODS = 0x03;
    /** The MAC header of a data frame without QoS, the payload's offset before the run-time adjustments. */
    private static final int DATA_HEADER = 24;
    private static final int QOS_CONTROL = 2;
    /** Radiotap, little-endian: the Flags field present, TSFT present, another presence word follows. */
    private static final int RADIOTAP_FLAGS_PRESENT = Integer.reverseBytes(0x00000002);
    private static final int RADIOTAP_TSFT_PRESENT = Integer.reverseBytes(0x00000001);
    private static final int RADIOTAP_EXT_PRESENT = Integer.reverseBytes(0x80000000);
    /** Radiotap Flags: padding between the 802.11 header and the payload, to a multiple of 4. */
    private static final int RADIOTAP_F_DATAPAD = 0x20;
    /** PPI: the encapsulated link type, little-endian, at offset 4; only 802.11 is filtered. */
    private static final int PPI_DLT_802_11 = Integer.reverseBytes(105);

    /** @throws IllegalArgumentException if {@code type} is not one of the five 802.11 link types */
    public Ieee80211 {
        RadioHeader.of(type);
    }

    @Override
    public LinkOffsets offsets() {
        // off_linktype is the LLC header of a frame without QoS; the payload offset is all variable part.
        return new LinkOffsets(DATA_HEADER, 0, 8, 3);
    }

    @Override
    public boolean variableLinkHeader() {
        return RadioHeader.of(type).variable();
    }

    @Override
    public boolean variablePayload() {
        return true;
    }

    /** A data frame ({@code gen_linktype}'s check), then the protocol in its LLC header. */
    @Override
    public Pred protocolTest(Fields f, long llProto) {
        return Pred.and(dataFrame(f), LlcLinkType.test(f, llProto));
    }

    private static Pred dataFrame(Fields f) {
        return f.masked(Base.LINK_HEADER, 0, LoadSize.BYTE, FC0_TYPE_DATA, FC0_TYPE_MASK);
    }

    /** The addresses of a management frame; hosts are tested by {@link #mac48Host}, by frame type. */
    @Override
    public Optional<MacLayout> mac() {
        return Optional.of(new MacLayout(10, 4));
    }

    @Override
    public Optional<Pred> mac48Host(Fields f, byte[] mac, DirQualifier dir) {
        return Optional.of(host(f, mac, dir));
    }

    /** {@code gen_wlanhostop}. */
    private static Pred host(Fields f, byte[] mac, DirQualifier dir) {
        return switch (dir) {
            case SRC -> {
                // Data frames: SA at 24 with both DS bits, 16 from the DS, 10 otherwise.
                Pred b0 = Pred.and(set(f, 1, FC1_DIR_TODS), f.bytes(Base.LINK_HEADER, 24, mac));
                Pred b1 = Pred.and(unset(f, 1, FC1_DIR_TODS), f.bytes(Base.LINK_HEADER, 16, mac));
                b0 = Pred.or(b1, b0);
                b0 = Pred.and(set(f, 1, FC1_DIR_FROMDS), b0);
                b1 = Pred.and(unset(f, 1, FC1_DIR_FROMDS), f.bytes(Base.LINK_HEADER, 10, mac));
                b0 = Pred.or(b1, b0);
                yield dataOrManagement(f, b0, 10, mac);
            }
            case DST -> {
                // Data frames: DA at 16 to the DS, 4 otherwise.
                Pred b0 = Pred.and(set(f, 1, FC1_DIR_TODS), f.bytes(Base.LINK_HEADER, 16, mac));
                Pred b1 = Pred.and(unset(f, 1, FC1_DIR_TODS), f.bytes(Base.LINK_HEADER, 4, mac));
                b0 = Pred.or(b1, b0);
                yield dataOrManagement(f, b0, 4, mac);
            }
            case SRC_AND_DST -> Pred.and(host(f, mac, DirQualifier.SRC), host(f, mac, DirQualifier.DST));
            case DEFAULT, SRC_OR_DST -> Pred.or(host(f, mac, DirQualifier.SRC), host(f, mac, DirQualifier.DST));
            case ADDR1 -> f.bytes(Base.LINK_HEADER, 4, mac);
            case ADDR2 -> Pred.and(notCtsOrAck(f), f.bytes(Base.LINK_HEADER, 10, mac));
            case ADDR3 -> Pred.and(notControl(f), f.bytes(Base.LINK_HEADER, 16, mac));
            case ADDR4 -> Pred.and(
                    f.masked(Base.LINK_HEADER, 1, LoadSize.BYTE, FC1_DIR_DSTODS, FC1_DIR_MASK),
                    f.bytes(Base.LINK_HEADER, 24, mac));
            case RA -> Pred.and(set(f, 0, FC0_TYPE_DATA), f.bytes(Base.LINK_HEADER, 4, mac));
            case TA -> Pred.and(Pred.and(set(f, 0, FC0_TYPE_DATA), notCtsOrAck(f)),
                    f.bytes(Base.LINK_HEADER, 10, mac));
        };
    }

    /**
     * {@code dataTest} for data frames, the address at {@code mgmtOffset} for management frames, nothing for
     * control frames (the tail of {@code gen_wlanhostop}'s source and destination cases).
     */
    private static Pred dataOrManagement(Fields f, Pred dataTest, int mgmtOffset, byte[] mac) {
        Pred b0 = Pred.and(set(f, 0, FC0_TYPE_DATA), dataTest);
        Pred b1 = Pred.and(unset(f, 0, FC0_TYPE_DATA), f.bytes(Base.LINK_HEADER, mgmtOffset, mac));
        b0 = Pred.or(b1, b0);
        return Pred.and(unset(f, 0, FC0_TYPE_CTL), b0);
    }

    /** Not a control frame, or a control frame other than CTS and ACK (which have no second address). */
    private static Pred notCtsOrAck(Fields f) {
        Pred b1 = notField(f, FC0_SUBTYPE_CTS, FC0_SUBTYPE_MASK);
        Pred b2 = notField(f, FC0_SUBTYPE_ACK, FC0_SUBTYPE_MASK);
        return Pred.or(notControl(f), Pred.and(b1, b2));
    }

    private static Pred notControl(Fields f) {
        return notField(f, FC0_TYPE_CTL, FC0_TYPE_MASK);
    }

    /** {@code (link[0] & mask) != v} ({@code gen_mcmp_ne}). */
    private static Pred notField(Fields f, int v, int mask) {
        return Checks.ncmp(f.load(Base.LINK_HEADER, 0, LoadSize.BYTE), mask, JumpOp.JEQ, true, v);
    }

    private static Pred set(Fields f, int offset, int bits) {
        return Checks.set(f.load(Base.LINK_HEADER, offset, LoadSize.BYTE), bits);
    }

    private static Pred unset(Fields f, int offset, int bits) {
        return Checks.unset(f.load(Base.LINK_HEADER, offset, LoadSize.BYTE), bits);
    }

    /** The group bit of the destination address, where the frame type and DS bits put it. */
    @Override
    public Optional<Pred> multicast(Fields f) {
        Pred b0 = Pred.and(set(f, 1, FC1_DIR_TODS), set(f, 16, 1));
        Pred b1 = Pred.and(unset(f, 1, FC1_DIR_TODS), set(f, 4, 1));
        b0 = Pred.or(b1, b0);
        b0 = Pred.and(set(f, 0, FC0_TYPE_DATA), b0);
        b1 = Pred.and(unset(f, 0, FC0_TYPE_DATA), set(f, 4, 1));
        b0 = Pred.or(b1, b0);
        return Optional.of(Pred.and(unset(f, 0, FC0_TYPE_CTL), b0));
    }

    /** Only data frames have an LLC header. */
    @Override
    public Optional<Pred> llcFrame(Fields f) {
        return Optional.of(dataFrame(f));
    }

    @Override
    public boolean carriesVlan() {
        // libpcap's gen_vlan takes the bare and radio-header 802.11 types, not PPI.
        return type != LinkType.PPI;
    }

    @Override
    public boolean hasRadioHeader() {
        // gen_load_internal's 'radio': PPI is not one of them.
        return type != LinkType.PPI && type != LinkType.IEEE802_11;
    }

    @Override
    public Optional<Pred> frameTypeTest(int value, int mask, Fields f) {
        return Optional.of(f.masked(Base.LINK_HEADER, 0, LoadSize.BYTE, value, mask));
    }

    @Override
    public Optional<Pred> frameDirectionTest(int value, Fields f) {
        return Optional.of(f.masked(Base.LINK_HEADER, 1, LoadSize.BYTE, value, FC1_DIR_MASK));
    }

    /**
     * libpcap's {@code finish_parse}: the run-time offsets are computed before the program (only those some test
     * reads), and a PPI frame must hold 802.11.
     */
    @Override
    public Pred finishProgram(Pred program, RunTimeOffsets offsets) {
        Pred p = program;
        RadioHeader radio = RadioHeader.of(type);
        if ((radio.variable() && offsets.linkHeaderRegister() != -1) || offsets.payloadRegister() != -1) {
            boolean padding = offsets.current() == LinkType.IEEE802_11_RADIO;
            Pred compute = new Pred.SubGraph("802.11 header offsets",
                    (cfg, next, unused) -> emitOffsets(cfg, radio, offsets, padding, next));
            // Not Pred.and: a constant program still runs the computation's loads.
            p = new Pred.And(compute, program);
        }
        // libpcap tests the link type it ended on: after pppoes (PPP), a PPI frame is not checked.
        if (offsets.current() == LinkType.PPI) {
            p = Pred.and(Checks.eq(LoadSize.WORD, 4, PPI_DLT_802_11), p);
        }
        return p;
    }

    /** {@code insert_compute_vloffsets} for 802.11: the radio header's length, then the MAC header's. */
    private static BlockId emitOffsets(CfgBuilder cfg, RadioHeader radio, RunTimeOffsets o, boolean padding,
            BlockId next) {
        int h = o.linkHeaderRegister();
        int p = o.payloadRegister();
        boolean prefix = radio.variable() && h != -1;
        if (p == -1) {
            return radio.emitLength(cfg, h, List.of(), new Terminator.Jump(next));
        }
        BlockId afterQos = padding ? emitDataPadding(cfg, p, next) : next;
        BlockId qos = cfg.add(List.of(
                        new Stmt.LoadScratch(Register.A, p),
                        new Stmt.AluConstant(AluOp.ADD, QOS_CONTROL),
                        new Stmt.Store(Register.A, p)),
                new Terminator.Jump(afterQos));
        BlockId qosBit = cfg.add(List.of(), branch(JumpOp.JSET, FC0_SUBTYPE_QOS, qos, afterQos));
        BlockId control = cfg.add(List.of(), branch(JumpOp.JSET, FC0_TYPE_CTL, next, qosBit));
        // X holds where the 802.11 header starts; the payload starts 24 bytes on, and the frame control is first.
        List<Stmt> header = List.of(
                new Stmt.Txa(),
                new Stmt.AluConstant(AluOp.ADD, DATA_HEADER),
                new Stmt.Store(Register.A, p),
                new Stmt.LoadIndirect(LoadSize.BYTE, 0));
        Terminator data = branch(JumpOp.JSET, FC0_TYPE_DATA, control, next);
        if (prefix) {
            return radio.emitLength(cfg, h, header, data);
        }
        List<Stmt> s = new ArrayList<>();
        s.add(new Stmt.LoadConstant(Register.X, 0));
        s.addAll(header);
        return cfg.add(s, data);
    }

    /**
     * Radiotap's data padding: with a Flags field in the first presence word (and no other presence word), its
     * DATAPAD bit rounds the payload offset up to a multiple of 4. The Flags field is at 8, or 16 after a TSFT.
     */
    private static BlockId emitDataPadding(CfgBuilder cfg, int p, BlockId next) {
        BlockId roundUp = cfg.add(List.of(
                        new Stmt.LoadScratch(Register.A, p),
                        new Stmt.AluConstant(AluOp.ADD, 3),
                        new Stmt.AluConstant(AluOp.AND, ~3),
                        new Stmt.Store(Register.A, p)),
                new Terminator.Jump(next));
        BlockId noTsft = cfg.add(List.of(new Stmt.LoadAbsolute(LoadSize.BYTE, 8)),
                branch(JumpOp.JSET, RADIOTAP_F_DATAPAD, roundUp, next));
        BlockId tsft = cfg.add(List.of(new Stmt.LoadAbsolute(LoadSize.BYTE, 16)),
                branch(JumpOp.JSET, RADIOTAP_F_DATAPAD, roundUp, next));
        BlockId tsftBit = cfg.add(List.of(), branch(JumpOp.JSET, RADIOTAP_TSFT_PRESENT, tsft, noTsft));
        BlockId extBit = cfg.add(List.of(), branch(JumpOp.JSET, RADIOTAP_EXT_PRESENT, next, tsftBit));
        return cfg.add(List.of(new Stmt.LoadAbsolute(LoadSize.WORD, 4)),
                branch(JumpOp.JSET, RADIOTAP_FLAGS_PRESENT, extBit, next));
    }

    private static Terminator branch(JumpOp op, int k, BlockId ifTrue, BlockId ifFalse) {
        return new Terminator.Branch(Condition.of(op, k), ifTrue, ifFalse);
    }
}
