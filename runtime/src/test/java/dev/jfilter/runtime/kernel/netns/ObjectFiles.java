package dev.jfilter.runtime.kernel.netns;

import dev.jfilter.ebpf.elf.BpfObject;
import dev.jfilter.ebpf.elf.ElfWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@link BpfObject}s as ELF object files for the loaders ({@code ip}, {@code tc}, {@code bpftool}). */
public final class ObjectFiles {
    private ObjectFiles() {}

    /** Writes {@code object} to {@code dir/<section>-<function>.o} and returns the path. */
    public static Path write(Path dir, BpfObject object) {
        Path file = dir.resolve(object.section().sectionName() + "-" + object.function() + ".o");
        try {
            return Files.write(file, ElfWriter.write(object));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
