package dev.jfilter.testpcaps.gen;

/**
 * An IPv4 packet builder (RFC 791). Every field has a sane default and can be set to a broken value on purpose:
 * version, header length (IHL) and total length are computed unless overridden, so that the corner cases the
 * filters meet in real traffic (IHL below 5, wrong version, lengths that disagree with the capture) are one call
 * away.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc791">RFC 791</a>
 */
public final class Ipv4 {
    /** IPv4's EtherType. */
    public static final int ETHERTYPE = 0x0800;

    private int version = 4;
    private int ihlOverride = -1;
    private int tos;
    private int totalLengthOverride = -1;
    private int id;
    private boolean reservedFlag;
    private boolean dontFragment;
    private boolean moreFragments;
    private int fragmentOffset;
    private int ttl = 64;
    private int protocol;
    private byte[] src = new byte[4];
    private byte[] dst = new byte[4];
    private byte[] options = new byte[0];
    private Payload payload = Payload.raw(0, new byte[0]);

    /** A packet from {@code src} to {@code dst}. */
    public static Ipv4 of(byte[] src, byte[] dst) {
        Ipv4 p = new Ipv4();
        p.src = src.clone();
        p.dst = dst.clone();
        return p;
    }

    /** Carries {@code payload} as upper-layer protocol {@code payload.protocol()}, filling its checksum. */
    public Ipv4 payload(Payload payload) {
        this.protocol = payload.protocol();
        this.payload = payload;
        return this;
    }

    /** Carries raw bytes under protocol number {@code protocol}. */
    public Ipv4 payload(int protocol, byte[] bytes) {
        return payload(Payload.raw(protocol, bytes));
    }

    /** Overrides the version nibble (4 by default). */
    public Ipv4 version(int v) {
        this.version = v;
        return this;
    }

    /** Overrides the header-length nibble, in 32-bit words (5 plus the options by default). */
    public Ipv4 ihl(int words) {
        this.ihlOverride = words;
        return this;
    }

    /** Overrides the total-length field. */
    public Ipv4 totalLength(int len) {
        this.totalLengthOverride = len;
        return this;
    }

    /** Sets the type-of-service (DSCP/ECN) byte. */
    public Ipv4 tos(int v) {
        this.tos = v;
        return this;
    }

    /** Sets the identification field. */
    public Ipv4 id(int v) {
        this.id = v;
        return this;
    }

    /** Sets the time to live. */
    public Ipv4 ttl(int v) {
        this.ttl = v;
        return this;
    }

    /** Sets the Don't Fragment flag. */
    public Ipv4 dontFragment(boolean v) {
        this.dontFragment = v;
        return this;
    }

    /** Sets the reserved ("evil") flag bit. */
    public Ipv4 reservedFlag(boolean v) {
        this.reservedFlag = v;
        return this;
    }

    /** Makes this a fragment: offset in 8-byte units, and whether more fragments follow. */
    public Ipv4 fragment(int offsetUnits, boolean more) {
        this.fragmentOffset = offsetUnits;
        this.moreFragments = more;
        return this;
    }

    /** Sets the options bytes; they are padded with EOL (0) to a multiple of 4. */
    public Ipv4 options(byte[] opts) {
        this.options = opts.clone();
        return this;
    }

    /** The packet: header (with its checksum) and payload (with its pseudo-header checksum when it has one). */
    public byte[] build() {
        // A fragment carries part of a checksummed segment; its checksum was computed on the whole.
        byte[] body = fragmentOffset == 0 && !moreFragments ? payload.bytesWithChecksum(src, dst) : payload.bytes();
        ByteBuilder opts = new ByteBuilder().bytes(options).padTo(4, 0);
        int headerLength = 20 + opts.size();
        int ihl = ihlOverride >= 0 ? ihlOverride : headerLength / 4;
        int total = totalLengthOverride >= 0 ? totalLengthOverride : headerLength + body.length;
        int flagsAndOffset = (reservedFlag ? 0x8000 : 0) | (dontFragment ? 0x4000 : 0) | (moreFragments ? 0x2000 : 0)
                | (fragmentOffset & 0x1fff);
        ByteBuilder b = new ByteBuilder()
                .u8((version << 4) | (ihl & 0xf)).u8(tos).u16(total)
                .u16(id).u16(flagsAndOffset)
                .u8(ttl).u8(protocol).u16(0)
                .bytes(src).bytes(dst)
                .bytes(opts.toByteArray());
        byte[] header = b.toByteArray();
        int c = Checksums.internet(header);
        b.set16(10, c);
        return b.bytes(body).toByteArray();
    }
}
