package dev.jfilter.testpcaps.gen;

import java.util.ArrayList;
import java.util.List;

/**
 * An IPv6 packet builder (RFC 8200): fixed header, a chain of extension headers, and an upper-layer payload whose
 * pseudo-header checksum is filled in (against the final destination of a routing header, as RFC 8200 section 8.1
 * says). Version and payload length can be overridden to make broken packets.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8200">RFC 8200</a>
 */
public final class Ipv6 {
    /** IPv6's EtherType. */
    public static final int ETHERTYPE = 0x86dd;

    private int version = 6;
    private int trafficClass;
    private int flowLabel;
    private int payloadLengthOverride = -1;
    private int hopLimit = 64;
    private byte[] src = new byte[16];
    private byte[] dst = new byte[16];
    private final List<Ipv6Ext> extensions = new ArrayList<>();
    private Payload payload = Payload.raw(59, new byte[0]);

    /** A packet from {@code src} to {@code dst}. */
    public static Ipv6 of(byte[] src, byte[] dst) {
        Ipv6 p = new Ipv6();
        p.src = src.clone();
        p.dst = dst.clone();
        return p;
    }

    /** Appends an extension header to the chain (in order). */
    public Ipv6 ext(Ipv6Ext e) {
        extensions.add(e);
        return this;
    }

    /** Sets the upper-layer payload. */
    public Ipv6 payload(Payload p) {
        this.payload = p;
        return this;
    }

    /** Carries raw bytes under protocol number {@code protocol}. */
    public Ipv6 payload(int protocol, byte[] bytes) {
        return payload(Payload.raw(protocol, bytes));
    }

    /** Overrides the version nibble. */
    public Ipv6 version(int v) {
        this.version = v;
        return this;
    }

    /** Sets the traffic class. */
    public Ipv6 trafficClass(int v) {
        this.trafficClass = v;
        return this;
    }

    /** Sets the 20-bit flow label. */
    public Ipv6 flowLabel(int v) {
        this.flowLabel = v;
        return this;
    }

    /** Sets the hop limit. */
    public Ipv6 hopLimit(int v) {
        this.hopLimit = v;
        return this;
    }

    /** Overrides the payload-length field. */
    public Ipv6 payloadLength(int v) {
        this.payloadLengthOverride = v;
        return this;
    }

    /** The packet. */
    public byte[] build() {
        boolean fragmented = extensions.stream()
                .anyMatch(e -> e instanceof Ipv6Ext.Fragment f && (f.more() || f.offsetUnits() != 0));
        byte[] body = fragmented ? payload.bytes() : payload.bytesWithChecksum(src, finalDestination());
        ByteBuilder chain = new ByteBuilder();
        for (int i = 0; i < extensions.size(); i++) {
            int next = i + 1 < extensions.size() ? extensions.get(i + 1).protocol() : payload.protocol();
            chain.bytes(extensions.get(i).encode(next));
        }
        chain.bytes(body);
        int first = extensions.isEmpty() ? payload.protocol() : extensions.getFirst().protocol();
        int plen = payloadLengthOverride >= 0 ? payloadLengthOverride : chain.size();
        return new ByteBuilder()
                .u32(((long) version << 28) | ((long) (trafficClass & 0xff) << 20) | (flowLabel & 0xfffff))
                .u16(plen).u8(first).u8(hopLimit)
                .bytes(src).bytes(dst)
                .bytes(chain.toByteArray())
                .toByteArray();
    }

    private byte[] finalDestination() {
        for (Ipv6Ext e : extensions.reversed()) {
            if (e instanceof Ipv6Ext.Routing r && !r.addresses().isEmpty() && r.segmentsLeft() > 0) {
                return r.addresses().getLast();
            }
        }
        return dst;
    }
}
