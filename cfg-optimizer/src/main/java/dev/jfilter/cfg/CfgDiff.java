package dev.jfilter.cfg;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What changed between two versions of a graph, block by block: the blocks that are gone, the new ones, and for
 * the blocks in both, the statements removed and added and the terminator before and after. Blocks are matched by
 * their {@link BlockId}, which the optimizer's passes keep (they rewrite blocks, drop them or add fresh ones).
 * {@link #format()} gives the text {@code jfilter explain} prints for each optimizer step.
 *
 * @param entryBefore the entry before, if the entry changed
 * @param removed blocks of the first graph that the second does not have, in the first graph's order
 * @param added blocks of the second graph that the first does not have, in the second graph's order
 * @param rewritten blocks in both graphs whose contents differ, in the second graph's order
 */
public record CfgDiff(Optional<BlockId> entryBefore, BlockId entryAfter, List<Block> removed, List<Block> added,
        List<Rewrite> rewritten) {

    public CfgDiff {
        removed = List.copyOf(removed);
        added = List.copyOf(added);
        rewritten = List.copyOf(rewritten);
    }

    /** One block present in both graphs with other contents. */
    public record Rewrite(Block before, Block after) {
        /** The statements of {@code before} and {@code after} aligned: kept, removed and added, in program order. */
        public List<Edit> statementEdits() {
            return align(before.statements(), after.statements());
        }

        /** Whether the terminator differs (another condition, other targets, or another kind). */
        public boolean terminatorChanged() {
            return !before.terminator().equals(after.terminator());
        }
    }

    /** One line of a statement diff. */
    public record Edit(Kind kind, Stmt statement) {
        /** Whether the statement is in both versions, only the old one, or only the new one. */
        public enum Kind {
            KEPT, REMOVED, ADDED
        }
    }

    /** The differences from {@code before} to {@code after}. */
    public static CfgDiff between(Cfg before, Cfg after) {
        Map<BlockId, Block> old = before.blocks().stream().collect(Collectors.toMap(Block::id, b -> b));
        Set<BlockId> now = after.blocks().stream().map(Block::id).collect(Collectors.toSet());
        List<Block> removed = before.blocks().stream().filter(b -> !now.contains(b.id())).toList();
        List<Block> added = new ArrayList<>();
        List<Rewrite> rewritten = new ArrayList<>();
        for (Block b : after.blocks()) {
            Block was = old.get(b.id());
            if (was == null) {
                added.add(b);
            } else if (!was.equals(b)) {
                rewritten.add(new Rewrite(was, b));
            }
        }
        Optional<BlockId> entryBefore = before.entry().equals(after.entry()) ? Optional.empty()
                : Optional.of(before.entry());
        return new CfgDiff(entryBefore, after.entry(), removed, added, rewritten);
    }

    /** Whether the graphs are the same. */
    public boolean isEmpty() {
        return entryBefore.isEmpty() && removed.isEmpty() && added.isEmpty() && rewritten.isEmpty();
    }

    /**
     * The differences as text, one change a line: {@code entry B0 -> B3}, {@code removed B7: ...},
     * {@code added B9: ...}, and for a rewritten block its id, then {@code - } and {@code + } lines for statements
     * and the terminator (unchanged statements between changes are shown as {@code   } lines for context).
     */
    public String format() {
        StringBuilder out = new StringBuilder();
        entryBefore.ifPresent(e -> out.append("entry ").append(e).append(" -> ").append(entryAfter).append('\n'));
        for (Block b : removed) {
            out.append("removed ").append(oneLine(b)).append('\n');
        }
        for (Block b : added) {
            out.append("added   ").append(oneLine(b)).append('\n');
        }
        for (Rewrite r : rewritten) {
            out.append("changed ").append(r.after().id()).append(":\n");
            for (Edit e : r.statementEdits()) {
                String mark = switch (e.kind()) {
                    case KEPT -> "     ";
                    case REMOVED -> "   - ";
                    case ADDED -> "   + ";
                };
                out.append(mark).append(CfgPrinter.statement(e.statement())).append('\n');
            }
            if (r.terminatorChanged()) {
                out.append("   - ").append(CfgPrinter.terminator(r.before().terminator())).append('\n');
                out.append("   + ").append(CfgPrinter.terminator(r.after().terminator())).append('\n');
            } else {
                out.append("     ").append(CfgPrinter.terminator(r.after().terminator())).append('\n');
            }
        }
        return out.toString();
    }

    /** A block on one line: {@code B7: ldh [20]; jset #0x1fff  jt B9  jf B8}. */
    private static String oneLine(Block b) {
        StringBuilder s = new StringBuilder().append(b.id()).append(": ");
        for (Stmt st : b.statements()) {
            s.append(CfgPrinter.statement(st)).append("; ");
        }
        return s.append(CfgPrinter.terminator(b.terminator())).toString();
    }

    /** A longest-common-subsequence alignment of two statement lists (blocks are short: quadratic is fine). */
    private static List<Edit> align(List<Stmt> a, List<Stmt> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Edit> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                edits.add(new Edit(Edit.Kind.KEPT, a.get(i++)));
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                edits.add(new Edit(Edit.Kind.REMOVED, a.get(i++)));
            } else {
                edits.add(new Edit(Edit.Kind.ADDED, b.get(j++)));
            }
        }
        return edits;
    }
}
