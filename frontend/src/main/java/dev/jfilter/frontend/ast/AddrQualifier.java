package dev.jfilter.frontend.ast;

/**
 * A type qualifier ({@code aqual}, {@code ndaqual}, or the {@code proto}/{@code protochain} heads).
 * {@link #DEFAULT} means none was written; it acts as {@code host}.
 */
public enum AddrQualifier {
    DEFAULT(null),
    HOST("host"),
    NET("net"),
    PORT("port"),
    GATEWAY("gateway"),
    PROTO("proto"),
    PROTOCHAIN("protochain"),
    PORTRANGE("portrange");

    private final String keyword;

    AddrQualifier(String keyword) {
        this.keyword = keyword;
    }

    /** The canonical keyword, as libpcap's messages spell it ({@code tqkw()}); null for {@link #DEFAULT}. */
    public String keyword() {
        return keyword;
    }
}
