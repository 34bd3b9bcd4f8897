package dev.jfilter.frontend.names;

/** The transport protocols whose service names libpcap looks up ({@code pcap_nametoport} asks for tcp and udp). */
public enum Transport {
    TCP("tcp"),
    UDP("udp");

    private final String keyword;

    Transport(String keyword) {
        this.keyword = keyword;
    }

    /** The protocol's name as services(5) spells it. */
    public String keyword() {
        return keyword;
    }
}
