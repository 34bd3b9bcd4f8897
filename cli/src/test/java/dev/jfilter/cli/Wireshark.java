package dev.jfilter.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wireshark's reader (wiretap), an implementation of pcap and pcapng independent of libpcap and of jfilter: what
 * {@code tshark -T fields} says of each packet of many files, in a few runs rather than one per file. {@code
 * capinfos} (which takes many files) finds the ones wiretap reads and their packet counts; {@code mergecap -a}
 * puts the pcap ones end to end (pcapng ones are concatenated as they are, a pcapng file may have several
 * sections), and one {@code tshark} run reads them all, its rows split by the counts. A damaged file is read alone.
 * Files jfilter wrote are concatenated and split by {@code frame.section_number}: one section each.
 *
 * @see <a href="https://www.wireshark.org/docs/man-pages/tshark.html">tshark(1)</a>
 * @see <a href="https://www.wireshark.org/docs/man-pages/capinfos.html">capinfos(1)</a>
 */
record Wireshark(ExternalTool tshark, ExternalTool capinfos, ExternalTool mergecap) {

    /** What tshark prints of one packet: {@code frame.time_epoch} (seconds, 9 decimals), length, captured length. */
    record Frame(String time, long length, long capturedLength) {}

    /** What Wireshark makes of one file. */
    sealed interface Reading {
        /** The frames it read, and what tshark printed on standard error (empty for a clean read). */
        record Frames(List<Frame> frames, String warnings) implements Reading {}

        /** It does not read the file at all: capinfos' message. */
        record Unreadable(String reason) implements Reading {}
    }

    /** tshark, capinfos and mergecap, when all three are installed. */
    static Optional<Wireshark> find() {
        Optional<ExternalTool> tshark = ExternalTool.find("tshark");
        Optional<ExternalTool> capinfos = ExternalTool.find("capinfos");
        Optional<ExternalTool> mergecap = ExternalTool.find("mergecap");
        return tshark.isPresent() && capinfos.isPresent() && mergecap.isPresent()
                ? Optional.of(new Wireshark(tshark.get(), capinfos.get(), mergecap.get()))
                : Optional.empty();
    }

    private static final Pattern CAPINFOS_ERROR =
            Pattern.compile("capinfos: The file \"(.*)\" (.*)(?:\\n(\\(.*\\)))?");

    /** Reads any capture files (a file that is not one is {@link Reading.Unreadable}); {@code work} is scratch. */
    Map<Path, Reading> read(List<Path> files, Path work) throws IOException, InterruptedException {
        Map<Path, Reading> out = new LinkedHashMap<>();
        Map<Path, Long> counts = new LinkedHashMap<>();
        Map<Path, String> problems = new HashMap<>();
        ExternalTool.Run info = capinfos.run(concat(List.of("-T", "-r", "-M", "-c"), files));
        for (String line : info.out().lines().toList()) {
            String[] f = line.split("\t");
            if (f.length == 2) {
                counts.put(Path.of(f[0]), Long.parseLong(f[1]));
            }
        }
        Matcher m = CAPINFOS_ERROR.matcher(info.err());
        while (m.find()) {
            problems.put(Path.of(m.group(1)), m.group(2) + (m.group(3) == null ? "" : " " + m.group(3)));
        }
        List<Path> clean = files.stream().filter(counts::containsKey).filter(f -> !problems.containsKey(f)).toList();
        Map<Path, List<Frame>> together = new HashMap<>();
        together.putAll(framesEndToEnd(clean.stream().filter(f -> !pcapng(f)).toList(), counts, work, true));
        together.putAll(framesEndToEnd(clean.stream().filter(Wireshark::pcapng).toList(), counts, work, false));
        for (Path file : files) {
            if (together.containsKey(file)) {
                out.put(file, new Reading.Frames(together.get(file), ""));
            } else if (counts.containsKey(file) || problems.containsKey(file) && !unreadable(problems.get(file))) {
                out.put(file, readOne(file)); // a damaged file, or the batch failed: read it alone
            } else {
                out.put(file, new Reading.Unreadable(problems.getOrDefault(file, "no packet count")));
            }
        }
        return out;
    }

    /**
     * The frames of {@code files} read end to end by one tshark run, split by their counts: pcap files merged into
     * one pcapng by mergecap, pcapng files concatenated as they are (mergecap writes a timestamp that {@code
     * if_tsoffset} puts before 1970 as a huge unsigned one).
     * Empty if that fails.
     */
    private Map<Path, List<Frame>> framesEndToEnd(List<Path> files, Map<Path, Long> counts, Path work,
            boolean merge) throws IOException, InterruptedException {
        if (files.isEmpty()) {
            return Map.of();
        }
        Path all = work.resolve(merge ? "wireshark-merged.pcapng" : "wireshark-concatenated-inputs.pcapng");
        if (merge) {
            ExternalTool.Run run = mergecap.run(concat(List.of("-a", "-F", "pcapng", "-w", all.toString()), files));
            if (run.exitCode() != 0) {
                return Map.of();
            }
        } else {
            concatenate(files, all);
        }
        Rows rows = tshark(all);
        long total = files.stream().mapToLong(counts::get).sum();
        if (!rows.warnings().isEmpty() || rows.frames().size() != total) {
            return Map.of();
        }
        Map<Path, List<Frame>> out = new HashMap<>();
        int next = 0;
        for (Path file : files) {
            int n = Math.toIntExact(counts.get(file));
            out.put(file, rows.frames().subList(next, next + n));
            next += n;
        }
        return out;
    }

    private static boolean pcapng(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x0a && magic[1] == 0x0d && magic[2] == 0x0d && magic[3] == 0x0a;
        } catch (IOException e) {
            return false;
        }
    }

    private static void concatenate(List<Path> files, Path to) throws IOException {
        try (OutputStream o = Files.newOutputStream(to)) {
            for (Path p : files) {
                Files.copy(p, o);
            }
        }
    }

    /** One file read alone by tshark. */
    Reading.Frames readOne(Path file) throws IOException, InterruptedException {
        Rows rows = tshark(file);
        return new Reading.Frames(rows.frames(), rows.warnings());
    }

    /**
     * pcapng files read end to end, one section each, by one tshark run: each file's frames, by section number; a
     * warning of that run is given to every file.
     */
    Map<Path, Reading.Frames> readConcatenated(List<Path> pcapngs, Path work) throws IOException,
            InterruptedException {
        Path all = work.resolve("wireshark-concatenated.pcapng");
        concatenate(pcapngs, all);
        Rows rows = tshark(all);
        Map<Path, List<Frame>> bySection = new LinkedHashMap<>();
        pcapngs.forEach(p -> bySection.put(p, new ArrayList<>()));
        for (int i = 0; i < rows.frames().size(); i++) {
            bySection.get(pcapngs.get(rows.sections().get(i) - 1)).add(rows.frames().get(i));
        }
        Map<Path, Reading.Frames> out = new LinkedHashMap<>();
        bySection.forEach((p, list) -> out.put(p, new Reading.Frames(List.copyOf(list), rows.warnings())));
        return out;
    }

    /** tshark's rows: each frame and its pcapng section (1 for pcap), and its standard error but for the banner. */
    private record Rows(List<Frame> frames, List<Integer> sections, String warnings) {}

    private Rows tshark(Path file) throws IOException, InterruptedException {
        ExternalTool.Run run = tshark.run("-n", "-r", file.toString(), "-T", "fields", "-e", "frame.section_number",
                "-e", "frame.time_epoch", "-e", "frame.len", "-e", "frame.cap_len");
        List<Frame> frames = new ArrayList<>();
        List<Integer> sections = new ArrayList<>();
        for (String line : run.out().lines().toList()) {
            String[] f = line.split("\t", -1);
            sections.add(f[0].isEmpty() ? 1 : Integer.parseInt(f[0]));
            frames.add(new Frame(f[1], Long.parseLong(f[2]), Long.parseLong(f[3])));
        }
        // tshark says once that it runs as root; that is about this machine, not the file.
        String warnings = run.err().lines().filter(l -> !l.startsWith("Running as user \"root\""))
                .reduce("", (a, b) -> a + b + "\n");
        if (run.exitCode() != 0 && warnings.isEmpty()) {
            warnings = "tshark exit status " + run.exitCode() + "\n";
        }
        return new Rows(frames, sections, warnings);
    }

    /** capinfos' message for a file wiretap does not open (not a capture, an unknown link type). */
    private static boolean unreadable(String problem) {
        return problem.contains("unknown or unsupported") || problem.contains("isn't a capture file")
                || problem.contains("format capinfos understands");
    }

    private static List<String> concat(List<String> options, List<Path> files) {
        List<String> args = new ArrayList<>(options);
        files.forEach(f -> args.add(f.toString()));
        return args;
    }
}
