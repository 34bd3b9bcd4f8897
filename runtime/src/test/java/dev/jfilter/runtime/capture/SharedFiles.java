package dev.jfilter.runtime.capture;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The capture files in {@code ../shared} ({@code jfilter.shared}), for tests that compare with libpcap. */
final class SharedFiles {
    private SharedFiles() {}

    /** The shared folder; skips the calling test visibly when it is missing. */
    static Path sharedDir() {
        String dir = System.getProperty("jfilter.shared");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
                "jfilter.shared (" + dir + ") is not a directory: the shared captures are not available");
        return Path.of(dir);
    }

    /** Every file of {@code captures/} and {@code libpcap-tests/savefiles/}, capture or not, sorted. */
    static List<Path> captureFiles() {
        Path shared = sharedDir();
        List<Path> files = new ArrayList<>();
        for (String sub : List.of("captures", "libpcap-tests/savefiles")) {
            Path dir = shared.resolve(sub);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(Files::isRegularFile).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assumeTrue(!files.isEmpty(), "no capture files under " + shared);
        return files;
    }
}
