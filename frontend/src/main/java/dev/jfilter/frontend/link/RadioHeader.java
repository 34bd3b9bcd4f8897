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
import java.util.ArrayList;
import java.util.List;

/**
 * The radio-information header in front of an 802.11 frame, and how its length is read at run time: libpcap's
 * {@code gen_load_prism_llprefixlen}, {@code gen_load_avs_llprefixlen}, {@code gen_load_radiotap_llprefixlen} and
 * {@code gen_load_ppi_llprefixlen} (gencode.c). Each leaves the length in the given scratch word and in X.
 *
 * @see <a href="https://www.radiotap.org/">Radiotap</a>
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_PPI.html">LINKTYPE_PPI</a>
 */
enum RadioHeader {
    /** {@code DLT_IEEE802_11}: the 802.11 header is at the start of the packet. */
    NONE,
    /** {@code DLT_PRISM_HEADER}: 144 bytes, or an AVS header when its first word says so. */
    PRISM,
    /** {@code DLT_IEEE802_11_RADIO_AVS}: the big-endian length at offset 4. */
    AVS,
    /** {@code DLT_IEEE802_11_RADIO}: the little-endian length at offset 2. */
    RADIOTAP,
    /** {@code DLT_PPI}: the little-endian length at offset 2, as radiotap's. */
    PPI;

    /** The AVS header's first word, version bits masked out (a Linux Prism device may send AVS headers). */
    private static final int AVS_COOKIE = 0x80211000;
    private static final int AVS_COOKIE_MASK = 0xfffff000;
    private static final int PRISM_LENGTH = 144;

    static RadioHeader of(LinkType type) {
        return switch (type) {
            case IEEE802_11 -> NONE;
            case PRISM_HEADER -> PRISM;
            case IEEE802_11_RADIO_AVS -> AVS;
            case IEEE802_11_RADIO -> RADIOTAP;
            case PPI -> PPI;
            default -> throw new IllegalArgumentException("not an 802.11 link type: " + type);
        };
    }

    /** Whether the header's length is known at run time only ({@code off_linkhdr.is_variable}). */
    boolean variable() {
        return this != NONE;
    }

    /**
     * Emits the blocks that store the header's length in scratch word {@code reg} and X, then go on with
     * {@code rest} (the statements that follow in the same block) and {@code end}; returns the entry block.
     */
    BlockId emitLength(CfgBuilder cfg, int reg, List<Stmt> rest, Terminator end) {
        List<Stmt> store = new ArrayList<>();
        store.add(new Stmt.Store(Register.A, reg));
        store.add(new Stmt.Tax());
        store.addAll(rest);
        return switch (this) {
            case NONE -> throw new IllegalStateException("no radio header");
            case AVS -> cfg.add(concat(List.of(new Stmt.LoadAbsolute(LoadSize.WORD, 4)), store), end);
            case RADIOTAP, PPI -> cfg.add(concat(littleEndianHalf(2), store), end);
            case PRISM -> {
                BlockId common = cfg.add(store, end);
                BlockId avs = cfg.add(List.of(new Stmt.LoadAbsolute(LoadSize.WORD, 4)), new Terminator.Jump(common));
                BlockId prism = cfg.add(List.of(new Stmt.LoadConstant(Register.A, PRISM_LENGTH)),
                        new Terminator.Jump(common));
                yield cfg.add(List.of(new Stmt.LoadAbsolute(LoadSize.WORD, 0),
                                new Stmt.AluConstant(AluOp.AND, AVS_COOKIE_MASK)),
                        new Terminator.Branch(Condition.of(JumpOp.JEQ, AVS_COOKIE), avs, prism));
            }
        };
    }

    /** {@code A = P[k + 1] << 8 | P[k]}, through X. */
    private static List<Stmt> littleEndianHalf(int k) {
        return List.of(
                new Stmt.LoadAbsolute(LoadSize.BYTE, k + 1),
                new Stmt.AluConstant(AluOp.LSH, 8),
                new Stmt.Tax(),
                new Stmt.LoadAbsolute(LoadSize.BYTE, k),
                new Stmt.AluX(AluOp.OR));
    }

    private static List<Stmt> concat(List<Stmt> a, List<Stmt> b) {
        List<Stmt> s = new ArrayList<>(a);
        s.addAll(b);
        return s;
    }
}
