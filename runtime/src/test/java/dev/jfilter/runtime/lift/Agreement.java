package dev.jfilter.runtime.lift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cfg.AncillarySource;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.runtime.cbpf.CbpfInterpreter;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Runs a classic BPF program in jfilter's cBPF interpreter (libpcap's semantics) and its lifted graph in the
 * {@link CfgInterpreter} on the same packets, and asserts they return the same value every time.
 */
final class Agreement {
    private Agreement() {}

    /** Packets are cut at every length up to this many bytes (and run whole); filters rarely read further. */
    static final int CUT_LIMIT = 256;

    /** Which packets are cut: those whose index is {@code offset} modulo {@code stride}. */
    record Cuts(int stride, int offset) {
        /** Every packet. */
        static final Cuts ALL = new Cuts(1, 0);
        /** No packet: full lengths only. */
        static final Cuts NONE = new Cuts(0, 0);

        boolean cut(int index) {
            return stride > 0 && index % stride == offset;
        }
    }

    /**
     * Compares the two on every packet at its full captured length and, for the packets {@code cuts} selects, cut
     * at every length up to {@link #CUT_LIMIT} (the wire length stays), once per metadata source.
     *
     * @return how many runs were compared
     */
    static long check(String what, CbpfProgram program, Cfg lifted, List<Captures.Packet> packets,
            List<? extends AncillarySource> metadata, Cuts cuts) {
        CbpfInterpreter cbpf = CbpfInterpreter.of(program);
        long runs = 0;
        for (int i = 0; i < packets.size(); i++) {
            Captures.Packet p = packets.get(i);
            MemorySegment segment = MemorySegment.ofArray(p.bytes());
            int captured = p.bytes().length;
            boolean cut = cuts.cut(i);
            for (AncillarySource source : metadata) {
                for (int length = cut ? 0 : captured; length <= captured; length++) {
                    if (length > CUT_LIMIT && length < captured) {
                        length = captured; // past the limit, only the whole packet
                    }
                    int expected = cbpf.run(segment, 0, length, p.wireLength(), source);
                    int actual = CfgInterpreter.run(lifted, p.bytes(), length, p.wireLength(), source);
                    if (actual != expected) {
                        assertThat(Integer.toUnsignedString(actual)).as("%s on %s cut to %d of %d bytes, metadata %s;"
                                + " the lifted graph:%n%s", what, p.origin(), length, captured, source, lifted)
                                .isEqualTo(Integer.toUnsignedString(expected));
                    }
                    runs++;
                }
            }
        }
        return runs;
    }
}
