package dev.jfilter.frontend.lower;

import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.ast.Primitive;
import dev.jfilter.frontend.ast.RelOp;
import dev.jfilter.frontend.link.Ethernet;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.link.SunAtm;

/**
 * The ATM primitives on SunATM captures: {@code vpi}, {@code vci}, the circuit abbreviations ({@code metac},
 * {@code bcc}, {@code oamf4sc}, {@code oamf4ec}, {@code sc}, {@code ilmic}, {@code oam}, {@code oamf4}), the Q.2931
 * signalling messages ({@code connectmsg}, {@code metaconnect}) and {@code lane}, after which the rest of the
 * expression tests the LANE-encapsulated Ethernet frame: libpcap's {@code gen_atmfield_code},
 * {@code gen_atmtype_abbrev} and {@code gen_atmmulti_abbrev} (gencode.c).
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-filter.7.html">pcap-filter(7)</a>
 */
final class Atm {
    /** Q.2931 message types (gencode.c). */
    private static final int CALL_PROCEED = 0x02;
    private static final int SETUP = 0x05;
    private static final int CONNECT = 0x07;
    private static final int CONNECT_ACK = 0x0f;
    private static final int RELEASE = 0x4d;
    private static final int RELEASE_DONE = 0x5a;
    /** {@code MSG_TYPE_POS}: the message type in a Q.2931 message, from the start of the PDU. */
    private static final int MESSAGE_TYPE = 5;
    /** The LANE header (LECID) before the emulated Ethernet frame. */
    private static final int LANE_HEADER = 2;
    private static final int ETHERNET_TYPE = 12;
    private static final int ETHERNET_PAYLOAD = 14;

    private final LoweringContext ctx;

    Atm(LoweringContext ctx) {
        this.ctx = ctx;
    }

    /** {@code vpi}/{@code vci} compared with a number ({@code gen_atmfield_code}). */
    Pred field(Primitive.AtmField.Field field, RelOp op, long value) {
        requireAtm(field.name());
        JumpOp jump = switch (op) {
            case GT, LE -> JumpOp.JGT;
            case GE, LT -> JumpOp.JGE;
            case EQ, NE -> JumpOp.JEQ;
        };
        boolean reverse = op == RelOp.LE || op == RelOp.LT || op == RelOp.NE;
        return switch (field) {
            case VPI -> {
                Limits.atMost("VPI", value, 0xff);
                yield Checks.compare(ctx.load(Base.LINK_HEADER, SunAtm.VPI, LoadSize.BYTE), jump, reverse, value);
            }
            case VCI -> {
                Limits.atMost("VCI", value, 0xffff);
                yield Checks.compare(ctx.load(Base.LINK_HEADER, SunAtm.VCI, LoadSize.HALF), jump, reverse, value);
            }
        };
    }

    /** The abbreviations ({@code gen_atmtype_abbrev}, {@code gen_atmmulti_abbrev}). */
    Pred abbreviation(Primitive.AtmAbbrev.Type type) {
        requireAtm(type.name());
        return switch (type) {
            case METAC -> circuit(0, 1);
            case BCC -> circuit(0, 2);
            case OAMF4SC -> circuit(0, 3);
            case OAMF4EC -> circuit(0, 4);
            case SC -> circuit(0, 5);
            case ILMIC -> circuit(0, 16);
            case OAM, OAMF4 -> {
                // Both OAM F4 circuits: segment and end-to-end.
                Pred b1 = Pred.or(vci(3), vci(4));
                yield Pred.and(vpi(0), b1);
            }
            case CONNECTMSG -> signalling(circuit(0, 5), SETUP, CALL_PROCEED, CONNECT, CONNECT_ACK, RELEASE,
                    RELEASE_DONE);
            case METACONNECT -> signalling(circuit(0, 1), SETUP, CALL_PROCEED, CONNECT, RELEASE, RELEASE_DONE);
            case LANE -> lane();
        };
    }

    /** libpcap's {@code assert_atm}: the link layer is SunATM's, not one pushed inside it. */
    private void requireAtm(String keyword) {
        if (ctx.link().type() != LinkType.SUNATM) {
            throw ForeignPrimitives.atmOnly(keyword);
        }
    }

    private Pred vpi(int v) {
        return ctx.eq(Base.LINK_HEADER, SunAtm.VPI, LoadSize.BYTE, v);
    }

    private Pred vci(int v) {
        return ctx.eq(Base.LINK_HEADER, SunAtm.VCI, LoadSize.HALF, v);
    }

    /** A well-known circuit: VPI and VCI. */
    private Pred circuit(int vpi, int vci) {
        return Pred.and(vpi(vpi), vci(vci));
    }

    /**
     * Q.2931 messages of {@code types} on {@code circuit}: each further type ORed in front of the ones before, as
     * libpcap builds it.
     */
    private Pred signalling(Pred circuit, int... types) {
        Pred b1 = Pred.or(message(types[0]), message(types[1]));
        for (int i = 2; i < types.length; i++) {
            b1 = Pred.or(message(types[i]), b1);
        }
        return Pred.and(circuit, b1);
    }

    private Pred message(int type) {
        return ctx.eq(Base.LINK_HEADER, SunAtm.PAYLOAD + MESSAGE_TYPE, LoadSize.BYTE, type);
    }

    /**
     * {@code lane}: a LANE PDU; everything lowered after it tests the emulated Ethernet frame after the 2-byte LANE
     * header, as an Ethernet frame (libpcap assumes Ethernet, not Token Ring, LANE).
     */
    private Pred lane() {
        Pred b1 = SunAtm.trafficType(ctx, SunAtm.PT_LANE);
        Layout l = ctx.layout;
        l.pushLinkHeader(new Ethernet(), false, SunAtm.PAYLOAD + LANE_HEADER, -1);
        l.linkType.constant = l.linkHeader.constant + ETHERNET_TYPE;
        l.linkPayload.constant = l.linkHeader.constant + ETHERNET_PAYLOAD;
        l.network = 0;
        l.networkNoSnap = 3;
        return b1;
    }
}
