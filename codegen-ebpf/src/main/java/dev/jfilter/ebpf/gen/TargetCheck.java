package dev.jfilter.ebpf.gen;

import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Prepares a graph for one program type. Statements that fail on every packet (a load at a negative offset, a division
 * by the constant 0) end their block with a return of 0 right there, as they would at run time, and what only they
 * reached is dropped: the verifier refuses unreachable instructions. What the program type cannot express at all (a
 * packet offset direct access cannot reach, metadata the context does not have) is a {@link Problem}.
 */
final class TargetCheck {
    /**
     * The furthest end (exclusive) of a direct packet access: the verifier's {@code MAX_PACKET_OFF}, the largest
     * constant offset of a packet pointer compared with {@code data_end}.
     */
    static final int MAX_PACKET_OFFSET = 0xffff;

    private TargetCheck() {}

    /** The graph ready for the options' target, or why it cannot be. */
    static Result check(Cfg cfg, GenerateOptions options) {
        Target target = options.target();
        Set<String> problems = new LinkedHashSet<>();
        if (target == Target.SOCKET && options.onMatch() == OnMatch.DROP && readsPacket(cfg)) {
            // LD_ABS and LD_IND end the program with 0 (drop) when they read past the packet, whatever the filter.
            problems.add("a socket filter cannot drop what matches: a load past the end of a packet drops it too;"
                    + " filter with 'not (...)' instead");
        }
        List<Block> blocks = new ArrayList<>();
        for (Block b : cfg.blocks()) {
            List<Stmt> kept = new ArrayList<>();
            boolean fails = false;
            for (Stmt s : b.statements()) {
                if (alwaysFails(s)) {
                    fails = true;
                    break;
                }
                problem(s, target).ifPresent(problems::add);
                kept.add(s);
            }
            blocks.add(fails ? new Block(b.id(), kept, new Terminator.Return(0)) : b);
        }
        if (!problems.isEmpty()) {
            return new Result.Unsupported(problems.stream().map(Problem::new).toList());
        }
        return new Result.Ready(Cfg.of(cfg.entry(), blocks));
    }

    /** A graph checked for a target, or its problems. */
    sealed interface Result {
        record Ready(Cfg cfg) implements Result {}

        record Unsupported(List<Problem> problems) implements Result {}
    }

    /** Whether any statement reads packet bytes. */
    static boolean readsPacket(Cfg cfg) {
        return cfg.blocks().stream().flatMap(b -> b.statements().stream())
                .anyMatch(s -> s instanceof Stmt.LoadAbsolute || s instanceof Stmt.LoadIndirect
                        || s instanceof Stmt.LoadIpHeaderLength);
    }

    private static boolean alwaysFails(Stmt s) {
        return switch (s) {
            // Offsets are unsigned in cBPF: a negative int is past any packet (and LD_ABS would read SKF_* areas); so is
            // a load that ends past 2^31 - 1 (the frontend's load for an offset libpcap leaves unset), longer than any
            // packet the kernel holds.
            case Stmt.LoadAbsolute l -> pastAnyPacket(l.offset(), l.size().bytes());
            case Stmt.LoadIndirect l -> pastAnyPacket(l.offset(), l.size().bytes());
            case Stmt.LoadIpHeaderLength l -> pastAnyPacket(l.offset(), 1);
            case Stmt.AluConstant a -> a.op().trapsOnZero() && a.operand() == 0;
            case Stmt.LoadConstant _, Stmt.LoadScratch _, Stmt.LoadLength _, Stmt.LoadAncillary _, Stmt.Store _,
                 Stmt.AluX _, Stmt.Negate _, Stmt.Tax _, Stmt.Txa _ -> false;
        };
    }

    private static boolean pastAnyPacket(int offset, int size) {
        return offset < 0 || (long) offset + size > Integer.MAX_VALUE;
    }

    private static Optional<String> problem(Stmt s, Target target) {
        return switch (s) {
            case Stmt.LoadAbsolute l -> reach(target, l.offset(), l.size().bytes());
            case Stmt.LoadIndirect l -> reach(target, l.offset(), l.size().bytes());
            case Stmt.LoadIpHeaderLength l -> reach(target, l.offset(), 1);
            case Stmt.LoadAncillary a -> metadata(target, a.field());
            case Stmt.LoadConstant _, Stmt.LoadScratch _, Stmt.LoadLength _, Stmt.Store _, Stmt.AluConstant _,
                 Stmt.AluX _, Stmt.Negate _, Stmt.Tax _, Stmt.Txa _ -> Optional.empty();
        };
    }

    private static Optional<String> reach(Target target, int offset, int size) {
        if (!target.directAccess() || offset < 0 || (long) offset + size <= MAX_PACKET_OFFSET) {
            return Optional.empty();
        }
        return Optional.of("a load of " + size + (size == 1 ? " byte" : " bytes") + " at packet offset " + offset
                + " ends past 0xffff, the furthest direct packet access reaches");
    }

    private static Optional<String> metadata(Target target, Ancillary field) {
        if (target == Target.XDP) {
            return Optional.of("XDP programs have no packet metadata (" + AncillaryField.name(field)
                    + "); compile without --linux-ext, or for ebpf-tc or ebpf-socket");
        }
        return AncillaryField.of(field).isPresent()
                ? Optional.empty()
                : Optional.of("the kernel's " + AncillaryField.name(field) + " metadata is not readable from eBPF");
    }
}
