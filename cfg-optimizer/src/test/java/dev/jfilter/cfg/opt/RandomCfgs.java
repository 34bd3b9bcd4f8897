package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgBuilder;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random acyclic graphs that look like compiled filters: few distinct loads and constants, so tests repeat and the
 * optimizer finds something to do, and offsets near the end of short packets, so loads fail on some of them.
 */
final class RandomCfgs {
    private static final int[] CONSTANTS = {0, 1, 2, 3, 4, 8, 0x45, 0x800, 0xff, 0x1fff, 20, -1};
    private static final int[] OFFSETS = {0, 1, 2, 6, 12, 14, 20, 23, 30, 40};

    private RandomCfgs() {}

    static Cfg cfg(Random r, int blocks) {
        CfgBuilder b = new CfgBuilder();
        List<BlockId> later = new ArrayList<>();
        later.add(b.addReturn(262144));
        later.add(b.addReturn(0));
        if (r.nextInt(4) == 0) {
            later.add(b.add(statements(r, 2), new Terminator.ReturnA()));
        }
        for (int i = 0; i < blocks; i++) {
            List<Stmt> stmts = statements(r, r.nextInt(4));
            BlockId t = later.get(r.nextInt(later.size()));
            BlockId f = later.get(r.nextInt(later.size()));
            Terminator term = switch (r.nextInt(6)) {
                case 0 -> new Terminator.Jump(t);
                case 1 -> new Terminator.Branch(Condition.ofX(op(r)), t, f);
                default -> new Terminator.Branch(Condition.of(op(r), CONSTANTS[r.nextInt(CONSTANTS.length)]), t, f);
            };
            later.add(b.add(stmts, term));
        }
        return b.build(later.getLast());
    }

    private static JumpOp op(Random r) {
        return JumpOp.values()[r.nextInt(JumpOp.values().length)];
    }

    static List<Stmt> statements(Random r, int n) {
        List<Stmt> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (r.nextInt(8) == 0) {
                // The tcp[k] idiom the indexed-load peephole rewrites.
                out.add(new Stmt.LoadConstant(Register.A, r.nextInt(4)));
                out.add(new Stmt.LoadIpHeaderLength(OFFSETS[r.nextInt(OFFSETS.length)]));
                out.add(new Stmt.AluX(AluOp.ADD));
                out.add(new Stmt.Tax());
                out.add(new Stmt.LoadIndirect(LoadSize.values()[r.nextInt(3)], OFFSETS[r.nextInt(OFFSETS.length)]));
            } else {
                out.add(statement(r));
            }
        }
        return out;
    }

    private static Stmt statement(Random r) {
        Register reg = r.nextBoolean() ? Register.A : Register.X;
        int k = CONSTANTS[r.nextInt(CONSTANTS.length)];
        int off = OFFSETS[r.nextInt(OFFSETS.length)];
        LoadSize size = LoadSize.values()[r.nextInt(3)];
        return switch (r.nextInt(14)) {
            case 0, 1, 2 -> new Stmt.LoadAbsolute(size, off);
            case 3 -> new Stmt.LoadIndirect(size, off);
            case 4 -> new Stmt.LoadConstant(reg, k);
            case 5 -> new Stmt.LoadScratch(reg, r.nextInt(3));
            case 6 -> new Stmt.Store(reg, r.nextInt(3));
            case 7 -> new Stmt.LoadIpHeaderLength(off);
            case 8 -> new Stmt.AluConstant(AluOp.values()[r.nextInt(AluOp.values().length)], r.nextInt(5) == 0 ? 0 : k);
            case 9 -> new Stmt.AluX(AluOp.values()[r.nextInt(AluOp.values().length)]);
            case 10 -> r.nextBoolean() ? new Stmt.Tax() : new Stmt.Txa();
            case 11 -> new Stmt.LoadLength(reg);
            case 12 -> r.nextInt(4) == 0 ? new Stmt.LoadAncillary(Ancillary.PKTTYPE) : new Stmt.Negate();
            default -> new Stmt.AluConstant(AluOp.AND, k);
        };
    }

    /** A packet of 0 to 48 bytes from a small alphabet, so equality tests succeed now and then. */
    static byte[] packet(Random r) {
        byte[] alphabet = {0, 1, 2, 0x45, 0x08, 0x00, (byte) 0xff, 20};
        byte[] p = new byte[r.nextInt(49)];
        for (int i = 0; i < p.length; i++) {
            p[i] = alphabet[r.nextInt(alphabet.length)];
        }
        return p;
    }
}
