package dev.jfilter.runtime.differential;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.Instruction;
import dev.jfilter.cfg.AncillarySource;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.lower.Lowering;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.frontend.oracle.KnownDifferences;
import dev.jfilter.runtime.cbpf.CbpfInterpreter;
import dev.jfilter.runtime.libpcap.Libpcap;
import dev.jfilter.runtime.testing.ExtensionChain;
import java.util.ArrayList;
import java.util.List;

/** Runs jfilter's program and a reference program on the same packets and lists where they differ. */
final class Verdicts {
    /** A reference result: libpcap's program never ends on this packet. */
    static final long LOOPS_FOREVER = -1;

    private Verdicts() {}

    /**
     * A packet on which jfilter's and the reference program disagree, with what the reference's unoptimized program
     * says, which tells libpcap optimizer bugs from real differences.
     */
    record Mismatch(Captures.Packet packet, long jfilter, long reference, long referenceUnoptimized) {
        /** Whether jfilter agrees with the reference's unoptimized program: the reference's optimizer broke it. */
        boolean referenceOptimizerDiffers() {
            return jfilter == referenceUnoptimized;
        }

        /** Whether the reference never ends on this packet (libpcap's protochain after an AH header). */
        boolean referenceLoops() {
            return reference == LOOPS_FOREVER || referenceUnoptimized == LOOPS_FOREVER;
        }

        /**
         * Whether jfilter rejects a packet libpcap's {@code protochain} accepts only after walking more extension
         * headers than jfilter's unrolled walk takes: jfilter's documented limit.
         */
        boolean beyondProtochainDepth(String expression, LinkType type) {
            return expression.contains("protochain") && jfilter == 0 && reference != 0 && ExtensionChain.length(
                    packet.bytes(), KnownDifferences.network(type, packet.bytes())) > Lowering.PROTOCHAIN_MAX_HEADERS;
        }

        /** The mismatch as the frontend's list of known libpcap differences takes it. */
        dev.jfilter.frontend.oracle.Differential.Mismatch asFrontendMismatch(dev.jfilter.cfg.Cfg cfg) {
            return new dev.jfilter.frontend.oracle.Differential.Mismatch(packet.origin(), jfilter != 0,
                    reference != 0, packet.bytes(), packet.wireLength(), cfg);
        }

        @Override
        public String toString() {
            return packet.origin() + ": jfilter " + jfilter + ", libpcap " + reference + " (unoptimized "
                    + referenceUnoptimized + ")";
        }
    }

    /**
     * Compares jfilter's program with the reference on every packet, and checks on the way that jfilter's
     * unoptimized program gives what its optimized one gives. The reference runs in libpcap's own interpreter,
     * except a program that jumps backwards (libpcap's {@code protochain} loop, which can spin forever on some
     * packets): that one runs in jfilter's interpreter, identical to libpcap's on millions of runs, which stops
     * after {@link CbpfInterpreter#BACKWARD_JUMP_LIMIT} backward jumps.
     */
    static List<Mismatch> compare(CbpfProgram ours, CbpfProgram oursUnoptimized, CbpfProgram reference,
            CbpfProgram referenceUnoptimized, List<Captures.Packet> packets) {
        CbpfInterpreter jf = CbpfInterpreter.of(ours);
        CbpfInterpreter jfU = CbpfInterpreter.of(oursUnoptimized);
        List<Mismatch> out = new ArrayList<>();
        try (Reference lp = Reference.of(reference); Reference lpU = Reference.of(referenceUnoptimized)) {
            for (Captures.Packet p : packets) {
                compareOne(jf, jfU, lp, lpU, p, AncillarySource.NONE, out);
            }
        }
        return out;
    }

    /** How far into a packet {@link #optimizerWitness} cuts: past the headers any corpus expression reads. */
    static final int WITNESS_CUTS = 160;

    /** How many distinct packets {@link #optimizerWitness} plants the reference's constants into. */
    static final int WITNESS_PLANTED_PACKETS = 400;

    /**
     * A packet on which the reference's optimized program disagrees with its own unoptimized one, and jfilter's
     * program agrees with the unoptimized one: each packet cut short at every length up to {@link #WITNESS_CUTS}
     * (an optimizer that moves or drops a load shows on a packet that ends just before the load); then the same
     * with each constant the reference compares a loaded field with written into that field (a packet from a host
     * the corpus has no packet of).
     */
    static java.util.Optional<Captures.Packet> optimizerWitness(CbpfProgram ours, CbpfProgram reference,
            CbpfProgram referenceUnoptimized, List<Captures.Packet> packets) {
        CbpfInterpreter jf = CbpfInterpreter.of(ours);
        List<Captures.Packet> heads = distinctHeads(packets);
        try (Reference lp = Reference.of(reference); Reference lpU = Reference.of(referenceUnoptimized)) {
            for (Captures.Packet p : heads) {
                var w = cutWitness(p, jf, lp, lpU);
                if (w.isPresent()) {
                    return w;
                }
            }
            List<int[]> constants = comparedFields(reference);
            for (Captures.Packet p : heads.subList(0, Math.min(heads.size(), WITNESS_PLANTED_PACKETS))) {
                for (int[] c : constants) {
                    int offset = c[0];
                    int size = c[1];
                    if (offset + size > p.bytes().length) {
                        continue;
                    }
                    byte[] planted = p.bytes().clone();
                    for (int i = 0; i < size; i++) {
                        planted[offset + i] = (byte) (c[2] >>> (8 * (size - 1 - i)));
                    }
                    var w = cutWitness(new Captures.Packet(planted, p.wireLength(), p.origin() + " with "
                            + Integer.toHexString(c[2]) + " at " + offset), jf, lp, lpU);
                    if (w.isPresent()) {
                        return w;
                    }
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** The corpus packets with distinct first {@link #WITNESS_CUTS} bytes, cut to that length. */
    private static List<Captures.Packet> distinctHeads(List<Captures.Packet> packets) {
        java.util.Set<java.nio.ByteBuffer> seen = new java.util.HashSet<>();
        List<Captures.Packet> out = new ArrayList<>();
        for (Captures.Packet p : packets) {
            byte[] head = java.util.Arrays.copyOf(p.bytes(), Math.min(p.bytes().length, WITNESS_CUTS));
            if (seen.add(java.nio.ByteBuffer.wrap(head))) {
                out.add(new Captures.Packet(head, p.wireLength(), p.origin()));
            }
        }
        return out;
    }

    /** The packet cut at each length, until the reference's two programs disagree and jfilter's sides with -O's. */
    private static java.util.Optional<Captures.Packet> cutWitness(Captures.Packet p, CbpfInterpreter jf,
            Reference lp, Reference lpU) {
        for (int n = 1; n <= p.bytes().length; n++) {
            Captures.Packet cut = new Captures.Packet(java.util.Arrays.copyOf(p.bytes(), n), p.wireLength(),
                    p.origin() + " cut to " + n + " bytes");
            long u = lpU.run(cut, AncillarySource.NONE);
            if (lp.run(cut, AncillarySource.NONE) != u && run(jf, cut, AncillarySource.NONE) == u) {
                return java.util.Optional.of(cut);
            }
        }
        return java.util.Optional.empty();
    }

    /** {offset, size, constant} for each {@code jeq #k} right after an absolute load in {@code program}. */
    private static List<int[]> comparedFields(CbpfProgram program) {
        List<int[]> out = new ArrayList<>();
        Instruction.LoadAbsolute last = null;
        for (var encoded : program.instructions()) {
            Instruction i = Instruction.disassemble(encoded);
            if (i instanceof Instruction.LoadAbsolute l) {
                last = l;
            } else if (i instanceof Instruction.JumpIf j && j.op() == dev.jfilter.cfg.JumpOp.JEQ && last != null) {
                out.add(new int[] {last.offset(), last.size().bytes(), j.value()});
            } else if (!(i instanceof Instruction.JumpIf)) {
                last = null;
            }
        }
        return out;
    }

    /**
     * The same for programs of the Linux live-capture mode: every packet is run with each of the metadata variants,
     * by jfilter's interpreter on both sides (libpcap's userland interpreter has no packet metadata).
     */
    static List<Mismatch> compareLive(CbpfProgram ours, CbpfProgram oursUnoptimized, CbpfProgram reference,
            CbpfProgram referenceUnoptimized, List<Captures.Packet> packets, List<? extends AncillarySource> metadata) {
        CbpfInterpreter jf = CbpfInterpreter.of(ours);
        CbpfInterpreter jfU = CbpfInterpreter.of(oursUnoptimized);
        List<Mismatch> out = new ArrayList<>();
        Reference lp = new Reference.Bounded(CbpfInterpreter.of(reference));
        Reference lpU = new Reference.Bounded(CbpfInterpreter.of(referenceUnoptimized));
        for (Captures.Packet p : packets) {
            for (AncillarySource m : metadata) {
                compareOne(jf, jfU, lp, lpU, p, m, out);
            }
        }
        return out;
    }

    private static void compareOne(CbpfInterpreter jf, CbpfInterpreter jfU, Reference lp, Reference lpU,
            Captures.Packet p, AncillarySource metadata, List<Mismatch> out) {
        long a = run(jf, p, metadata);
        long u = run(jfU, p, metadata);
        if (a != u) {
            throw new AssertionError("jfilter's optimizer changed the verdict on " + p.origin() + " " + metadata
                    + ": " + u + " unoptimized, " + a + " optimized");
        }
        long b = lp.run(p, metadata);
        if (a != b) {
            out.add(new Mismatch(p, a, b, lpU.run(p, metadata)));
        }
    }

    private static long run(CbpfInterpreter program, Captures.Packet p, AncillarySource metadata) {
        return Integer.toUnsignedLong(program.run(java.lang.foreign.MemorySegment.ofArray(p.bytes()), 0,
                p.bytes().length, p.wireLength(), metadata));
    }

    /** A reference program and the interpreter it runs in. */
    private sealed interface Reference extends AutoCloseable {
        long run(Captures.Packet p, AncillarySource metadata);

        @Override
        void close();

        static Reference of(CbpfProgram program) {
            boolean backward = program.instructions().stream().anyMatch(
                    f -> Instruction.disassemble(f) instanceof Instruction.Jump j && j.offset() < 0);
            return backward ? new Bounded(CbpfInterpreter.of(program)) : new Native(Libpcap.load(program));
        }

        record Native(Libpcap.NativeProgram program) implements Reference {
            /** libpcap's userland interpreter has no packet metadata: only programs without ancillary loads. */
            @Override
            public long run(Captures.Packet p, AncillarySource metadata) {
                return Integer.toUnsignedLong(program.filter(p.bytes(), p.wireLength(), p.bytes().length));
            }

            @Override
            public void close() {
                program.close();
            }
        }

        record Bounded(CbpfInterpreter program) implements Reference {
            @Override
            public long run(Captures.Packet p, AncillarySource metadata) {
                try {
                    return Verdicts.run(program, p, metadata);
                } catch (IllegalStateException loops) {
                    return LOOPS_FOREVER;
                }
            }

            @Override
            public void close() {}
        }
    }
}
