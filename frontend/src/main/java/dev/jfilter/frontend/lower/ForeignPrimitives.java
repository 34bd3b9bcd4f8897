package dev.jfilter.frontend.lower;

import java.util.Locale;

/** Primitives of other link types, with libpcap's errors for using them on the link types jfilter lowers. */
final class ForeignPrimitives {
    private ForeignPrimitives() {}

    /** libpcap's {@code assert_pflog}. */
    static LoweringException pflogOnly(String keyword) {
        return new LoweringException("'" + keyword + "' supported only on PFLOG linktype");
    }

    /** libpcap's {@code assert_atm}. */
    static LoweringException atmOnly(String keyword) {
        return new LoweringException("'" + keyword.toLowerCase(Locale.ROOT) + "' supported only on SUNATM");
    }

    /** libpcap's {@code assert_ss7}. */
    static LoweringException ss7Only(String keyword) {
        return new LoweringException("'" + keyword.toLowerCase(Locale.ROOT) + "' supported only on SS7");
    }
}
