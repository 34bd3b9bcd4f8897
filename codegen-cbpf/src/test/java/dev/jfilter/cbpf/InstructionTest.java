package dev.jfilter.cbpf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jfilter.cbpf.Instruction.AluConstant;
import dev.jfilter.cbpf.Instruction.AluX;
import dev.jfilter.cbpf.Instruction.Jump;
import dev.jfilter.cbpf.Instruction.JumpIf;
import dev.jfilter.cbpf.Instruction.JumpIfX;
import dev.jfilter.cbpf.Instruction.LoadAbsolute;
import dev.jfilter.cbpf.Instruction.LoadConstant;
import dev.jfilter.cbpf.Instruction.LoadExtension;
import dev.jfilter.cbpf.Instruction.LoadIndirect;
import dev.jfilter.cbpf.Instruction.LoadLength;
import dev.jfilter.cbpf.Instruction.LoadMemShift;
import dev.jfilter.cbpf.Instruction.LoadScratch;
import dev.jfilter.cbpf.Instruction.Negate;
import dev.jfilter.cbpf.Instruction.Raw;
import dev.jfilter.cbpf.Instruction.ReturnA;
import dev.jfilter.cbpf.Instruction.ReturnConstant;
import dev.jfilter.cbpf.Instruction.StoreScratch;
import dev.jfilter.cbpf.Instruction.Tax;
import dev.jfilter.cbpf.Instruction.Txa;
import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Register;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InstructionTest {
    private static final int K = 0x1234;

    /** Every opcode the kernel knows, with the shape it must decode to (linux/filter.h, by hand). */
    static Stream<Arguments> everyOpcode() {
        return Stream.of(
                Arguments.of(0x00, new LoadConstant(Register.A, K)),
                Arguments.of(0x01, new LoadConstant(Register.X, K)),
                Arguments.of(0x02, new StoreScratch(Register.A, K)),
                Arguments.of(0x03, new StoreScratch(Register.X, K)),
                Arguments.of(0x04, new AluConstant(AluOp.ADD, K)),
                Arguments.of(0x05, new Jump(K)),
                Arguments.of(0x06, new ReturnConstant(K)),
                Arguments.of(0x07, new Tax()),
                Arguments.of(0x0c, new AluX(AluOp.ADD)),
                Arguments.of(0x14, new AluConstant(AluOp.SUB, K)),
                Arguments.of(0x15, new JumpIf(JumpOp.JEQ, K, 3, 4)),
                Arguments.of(0x16, new ReturnA()),
                Arguments.of(0x1c, new AluX(AluOp.SUB)),
                Arguments.of(0x1d, new JumpIfX(JumpOp.JEQ, 3, 4)),
                Arguments.of(0x20, new LoadAbsolute(LoadSize.WORD, K)),
                Arguments.of(0x24, new AluConstant(AluOp.MUL, K)),
                Arguments.of(0x25, new JumpIf(JumpOp.JGT, K, 3, 4)),
                Arguments.of(0x28, new LoadAbsolute(LoadSize.HALF, K)),
                Arguments.of(0x2c, new AluX(AluOp.MUL)),
                Arguments.of(0x2d, new JumpIfX(JumpOp.JGT, 3, 4)),
                Arguments.of(0x30, new LoadAbsolute(LoadSize.BYTE, K)),
                Arguments.of(0x34, new AluConstant(AluOp.DIV, K)),
                Arguments.of(0x35, new JumpIf(JumpOp.JGE, K, 3, 4)),
                Arguments.of(0x3c, new AluX(AluOp.DIV)),
                Arguments.of(0x3d, new JumpIfX(JumpOp.JGE, 3, 4)),
                Arguments.of(0x40, new LoadIndirect(LoadSize.WORD, K)),
                Arguments.of(0x44, new AluConstant(AluOp.OR, K)),
                Arguments.of(0x45, new JumpIf(JumpOp.JSET, K, 3, 4)),
                Arguments.of(0x48, new LoadIndirect(LoadSize.HALF, K)),
                Arguments.of(0x4c, new AluX(AluOp.OR)),
                Arguments.of(0x4d, new JumpIfX(JumpOp.JSET, 3, 4)),
                Arguments.of(0x50, new LoadIndirect(LoadSize.BYTE, K)),
                Arguments.of(0x54, new AluConstant(AluOp.AND, K)),
                Arguments.of(0x5c, new AluX(AluOp.AND)),
                Arguments.of(0x60, new LoadScratch(Register.A, K)),
                Arguments.of(0x61, new LoadScratch(Register.X, K)),
                Arguments.of(0x64, new AluConstant(AluOp.LSH, K)),
                Arguments.of(0x6c, new AluX(AluOp.LSH)),
                Arguments.of(0x74, new AluConstant(AluOp.RSH, K)),
                Arguments.of(0x7c, new AluX(AluOp.RSH)),
                Arguments.of(0x80, new LoadLength(Register.A)),
                Arguments.of(0x81, new LoadLength(Register.X)),
                Arguments.of(0x84, new Negate()),
                Arguments.of(0x87, new Txa()),
                Arguments.of(0x94, new AluConstant(AluOp.MOD, K)),
                Arguments.of(0x9c, new AluX(AluOp.MOD)),
                Arguments.of(0xa4, new AluConstant(AluOp.XOR, K)),
                Arguments.of(0xac, new AluX(AluOp.XOR)),
                Arguments.of(0xb1, new LoadMemShift(K)));
    }

    @ParameterizedTest(name = "opcode {0}")
    @MethodSource("everyOpcode")
    void everyKnownOpcodeDecodesToItsShapeAndBack(int code, Instruction shape) {
        boolean usesK = shape.assemble().k() != 0;
        boolean conditional = shape instanceof JumpIf || shape instanceof JumpIfX;
        SockFilter encoded = new SockFilter(code, conditional ? 3 : 0, conditional ? 4 : 0, usesK ? K : 0);
        assertThat(Instruction.disassemble(encoded)).isEqualTo(shape);
        assertThat(shape.assemble()).isEqualTo(encoded);
        assertThat(Opcodes.isKnown(code)).isTrue();
    }

    @Test
    void theTableHasEveryKnownOpcodeAndNoOther() {
        List<Integer> known = new ArrayList<>();
        for (int code = 0; code <= 0xffff; code++) {
            if (Opcodes.isKnown(code)) {
                known.add(code);
            }
        }
        assertThat(known).containsExactlyElementsOf(everyOpcode().map(a -> (Integer) a.get()[0]).toList());
    }

    @Test
    void everyEncodingRoundTrips() {
        Random random = new Random(7);
        int[] ks = {0, 1, 15, 16, 0xff, -1, Ancillary.VLAN_TAG_PRESENT.absoluteOffset(), Opcodes.SKF_AD_OFF + 2};
        int raw = 0;
        for (int code = 0; code <= 0xffff; code++) {
            for (int variant = 0; variant < 6; variant++) {
                int jt = variant < 2 ? 0 : random.nextInt(256);
                int jf = variant < 3 ? 0 : random.nextInt(256);
                int k = ks[random.nextInt(ks.length)];
                SockFilter f = new SockFilter(code, jt, jf, k);
                Instruction decoded = Instruction.disassemble(f);
                assertThat(decoded.assemble()).as("%s", f).isEqualTo(f);
                // The model is canonical: decoding what a shape encodes gives that shape back.
                assertThat(Instruction.disassemble(decoded.assemble())).isEqualTo(decoded);
                if (decoded instanceof Raw) {
                    raw++;
                    boolean unusedFieldSet = jt != 0 || jf != 0 || k != 0;
                    assertThat(!Opcodes.isKnown(code) || unusedFieldSet).as("%s", f).isTrue();
                }
            }
        }
        assertThat(raw).isGreaterThan(65000 * 6);
    }

    @Test
    void fieldsAnOpcodeDoesNotUseMakeItRaw() {
        assertThat(Instruction.disassemble(new SockFilter(0x28, 1, 0, 12))).isInstanceOf(Raw.class);
        assertThat(Instruction.disassemble(new SockFilter(0x16, 0, 0, 5))).isInstanceOf(Raw.class);
        assertThat(Instruction.disassemble(new SockFilter(0x05, 0, 2, 5))).isInstanceOf(Raw.class);
        assertThat(Instruction.disassemble(new SockFilter(0x1d, 1, 2, 5))).isInstanceOf(Raw.class);
        // An unknown opcode, and a load with the immediate mode and a half-word size (not in the kernel's table).
        assertThat(Instruction.disassemble(new SockFilter(0x0e, 0, 0, 0))).isInstanceOf(Raw.class);
        assertThat(Instruction.disassemble(new SockFilter(0x08, 0, 0, 0))).isInstanceOf(Raw.class);
    }

    @Test
    void usedFieldsClearWhatAListingDrops() {
        // libpcap's optimizer leaves k on tax (tcpdump -O 'ip[0] * ip[1] < 3' has "tax" with k = 3).
        assertThat(Instruction.usedFields(new SockFilter(0x07, 0, 0, 3))).isEqualTo(new SockFilter(0x07, 0, 0, 0));
        assertThat(Instruction.usedFields(new SockFilter(0x28, 1, 2, 12))).isEqualTo(new SockFilter(0x28, 0, 0, 12));
        assertThat(Instruction.usedFields(new SockFilter(0x15, 1, 2, 12))).isEqualTo(new SockFilter(0x15, 1, 2, 12));
        assertThat(Instruction.usedFields(new SockFilter(0xff, 1, 2, 12))).isEqualTo(new SockFilter(0xff, 1, 2, 12));
    }

    @Test
    void aRawRecordRefusesAnEncodingWithAShape() {
        assertThatThrownBy(() -> new Raw(new SockFilter(0x28, 0, 0, 12)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LoadAbsolute");
    }

    @Test
    void ancillaryOffsetsDecodeToExtensionLoadsOfAnyWidth() {
        for (Ancillary field : Ancillary.values()) {
            for (LoadSize size : LoadSize.values()) {
                int code = switch (size) {
                    case WORD -> 0x20;
                    case HALF -> 0x28;
                    case BYTE -> 0x30;
                };
                SockFilter f = new SockFilter(code, 0, 0, Opcodes.SKF_AD_OFF + field.offset());
                assertThat(Instruction.disassemble(f)).isEqualTo(new LoadExtension(size, field));
            }
        }
        // Offsets in the ancillary area that name no field stay absolute loads (the validator rejects them).
        assertThat(Instruction.disassemble(new SockFilter(0x20, 0, 0, Opcodes.SKF_AD_OFF + 64)))
                .isEqualTo(new LoadAbsolute(LoadSize.WORD, Opcodes.SKF_AD_OFF + 64));
        assertThatThrownBy(() -> new LoadAbsolute(LoadSize.BYTE, Ancillary.PKTTYPE.absoluteOffset()))
                .hasMessageContaining("PKTTYPE");
    }

    @Test
    void jumpOffsetsMustFitEightBits() {
        assertThatThrownBy(() -> new JumpIf(JumpOp.JEQ, 0, 256, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JumpIfX(JumpOp.JEQ, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void programsDisassembleAndReassemble() {
        CbpfProgram p = new CbpfProgram(List.of(
                new SockFilter(0x28, 0, 0, 12), new SockFilter(0x15, 0, 1, 0x800),
                new SockFilter(0x06, 0, 0, 262144), new SockFilter(0x06, 0, 0, 0), new SockFilter(0xff, 1, 2, 3)));
        assertThat(p.disassemble()).containsExactly(
                new LoadAbsolute(LoadSize.HALF, 12), new JumpIf(JumpOp.JEQ, 0x800, 0, 1),
                new ReturnConstant(262144), new ReturnConstant(0), new Raw(new SockFilter(0xff, 1, 2, 3)));
        assertThat(CbpfProgram.of(p.disassemble())).isEqualTo(p);
    }
}
