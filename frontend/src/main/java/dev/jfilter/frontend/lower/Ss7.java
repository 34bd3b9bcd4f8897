package dev.jfilter.frontend.lower;

import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.ast.Primitive.Mtp2Abbrev;
import dev.jfilter.frontend.ast.Primitive.Mtp3Field;
import dev.jfilter.frontend.ast.RelOp;
import dev.jfilter.frontend.link.Ss7Offsets;
import java.util.Locale;

/**
 * The SS7 primitives: the MTP2 signal-unit types by their length indicator ({@code fisu}, {@code lssu},
 * {@code msu} and the high-speed {@code hfisu}, {@code hlssu}, {@code hmsu}) and the MTP3 routing-label fields
 * compared with a number ({@code sio}, {@code opc}, {@code dpc}, {@code sls} and their {@code h} forms), as libpcap's
 * {@code gen_mtp2type_abbrev} and {@code gen_mtp3field_code} build them, with {@code assert_ss7}'s and
 * {@code assert_maxval}'s messages. MTP3 is little-endian on the wire: the point codes are compared with masks and
 * values byte-swapped to the big-endian loads.
 *
 * @see <a href="https://www.itu.int/rec/T-REC-Q.703">ITU-T Q.703</a>, <a
 *     href="https://www.itu.int/rec/T-REC-Q.704">ITU-T Q.704</a>
 */
final class Ss7 {
    /** The length indicator's 6 bits; 0 is a FISU, 1 and 2 an LSSU, 3 and more an MSU. */
    private static final int LI_MASK = 0x3f;
    /** The high-speed length indicator's 9 bits, in the top of the half-word as loaded. */
    private static final int LI_HIGH_SPEED_MASK = 0xff80;
    /** A high-speed length indicator of 2, where the MSUs start. */
    private static final int LI_HIGH_SPEED_2 = 0x0100;
    /** The high-speed fields are 3 bytes further than the others (longer sequence numbers). */
    private static final int HIGH_SPEED_SHIFT = 3;
    private static final long SIO_MAX = 0xff;
    private static final long POINT_CODE_MAX = 0x3fff;
    private static final long SLS_MAX = 0xf;

    private final LoweringContext ctx;

    Ss7(LoweringContext ctx) {
        this.ctx = ctx;
    }

    private Ss7Offsets offsets(String keyword) {
        return ctx.link().ss7().orElseThrow(() -> ForeignPrimitives.ss7Only(keyword));
    }

    /** {@code gen_mtp2type_abbrev}. */
    Pred signalUnit(Mtp2Abbrev.Type type) {
        Ss7Offsets o = offsets(type.name());
        return switch (type) {
            case FISU -> li(o, JumpOp.JEQ, false, 0);
            case LSSU -> Pred.and(li(o, JumpOp.JGT, false, 0), li(o, JumpOp.JGT, true, 2));
            case MSU -> li(o, JumpOp.JGT, false, 2);
            case HFISU -> liHighSpeed(o, JumpOp.JEQ, false, 0);
            case HLSSU -> Pred.and(liHighSpeed(o, JumpOp.JGT, false, 0),
                    liHighSpeed(o, JumpOp.JGT, true, LI_HIGH_SPEED_2));
            case HMSU -> liHighSpeed(o, JumpOp.JGT, false, LI_HIGH_SPEED_2);
        };
    }

    private Pred li(Ss7Offsets o, JumpOp op, boolean reverse, long v) {
        return Checks.ncmp(ctx.load(Base.PACKET, o.li(), LoadSize.BYTE), LI_MASK, op, reverse, v);
    }

    private Pred liHighSpeed(Ss7Offsets o, JumpOp op, boolean reverse, long v) {
        return Checks.ncmp(ctx.load(Base.PACKET, o.liHighSpeed(), LoadSize.HALF), LI_HIGH_SPEED_MASK, op, reverse, v);
    }

    /** {@code gen_mtp3field_code}: {@code field op value}. */
    Pred field(Mtp3Field.Field field, RelOp op, long value) {
        String keyword = field.name().toLowerCase(Locale.ROOT);
        Ss7Offsets o = offsets(keyword);
        boolean highSpeed = switch (field) {
            case SIO, OPC, DPC, SLS -> false;
            case HSIO, HOPC, HDPC, HSLS -> true;
        };
        int shift = highSpeed ? HIGH_SPEED_SHIFT : 0;
        JumpOp jump = switch (op) {
            case GT, LE -> JumpOp.JGT;
            case GE, LT -> JumpOp.JGE;
            case EQ, NE -> JumpOp.JEQ;
        };
        boolean reverse = op == RelOp.LE || op == RelOp.LT || op == RelOp.NE;
        long v = value & 0xffffffffL;
        return switch (field) {
            case SIO, HSIO -> {
                Limits.atMost(keyword, v, SIO_MAX);
                yield Checks.compare(ctx.load(Base.PACKET, o.sio() + shift, LoadSize.BYTE), jump, reverse, v);
            }
            case OPC, HOPC -> {
                Limits.atMost(keyword, v, POINT_CODE_MAX);
                yield Checks.ncmp(ctx.load(Base.PACKET, o.opc() + shift, LoadSize.WORD),
                        swapWord(POINT_CODE_MAX << 14), jump, reverse, swapWord(v << 14));
            }
            case DPC, HDPC -> {
                Limits.atMost(keyword, v, POINT_CODE_MAX);
                yield Checks.ncmp(ctx.load(Base.PACKET, o.dpc() + shift, LoadSize.HALF),
                        swapHalf(POINT_CODE_MAX), jump, reverse, swapHalf(v));
            }
            case SLS, HSLS -> {
                Limits.atMost(keyword, v, SLS_MAX);
                yield Checks.ncmp(ctx.load(Base.PACKET, o.sls() + shift, LoadSize.BYTE),
                        SLS_MAX << 4, jump, reverse, v << 4);
            }
        };
    }

    /** libpcap's {@code SWAPLONG}: the word's bytes reversed. */
    private static long swapWord(long v) {
        return Integer.toUnsignedLong(Integer.reverseBytes((int) v));
    }

    /** libpcap's {@code SWAPSHORT}: the low half-word's bytes swapped. */
    private static long swapHalf(long v) {
        return ((v & 0xff) << 8) | ((v & 0xff00) >>> 8);
    }
}
