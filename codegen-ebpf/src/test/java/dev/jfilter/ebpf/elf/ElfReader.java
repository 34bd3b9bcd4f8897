package dev.jfilter.ebpf.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A structural reader of little-endian ELF64 relocatable objects, for the tests: the header, the section headers with
 * their names and contents, and the symbols of {@code .symtab} with theirs. Written from the System V ABI, not from
 * the writer, so that it checks the writer rather than repeating it.
 *
 * @see <a href="https://refspecs.linuxfoundation.org/elf/gabi4+/contents.html">System V ABI, chapter 4</a>
 */
record ElfReader(Header header, List<Section> sections, List<Symbol> symbols) {

    record Header(byte[] ident, int type, int machine, int version, long entry, long phoff, long shoff, int flags,
            int ehsize, int phentsize, int phnum, int shentsize, int shnum, int shstrndx) {}

    record Section(String name, int type, long flags, long addr, long offset, long size, int link, int info,
            long addralign, long entsize, byte[] data) {}

    record Symbol(String name, int bind, int type, int other, int shndx, long value, long size) {}

    static ElfReader read(byte[] file) {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        byte[] ident = Arrays.copyOf(file, 16);
        if (ident[0] != 0x7f || ident[1] != 'E' || ident[2] != 'L' || ident[3] != 'F') {
            throw new IllegalArgumentException("not an ELF file");
        }
        if (ident[4] != 2 || ident[5] != 1) {
            throw new IllegalArgumentException("not ELF64 little-endian: class " + ident[4] + ", data " + ident[5]);
        }
        in.position(16);
        Header header = new Header(ident, u16(in), u16(in), in.getInt(), in.getLong(), in.getLong(), in.getLong(),
                in.getInt(), u16(in), u16(in), u16(in), u16(in), u16(in), u16(in));
        List<long[]> raw = new ArrayList<>();
        for (int i = 0; i < header.shnum(); i++) {
            in.position((int) (header.shoff() + (long) i * header.shentsize()));
            raw.add(new long[] {Integer.toUnsignedLong(in.getInt()), Integer.toUnsignedLong(in.getInt()),
                    in.getLong(), in.getLong(), in.getLong(), in.getLong(), Integer.toUnsignedLong(in.getInt()),
                    Integer.toUnsignedLong(in.getInt()), in.getLong(), in.getLong()});
        }
        byte[] names = contents(file, raw.get(header.shstrndx()));
        List<Section> sections = new ArrayList<>();
        for (long[] r : raw) {
            sections.add(new Section(string(names, (int) r[0]), (int) r[1], r[2], r[3], r[4], r[5], (int) r[6],
                    (int) r[7], r[8], r[9], contents(file, r)));
        }
        List<Symbol> symbols = new ArrayList<>();
        for (Section s : sections) {
            if (s.type() == 2 /* SHT_SYMTAB */) {
                byte[] strings = sections.get(s.link()).data();
                ByteBuffer sym = ByteBuffer.wrap(s.data()).order(ByteOrder.LITTLE_ENDIAN);
                while (sym.remaining() >= 24) {
                    int name = sym.getInt();
                    int info = Byte.toUnsignedInt(sym.get());
                    int other = Byte.toUnsignedInt(sym.get());
                    symbols.add(new Symbol(string(strings, name), info >> 4, info & 0xf, other, u16(sym),
                            sym.getLong(), sym.getLong()));
                }
            }
        }
        return new ElfReader(header, sections, symbols);
    }

    Optional<Section> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    int indexOf(Section section) {
        return sections.indexOf(section);
    }

    private static int u16(ByteBuffer in) {
        return Short.toUnsignedInt(in.getShort());
    }

    private static byte[] contents(byte[] file, long[] raw) {
        boolean nobits = raw[1] == 8;
        return nobits ? new byte[0] : Arrays.copyOfRange(file, (int) raw[4], (int) (raw[4] + raw[5]));
    }

    private static String string(byte[] table, int at) {
        int end = at;
        while (table[end] != 0) {
            end++;
        }
        return new String(table, at, end - at, StandardCharsets.US_ASCII);
    }
}
