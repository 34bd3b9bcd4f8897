package dev.jfilter.frontend.link;

/**
 * The link-level protocol values libpcap's {@code gen_linktype} takes: EtherTypes above 1500, LLC SAPs at or below
 * (ethertype.h, llc.h), and the Linux cooked-capture pseudo-protocols (pcap/sll.h).
 */
public final class LinkProtocols {
    private LinkProtocols() {}

    /** Ethernet's maximum payload; EtherType values above it, 802.3 lengths at or below it. */
    public static final int ETHERMTU = 1500;

    public static final int ETHERTYPE_NS = 0x0600;
    public static final int ETHERTYPE_IP = 0x0800;
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int ETHERTYPE_MOPDL = 0x6001;
    public static final int ETHERTYPE_MOPRC = 0x6002;
    public static final int ETHERTYPE_DN = 0x6003;
    public static final int ETHERTYPE_LAT = 0x6004;
    public static final int ETHERTYPE_SCA = 0x6007;
    public static final int ETHERTYPE_REVARP = 0x8035;
    public static final int ETHERTYPE_ATALK = 0x809b;
    public static final int ETHERTYPE_AARP = 0x80f3;
    public static final int ETHERTYPE_8021Q = 0x8100;
    public static final int ETHERTYPE_IPX = 0x8137;
    public static final int ETHERTYPE_IPV6 = 0x86dd;
    public static final int ETHERTYPE_SLOW = 0x8809;
    public static final int ETHERTYPE_MPLS = 0x8847;
    public static final int ETHERTYPE_TEB = 0x6558;
    public static final int ETHERTYPE_PPPOED = 0x8863;
    public static final int ETHERTYPE_PPPOES = 0x8864;
    public static final int ETHERTYPE_8021AD = 0x88a8;
    public static final int ETHERTYPE_LLDP = 0x88cc;
    public static final int ETHERTYPE_LOOPBACK = 0x9000;
    public static final int ETHERTYPE_8021QINQ = 0x9100;

    public static final int LLCSAP_IP = 0x06;
    public static final int LLCSAP_8021D = 0x42;
    public static final int LLCSAP_SNAP = 0xaa;
    public static final int LLCSAP_IPX = 0xe0;
    public static final int LLCSAP_NETBEUI = 0xf0;
    public static final int LLCSAP_ISONS = 0xfe;

    /** {@code LINUX_SLL_P_802_3}: Novell 802.3 frames without an 802.2 header. */
    public static final int LINUX_SLL_P_802_3 = 0x0001;
    /** {@code LINUX_SLL_P_802_2}: 802.2 frames. */
    public static final int LINUX_SLL_P_802_2 = 0x0004;
    /** {@code LINUX_SLL_OUTGOING}: the packet type of packets this host sent. */
    public static final int LINUX_SLL_OUTGOING = 4;

    /** {@code AF_INET}, the same on every system libpcap knows except Haiku. */
    public static final int BSD_AFNUM_INET = 2;
    /** {@code AF_INET6} of NetBSD, OpenBSD, BSD/OS and Npcap. */
    public static final int BSD_AFNUM_INET6_BSD = 24;
    /** {@code AF_INET6} of FreeBSD. */
    public static final int BSD_AFNUM_INET6_FREEBSD = 28;
    /** {@code AF_INET6} of Darwin. */
    public static final int BSD_AFNUM_INET6_DARWIN = 30;
}
