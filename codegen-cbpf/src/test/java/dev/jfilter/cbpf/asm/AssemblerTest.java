package dev.jfilter.cbpf.asm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jfilter.cbpf.Instruction;
import dev.jfilter.cbpf.Instruction.Jump;
import dev.jfilter.cbpf.Instruction.JumpIf;
import dev.jfilter.cbpf.Instruction.LoadConstant;
import dev.jfilter.cbpf.Instruction.ReturnConstant;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Register;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AssemblerTest {
    private static final Condition IS_IPV4 = Condition.of(JumpOp.JEQ, 0x800);

    private static Instruction marker(int n) {
        return new LoadConstant(Register.X, n);
    }

    /** Where a conditional jump at {@code from} lands on one edge, following {@code ja} trampolines. */
    private static int land(List<Instruction> code, int from, boolean taken) {
        JumpIf j = (JumpIf) code.get(from);
        int at = from + 1 + (taken ? j.ifTrue() : j.ifFalse());
        while (code.get(at) instanceof Jump ja) {
            at = at + 1 + ja.offset();
        }
        return at;
    }

    @Test
    void labelsResolveToOffsets() {
        Assembler asm = new Assembler();
        Label accept = asm.newLabel();
        Label reject = asm.newLabel();
        asm.emit(new Instruction.LoadAbsolute(LoadSize.HALF, 12))
                .jumpIf(IS_IPV4, accept, reject)
                .bind(accept).emit(new ReturnConstant(262144))
                .bind(reject).emit(new ReturnConstant(0));
        assertThat(asm.resolve()).containsExactly(
                new Instruction.LoadAbsolute(LoadSize.HALF, 12),
                new JumpIf(JumpOp.JEQ, 0x800, 0, 1),
                new ReturnConstant(262144),
                new ReturnConstant(0));
    }

    @Test
    void jaCarriesA32BitOffsetAndMayGoBack() {
        Assembler asm = new Assembler();
        Label top = asm.newLabel();
        Label end = asm.newLabel();
        asm.bind(top).emit(marker(1)).jump(end);
        for (int i = 0; i < 1000; i++) {
            asm.emit(marker(2));
        }
        asm.jump(top).bind(end).emit(new ReturnConstant(0));
        List<Instruction> code = asm.resolve();
        assertThat(code.get(1)).isEqualTo(new Jump(1001));
        assertThat(code.get(1002)).isEqualTo(new Jump(-1003));
    }

    @ParameterizedTest(name = "{0} instructions between the branch and its target")
    @ValueSource(ints = {254, 255, 256, 300, 1000})
    void farConditionalTargetsGoThroughATrampoline(int distance) {
        Assembler asm = new Assembler();
        Label far = asm.newLabel();
        Label near = asm.newLabel();
        asm.emit(new Instruction.LoadAbsolute(LoadSize.HALF, 12)).jumpIf(IS_IPV4, far, near).bind(near);
        for (int i = 0; i < distance; i++) {
            asm.emit(marker(i));
        }
        asm.emit(new ReturnConstant(1)).bind(far).emit(marker(-1)).emit(new ReturnConstant(2));
        List<Instruction> code = asm.resolve();
        boolean needsTrampoline = distance + 1 > 255;
        assertThat(code).hasSize(distance + 5 + (needsTrampoline ? 1 : 0));
        assertThat(code.get(land(code, 1, true))).isEqualTo(marker(-1));
        assertThat(code.get(land(code, 1, false))).isEqualTo(marker(0));
        if (needsTrampoline) {
            assertThat(code.get(1)).isEqualTo(new JumpIf(JumpOp.JEQ, 0x800, 0, 1));
            assertThat(code.get(2)).isInstanceOf(Jump.class);
        } else {
            assertThat(code.get(1)).isEqualTo(new JumpIf(JumpOp.JEQ, 0x800, distance + 1, 0));
        }
    }

    @Test
    void bothEdgesFarGetOneTrampolineEach() {
        Assembler asm = new Assembler();
        Label first = asm.newLabel();
        Label second = asm.newLabel();
        asm.jumpIf(IS_IPV4, first, second);
        for (int i = 0; i < 300; i++) {
            asm.emit(marker(i));
        }
        asm.bind(first).emit(marker(-1));
        for (int i = 0; i < 300; i++) {
            asm.emit(marker(i));
        }
        asm.bind(second).emit(marker(-2)).emit(new ReturnConstant(0));
        List<Instruction> code = asm.resolve();
        assertThat(code.get(0)).isEqualTo(new JumpIf(JumpOp.JEQ, 0x800, 0, 1));
        assertThat(code.get(land(code, 0, true))).isEqualTo(marker(-1));
        assertThat(code.get(land(code, 0, false))).isEqualTo(marker(-2));
        assertThat(code).hasSize(1 + 2 + 300 + 1 + 300 + 2);
    }

    @Test
    void aTrampolineToAReturnIsACopyOfTheReturn() {
        Assembler asm = new Assembler();
        Label reject = asm.newLabel();
        Label next = asm.newLabel();
        asm.jumpIf(IS_IPV4, next, reject).bind(next);
        for (int i = 0; i < 400; i++) {
            asm.emit(marker(i));
        }
        asm.emit(new ReturnConstant(1)).bind(reject).emit(new ReturnConstant(0));
        List<Instruction> code = asm.resolve();
        assertThat(code.get(0)).isEqualTo(new JumpIf(JumpOp.JEQ, 0x800, 1, 0));
        assertThat(code.get(1)).isEqualTo(new ReturnConstant(0));
        assertThat(code.get(2)).isEqualTo(marker(0));
    }

    @Test
    void trampolinesThatPushOtherJumpsOutOfRangeAreInsertedUntilStable() {
        // Many branches all aimed at one far label; each one sits 255 - i before the target at first, so inserting
        // a trampoline for one pushes the later ones out of range.
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            Assembler asm = new Assembler();
            Label target = asm.newLabel();
            List<Label> nexts = new ArrayList<>();
            int branches = 1 + random.nextInt(40);
            for (int b = 0; b < branches; b++) {
                Label next = asm.newLabel();
                nexts.add(next);
                boolean farOnTrue = random.nextBoolean();
                asm.jumpIf(IS_IPV4, farOnTrue ? target : next, farOnTrue ? next : target).bind(next);
                int filler = random.nextInt(20);
                for (int i = 0; i < filler; i++) {
                    asm.emit(marker(b));
                }
            }
            int gap = 200 + random.nextInt(100);
            for (int i = 0; i < gap; i++) {
                asm.emit(marker(-2));
            }
            asm.emit(new ReturnConstant(0)).bind(target).emit(marker(-1)).emit(new ReturnConstant(1));
            List<Instruction> code = asm.resolve();
            for (int i = 0; i < code.size(); i++) {
                if (code.get(i) instanceof JumpIf j) {
                    int t = land(code, i, true);
                    int f = land(code, i, false);
                    assertThat(List.of(code.get(t), code.get(f))).contains(marker(-1));
                    assertThat(t).isGreaterThan(i);
                    assertThat(f).isGreaterThan(i);
                }
            }
            assertThat(code.stream().filter(JumpIf.class::isInstance).count()).isEqualTo(branches);
        }
    }

    @ParameterizedTest(name = "{0} branches")
    @ValueSource(ints = {100, 1000, 3000})
    void farBranchesToOnePlaceShareTrampolines(int branches) {
        // A jeq chain whose true edges all accept at the end, and a second one jumping to a far non-return block.
        Assembler asm = new Assembler();
        Label accept = asm.newLabel();
        Label common = asm.newLabel();
        for (int b = 0; b < branches; b++) {
            Label next = asm.newLabel();
            asm.jumpIf(Condition.of(JumpOp.JEQ, b), b % 2 == 0 ? accept : common, next).bind(next);
        }
        asm.emit(new ReturnConstant(0)).bind(common).emit(marker(-1)).emit(new ReturnConstant(7))
                .bind(accept).emit(new ReturnConstant(262144));
        List<Instruction> code = asm.resolve();
        // One trampoline per 256 instructions or so and per target, not one per branch.
        assertThat(code.size()).isLessThanOrEqualTo(branches + 4 + 2 * (branches / 250 + 1));
        for (int i = 0; i < code.size(); i++) {
            if (code.get(i) instanceof JumpIf j) {
                int t = land(code, i, true);
                assertThat(code.get(t)).isEqualTo(j.value() % 2 == 0 ? new ReturnConstant(262144) : marker(-1));
                assertThat(j.ifTrue()).isBetween(0, 255);
                assertThat(j.ifFalse()).isBetween(0, 255);
            }
        }
    }

    @Test
    void misuseIsReported() {
        Assembler asm = new Assembler();
        Label unbound = asm.newLabel();
        asm.jump(unbound);
        assertThatThrownBy(asm::resolve).isInstanceOf(IllegalStateException.class).hasMessageContaining("never bound");

        Assembler twice = new Assembler();
        Label l = twice.newLabel();
        twice.bind(l);
        assertThatThrownBy(() -> twice.bind(l)).hasMessageContaining("already bound");

        Assembler back = new Assembler();
        Label top = back.newLabel();
        Label out = back.newLabel();
        back.bind(top).emit(marker(0)).jumpIf(IS_IPV4, top, out).bind(out).emit(new ReturnConstant(0));
        assertThatThrownBy(back::resolve).hasMessageContaining("backwards");

        Assembler atEnd = new Assembler();
        Label end = atEnd.newLabel();
        atEnd.jump(end).bind(end);
        assertThatThrownBy(atEnd::resolve).hasMessageContaining("after the last instruction");

        assertThatThrownBy(() -> new Assembler().jump(asm.newLabel())).hasMessageContaining("another assembler");
        assertThatThrownBy(() -> new Assembler().emit(new Jump(3))).hasMessageContaining("labels");
    }

    @Test
    void aLongRunOfTestsJumpingToOneFarReturnSharesItsCopies() {
        // 600 tests, each "jeq #i: accept, else the next test", then the returns: every test is more than 255 away
        // from the accepting ret after the first few hundred, so it needs a copy of it within reach; one copy serves
        // the tests up to 255 before it.
        Assembler asm = new Assembler();
        Label accept = asm.newLabel();
        Label reject = asm.newLabel();
        int tests = 600;
        for (int i = 0; i < tests; i++) {
            Label next = asm.newLabel();
            asm.jumpIf(Condition.of(JumpOp.JEQ, i), accept, i + 1 < tests ? next : reject);
            asm.bind(next);
        }
        asm.emit(new LoadConstant(Register.A, 0));
        asm.bind(accept).emit(new ReturnConstant(1));
        asm.bind(reject).emit(new ReturnConstant(0));
        List<Instruction> program = asm.resolve();
        assertThat(program.size()).isLessThanOrEqualTo(tests + 3 + tests / 200 + 1);
        // Every test still reaches "ret #1" when true and the next test (or "ret #0") when false.
        int seen = 0;
        for (int pc = 0; pc < program.size(); pc++) {
            if (program.get(pc) instanceof JumpIf j) {
                assertThat(j.value()).isEqualTo(seen++);
                Instruction whenTrue = program.get(pc + 1 + j.ifTrue());
                assertThat(whenTrue).isEqualTo(new ReturnConstant(1));
                Instruction whenFalse = program.get(pc + 1 + j.ifFalse());
                if (seen < tests) {
                    assertThat(whenFalse).isInstanceOf(JumpIf.class);
                    assertThat(((JumpIf) whenFalse).value()).isEqualTo(seen);
                } else {
                    assertThat(whenFalse).isEqualTo(new ReturnConstant(0));
                }
            }
        }
        assertThat(seen).isEqualTo(tests);
    }
}
