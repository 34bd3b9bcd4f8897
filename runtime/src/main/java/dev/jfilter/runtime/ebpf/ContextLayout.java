package dev.jfilter.runtime.ebpf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The user-visible context struct of one program type, byte by byte: which field each offset belongs to, how it may
 * be read or written (the rules of the kernel's {@code *_is_valid_access} callbacks in {@code net/core/filter.c}), and
 * the values a run starts with. Values are kept little-endian in a byte array, so a narrow read of a u32 field gives
 * the bytes the kernel's rewritten load gives on a little-endian host.
 *
 * @see <a href="https://github.com/torvalds/linux/blob/master/net/core/filter.c">net/core/filter.c
 *     (bpf_skb_is_valid_access, sk_filter_is_valid_access, tc_cls_act_is_valid_access, xdp_is_valid_access)</a>
 */
final class ContextLayout {
    /** The verifier rejects any access. */
    static final byte INVALID = 0;
    /** A field the kernel has and this interpreter does not model. */
    static final byte UNMODELLED = 1;
    /** A u32 field: reads of 1, 2 or 4 bytes at a multiple of their size; writes of 4 bytes. */
    static final byte U32 = 2;
    /** A u64 field: 8-byte reads only. */
    static final byte U64 = 3;
    /** A u32 field read as a whole only ({@code xdp_md}). */
    static final byte EXACT32 = 4;
    /** {@code cb[0..4]}: any size at a multiple of it, within the array. */
    static final byte CB = 5;
    /** Packet pointers: 4-byte reads of the whole field, giving a pointer. */
    static final byte DATA = 6;
    static final byte DATA_END = 7;
    static final byte DATA_META = 8;

    static final int SKB_SIZE = 192;
    static final int XDP_SIZE = 24;

    static final ContextLayout SOCKET_FILTER = skb(false);
    static final ContextLayout TC = skb(true);
    static final ContextLayout XDP = xdp();

    private static final VarHandle U32_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U64_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int CB_START = 48;
    private static final int CB_END = 68;

    private final String struct;
    private final byte[] kind;
    private final byte[] start;
    private final boolean[] writable;

    private ContextLayout(String struct, int size) {
        this.struct = struct;
        this.kind = new byte[size];
        this.start = new byte[size];
        this.writable = new boolean[size];
    }

    static ContextLayout of(ProgramContext context) {
        return switch (context) {
            case SocketFilterContext _ -> SOCKET_FILTER;
            case TcContext _ -> TC;
            case XdpContext _ -> XDP;
        };
    }

    /** Writes the values a run starts with into {@code bytes} (at least {@link #SKB_SIZE} long). */
    static void fill(ProgramContext context, byte[] bytes, int packetLength) {
        Arrays.fill(bytes, (byte) 0);
        switch (context) {
            case SocketFilterContext(SkbMetadata m) -> fillSkb(m, bytes, packetLength);
            case TcContext(SkbMetadata m) -> fillSkb(m, bytes, packetLength);
            case XdpContext(XdpMetadata m) -> {
                U32_LE.set(bytes, 12, m.ingressIfindex());
                U32_LE.set(bytes, 16, m.rxQueueIndex());
            }
        }
    }

    private static void fillSkb(SkbMetadata m, byte[] b, int packetLength) {
        U32_LE.set(b, 0, packetLength);
        U32_LE.set(b, 4, m.pktType());
        U32_LE.set(b, 8, m.mark());
        U32_LE.set(b, 12, m.queueMapping());
        U32_LE.set(b, 16, networkOrder16(m.protocol()));
        U32_LE.set(b, 20, m.vlanPresent() ? 1 : 0);
        U32_LE.set(b, 24, m.vlanTci());
        U32_LE.set(b, 28, networkOrder16(m.vlanProto()));
        U32_LE.set(b, 32, m.priority());
        U32_LE.set(b, 36, m.ingressIfindex());
        U32_LE.set(b, 40, m.ifindex());
        U32_LE.set(b, 44, m.tcIndex());
        U32_LE.set(b, 68, m.hash());
        U32_LE.set(b, 84, m.napiId());
        U64_LE.set(b, 152, m.tstamp());
        U32_LE.set(b, 160, m.wireLength());
        U32_LE.set(b, 164, m.gsoSegs());
        U32_LE.set(b, 176, m.gsoSize());
    }

    // A __be16 loaded as a u16 on a little-endian host.
    private static int networkOrder16(int value) {
        return Short.reverseBytes((short) value) & 0xffff;
    }

    /**
     * Checks a read of {@code size} bytes at {@code off} and returns the field's kind ({@link #DATA} and the like
     * for pointers); throws the verifier's complaint otherwise.
     */
    int checkRead(int insn, int off, int size) {
        byte k = kindAt(insn, off, size);
        boolean ok = switch (k) {
            case U32 -> (size == 1 || size == 2 || size == 4) && off % size == 0;
            case U64 -> size == 8 && off == start(off);
            case EXACT32, DATA, DATA_END, DATA_META -> size == 4 && off == start(off);
            case CB -> off % size == 0 && off + size <= CB_END;
            default -> throw new IllegalStateException("kind " + k);
        };
        if (!ok) {
            throw invalid(insn, off, size);
        }
        return k;
    }

    /** Checks a write of {@code size} bytes at {@code off}; throws the verifier's complaint if it is not allowed. */
    void checkWrite(int insn, int off, int size) {
        byte k = kindAt(insn, off, size);
        boolean ok = writable[off] && switch (k) {
            case U32 -> size == 4 && off == start(off);
            case CB -> off % size == 0 && off + size <= CB_END;
            default -> false;
        };
        if (!ok) {
            throw invalid(insn, off, size);
        }
    }

    private byte kindAt(int insn, int off, int size) {
        if (off < 0 || off >= kind.length) {
            throw invalid(insn, off, size);
        }
        byte k = kind[off];
        if (k == INVALID) {
            throw invalid(insn, off, size);
        }
        if (k == UNMODELLED) {
            throw new EbpfException(insn, "the " + struct + " field at offset " + start(off)
                    + " is not modelled by this interpreter");
        }
        return k;
    }

    private int start(int off) {
        return start[off] & 0xff;
    }

    private static EbpfException invalid(int insn, int off, int size) {
        return new EbpfException(insn, "invalid bpf_context access off=" + off + " size=" + size);
    }

    private ContextLayout field(int off, int length, byte fieldKind, boolean canWrite) {
        for (int i = off; i < off + length; i++) {
            kind[i] = fieldKind;
            start[i] = (byte) off;
            writable[i] = canWrite;
        }
        return this;
    }

    private static ContextLayout skb(boolean tc) {
        var l = new ContextLayout("__sk_buff", SKB_SIZE);
        l.field(0, 4, U32, false) // len
                .field(4, 4, U32, false) // pkt_type
                .field(8, 4, U32, tc) // mark
                .field(12, 4, U32, false) // queue_mapping
                .field(16, 4, U32, false) // protocol
                .field(20, 4, U32, false) // vlan_present
                .field(24, 4, U32, false) // vlan_tci
                .field(28, 4, U32, false) // vlan_proto
                .field(32, 4, U32, tc) // priority
                .field(36, 4, U32, false) // ingress_ifindex
                .field(40, 4, U32, false) // ifindex
                .field(44, 4, U32, tc) // tc_index
                .field(CB_START, CB_END - CB_START, CB, true) // cb[5]
                .field(68, 4, U32, false) // hash
                .field(72, 4, tc ? U32 : INVALID, tc) // tc_classid
                .field(76, 4, tc ? DATA : INVALID, false) // data
                .field(80, 4, tc ? DATA_END : INVALID, false) // data_end
                .field(84, 4, U32, false) // napi_id
                .field(88, 52, INVALID, false) // family .. local_port (sk_skb programs only)
                .field(140, 4, tc ? DATA_META : INVALID, false) // data_meta
                .field(144, 8, INVALID, false) // flow_keys
                .field(152, 8, tc ? U64 : INVALID, false) // tstamp
                .field(160, 4, tc ? U32 : INVALID, false) // wire_len
                .field(164, 4, U32, false) // gso_segs
                .field(168, 8, UNMODELLED, false) // sk
                .field(176, 4, U32, false) // gso_size
                .field(180, 1, UNMODELLED, false) // tstamp_type
                .field(181, 3, INVALID, false) // padding
                .field(184, 8, tc ? U64 : INVALID, false); // hwtstamp
        return l;
    }

    private static ContextLayout xdp() {
        var l = new ContextLayout("xdp_md", XDP_SIZE);
        return l.field(0, 4, DATA, false)
                .field(4, 4, DATA_END, false)
                .field(8, 4, DATA_META, false)
                .field(12, 4, EXACT32, false) // ingress_ifindex
                .field(16, 4, EXACT32, false) // rx_queue_index
                .field(20, 4, INVALID, false); // egress_ifindex: devmap programs only
    }
}
