package dev.jfilter.ebpf.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link BpfObject} as a relocatable ELF64 object that libbpf, {@code bpftool prog load}, {@code ip link
 * ... xdp obj} and {@code tc ... bpf obj} load: the minimal layout clang produces for a program without maps.
 *
 * <pre>
 * ELF header   ELFCLASS64, ELFDATA2LSB, ET_REL, EM_BPF (247), no program headers
 * [1] socket|tc|xdp  SHT_PROGBITS, SHF_ALLOC|SHF_EXECINSTR, align 8: the instructions
 * [2] license        SHT_PROGBITS, SHF_ALLOC|SHF_WRITE: "GPL\0"
 * [3] .symtab        SHT_SYMTAB, entsize 24, link .strtab, info 1 (every symbol but the null one is global)
 *                    _license: STB_GLOBAL STT_OBJECT in [2]; the function: STB_GLOBAL STT_FUNC in [1],
 *                    value 0, size 8 x slots (libbpf finds programs by their function symbols)
 * [4] .strtab
 * [5] .shstrtab
 * </pre>
 *
 * <p>The object is little-endian, like the instructions the assembler encodes: it loads on little-endian machines
 * (x86-64, aarch64, riscv64, ppc64le), where the ELF byte order must be the host's.
 *
 * @see <a href="https://refspecs.linuxfoundation.org/elf/gabi4+/ch4.eheader.html">System V ABI: ELF header</a>
 * @see <a href="https://docs.kernel.org/bpf/libbpf/program_types.html">libbpf: program types and ELF sections</a>
 */
public final class ElfWriter {
    static final int EM_BPF = 247;
    static final int ET_REL = 1;
    static final int SHT_PROGBITS = 1;
    static final int SHT_SYMTAB = 2;
    static final int SHT_STRTAB = 3;
    static final long SHF_WRITE = 1;
    static final long SHF_ALLOC = 2;
    static final long SHF_EXECINSTR = 4;
    static final int STB_GLOBAL = 1;
    static final int STT_OBJECT = 1;
    static final int STT_FUNC = 2;
    static final int HEADER_SIZE = 64;
    static final int SECTION_HEADER_SIZE = 64;
    static final int SYMBOL_SIZE = 24;
    static final String LICENSE_SECTION = "license";
    static final String LICENSE_SYMBOL = "_license";

    private static final int PROGRAM = 1;
    private static final int LICENSE = 2;
    private static final int SYMTAB = 3;
    private static final int STRTAB = 4;
    private static final int SHSTRTAB = 5;
    private static final int SECTIONS = 6;

    private ElfWriter() {}

    /** The object file's bytes. */
    public static byte[] write(BpfObject object) {
        byte[] code = object.code();
        byte[] license = (object.license() + "\0").getBytes(StandardCharsets.US_ASCII);

        StringTable shstrtab = new StringTable();
        int programName = shstrtab.add(object.section().sectionName());
        int licenseName = shstrtab.add(LICENSE_SECTION);
        int symtabName = shstrtab.add(".symtab");
        int strtabName = shstrtab.add(".strtab");
        int shstrtabName = shstrtab.add(".shstrtab");

        StringTable strtab = new StringTable();
        int licenseSymbol = strtab.add(LICENSE_SYMBOL);
        int functionSymbol = strtab.add(object.function());
        ByteBuffer symbols = little(3 * SYMBOL_SIZE);
        symbols.put(new byte[SYMBOL_SIZE]);
        symbol(symbols, licenseSymbol, STT_OBJECT, LICENSE, license.length);
        symbol(symbols, functionSymbol, STT_FUNC, PROGRAM, code.length);

        long programAt = HEADER_SIZE;
        long licenseAt = programAt + code.length;
        long symtabAt = align(licenseAt + license.length, 8);
        long strtabAt = symtabAt + symbols.capacity();
        long shstrtabAt = strtabAt + strtab.size();
        long headersAt = align(shstrtabAt + shstrtab.size(), 8);

        ByteBuffer out = little((int) (headersAt + (long) SECTIONS * SECTION_HEADER_SIZE));
        header(out, headersAt);
        out.put((int) programAt, code);
        out.put((int) licenseAt, license);
        out.put((int) symtabAt, symbols.array());
        out.put((int) strtabAt, strtab.bytes());
        out.put((int) shstrtabAt, shstrtab.bytes());

        out.position((int) headersAt);
        out.put(new byte[SECTION_HEADER_SIZE]);
        section(out, programName, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, programAt, code.length, 0, 0, 8, 0);
        section(out, licenseName, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, licenseAt, license.length, 0, 0, 1, 0);
        // sh_info: index of the first global symbol; every symbol after the null one is global.
        section(out, symtabName, SHT_SYMTAB, 0, symtabAt, symbols.capacity(), STRTAB, 1, 8, SYMBOL_SIZE);
        section(out, strtabName, SHT_STRTAB, 0, strtabAt, strtab.size(), 0, 0, 1, 0);
        section(out, shstrtabName, SHT_STRTAB, 0, shstrtabAt, shstrtab.size(), 0, 0, 1, 0);
        return out.array();
    }

    private static ByteBuffer little(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static long align(long at, int alignment) {
        return (at + alignment - 1) / alignment * alignment;
    }

    private static void header(ByteBuffer out, long sectionHeadersAt) {
        out.put(new byte[] {0x7f, 'E', 'L', 'F', 2 /* ELFCLASS64 */, 1 /* ELFDATA2LSB */, 1 /* EV_CURRENT */,
                0 /* ELFOSABI_NONE */});
        out.put(new byte[8]);
        out.putShort((short) ET_REL).putShort((short) EM_BPF).putInt(1 /* EV_CURRENT */);
        out.putLong(0 /* entry */).putLong(0 /* phoff */).putLong(sectionHeadersAt);
        out.putInt(0 /* flags */).putShort((short) HEADER_SIZE).putShort((short) 0 /* phentsize */)
                .putShort((short) 0 /* phnum */).putShort((short) SECTION_HEADER_SIZE).putShort((short) SECTIONS)
                .putShort((short) SHSTRTAB);
    }

    private static void symbol(ByteBuffer out, int name, int type, int section, long size) {
        out.putInt(name).put((byte) (STB_GLOBAL << 4 | type)).put((byte) 0 /* STV_DEFAULT */)
                .putShort((short) section).putLong(0).putLong(size);
    }

    private static void section(ByteBuffer out, int name, int type, long flags, long offset, long size, int link,
            int info, long alignment, long entrySize) {
        out.putInt(name).putInt(type).putLong(flags).putLong(0 /* addr */).putLong(offset).putLong(size)
                .putInt(link).putInt(info).putLong(alignment).putLong(entrySize);
    }

    /** An ELF string table: a NUL, then NUL-terminated names; a name is referred to by its offset. */
    private static final class StringTable {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        StringTable() {
            bytes.write(0);
        }

        int add(String name) {
            int at = bytes.size();
            bytes.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
            bytes.write(0);
            return at;
        }

        int size() {
            return bytes.size();
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
