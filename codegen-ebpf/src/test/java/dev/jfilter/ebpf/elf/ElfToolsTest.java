package dev.jfilter.ebpf.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.insn.Reg;
import dev.jfilter.ebpf.insn.Width;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The written objects read by the system's tools: {@code readelf} (binutils) must describe them as the recipe says,
 * and {@code bpftool prog load} (libbpf) must find the program, infer its type from the section name and get it past
 * the kernel's verifier. The bpftool part needs root; it pins into a private bpffs instance mounted for the test and
 * unmounted after it. Each part is skipped, with the reason, when its tool or privilege is missing.
 */
class ElfToolsTest {
    private static final long TIMEOUT_SECONDS = 20;

    @TempDir
    static Path work;
    private static Path bpffs;

    private record Run(int exit, String output) {}

    private static Run run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Run(-1, String.join(" ", command) + ": timed out after " + TIMEOUT_SECONDS + " s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.exitValue(), output);
    }

    private static boolean onPath(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)))
                || Files.isExecutable(Path.of("/usr/sbin", tool));
    }

    private static String tool(String name) {
        return Files.isExecutable(Path.of("/usr/sbin", name)) ? "/usr/sbin/" + name : name;
    }

    private static boolean root() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .anyMatch(line -> line.matches("Uid:\\s+0\\s.*"));
    }

    @BeforeAll
    static void mountBpffs() throws Exception {
        if (!Files.exists(Path.of("/proc/self/status")) || !root() || !onPath("bpftool")) {
            return;
        }
        Path dir = Files.createDirectory(work.resolve("bpffs"));
        Run mounted = run("mount", "-t", "bpf", "jfilter-test", dir.toString());
        if (mounted.exit() == 0) {
            bpffs = dir;
        }
    }

    @AfterAll
    static void unmountBpffs() throws Exception {
        if (bpffs != null) {
            run("umount", bpffs.toString());
        }
    }

    private static Program returning(ProgramSection section) {
        int value = switch (section) {
            case SOCKET -> 0xffff;
            case TC -> 0; // TC_ACT_OK
            case XDP -> 2; // XDP_PASS
        };
        return Program.of(new AluImm(Width.W64, AluOp.MOV, Reg.R0, value), new Exit());
    }

    private static Path object(ProgramSection section) throws IOException {
        return Files.write(work.resolve(section.sectionName() + ".o"),
                ElfWriter.write(BpfObject.of(section, "jf_" + section.sectionName(), returning(section))));
    }

    @ParameterizedTest
    @EnumSource(ProgramSection.class)
    void readelfDescribesTheObject(ProgramSection section) throws Exception {
        assumeTrue(onPath("readelf"), "readelf (binutils) is not installed");
        Run out = run("readelf", "-h", "-S", "-s", "-W", object(section).toString());
        assertThat(out.exit()).as(out.output()).isZero();
        assertThat(out.output())
                .containsPattern("Class:\\s+ELF64")
                .containsPattern("Data:\\s+2's complement, little endian")
                .containsPattern("Type:\\s+REL \\(Relocatable file\\)")
                .containsPattern("Machine:\\s+Linux BPF")
                // Address 0, offset 0x40 (right after the header), size 0x10 (two instructions), align 8.
                .containsPattern("\\[ 1\\] " + section.sectionName()
                        + "\\s+PROGBITS\\s+0+\\s+0+40\\s+0+10\\s+00\\s+AX\\s+0\\s+0\\s+8")
                .containsPattern("\\[ 2\\] license\\s+PROGBITS\\s+\\S+\\s+\\S+\\s+0+4\\s+00\\s+WA\\s+0\\s+0\\s+1")
                .containsPattern("\\[ 3\\] \\.symtab\\s+SYMTAB\\s+\\S+\\s+\\S+\\s+\\S+\\s+18\\s+4\\s+1\\s+8")
                .containsPattern("16 FUNC\\s+GLOBAL DEFAULT\\s+1 jf_" + section.sectionName())
                .containsPattern("4 OBJECT\\s+GLOBAL DEFAULT\\s+2 _license")
                .doesNotContain("Warning").doesNotContain("Error");
    }

    @ParameterizedTest
    @EnumSource(ProgramSection.class)
    void bpftoolLoadsItWithTheTypeOfItsSection(ProgramSection section) throws Exception {
        assumeTrue(bpffs != null, "needs root, bpftool and a bpffs mount (mount -t bpf)");
        Path pin = bpffs.resolve("jfilter-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Run load = run(tool("bpftool"), "prog", "load", object(section).toString(), pin.toString());
            assertThat(load.exit()).as(load.output()).isZero();
            Run show = run(tool("bpftool"), "prog", "show", "pinned", pin.toString());
            assertThat(show.exit()).as(show.output()).isZero();
            String type = switch (section) {
                case SOCKET -> "socket_filter";
                case TC -> "sched_cls";
                case XDP -> "xdp";
            };
            assertThat(show.output()).containsPattern("^\\d+: " + type + "\\s+name jf_" + section.sectionName()
                    + "\\s+tag [0-9a-f]{16}\\s+gpl");
        } finally {
            if (Files.exists(pin)) {
                Files.delete(pin);
            }
        }
    }
}
