package dev.jfilter.runtime.differential;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.listing.Listing;
import dev.jfilter.cbpf.listing.ListingFormat;
import dev.jfilter.frontend.Diagnostic;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.KnownDifferences;
import dev.jfilter.runtime.CompiledFilter;
import java.util.ArrayList;
import java.util.List;

/** How the end-to-end suites sort mismatches into explained ones (counted, listed) and failures. */
final class Outcomes {
    private Outcomes() {}

    /** Skips the calling test, saying why, when the system's libpcap cannot be loaded. */
    static void requireLibpcap() {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.jfilter.runtime.libpcap.Libpcap.isAvailable(),
                () -> "libpcap is not available: " + dev.jfilter.runtime.libpcap.Libpcap.unavailableReason().orElse("?"));
    }

    /** The compiled filter, or an assertion error with jfilter's diagnostics. */
    static CompiledFilter compiled(Result<CompiledFilter> result, String expression) {
        return switch (result) {
            case Result.Ok<CompiledFilter> ok -> ok.value();
            case Result.Failed<CompiledFilter> failed -> throw new AssertionError("jfilter rejects '" + expression
                    + "': " + message(failed));
        };
    }

    /** All of a failure's messages in one line. */
    static String message(Result.Failed<?> failed) {
        return String.join("; ", failed.diagnostics().stream().map(Diagnostic::message).toList());
    }

    /**
     * Sorts mismatches against a libpcap program: libpcap's optimizer changing its own verdict, libpcap's protochain
     * looping forever, and chains longer than jfilter's documented protochain depth are explained and tallied; with
     * {@code againstInstalledLibpcap}, so are documented changes between libpcap 1.10.3 and master. The rest fail.
     */
    static Explained check(String expression, LinkType type, CompiledFilter ours, CbpfProgram reference,
            List<Verdicts.Mismatch> mismatches, boolean againstInstalledLibpcap, Tally tally) {
        List<Verdicts.Mismatch> unexplained = new ArrayList<>();
        int optimizerWrong = 0;
        int documented = 0;
        for (Verdicts.Mismatch m : mismatches) {
            String where = type + " '" + expression + "'";
            if (m.referenceLoops()) {
                tally.count("packets on which libpcap's protochain never ends (jfilter's walk does)");
                tally.note("libpcap's protochain never ends", where);
            } else if (m.referenceOptimizerDiffers()) {
                tally.count("packets where libpcap's -O program disagrees with its own unoptimized one (jfilter"
                        + " agrees with the unoptimized one)");
                tally.note("libpcap's optimizer changes the verdict", where);
                optimizerWrong++;
            } else if (m.beyondProtochainDepth(expression, type)) {
                tally.count("packets whose extension chain is longer than jfilter's protochain walk");
                tally.note("chain longer than the protochain walk", where);
            } else if (againstInstalledLibpcap && KnownDifferences.unexplained(expression, type,
                    List.of(m.asFrontendMismatch(ours.cfg()))).isEmpty()) {
                tally.count("packets explained by a documented libpcap 1.10.3/master difference");
                tally.note("libpcap 1.10.3/master difference", where);
                documented++;
            } else {
                unexplained.add(m);
            }
        }
        if (!unexplained.isEmpty()) {
            throw new AssertionError(String.format(
                    "%d packets differ from libpcap, e.g. %s%njfilter:%n%slibpcap:%n%s", unexplained.size(),
                    unexplained.subList(0, Math.min(5, unexplained.size())), ours.listing(ListingFormat.IMAGE),
                    Listing.format(reference, ListingFormat.IMAGE)));
        }
        return new Explained(optimizerWrong, documented);
    }

    /**
     * The explained mismatches of one expression.
     *
     * @param libpcapOptimizerWrong packets on which libpcap's -O program disagrees with its own unoptimized one
     * @param documentedDifference packets explained by a documented libpcap 1.10.3/master difference
     */
    record Explained(int libpcapOptimizerWrong, int documentedDifference) {}

    /**
     * Checks that jfilter's optimized program is no longer than libpcap's, and tallies the comparison. A longer
     * program passes only for a reason shown on this expression's packets: libpcap's shorter program gives a verdict
     * its own unoptimized program does not, on a corpus packet or on one cut short ({@code witness}: its optimizer
     * moved or dropped a load jfilter must keep), or the two
     * compilers implement different documented semantics (1.10.3 against master); {@code protochain} is jfilter's
     * unrolled walk, longer by design.
     *
     * @return why the longer program is allowed, or empty when it is not longer
     */
    static java.util.Optional<String> checkSize(String what, String expression, CompiledFilter ours,
            CbpfProgram reference, Explained explained, java.util.function.Supplier<java.util.Optional<
                    dev.jfilter.frontend.oracle.Captures.Packet>> witness, Tally tally) {
        int o = ours.program().size();
        int t = reference.size();
        tally.sizes(what, o, t);
        if (o <= t) {
            return java.util.Optional.empty();
        }
        String kind;
        String evidence;
        if (expression.contains("protochain")) {
            kind = "protochain: jfilter unrolls the walk";
            evidence = "";
        } else if (explained.libpcapOptimizerWrong() > 0) {
            kind = "libpcap's shorter program is wrong";
            evidence = explained.libpcapOptimizerWrong() + " corpus packets";
        } else if (explained.documentedDifference() > 0) {
            kind = "the semantics differ (a documented libpcap 1.10.3/master difference)";
            evidence = "";
        } else if (witness.get() instanceof java.util.Optional<dev.jfilter.frontend.oracle.Captures.Packet> w
                && w.isPresent()) {
            kind = "libpcap's shorter program is wrong";
            evidence = w.get().origin();
        } else {
            throw new AssertionError(String.format("%s: jfilter's program has %d instructions, libpcap's %d, and"
                    + " libpcap's is not shown wrong on any packet%njfilter:%n%slibpcap:%n%s", what, o, t,
                    ours.listing(ListingFormat.IMAGE), Listing.format(reference, ListingFormat.IMAGE)));
        }
        String reason = evidence.isEmpty() ? kind : kind + " on " + evidence;
        tally.note("longer than libpcap's, because " + kind, String.format("%d/%d %s%s", o, t, what,
                evidence.isEmpty() ? "" : " (on " + evidence + ")"));
        return java.util.Optional.of(reason);
    }
}
