package dev.jfilter.runtime.cbpf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cbpf.CbpfGenerator;
import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.validate.Problem;
import dev.jfilter.cbpf.validate.Validator;
import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.AncillarySource;
import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The code generator against the graph's own semantics: random acyclic graphs (seeded), compiled and run by
 * {@link CbpfInterpreter}, give the same value as {@link CfgInterpreter} on random packets. The programs jump only
 * forward and within range; some graphs have blocks long enough to need trampolines.
 */
class GeneratorPropertyTest {
    static LongStream seeds() {
        return LongStream.range(0, 400);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void generatedProgramsAgreeWithTheGraph(long seed) {
        Random random = new Random(seed);
        Cfg cfg = randomCfg(random);
        CbpfProgram program = CbpfGenerator.generate(cfg);
        // Every jump forward and in range, the last instruction a return, whatever else the graph does.
        Set<Problem.Kind> structural = EnumSet.of(Problem.Kind.JUMP_OUT_OF_RANGE, Problem.Kind.BACKWARD_JUMP,
                Problem.Kind.NO_FINAL_RETURN, Problem.Kind.UNKNOWN_OPCODE, Problem.Kind.DIVISION_BY_ZERO,
                Problem.Kind.SHIFT_OUT_OF_RANGE, Problem.Kind.SCRATCH_OUT_OF_RANGE, Problem.Kind.UNKNOWN_ANCILLARY);
        assertThat(Validator.kernel(program)).filteredOn(p -> structural.contains(p.kind())).isEmpty();
        assertThat(program.size()).isLessThanOrEqualTo(cfg.instructionEstimate() + trampolineAllowance(program));

        CbpfInterpreter vm = CbpfInterpreter.of(program);
        AncillarySource ancillary = randomAncillary(random);
        for (int i = 0; i < 60; i++) {
            byte[] packet = new byte[random.nextInt(90)];
            random.nextBytes(packet);
            int captured = random.nextInt(4) == 0 ? random.nextInt(packet.length + 1) : packet.length;
            int wire = packet.length + random.nextInt(3) * random.nextInt(100);
            int expected = CfgInterpreter.run(cfg, packet, captured, wire, ancillary);
            int actual = vm.run(MemorySegment.ofArray(packet), 0, captured, wire, ancillary);
            assertThat(actual).as("packet %d of seed %d\n%s", i, seed, cfg).isEqualTo(expected);
        }
    }

    @org.junit.jupiter.api.Test
    void theSeedsCoverFarBranches() {
        int far = 0;
        int jas = 0;
        for (long seed : seeds().toArray()) {
            List<dev.jfilter.cbpf.Instruction> code = CbpfGenerator.generate(randomCfg(new Random(seed)))
                    .disassemble();
            boolean hasFar = false;
            for (int i = 0; i < code.size(); i++) {
                if (code.get(i) instanceof dev.jfilter.cbpf.Instruction.Jump) {
                    jas++;
                }
                if (code.get(i) instanceof dev.jfilter.cbpf.Instruction.JumpIf j) {
                    for (int edge : new int[] {j.ifTrue(), j.ifFalse()}) {
                        int at = i + 1 + edge;
                        while (code.get(at) instanceof dev.jfilter.cbpf.Instruction.Jump ja) {
                            at = at + 1 + ja.offset();
                        }
                        hasFar |= at - i - 1 > 255;
                    }
                }
            }
            far += hasFar ? 1 : 0;
        }
        System.out.printf("generator property: %d seeds, %d programs with a branch farther than 255 (through a ja"
                + " trampoline), %d ja in all%n", seeds().count(), far, jas);
        assertThat(far).isPositive();
        assertThat(jas).isPositive();
    }

    /** Generated code may exceed the graph's size only by the trampolines it needs (one per far edge). */
    private static int trampolineAllowance(CbpfProgram program) {
        return (int) program.disassemble().stream().filter(i -> i instanceof dev.jfilter.cbpf.Instruction.JumpIf
                || i instanceof dev.jfilter.cbpf.Instruction.JumpIfX).count() * 2;
    }

    private static AncillarySource randomAncillary(Random random) {
        Set<Ancillary> present = EnumSet.noneOf(Ancillary.class);
        for (Ancillary a : Ancillary.values()) {
            if (random.nextBoolean()) {
                present.add(a);
            }
        }
        int base = random.nextInt(5);
        return field -> present.contains(field) ? OptionalInt.of(base + field.ordinal()) : OptionalInt.empty();
    }

    /** A random acyclic graph: block i goes only to blocks above i; the last blocks return. */
    static Cfg randomCfg(Random random) {
        // One graph in six is big, with some blocks long enough that branches over them need trampolines.
        boolean big = random.nextInt(6) == 0;
        int n = big ? 10 + random.nextInt(40) : 1 + random.nextInt(14);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Stmt> stmts = new ArrayList<>();
            if (big && random.nextInt(5) == 0) {
                // Long blocks of statements that cannot fail, so packets get past them to the far branches.
                int count = 100 + random.nextInt(200);
                for (int s = 0; s < count; s++) {
                    stmts.add(switch (random.nextInt(4)) {
                        case 0 -> new Stmt.AluConstant(AluOp.ADD, smallOrAny(random));
                        case 1 -> new Stmt.AluConstant(AluOp.XOR, smallOrAny(random));
                        case 2 -> new Stmt.AluX(AluOp.SUB);
                        default -> new Stmt.Tax();
                    });
                }
            } else {
                int count = switch (random.nextInt(10)) {
                    case 0, 1, 2 -> 0;
                    case 3 -> random.nextInt(12);
                    default -> random.nextInt(5);
                };
                for (int s = 0; s < count; s++) {
                    stmts.add(randomStmt(random));
                }
            }
            Terminator t;
            int later = n - i - 1;
            int kind = later == 0 ? 3 + random.nextInt(2) : random.nextInt(10);
            t = switch (kind) {
                case 0, 1, 2, 5, 6, 7 -> new Terminator.Branch(randomCondition(random),
                        new BlockId(i + 1 + random.nextInt(later)),
                        new BlockId(random.nextInt(6) == 0 ? i + 1 : i + 1 + random.nextInt(later)));
                case 8, 9 -> new Terminator.Jump(new BlockId(i + 1 + random.nextInt(later)));
                case 3 -> new Terminator.Return(new int[] {0, 262144, 1, -1}[random.nextInt(4)]);
                default -> new Terminator.ReturnA();
            };
            blocks.add(new Block(new BlockId(i), stmts, t));
        }
        return Cfg.of(new BlockId(0), blocks);
    }

    private static Condition randomCondition(Random random) {
        JumpOp op = JumpOp.values()[random.nextInt(JumpOp.values().length)];
        return random.nextInt(4) == 0 ? Condition.ofX(op) : Condition.of(op, smallOrAny(random));
    }

    private static int smallOrAny(Random random) {
        return random.nextInt(3) == 0 ? random.nextInt() : random.nextInt(64);
    }

    private static Stmt randomStmt(Random random) {
        Register r = random.nextBoolean() ? Register.A : Register.X;
        LoadSize size = LoadSize.values()[random.nextInt(3)];
        return switch (random.nextInt(14)) {
            case 0 -> new Stmt.LoadAbsolute(size, random.nextInt(80));
            case 1 -> new Stmt.LoadIndirect(size, random.nextInt(40));
            case 2 -> new Stmt.LoadConstant(r, smallOrAny(random));
            case 3 -> new Stmt.LoadScratch(r, random.nextInt(16));
            case 4 -> new Stmt.LoadLength(r);
            case 5 -> new Stmt.LoadAncillary(Ancillary.values()[random.nextInt(Ancillary.values().length)]);
            case 6 -> new Stmt.LoadIpHeaderLength(random.nextInt(40));
            case 7 -> new Stmt.Store(r, random.nextInt(16));
            case 8, 9 -> new Stmt.AluConstant(AluOp.values()[random.nextInt(AluOp.values().length)],
                    random.nextInt(8) == 0 ? random.nextInt(3) * 20 : smallOrAny(random));
            case 10 -> new Stmt.AluX(AluOp.values()[random.nextInt(AluOp.values().length)]);
            case 11 -> new Stmt.Negate();
            case 12 -> new Stmt.Tax();
            default -> new Stmt.Txa();
        };
    }
}
