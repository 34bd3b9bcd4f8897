package dev.jfilter.frontend.lower;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * The start of a program on a link type whose header length is read at run time ({@code DLT_PFLOG}): the length is
 * computed into a scratch word before anything else, when some primitive read the payload offset's word (libpcap's
 * {@code insert_compute_vloffsets}, which prepends it to the root block).
 *
 * <p>As in libpcap, the word is the payload offset's word when the expression ends: after {@code geneve} or
 * {@code vxlan}, which give the payload offset a word of their own, the length goes there (where the tunnel's
 * offsets overwrite it when the tunnel matches), and the primitives before the tunnel read their word unwritten, as 0
 * (libpcap master's {@code bpf_filter} starts with zeroed memory; {@link ScratchInitialization} writes the zeros).
 */
final class RunTimeHeaderLength {
    private RunTimeHeaderLength() {}

    /** {@code cfg} with the outermost header's length stored first, if the program reads the payload's word. */
    static Cfg computeFirst(Cfg cfg, LoweringContext ctx) {
        var length = ctx.layout.captureLink.headerLengthAtRunTime();
        int reg = ctx.layout.linkPayload.reg;
        if (length.isEmpty() || reg == -1) {
            return cfg;
        }
        List<Stmt> first = new ArrayList<>(length.get());
        first.add(new Stmt.Store(Register.A, reg));
        BlockId entry = cfg.entry();
        return cfg.map(b -> {
            if (!b.id().equals(entry)) {
                return b;
            }
            List<Stmt> s = new ArrayList<>(first);
            s.addAll(b.statements());
            return new Block(b.id(), s, b.terminator());
        });
    }
}
