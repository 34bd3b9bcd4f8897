package dev.jfilter.frontend.ast;

/**
 * A protocol qualifier ({@code pqual} in libpcap's grammar.y, {@code Q_*} in gencode.h). {@link #DEFAULT} means
 * none was written.
 */
public enum ProtoQualifier {
    DEFAULT(null),
    LINK("link"),
    IP("ip"),
    ARP("arp"),
    RARP("rarp"),
    SCTP("sctp"),
    TCP("tcp"),
    UDP("udp"),
    ICMP("icmp"),
    IGMP("igmp"),
    IGRP("igrp"),
    ATALK("atalk"),
    DECNET("decnet"),
    LAT("lat"),
    SCA("sca"),
    MOPRC("moprc"),
    MOPDL("mopdl"),
    IPV6("ip6"),
    ICMPV6("icmp6"),
    AH("ah"),
    ESP("esp"),
    PIM("pim"),
    VRRP("vrrp"),
    AARP("aarp"),
    ISO("iso"),
    ESIS("esis"),
    ISIS("isis"),
    CLNP("clnp"),
    STP("stp"),
    IPX("ipx"),
    NETBEUI("netbeui"),
    ISIS_L1("l1"),
    ISIS_L2("l2"),
    ISIS_IIH("iih"),
    ISIS_SNP("snp"),
    ISIS_CSNP("csnp"),
    ISIS_PSNP("psnp"),
    ISIS_LSP("lsp"),
    RADIO("radio"),
    CARP("carp");

    private final String keyword;

    ProtoQualifier(String keyword) {
        this.keyword = keyword;
    }

    /** The canonical keyword, as libpcap's messages spell it ({@code pqkw()}); null for {@link #DEFAULT}. */
    public String keyword() {
        return keyword;
    }
}
