package dev.jfilter.ebpf.encode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.ebpf.insn.Insn;
import dev.jfilter.ebpf.insn.Program;
import java.util.HashSet;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** decode(assemble(p)) == canonical(p) and assemble(decode(bytes)) == bytes, on seeded random programs. */
class RoundTripTest {
    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void decodeOfAssembleIsTheCanonicalProgram(long seed) {
        Program p = new RandomPrograms(seed).next(80);
        byte[] code = Assembler.assemble(p);
        assertThat(code.length).isEqualTo(8 * p.insns().stream().mapToInt(Insn::slots).sum());
        assertThat(Decoder.decode(code)).isEqualTo(p.canonical());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void assembleOfDecodeGivesTheSameBytes(long seed) {
        byte[] code = Assembler.assemble(new RandomPrograms(seed ^ 0x5eed).next(80));
        assertThat(Assembler.assemble(Decoder.decode(code))).isEqualTo(code);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void canonicalFormIsAFixpointAndIgnoresLabelNames(long seed) {
        Program p = new RandomPrograms(seed).next(40);
        assertThat(p.canonical().canonical()).isEqualTo(p.canonical());
        assertThat(Assembler.assemble(p.canonical())).isEqualTo(Assembler.assemble(p));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void generatorCoversEveryShapeOverTheSeeds(long seed) {
        // Guards the generator: 20 programs from one seed must use most of the 14 shapes.
        var rnd = new RandomPrograms(seed);
        var shapes = new HashSet<Class<?>>();
        for (int i = 0; i < 20; i++) {
            rnd.next(80).insns().forEach(insn -> shapes.add(insn.getClass()));
        }
        assertThat(shapes).hasSizeGreaterThanOrEqualTo(12);
    }
}
