package dev.jfilter.ebpf.elf;

import dev.jfilter.ebpf.encode.Assembler;
import dev.jfilter.ebpf.insn.Program;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What goes into an eBPF object file: one program with no maps and no calls to other functions, the section it is
 * written to, the name of its function symbol (what {@code bpftool prog show} prints, cut to 15 characters by the
 * kernel) and the license.
 *
 * @param section  the program's section, which names its type
 * @param function the function symbol's name, a C identifier
 * @param code     the encoded instructions (8 bytes each, little-endian, as the {@link Assembler} writes them)
 * @param license  the {@code license} section's text, without the NUL; GPL-only helpers need a GPL license
 * @see <a href="https://docs.kernel.org/bpf/llvm_reloc.html">BPF LLVM relocations (object layout)</a>
 */
public record BpfObject(ProgramSection section, String function, byte[] code, String license) {
    /** The function name when the caller gives none. */
    public static final String DEFAULT_FUNCTION = "jfilter";
    /** The license when the caller gives none. */
    public static final String DEFAULT_LICENSE = "GPL";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public BpfObject {
        Objects.requireNonNull(section, "section");
        if (!IDENTIFIER.matcher(function).matches()) {
            throw new IllegalArgumentException("function name must be a C identifier: '" + function + "'");
        }
        if (code.length == 0 || code.length % 8 != 0) {
            throw new IllegalArgumentException(
                    "code must be a positive multiple of 8 bytes (eBPF instructions): " + code.length);
        }
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(license) || license.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("license must be ASCII without NUL: '" + license + "'");
        }
        code = code.clone();
    }

    /** The object of {@code program}, as function {@value #DEFAULT_FUNCTION} under the GPL. */
    public static BpfObject of(ProgramSection section, Program program) {
        return new BpfObject(section, DEFAULT_FUNCTION, Assembler.assemble(program), DEFAULT_LICENSE);
    }

    /** The object of {@code program} as function {@code function}, under the GPL. */
    public static BpfObject of(ProgramSection section, String function, Program program) {
        return new BpfObject(section, function, Assembler.assemble(program), DEFAULT_LICENSE);
    }

    @Override
    public byte[] code() {
        return code.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BpfObject o && section == o.section && function.equals(o.function)
                && Arrays.equals(code, o.code) && license.equals(o.license);
    }

    @Override
    public int hashCode() {
        return Objects.hash(section, function, Arrays.hashCode(code), license);
    }

    @Override
    public String toString() {
        return "BpfObject[" + section.sectionName() + " " + function + ", " + code.length / 8 + " slots, "
                + license + "]";
    }
}
