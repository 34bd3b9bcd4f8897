package dev.jfilter.testpcaps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Per-packet verdicts of a reference libpcap that is not the installed one, for expressions the installed libpcap
 * cannot compile (the {@link CorpusKind#VXLAN} corpus): for each expression and capture, which packets the
 * reference program accepts. Written by {@code dev.jfilter.testpcaps.gen.GenerateVxlanVerdicts}; the text format:
 *
 * <pre>
 * # comment
 * reference TEXT                           what produced the verdicts
 * capture NAME PACKETS SHA-256             a capture the verdicts were computed on, and its bytes' digest
 * verdicts EXPRESSION-TAB-NAME-TAB-RANGES  the 0-based indexes of the accepted packets, "0-3,17", "-" for none
 * </pre>
 *
 * @param reference what produced the verdicts (the libpcap version and how it was run)
 * @param captures the captures the verdicts were computed on
 * @param verdicts one entry per expression and capture, in corpus order
 */
public record ReferenceVerdicts(String reference, List<Stamp> captures, List<Verdicts> verdicts) {
    /** A capture the verdicts were computed on: its packet count and the SHA-256 of its file, in hex. */
    public record Stamp(TestPcap capture, int packets, String sha256) {
    }

    /**
     * The packets of {@code capture} that {@code expression}'s reference program accepts (returns non-zero for).
     *
     * @param accepted 0-based packet indexes in file order
     */
    public record Verdicts(String expression, TestPcap capture, BitSet accepted) {
        /** Takes a private copy of the set. */
        public Verdicts {
            accepted = (BitSet) accepted.clone();
        }

        /** The accepted packet indexes (a copy). */
        @Override
        public BitSet accepted() {
            return (BitSet) accepted.clone();
        }

        /** Whether the reference accepts packet {@code index}. */
        public boolean accepts(int index) {
            return accepted.get(index);
        }
    }

    /** Copies the lists. */
    public ReferenceVerdicts {
        captures = List.copyOf(captures);
        verdicts = List.copyOf(verdicts);
    }

    /** The verdicts of {@code expression} on {@code capture}, if the file has them. */
    public Optional<Verdicts> of(String expression, TestPcap capture) {
        return verdicts.stream().filter(v -> v.expression().equals(expression) && v.capture() == capture)
                .findFirst();
    }

    /** Reads the class-path resource {@code resource}. */
    public static ReferenceVerdicts load(String resource) {
        InputStream in = ReferenceVerdicts.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("missing resource " + resource);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(r.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the lines of a verdict file; throws {@link IllegalArgumentException} naming the line on a bad one. */
    public static ReferenceVerdicts parse(List<String> lines) {
        String reference = null;
        List<Stamp> captures = new ArrayList<>();
        List<Verdicts> verdicts = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            try {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("reference ")) {
                    reference = line.substring("reference ".length());
                } else if (line.startsWith("capture ")) {
                    String[] f = line.split(" ");
                    captures.add(new Stamp(capture(f[1]), Integer.parseInt(f[2]), f[3]));
                } else if (line.startsWith("verdicts ")) {
                    String[] f = line.substring("verdicts ".length()).split("\t");
                    verdicts.add(new Verdicts(f[0], capture(f[1]), ranges(f[2])));
                } else {
                    throw new IllegalArgumentException("unknown line");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (n + 1) + ": " + e.getMessage() + ": " + line, e);
            }
        }
        if (reference == null) {
            throw new IllegalArgumentException("no reference line");
        }
        return new ReferenceVerdicts(reference, captures, verdicts);
    }

    /** The text of this file, as {@link #parse} reads it, after {@code comments} (each line prefixed with "# "). */
    public String format(List<String> comments) {
        StringBuilder b = new StringBuilder();
        comments.forEach(c -> b.append("# ").append(c).append('\n'));
        b.append("reference ").append(reference).append('\n');
        captures.forEach(c -> b.append("capture ").append(c.capture().pcapName()).append(' ').append(c.packets())
                .append(' ').append(c.sha256()).append('\n'));
        verdicts.forEach(v -> b.append("verdicts ").append(v.expression()).append('\t')
                .append(v.capture().pcapName()).append('\t').append(ranges(v.accepted())).append('\n'));
        return b.toString();
    }

    private static TestPcap capture(String name) {
        return TestPcaps.byName(name).orElseThrow(() -> new IllegalArgumentException("no capture " + name));
    }

    private static BitSet ranges(String text) {
        BitSet b = new BitSet();
        if (text.equals("-")) {
            return b;
        }
        for (String part : text.split(",")) {
            int dash = part.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1));
            b.set(from, to + 1);
        }
        return b;
    }

    private static String ranges(BitSet b) {
        if (b.isEmpty()) {
            return "-";
        }
        StringBuilder s = new StringBuilder();
        for (int from = b.nextSetBit(0); from >= 0; from = b.nextSetBit(from)) {
            int to = b.nextClearBit(from) - 1;
            s.append(s.isEmpty() ? "" : ",").append(from).append(to > from ? "-" + to : "");
            from = to + 1;
        }
        return s.toString();
    }
}
