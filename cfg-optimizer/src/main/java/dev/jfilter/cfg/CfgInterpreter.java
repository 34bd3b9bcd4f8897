package dev.jfilter.cfg;

/**
 * Runs a {@link Cfg} on one packet with the semantics of libpcap's {@code bpf_filter()}: loads past the captured
 * bytes, division or modulo by zero, and ancillary loads without metadata end the program with 0; shifts by 32 or
 * more give 0; arithmetic is unsigned 32-bit. It exists so every stage can be checked before code generation, and
 * so optimizer passes can be checked against the graph they rewrote.
 */
public final class CfgInterpreter {
    private CfgInterpreter() {}

    /** The program's return value for a packet with no metadata. */
    public static int run(Cfg cfg, byte[] packet, int captured, int wireLength) {
        return run(cfg, packet, captured, wireLength, AncillarySource.NONE);
    }

    /**
     * The program's return value.
     *
     * @param packet the captured bytes; only the first {@code captured} are visible
     * @param captured how many bytes were captured
     * @param wireLength the packet's length on the wire ({@code len})
     */
    public static int run(Cfg cfg, byte[] packet, int captured, int wireLength, AncillarySource ancillary) {
        long buflen = Integer.toUnsignedLong(captured);
        int a = 0;
        int x = 0;
        int[] mem = new int[Scratch.SLOTS];
        Block block = cfg.entryBlock();
        while (true) {
            for (Stmt s : block.statements()) {
                switch (s) {
                    case Stmt.LoadAbsolute l -> {
                        long k = Integer.toUnsignedLong(l.offset());
                        if (k + l.size().bytes() > buflen) {
                            return 0;
                        }
                        a = load(packet, (int) k, l.size());
                    }
                    case Stmt.LoadIndirect l -> {
                        long k = Integer.toUnsignedLong(x) + Integer.toUnsignedLong(l.offset());
                        if (k + l.size().bytes() > buflen) {
                            return 0;
                        }
                        a = load(packet, (int) k, l.size());
                    }
                    case Stmt.LoadConstant l -> {
                        if (l.dst() == Register.A) {
                            a = l.value();
                        } else {
                            x = l.value();
                        }
                    }
                    case Stmt.LoadScratch l -> {
                        if (l.dst() == Register.A) {
                            a = mem[l.slot()];
                        } else {
                            x = mem[l.slot()];
                        }
                    }
                    case Stmt.LoadLength l -> {
                        if (l.dst() == Register.A) {
                            a = wireLength;
                        } else {
                            x = wireLength;
                        }
                    }
                    case Stmt.LoadAncillary l -> {
                        var v = ancillary.value(l.field());
                        if (v.isEmpty()) {
                            return 0;
                        }
                        a = v.getAsInt();
                    }
                    case Stmt.LoadIpHeaderLength l -> {
                        long k = Integer.toUnsignedLong(l.offset());
                        if (k >= buflen) {
                            return 0;
                        }
                        x = (packet[(int) k] & 0xf) << 2;
                    }
                    case Stmt.Store st -> mem[st.slot()] = st.src() == Register.A ? a : x;
                    case Stmt.AluConstant op -> {
                        if (op.op().trapsOnZero() && op.operand() == 0) {
                            return 0;
                        }
                        a = op.op().apply(a, op.operand());
                    }
                    case Stmt.AluX op -> {
                        if (op.op().trapsOnZero() && x == 0) {
                            return 0;
                        }
                        a = op.op().apply(a, x);
                    }
                    case Stmt.Negate n -> a = -a;
                    case Stmt.Tax t -> x = a;
                    case Stmt.Txa t -> a = x;
                }
            }
            switch (block.terminator()) {
                case Terminator.Return r -> {
                    return r.value();
                }
                case Terminator.ReturnA r -> {
                    return a;
                }
                case Terminator.Jump j -> block = cfg.block(j.target());
                case Terminator.Branch b -> {
                    int operand = switch (b.condition().operand()) {
                        case Operand.Constant k -> k.value();
                        case Operand.IndexRegister r -> x;
                    };
                    block = cfg.block(b.condition().op().test(a, operand) ? b.ifTrue() : b.ifFalse());
                }
            }
        }
    }

    private static int load(byte[] p, int k, LoadSize size) {
        return switch (size) {
            case BYTE -> p[k] & 0xff;
            case HALF -> ((p[k] & 0xff) << 8) | (p[k + 1] & 0xff);
            case WORD -> ((p[k] & 0xff) << 24) | ((p[k + 1] & 0xff) << 16) | ((p[k + 2] & 0xff) << 8) | (p[k + 3] & 0xff);
        };
    }
}
