package dev.jfilter.testpcaps.gen;

/**
 * A TCP segment builder (RFC 9293). The data offset follows the options unless overridden (to make a header
 * that claims fewer than 5 or more words than it has); the checksum is left for the IP layer, which knows the
 * pseudo-header.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9293#section-3.1">RFC 9293 section 3.1</a>
 */
public final class Tcp {
    /** TCP's protocol number. */
    public static final int PROTOCOL = 6;
    /** Flag bits as in byte 13 of the header ({@code tcp[tcpflags]}). */
    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10, URG = 0x20, ECE = 0x40,
            CWR = 0x80;

    private final int srcPort;
    private final int dstPort;
    private long seq;
    private long ack;
    private int flags;
    private int window = 65535;
    private int urgent;
    private int dataOffsetOverride = -1;
    private boolean nonceFlag;
    private byte[] options = new byte[0];
    private byte[] data = new byte[0];

    private Tcp(int srcPort, int dstPort) {
        this.srcPort = srcPort;
        this.dstPort = dstPort;
    }

    /** A segment from {@code srcPort} to {@code dstPort}. */
    public static Tcp ports(int srcPort, int dstPort) {
        return new Tcp(srcPort, dstPort);
    }

    /** Sets the flags byte. */
    public Tcp flags(int v) {
        this.flags = v;
        return this;
    }

    /** Sets the sequence and acknowledgment numbers. */
    public Tcp seqAck(long seq, long ack) {
        this.seq = seq;
        this.ack = ack;
        return this;
    }

    /** Sets the receive window. */
    public Tcp window(int v) {
        this.window = v;
        return this;
    }

    /** Sets the urgent pointer. */
    public Tcp urgent(int v) {
        this.urgent = v;
        return this;
    }

    /** Sets the experimental NS bit (the low bit of byte 12). */
    public Tcp nonce(boolean v) {
        this.nonceFlag = v;
        return this;
    }

    /** Sets the options; they are padded with EOL to a multiple of 4 bytes. */
    public Tcp options(byte[] v) {
        this.options = v.clone();
        return this;
    }

    /** Overrides the data-offset nibble (in 32-bit words). */
    public Tcp dataOffset(int words) {
        this.dataOffsetOverride = words;
        return this;
    }

    /** Sets the data after the header. */
    public Tcp data(byte[] v) {
        this.data = v.clone();
        return this;
    }

    /** The segment, checksum pending. */
    public Payload build() {
        ByteBuilder opts = new ByteBuilder().bytes(options).padTo(4, 0);
        int words = dataOffsetOverride >= 0 ? dataOffsetOverride : (20 + opts.size()) / 4;
        byte[] seg = new ByteBuilder()
                .u16(srcPort).u16(dstPort).u32(seq).u32(ack)
                .u8((words << 4) | (nonceFlag ? 1 : 0)).u8(flags).u16(window)
                .u16(0).u16(urgent)
                .bytes(opts.toByteArray()).bytes(data)
                .toByteArray();
        return Payload.withPseudoChecksum(PROTOCOL, seg, 16);
    }

    /** Options bytes: MSS. */
    public static byte[] mss(int v) {
        return new ByteBuilder().u8(2).u8(4).u16(v).toByteArray();
    }

    /** Options bytes: the usual SYN set (MSS, SACK permitted, timestamps, NOP, window scale). */
    public static byte[] synOptions(int mss, long tsVal, int wscale) {
        return new ByteBuilder().bytes(mss(mss)).u8(4).u8(2).u8(8).u8(10).u32(tsVal).u32(0).u8(1).u8(3).u8(3)
                .u8(wscale).toByteArray();
    }

    /** Options bytes: NOP, NOP, timestamps. */
    public static byte[] timestamps(long tsVal, long tsEcr) {
        return new ByteBuilder().u8(1).u8(1).u8(8).u8(10).u32(tsVal).u32(tsEcr).toByteArray();
    }
}
