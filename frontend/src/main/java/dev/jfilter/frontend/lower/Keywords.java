package dev.jfilter.frontend.lower;

import dev.jfilter.frontend.ast.AddrQualifier;
import dev.jfilter.frontend.ast.DirQualifier;
import dev.jfilter.frontend.ast.ProtoQualifier;

/**
 * Qualifiers as libpcap's messages spell them ({@code pqkw}, {@code dqkw}, {@code tqkw} in gencode.c). A default
 * (unwritten) qualifier has no keyword, and libpcap prints its placeholder, {@code <invalid type 0>}.
 */
final class Keywords {
    private Keywords() {}

    static String proto(ProtoQualifier q) {
        return q.keyword() != null ? q.keyword() : "<invalid proto 0>";
    }

    static String dir(DirQualifier q) {
        return q.keyword() != null ? q.keyword() : "<invalid dir 0>";
    }

    static String type(AddrQualifier q) {
        return q.keyword() != null ? q.keyword() : "<invalid type 0>";
    }

    /** {@code ERRSTR_INVALID_QUAL}: {@code 'QUALIFIER' is not a valid qualifier for 'CONTEXT'}. */
    static String invalidQualifier(String qualifier, String context) {
        return "'" + qualifier + "' is not a valid qualifier for '" + context + "'";
    }
}
