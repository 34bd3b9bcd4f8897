package dev.jfilter.testpcaps.gen;

/**
 * What a link layer carries, independent of the link header: the encapsulation (an EtherType, an 802.2 LLC PDU, or
 * Novell's "raw 802.3"), the bytes after the link header, a suggested destination MAC and a note. Ethernet turns it
 * into an Ethernet II or 802.3 frame; Linux cooked headers into protocol {@code etherType}, {@code 0x0004} (802.2)
 * or {@code 0x0001} (802.3).
 */
public record LinkPayload(Encapsulation encapsulation, int etherType, byte[] bytes, byte[] dstMac, String note) {
    /** How the payload sits on the link. */
    public enum Encapsulation {
        /** Ethernet II: the type field is {@link #etherType()}. */
        ETHERNET_II,
        /** IEEE 802.3 with an 802.2 LLC header at the start of {@link #bytes()}. */
        LLC,
        /** IEEE 802.3 with no LLC header (Novell NetWare's raw IPX, starting {@code ff ff}). */
        RAW_802_3
    }

    /** Copies the arrays. */
    public LinkPayload {
        bytes = bytes.clone();
        dstMac = dstMac.clone();
    }

    /** An Ethernet II payload. */
    public static LinkPayload ethernet(int etherType, byte[] bytes, byte[] dstMac, String note) {
        return new LinkPayload(Encapsulation.ETHERNET_II, etherType, bytes, dstMac, note);
    }

    /** An 802.2 LLC PDU. */
    public static LinkPayload llc(byte[] llcPdu, byte[] dstMac, String note) {
        return new LinkPayload(Encapsulation.LLC, 0, llcPdu, dstMac, note);
    }

    /** An IP packet from {@link IpTraffic}. */
    public static LinkPayload of(IpTraffic.L3 l3) {
        return ethernet(l3.etherType(), l3.bytes(), l3.dstMac(), l3.note());
    }

    /** The bytes (a copy). */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The destination MAC (a copy). */
    @Override
    public byte[] dstMac() {
        return dstMac.clone();
    }

    /** The Ethernet frame for this payload from {@code src}; {@code pad} pads it to 60 bytes. */
    public byte[] toEthernet(byte[] src, boolean pad) {
        return switch (encapsulation) {
            case ETHERNET_II -> pad ? Link.ethernetPadded(dstMac, src, etherType, bytes)
                    : Link.ethernet(dstMac, src, etherType, bytes);
            case LLC, RAW_802_3 -> {
                byte[] f = Link.ieee8023(dstMac, src, bytes);
                yield pad && f.length < 60 ? java.util.Arrays.copyOf(f, 60) : f;
            }
        };
    }

    /** The protocol field of a Linux cooked header for this payload. */
    public int sllProtocol() {
        return switch (encapsulation) {
            case ETHERNET_II -> etherType;
            case LLC -> Link.SLL_P_802_2;
            case RAW_802_3 -> Link.SLL_P_802_3;
        };
    }
}
