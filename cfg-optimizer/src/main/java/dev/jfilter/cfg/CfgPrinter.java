package dev.jfilter.cfg;

/** A readable text form of a {@link Cfg}, one block a paragraph, in the mnemonics of tcpdump's {@code -d}. */
public final class CfgPrinter {
    private CfgPrinter() {}

    /** The whole graph as text. */
    public static String print(Cfg cfg) {
        StringBuilder out = new StringBuilder();
        for (Block b : cfg.blocks()) {
            out.append(b.id()).append(b.id().equals(cfg.entry()) ? " (entry)" : "").append(":\n");
            for (Stmt s : b.statements()) {
                out.append("    ").append(statement(s)).append('\n');
            }
            out.append("    ").append(terminator(b.terminator())).append('\n');
        }
        return out.toString();
    }

    /** One statement in tcpdump's mnemonics. */
    public static String statement(Stmt s) {
        return switch (s) {
            case Stmt.LoadAbsolute l -> mnemonic("ld", l.size()) + " [" + l.offset() + "]";
            case Stmt.LoadIndirect l -> mnemonic("ld", l.size()) + " [x + " + l.offset() + "]";
            case Stmt.LoadConstant l -> (l.dst() == Register.A ? "ld" : "ldx") + " #" + hex(l.value());
            case Stmt.LoadScratch l -> (l.dst() == Register.A ? "ld" : "ldx") + " M[" + l.slot() + "]";
            case Stmt.LoadLength l -> (l.dst() == Register.A ? "ld" : "ldx") + " #pktlen";
            case Stmt.LoadAncillary l -> "ld #" + l.field().name().toLowerCase(java.util.Locale.ROOT);
            case Stmt.LoadIpHeaderLength l -> "ldxb 4*([" + l.offset() + "]&0xf)";
            case Stmt.Store st -> (st.src() == Register.A ? "st" : "stx") + " M[" + st.slot() + "]";
            case Stmt.AluConstant a -> a.op().name().toLowerCase(java.util.Locale.ROOT) + " #" + hex(a.operand());
            case Stmt.AluX a -> a.op().name().toLowerCase(java.util.Locale.ROOT) + " x";
            case Stmt.Negate n -> "neg";
            case Stmt.Tax t -> "tax";
            case Stmt.Txa t -> "txa";
        };
    }

    /** A terminator, with its targets. */
    public static String terminator(Terminator t) {
        return switch (t) {
            case Terminator.Branch b -> condition(b.condition()) + "  jt " + b.ifTrue() + "  jf " + b.ifFalse();
            case Terminator.Jump j -> "ja " + j.target();
            case Terminator.Return r -> "ret #" + Integer.toUnsignedString(r.value());
            case Terminator.ReturnA r -> "ret a";
        };
    }

    /** A branch condition such as {@code jeq #0x800}. */
    public static String condition(Condition c) {
        String op = c.op().name().toLowerCase(java.util.Locale.ROOT);
        return switch (c.operand()) {
            case Operand.Constant k -> op + " #" + hex(k.value());
            case Operand.IndexRegister x -> op + " x";
        };
    }

    private static String mnemonic(String base, LoadSize size) {
        return switch (size) {
            case BYTE -> base + "b";
            case HALF -> base + "h";
            case WORD -> base;
        };
    }

    private static String hex(int v) {
        return "0x" + Integer.toHexString(v);
    }
}
