package dev.jfilter.frontend.ast;

/** A direction qualifier ({@code dqual}). {@link #DEFAULT} means none was written. */
public enum DirQualifier {
    DEFAULT(null),
    SRC("src"),
    DST("dst"),
    /** {@code src or dst} (also {@code dst or src}). */
    SRC_OR_DST("src or dst"),
    /** {@code src and dst} (also {@code dst and src}). */
    SRC_AND_DST("src and dst"),
    ADDR1("addr1"),
    ADDR2("addr2"),
    ADDR3("addr3"),
    ADDR4("addr4"),
    RA("ra"),
    TA("ta");

    private final String keyword;

    DirQualifier(String keyword) {
        this.keyword = keyword;
    }

    /** The canonical keyword, as libpcap's messages spell it ({@code dqkw()}); null for {@link #DEFAULT}. */
    public String keyword() {
        return keyword;
    }

    /** Whether this is one of the 802.11-only qualifiers ({@code addr1..4}, {@code ra}, {@code ta}). */
    public boolean isWlanOnly() {
        return switch (this) {
            case ADDR1, ADDR2, ADDR3, ADDR4, RA, TA -> true;
            case DEFAULT, SRC, DST, SRC_OR_DST, SRC_AND_DST -> false;
        };
    }
}
