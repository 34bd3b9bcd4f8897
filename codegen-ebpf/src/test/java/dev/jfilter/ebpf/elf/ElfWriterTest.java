package dev.jfilter.ebpf.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jfilter.ebpf.encode.Assembler;
import dev.jfilter.ebpf.encode.Decoder;
import dev.jfilter.ebpf.encode.RandomPrograms;
import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.insn.Reg;
import dev.jfilter.ebpf.insn.Width;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The object files {@link ElfWriter} writes, parsed back by an independent structural reader. */
class ElfWriterTest {
    private static final Program RETURN_ONE = Program.of(new AluImm(Width.W64, AluOp.MOV, Reg.R0, 1), new Exit());

    @ParameterizedTest
    @EnumSource(ProgramSection.class)
    void headerSectionsAndSymbolsFollowTheRecipe(ProgramSection target) {
        byte[] code = Assembler.assemble(RETURN_ONE);
        ElfReader elf = ElfReader.read(ElfWriter.write(new BpfObject(target, "my_filter", code, "GPL")));

        ElfReader.Header h = elf.header();
        assertThat(h.ident()[4]).as("ELFCLASS64").isEqualTo((byte) 2);
        assertThat(h.ident()[5]).as("ELFDATA2LSB").isEqualTo((byte) 1);
        assertThat(h.ident()[6]).as("EV_CURRENT").isEqualTo((byte) 1);
        assertThat(h.type()).as("ET_REL").isEqualTo(1);
        assertThat(h.machine()).as("EM_BPF").isEqualTo(247);
        assertThat(h.version()).isEqualTo(1);
        assertThat(h.entry()).isZero();
        assertThat(h.phoff()).isZero();
        assertThat(h.phnum()).isZero();
        assertThat(h.ehsize()).isEqualTo(64);
        assertThat(h.shentsize()).isEqualTo(64);
        assertThat(h.shoff() % 8).isZero();

        assertThat(elf.sections()).extracting(ElfReader.Section::name)
                .containsExactly("", target.sectionName(), "license", ".symtab", ".strtab", ".shstrtab");
        assertThat(elf.sections().get(h.shstrndx()).name()).isEqualTo(".shstrtab");

        ElfReader.Section program = elf.sections().get(1);
        assertThat(program.type()).as("SHT_PROGBITS").isEqualTo(1);
        assertThat(program.flags()).as("SHF_ALLOC|SHF_EXECINSTR").isEqualTo(6);
        assertThat(program.addralign()).isEqualTo(8);
        assertThat(program.offset() % 8).isZero();
        assertThat(program.data()).isEqualTo(code);

        ElfReader.Section license = elf.section("license").orElseThrow();
        assertThat(license.type()).isEqualTo(1);
        assertThat(license.flags()).as("SHF_ALLOC|SHF_WRITE").isEqualTo(3);
        assertThat(new String(license.data(), StandardCharsets.US_ASCII)).isEqualTo("GPL\0");

        ElfReader.Section symtab = elf.section(".symtab").orElseThrow();
        assertThat(symtab.type()).as("SHT_SYMTAB").isEqualTo(2);
        assertThat(symtab.entsize()).isEqualTo(24);
        assertThat(elf.sections().get(symtab.link()).name()).isEqualTo(".strtab");
        assertThat(symtab.info()).as("first global symbol").isEqualTo(1);
        assertThat(elf.section(".strtab").orElseThrow().type()).as("SHT_STRTAB").isEqualTo(3);

        assertThat(elf.symbols()).hasSize(3);
        assertThat(elf.symbols().getFirst()).isEqualTo(new ElfReader.Symbol("", 0, 0, 0, 0, 0, 0));
        assertThat(elf.symbols().subList(1, 3)).containsExactly(
                new ElfReader.Symbol("_license", 1 /* GLOBAL */, 1 /* OBJECT */, 0, elf.indexOf(license), 0, 4),
                new ElfReader.Symbol("my_filter", 1 /* GLOBAL */, 2 /* FUNC */, 0, 1, 0, code.length));
        for (ElfReader.Section s : elf.sections().subList(1, elf.sections().size())) {
            assertThat(s.offset() + s.size()).as(s.name()).isLessThanOrEqualTo(h.shoff());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void instructionsRoundTripThroughTheObject(long seed) {
        Program program = new RandomPrograms(seed * 7919).next(60);
        ProgramSection target = ProgramSection.values()[(int) (seed % ProgramSection.values().length)];
        ElfReader elf = ElfReader.read(ElfWriter.write(BpfObject.of(target, program)));
        byte[] text = elf.section(target.sectionName()).orElseThrow().data();
        assertThat(Decoder.decode(text)).isEqualTo(program.canonical());
        assertThat(elf.symbols()).filteredOn(s -> s.name().equals(BpfObject.DEFAULT_FUNCTION))
                .singleElement().extracting(ElfReader.Symbol::size).isEqualTo((long) text.length);
    }

    @Test
    void licenseIsWrittenAsGiven() {
        byte[] code = Assembler.assemble(RETURN_ONE);
        ElfReader elf = ElfReader.read(ElfWriter.write(new BpfObject(ProgramSection.XDP, "f", code, "Dual MIT/GPL")));
        assertThat(elf.section("license").orElseThrow().data())
                .isEqualTo("Dual MIT/GPL\0".getBytes(StandardCharsets.US_ASCII));
        assertThat(elf.symbols()).filteredOn(s -> s.name().equals("_license")).singleElement()
                .extracting(ElfReader.Symbol::size).isEqualTo(13L);
    }

    @Test
    void badObjectsAreRefused() {
        byte[] code = Assembler.assemble(RETURN_ONE);
        for (String name : List.of("", "1abc", "a-b", "a b")) {
            assertThatThrownBy(() -> new BpfObject(ProgramSection.TC, name, code, "GPL"))
                    .hasMessageContaining("C identifier");
        }
        assertThatThrownBy(() -> new BpfObject(ProgramSection.TC, "f", new byte[0], "GPL"))
                .hasMessageContaining("multiple of 8");
        assertThatThrownBy(() -> new BpfObject(ProgramSection.TC, "f", new byte[12], "GPL"))
                .hasMessageContaining("multiple of 8");
        assertThatThrownBy(() -> new BpfObject(ProgramSection.TC, "f", code, "GP\0L"))
                .hasMessageContaining("license");
    }

    @Test
    void objectKeepsItsOwnCopyOfTheCode() {
        byte[] code = Assembler.assemble(RETURN_ONE);
        BpfObject object = new BpfObject(ProgramSection.SOCKET, "f", code, "GPL");
        code[0] = 0;
        object.code()[1] = 0;
        assertThat(object.code()).isEqualTo(Assembler.assemble(RETURN_ONE));
        assertThat(object).isEqualTo(BpfObject.of(ProgramSection.SOCKET, "f", RETURN_ONE));
    }
}
