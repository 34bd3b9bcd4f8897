package dev.jfilter.cbpf.lift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.Instruction;
import dev.jfilter.cbpf.Opcodes;
import dev.jfilter.cbpf.SockFilter;
import dev.jfilter.cbpf.validate.Problem;
import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Lifting each instruction shape, the block structure, and the programs that cannot be lifted. */
class CfgLifterTest {
    private static final int NET_OFF = -0x100000;
    private static final int LL_OFF = -0x200000;

    private static BlockId b(int index) {
        return new BlockId(index);
    }

    private static Block block(int index, List<Stmt> statements, Terminator terminator) {
        return new Block(b(index), statements, terminator);
    }

    private static Cfg lifted(Instruction... program) {
        LiftResult r = CfgLifter.lift(List.of(program));
        assertThat(r).as("lifting %s", List.of(program)).isInstanceOf(LiftResult.Lifted.class);
        return r.orThrow();
    }

    private static List<LiftProblem> problems(CbpfProgram program) {
        LiftResult r = CfgLifter.lift(program);
        assertThat(r).as("lifting %s", program).isInstanceOf(LiftResult.Failed.class);
        return ((LiftResult.Failed) r).problems();
    }

    private static List<LiftProblem> problems(Instruction... program) {
        return problems(CbpfProgram.of(List.of(program)));
    }

    /** One straight-line instruction, after a prefix that makes the kernel accept it, then {@code ret a}. */
    static Stream<Arguments> statementShapes() {
        List<Arguments> out = new ArrayList<>();
        for (LoadSize size : LoadSize.values()) {
            out.add(Arguments.of(List.of(), new Instruction.LoadAbsolute(size, 14),
                    new Stmt.LoadAbsolute(size, 14)));
            out.add(Arguments.of(List.of(), new Instruction.LoadAbsolute(size, Integer.MAX_VALUE),
                    new Stmt.LoadAbsolute(size, Integer.MAX_VALUE)));
            out.add(Arguments.of(List.of(), new Instruction.LoadIndirect(size, 6),
                    new Stmt.LoadIndirect(size, 6)));
        }
        for (Register r : Register.values()) {
            out.add(Arguments.of(List.of(), new Instruction.LoadConstant(r, -7), new Stmt.LoadConstant(r, -7)));
            out.add(Arguments.of(List.of(), new Instruction.LoadLength(r), new Stmt.LoadLength(r)));
            out.add(Arguments.of(List.of(new Instruction.StoreScratch(Register.X, 15)),
                    new Instruction.LoadScratch(r, 15), new Stmt.LoadScratch(r, 15)));
            out.add(Arguments.of(List.of(), new Instruction.StoreScratch(r, 0), new Stmt.Store(r, 0)));
        }
        out.add(Arguments.of(List.of(), new Instruction.LoadMemShift(14), new Stmt.LoadIpHeaderLength(14)));
        for (AluOp op : AluOp.values()) {
            int k = op == AluOp.LSH || op == AluOp.RSH ? 31 : 3;
            out.add(Arguments.of(List.of(), new Instruction.AluConstant(op, k), new Stmt.AluConstant(op, k)));
            out.add(Arguments.of(List.of(), new Instruction.AluX(op), new Stmt.AluX(op)));
        }
        out.add(Arguments.of(List.of(), new Instruction.Negate(), new Stmt.Negate()));
        out.add(Arguments.of(List.of(), new Instruction.Tax(), new Stmt.Tax()));
        out.add(Arguments.of(List.of(), new Instruction.Txa(), new Stmt.Txa()));
        for (Ancillary field : Ancillary.values()) {
            for (LoadSize size : LoadSize.values()) {
                out.add(Arguments.of(List.of(), new Instruction.LoadExtension(size, field),
                        new Stmt.LoadAncillary(field)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("statementShapes")
    void eachStatementShapeBecomesItsStatement(List<Instruction> prefix, Instruction insn, Stmt expected) {
        List<Instruction> program = new ArrayList<>(prefix);
        program.add(insn);
        program.add(new Instruction.ReturnA());
        List<Stmt> statements = new ArrayList<>();
        for (Instruction p : prefix) {
            statements.add(lifted(p, new Instruction.ReturnA()).entryBlock().statements().getFirst());
        }
        statements.add(expected);
        assertThat(lifted(program.toArray(Instruction[]::new)))
                .isEqualTo(Cfg.of(b(0), List.of(block(0, statements, new Terminator.ReturnA()))));
    }

    @Test
    void returnsEndTheProgram() {
        assertThat(lifted(new Instruction.ReturnConstant(-1)))
                .isEqualTo(Cfg.of(b(0), List.of(block(0, List.of(), new Terminator.Return(-1)))));
        assertThat(lifted(new Instruction.ReturnA()))
                .isEqualTo(Cfg.of(b(0), List.of(block(0, List.of(), new Terminator.ReturnA()))));
    }

    @ParameterizedTest
    @EnumSource(JumpOp.class)
    void conditionalJumpsBecomeBranchesOnTheirCondition(JumpOp op) {
        Cfg withK = lifted(new Instruction.LoadLength(Register.A), new Instruction.JumpIf(op, 60, 1, 0),
                new Instruction.ReturnConstant(1), new Instruction.ReturnConstant(2));
        assertThat(withK).isEqualTo(Cfg.of(b(0), List.of(
                block(0, List.of(new Stmt.LoadLength(Register.A)),
                        new Terminator.Branch(Condition.of(op, 60), b(3), b(2))),
                block(2, List.of(), new Terminator.Return(1)),
                block(3, List.of(), new Terminator.Return(2)))));
        Cfg withX = lifted(new Instruction.LoadConstant(Register.X, 9), new Instruction.JumpIfX(op, 0, 1),
                new Instruction.ReturnConstant(1), new Instruction.ReturnConstant(2));
        assertThat(withX).isEqualTo(Cfg.of(b(0), List.of(
                block(0, List.of(new Stmt.LoadConstant(Register.X, 9)),
                        new Terminator.Branch(Condition.ofX(op), b(2), b(3))),
                block(2, List.of(), new Terminator.Return(1)),
                block(3, List.of(), new Terminator.Return(2)))));
    }

    @Test
    void jaAndABranchToOneTargetBecomeJumps() {
        assertThat(lifted(new Instruction.Jump(1), new Instruction.ReturnConstant(1),
                new Instruction.JumpIf(JumpOp.JGT, 5, 0, 0), new Instruction.ReturnConstant(2)))
                .isEqualTo(Cfg.of(b(0), List.of(
                        block(0, List.of(), new Terminator.Jump(b(2))),
                        block(2, List.of(), new Terminator.Jump(b(3))),
                        block(3, List.of(), new Terminator.Return(2)))));
    }

    @Test
    void aBlockThatRunsIntoAJumpTargetEndsInAJump() {
        // (0) ld #1; (1) jeq #1 jt 3 jf 2; (2) add #1; (3) ret a: the add falls into the jt target.
        assertThat(lifted(new Instruction.LoadConstant(Register.A, 1), new Instruction.JumpIf(JumpOp.JEQ, 1, 1, 0),
                new Instruction.AluConstant(AluOp.ADD, 1), new Instruction.ReturnA()))
                .isEqualTo(Cfg.of(b(0), List.of(
                        block(0, List.of(new Stmt.LoadConstant(Register.A, 1)),
                                new Terminator.Branch(Condition.of(JumpOp.JEQ, 1), b(3), b(2))),
                        block(2, List.of(new Stmt.AluConstant(AluOp.ADD, 1)), new Terminator.Jump(b(3))),
                        block(3, List.of(), new Terminator.ReturnA()))));
    }

    @Test
    void unreachableInstructionsAreDroppedEvenWhenTheyCouldNotBeLifted() {
        assertThat(lifted(new Instruction.ReturnConstant(1), new Instruction.LoadAbsolute(LoadSize.WORD, NET_OFF),
                new Instruction.ReturnConstant(0)))
                .isEqualTo(Cfg.of(b(0), List.of(block(0, List.of(), new Terminator.Return(1)))));
    }

    @Test
    void fieldsAnOpcodeDoesNotUseAreIgnored() {
        // libpcap's optimizer leaves stale k values on tax and the like; kernel and libpcap ignore them.
        CbpfProgram stale = new CbpfProgram(List.of(new SockFilter(Opcodes.MISC | Opcodes.TAX, 0, 0, 5),
                new SockFilter(Opcodes.RET | Opcodes.A, 3, 4, 7)));
        assertThat(CfgLifter.lift(stale).orThrow()).isEqualTo(Cfg.of(b(0), List.of(
                block(0, List.of(new Stmt.Tax()), new Terminator.ReturnA()))));
    }

    /** Loads no packet satisfies, in kernel and libpcap alike: the program returns 0 there. */
    static Stream<Instruction> loadsThatAlwaysFail() {
        return Stream.of(new Instruction.LoadAbsolute(LoadSize.WORD, Integer.MIN_VALUE),
                new Instruction.LoadAbsolute(LoadSize.BYTE, LL_OFF - 1),
                new Instruction.LoadAbsolute(LoadSize.HALF, 0x80000001),
                new Instruction.LoadIndirect(LoadSize.WORD, Integer.MIN_VALUE),
                new Instruction.LoadIndirect(LoadSize.BYTE, LL_OFF - 1),
                new Instruction.LoadMemShift(Integer.MIN_VALUE),
                new Instruction.LoadMemShift(LL_OFF - 1));
    }

    @ParameterizedTest
    @MethodSource("loadsThatAlwaysFail")
    void aLoadThatAlwaysFailsReturnsZeroAfterTheStatementsBeforeIt(Instruction load) {
        assertThat(lifted(new Instruction.LoadConstant(Register.A, 1), load, new Instruction.ReturnConstant(9)))
                .isEqualTo(Cfg.of(b(0), List.of(
                        block(0, List.of(new Stmt.LoadConstant(Register.A, 1)), new Terminator.Return(0)))));
    }

    /** Loads the kernel reads relative to a header, or from X plus a negative offset: no statement says that. */
    static Stream<Arguments> inexpressibleLoads() {
        return Stream.of(
                Arguments.of(new Instruction.LoadAbsolute(LoadSize.HALF, NET_OFF + 9), "SKF_NET_OFF+9", "network"),
                Arguments.of(new Instruction.LoadAbsolute(LoadSize.WORD, NET_OFF), "SKF_NET_OFF+0", "network"),
                Arguments.of(new Instruction.LoadAbsolute(LoadSize.WORD, Opcodes.SKF_AD_OFF - 1),
                        "SKF_NET_OFF+1044479", "network"),
                Arguments.of(new Instruction.LoadAbsolute(LoadSize.BYTE, LL_OFF), "SKF_LL_OFF+0", "link-layer"),
                Arguments.of(new Instruction.LoadAbsolute(LoadSize.BYTE, NET_OFF - 1), "SKF_LL_OFF+1048575",
                        "link-layer"),
                Arguments.of(new Instruction.LoadMemShift(NET_OFF + 14), "SKF_NET_OFF+14", "network"),
                Arguments.of(new Instruction.LoadMemShift(LL_OFF), "SKF_LL_OFF+0", "link-layer"),
                Arguments.of(new Instruction.LoadMemShift(Opcodes.SKF_AD_OFF), "4*([-4096]&0xf)", "negative"),
                Arguments.of(new Instruction.LoadIndirect(LoadSize.HALF, -4), "[x + -4]", "negative"),
                Arguments.of(new Instruction.LoadIndirect(LoadSize.WORD, NET_OFF), "[x + -1048576]", "negative"),
                Arguments.of(new Instruction.LoadIndirect(LoadSize.BYTE, LL_OFF), "[x + -2097152]", "negative"));
    }

    @ParameterizedTest
    @MethodSource("inexpressibleLoads")
    void headerRelativeLoadsAreInexpressible(Instruction load, String operand, String why) {
        List<LiftProblem> problems = problems(new Instruction.LoadConstant(Register.X, 20), load,
                new Instruction.ReturnA());
        assertThat(problems).singleElement().isInstanceOfSatisfying(LiftProblem.Inexpressible.class, p -> {
            assertThat(p.index()).isEqualTo(1);
            assertThat(p.message()).contains(operand).contains(why);
        });
    }

    @Test
    void everyInexpressibleInstructionIsReported() {
        assertThat(problems(new Instruction.LoadAbsolute(LoadSize.BYTE, LL_OFF + 1),
                new Instruction.JumpIf(JumpOp.JEQ, 1, 0, 1),
                new Instruction.LoadIndirect(LoadSize.BYTE, -1), new Instruction.ReturnA()))
                .extracting(LiftProblem::index).containsExactly(0, 2);
    }

    /** Programs the kernel refuses, each with the rule it breaks and the instruction that breaks it. */
    static Stream<Arguments> kernelRejections() {
        return Stream.of(
                Arguments.of(List.of(), Problem.Kind.LENGTH, -1),
                Arguments.of(List.of(new Instruction.Jump(-2), new Instruction.ReturnA()),
                        Problem.Kind.BACKWARD_JUMP, 0),
                Arguments.of(List.of(new Instruction.Jump(1), new Instruction.ReturnA()),
                        Problem.Kind.JUMP_OUT_OF_RANGE, 0),
                Arguments.of(List.of(new Instruction.JumpIf(JumpOp.JEQ, 0, 0, 2), new Instruction.ReturnA()),
                        Problem.Kind.JUMP_OUT_OF_RANGE, 0),
                Arguments.of(List.of(new Instruction.LoadLength(Register.A)), Problem.Kind.NO_FINAL_RETURN, 0),
                Arguments.of(List.of(new Instruction.LoadScratch(Register.A, 2), new Instruction.ReturnA()),
                        Problem.Kind.UNINITIALIZED_SCRATCH, 0),
                Arguments.of(List.of(new Instruction.LoadLength(Register.A), new Instruction.JumpIf(JumpOp.JGT, 9, 0, 1),
                        new Instruction.StoreScratch(Register.A, 4), new Instruction.LoadScratch(Register.X, 4),
                        new Instruction.ReturnA()), Problem.Kind.UNINITIALIZED_SCRATCH, 3),
                Arguments.of(List.of(new Instruction.StoreScratch(Register.A, 16), new Instruction.ReturnA()),
                        Problem.Kind.SCRATCH_OUT_OF_RANGE, 0),
                Arguments.of(List.of(new Instruction.AluConstant(AluOp.DIV, 0), new Instruction.ReturnA()),
                        Problem.Kind.DIVISION_BY_ZERO, 0),
                Arguments.of(List.of(new Instruction.AluConstant(AluOp.LSH, 32), new Instruction.ReturnA()),
                        Problem.Kind.SHIFT_OUT_OF_RANGE, 0),
                Arguments.of(List.of(new Instruction.LoadAbsolute(LoadSize.WORD, Opcodes.SKF_AD_OFF + 64),
                        new Instruction.ReturnA()), Problem.Kind.UNKNOWN_ANCILLARY, 0),
                // There is no "ret x": RET|X is not an instruction.
                Arguments.of(List.of(new Instruction.Raw(new SockFilter(Opcodes.RET | Opcodes.X, 0, 0, 0))),
                        Problem.Kind.UNKNOWN_OPCODE, 0));
    }

    @ParameterizedTest
    @MethodSource("kernelRejections")
    void programsTheKernelRefusesAreReportedWithItsRule(List<Instruction> program, Problem.Kind kind, int index) {
        assertThat(problems(CbpfProgram.of(program))).anySatisfy(p -> {
            assertThat(p).isInstanceOfSatisfying(LiftProblem.Rejected.class,
                    r -> assertThat(r.problem().kind()).isEqualTo(kind));
            assertThat(p.index()).isEqualTo(index);
        });
    }
}
