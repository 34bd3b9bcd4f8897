package dev.jfilter.frontend.oracle;

import dev.jfilter.cfg.AncillarySource;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.Captures.Packet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs jfilter's CFG and libpcap's program on the same packets and lists where their verdicts differ. */
public final class Differential {
    private Differential() {}

    /** jfilter's protochain depth (ProtoChain.MAX_HEADERS), repeated here for the oracle package. */
    public static final int PROTOCHAIN_DEPTH = 8;

    /** One packet on which the two disagree. */
    public record Mismatch(String packet, boolean jfilter, boolean libpcap, byte[] bytes, int wireLength, Cfg cfg) {
        @Override
        public String toString() {
            return packet + ": jfilter " + (jfilter ? "accepts" : "rejects") + ", libpcap "
                    + (libpcap ? "accepts" : "rejects");
        }
    }

    /** The mismatches, or empty when libpcap cannot compile the expression (reported as empty optional). */
    public static Optional<List<Mismatch>> against(LinkType type, int snaplen, String expression, int netmask,
            boolean optimize, Cfg cfg, List<Packet> packets) {
        if (expression.contains("protochain") && netmask == -1) {
            // libpcap's protochain loop can spin forever in bpf_filter: run its listing here, with a step limit.
            return Libpcap.listing(type, snaplen, expression, optimize)
                    .map(listing -> againstText(listing, cfg, packets));
        }
        Optional<Libpcap.Program> program = Libpcap.compile(type, snaplen, expression, optimize, netmask);
        if (program.isEmpty()) {
            return Optional.empty();
        }
        try (Libpcap.Program p = program.get()) {
            List<Mismatch> out = new ArrayList<>();
            for (Packet packet : packets) {
                boolean ours = CfgInterpreter.run(cfg, packet.bytes(), packet.bytes().length, packet.wireLength()) != 0;
                boolean theirs = p.accepts(packet.bytes(), packet.wireLength());
                if (ours != theirs) {
                    out.add(new Mismatch(packet.origin(), ours, theirs, packet.bytes(), packet.wireLength(), cfg));
                }
            }
            return Optional.of(out);
        }
    }

    /**
     * Whether jfilter's program tried to load past the captured bytes of the mismatching packet: run again on the
     * packet extended with zeros and with ones, a different verdict shows a load beyond the end.
     */
    public static boolean jfilterFaulted(Mismatch m) {
        int v = CfgInterpreter.run(m.cfg(), m.bytes(), m.bytes().length, m.wireLength());
        for (byte fill : new byte[] {0, (byte) 0xff}) {
            byte[] padded = java.util.Arrays.copyOf(m.bytes(), m.bytes().length + 4096);
            java.util.Arrays.fill(padded, m.bytes().length, padded.length, fill);
            // The wire length stays: only loads see the extra bytes (the interpreter allows captured > wire).
            if (CfgInterpreter.run(m.cfg(), padded, padded.length, m.wireLength()) != v) {
                return true;
            }
        }
        return false;
    }

    /**
     * The mismatches against one of libpcap master's programs for a live Linux capture, in {@code tcpdump -d} text:
     * every packet is run with each of the {@code metadata}, through both programs.
     */
    public static List<Mismatch> againstText(List<String> listing, Cfg cfg, List<Packet> packets,
            List<? extends AncillarySource> metadata) {
        CbpfText program = CbpfText.parse(listing);
        List<Mismatch> out = new ArrayList<>();
        for (Packet packet : packets) {
            for (AncillarySource m : metadata) {
                boolean ours = CfgInterpreter.run(cfg, packet.bytes(), packet.bytes().length, packet.wireLength(), m)
                        != 0;
                long verdict = program.run(packet.bytes(), packet.wireLength(), m, new int[1]);
                if (verdict < 0) {
                    continue;
                }
                if (ours != (verdict != 0)) {
                    out.add(new Mismatch(packet.origin() + " " + m, ours, verdict != 0, packet.bytes(),
                            packet.wireLength(), cfg));
                }
            }
        }
        return out;
    }

    /**
     * Whether jfilter's verdict on the mismatching packet depends on what the scratch words held when the program
     * started: the program's first statements write zeros to the words some path reads unwritten (as libpcap
     * master's {@code bpf_filter} zeros them); run again with other values there, a different verdict shows the
     * packet takes such a path. libpcap 1.10.3 leaves the words as the stack had them.
     */
    public static boolean dependsOnUnwrittenScratch(Mismatch m) {
        Cfg cfg = m.cfg();
        var entry = cfg.entryBlock();
        List<dev.jfilter.cfg.Stmt> s = entry.statements();
        if (s.size() < 2 || !(s.getFirst() instanceof dev.jfilter.cfg.Stmt.LoadConstant zero && zero.value() == 0
                && zero.dst() == dev.jfilter.cfg.Register.A && s.get(1) instanceof dev.jfilter.cfg.Stmt.Store)) {
            return false;
        }
        int stores = 1;
        while (stores < s.size() && s.get(stores) instanceof dev.jfilter.cfg.Stmt.Store) {
            stores++;
        }
        int v = CfgInterpreter.run(cfg, m.bytes(), m.bytes().length, m.wireLength());
        for (int garbage : new int[] {0x5a5a5a5a, -1, 1, 0x7fff0000}) {
            // A different value in each word, then A = 0 again, as after the zeros.
            List<dev.jfilter.cfg.Stmt> changed = new ArrayList<>();
            for (int i = 1; i < stores; i++) {
                int slot = ((dev.jfilter.cfg.Stmt.Store) s.get(i)).slot();
                changed.add(new dev.jfilter.cfg.Stmt.LoadConstant(dev.jfilter.cfg.Register.A, garbage + 977 * slot));
                changed.add(s.get(i));
            }
            changed.add(s.getFirst());
            changed.addAll(s.subList(stores, s.size()));
            Cfg other = cfg.map(b -> b.id().equals(cfg.entry())
                    ? new dev.jfilter.cfg.Block(b.id(), changed, b.terminator()) : b);
            if (CfgInterpreter.run(other, m.bytes(), m.bytes().length, m.wireLength()) != v) {
                return true;
            }
        }
        return false;
    }

    /** The mismatches against one of libpcap master's programs in {@code tcpdump -d} text. */
    public static List<Mismatch> againstText(List<String> listing, Cfg cfg, List<Packet> packets) {
        CbpfText program = CbpfText.parse(listing);
        List<Mismatch> out = new ArrayList<>();
        for (Packet packet : packets) {
            boolean ours = CfgInterpreter.run(cfg, packet.bytes(), packet.bytes().length, packet.wireLength()) != 0;
            int[] turns = new int[1];
            long verdict = program.run(packet.bytes(), packet.wireLength(), turns);
            if (verdict < 0 || turns[0] >= PROTOCHAIN_DEPTH) {
                // The listing never ends on this packet (libpcap would hang), or walks more extension headers than
                // jfilter's unrolled protochain does: outside what the two promise to agree on.
                continue;
            }
            boolean theirs = verdict != 0;
            if (ours != theirs) {
                out.add(new Mismatch(packet.origin(), ours, theirs, packet.bytes(), packet.wireLength(), cfg));
            }
        }
        return out;
    }
}
