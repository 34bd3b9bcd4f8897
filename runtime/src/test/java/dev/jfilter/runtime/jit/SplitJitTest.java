package dev.jfilter.runtime.jit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.Instruction;
import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.AncillarySource;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.Register;
import dev.jfilter.runtime.cbpf.CbpfInterpreter;
import dev.jfilter.runtime.cbpf.Packets;
import dev.jfilter.runtime.cbpf.RandomPrograms;
import dev.jfilter.runtime.cbpf.TestData;
import java.io.IOException;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JIT on programs too large for one method, which it cuts into pieces: the large jfilter filters (a thousand
 * hosts or ports, two thousand hosts, optimized and not) on packets that take every live branch, cut at every length;
 * stitched random programs of four thousand reachable instructions; small random programs and libpcap's suite cut
 * into tiny pieces; the backward-jump limit across pieces. Every run must give the interpreter's value, and every generated
 * method must stay under HotSpot's huge-method limit and the bound its partition planned for it.
 */
class SplitJitTest {

    static Stream<Arguments> largeFilters() {
        List<Arguments> out = new ArrayList<>();
        for (boolean optimize : new boolean[] {true, false}) {
            out.add(Arguments.of("1000 hosts", LargeFilters.hosts(1000), optimize));
            out.add(Arguments.of("1000 ports", LargeFilters.ports(1000), optimize));
            out.add(Arguments.of("2000 hosts", LargeFilters.hosts(2000), optimize));
        }
        return out.stream();
    }

    /** The class the JIT generates for {@code program} with its production budget. */
    private static Generation.ClassBytes generated(CbpfProgram program, int budget) {
        Generation g = CbpfJit.generate(program, budget);
        assertThat(g).as("the JIT on a program of %d instructions", program.size())
                .isInstanceOf(Generation.ClassBytes.class);
        return (Generation.ClassBytes) g;
    }

    /** The bytecode length of each method of a generated class, by name. */
    private static Map<String, Integer> codeLengths(Generation.ClassBytes c) {
        Map<String, Integer> out = new HashMap<>();
        for (MethodModel m : ClassFile.of().parse(c.bytes()).methods()) {
            out.put(m.methodName().stringValue(),
                    m.findAttribute(Attributes.code()).map(CodeAttribute::codeLength).orElse(0));
        }
        return out;
    }

    private static List<Piece> generatedPieces(Generation.ClassBytes c) {
        return c.partition().pieces().stream().filter(Piece::generated).toList();
    }

    @ParameterizedTest(name = "{0}, optimized: {2}")
    @MethodSource("largeFilters")
    void largeFiltersAgreeWithTheInterpreterOnPacketsThatTakeEveryBranch(String name, String expression,
            boolean optimize) {
        CbpfProgram program = LargeFilters.compile(expression, optimize).program();
        int pieces = generatedPieces(generated(program, CbpfJit.PIECE_BUDGET)).size();
        assertThat(pieces).as("methods of the generated class").isGreaterThan(2);
        PacketFilter both = BothEngines.of(program);
        BranchCoverage coverage = new BranchCoverage(program);
        List<byte[]> packets = PlantedPackets.of(program, new Random(name.hashCode() + (optimize ? 1 : 0)));
        long runs = 0;
        long accepted = 0;
        for (int i = 0; i < packets.size(); i++) {
            byte[] p = packets.get(i);
            // Whole, and cut at a length that goes round every length as i grows; the first ones at every length.
            List<Integer> cuts = i < 50 ? Stream.iterate(p.length, c -> c >= 0, c -> c - 1).toList()
                    : List.of(p.length, i % (p.length + 1));
            for (int cut : cuts) {
                int value = both.run(p, cut, p.length);
                assertThat(coverage.run(p, cut, p.length)).as("the tracer agrees").isEqualTo(value);
                accepted += value != 0 ? 1 : 0;
                runs++;
            }
        }
        System.out.printf("%s (optimized: %b): %d instructions in %d methods, %d packets, %d runs (%d accepting),"
                        + " %d branch outcomes (%d dead), JIT = interpreter%n", name, optimize, program.size(), pieces,
                packets.size(), runs, accepted, coverage.branchOutcomes(), coverage.deadBranches());
        assertThat(coverage.missedBranches()).as("live branch outcomes no packet took").isEmpty();
        assertThat(accepted).isPositive().isLessThan(runs);
    }

    @Test
    void theJitCompilesTheThousandHostFilterIntoSeveralMethods() {
        CbpfProgram program = LargeFilters.compile(LargeFilters.hosts(1000), true).program();
        assertThat(program.size()).isGreaterThan(3000);
        JitResult result = CbpfJit.compile(program);
        assertThat(result).isInstanceOf(JitResult.Compiled.class);
        PacketFilter filter = ((JitResult.Compiled) result).filter();
        assertThat(filter).isInstanceOf(JittedFilter.class);
        assertThat(filter.getClass().getDeclaredMethods()).as("run and the later pieces").hasSizeGreaterThan(2);
        assertThat(filter.copy()).as("still without state").isSameAs(filter);
    }

    @Test
    void theHostFilterPassesOnlyAAcrossPieces() {
        CbpfProgram program = LargeFilters.compile(LargeFilters.hosts(1000), true).program();
        List<Piece> later = generatedPieces(generated(program, CbpfJit.PIECE_BUDGET)).stream()
                .filter(p -> p.index() > 0).toList();
        assertThat(later).isNotEmpty().allSatisfy(p -> {
            assertThat(p.words()).as("the words %s takes", p).isEqualTo(Liveness.A);
            assertThat(p.descriptor().parameterCount()).as("%s's parameters", p).isLessThanOrEqualTo(5);
        });
    }

    /** Programs to generate, with the budgets to cut them with. */
    static Stream<Arguments> programsAndBudgets() {
        List<Arguments> out = new ArrayList<>();
        largeFilters().forEach(a -> out.add(Arguments.of(a.get()[0] + " optimized: " + a.get()[2],
                LargeFilters.compile((String) a.get()[1], (Boolean) a.get()[2]).program(), CbpfJit.PIECE_BUDGET)));
        for (long seed = 1; seed <= 3; seed++) {
            CbpfProgram stitched = StitchedPrograms.of(new Random(seed), 4000, sample(seed));
            out.add(Arguments.of("stitched " + seed, stitched, CbpfJit.PIECE_BUDGET));
            out.add(Arguments.of("stitched " + seed, stitched, 1000));
        }
        return out.stream();
    }

    /** Every method under the limit and no longer than its piece's planned bound, which stays within the budget. */
    private static void assertWithinBounds(CbpfProgram program, int budget) {
        Generation.ClassBytes c = generated(program, budget);
        Map<String, Integer> lengths = codeLengths(c);
        assertThat(lengths).allSatisfy((method, length) -> assertThat(length).as(method)
                .isLessThanOrEqualTo(CbpfJit.HUGE_METHOD_LIMIT));
        for (Piece p : generatedPieces(c)) {
            int length = lengths.get(p.index() == 0 ? "run" : p.methodName());
            assertThat(length).as("%s: the bytecode vs the planned bound", p).isLessThanOrEqualTo(p.estimatedBytes());
            if (budget > 0) {
                assertThat(p.estimatedBytes()).as("%s vs the budget", p).isLessThanOrEqualTo(budget);
            }
        }
    }

    @ParameterizedTest(name = "{0}, budget {2}")
    @MethodSource("programsAndBudgets")
    void everyGeneratedMethodIsUnderTheHugeMethodLimitAndItsPlannedBound(String name, CbpfProgram program,
            int budget) {
        assertWithinBounds(program, budget);
    }

    @Test
    void libpcapSuiteProgramsStayWithinTheirBoundsInOneAndInOneInstructionPieces() throws IOException {
        List<TestData.SuiteProgram> programs = TestData.suitePrograms();
        for (TestData.SuiteProgram sp : programs) {
            for (int budget : new int[] {0, CbpfJit.PIECE_BUDGET}) {
                assertWithinBounds(sp.program(), budget);
            }
        }
        assertThat(programs).hasSizeGreaterThan(100);
    }

    /** Whole packets of 64 bytes or more, for {@link StitchedPrograms} to choose parts that run on packets. */
    private static List<Packets.Packet> sample(long seed) {
        return Packets.random(new Random(seed), 60).stream().filter(p -> p.caplen() >= 64).limit(20).toList();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void stitchedRandomProgramsOfFourThousandInstructionsAgree(long seed) {
        Random random = new Random(seed);
        CbpfProgram program = StitchedPrograms.of(new Random(seed), 4000, sample(seed));
        List<Piece> pieces = generatedPieces(generated(program, CbpfJit.PIECE_BUDGET));
        assertThat(pieces).hasSizeGreaterThan(3);
        PacketFilter both = BothEngines.of(program);
        BranchCoverage coverage = new BranchCoverage(program);
        List<Packets.Packet> packets = Packets.random(random, 300);
        List<AncillarySource> metadata = List.of(AncillarySource.NONE, JitAgreementTest.randomAncillary(random),
                JitAgreementTest.randomAncillary(random));
        long runs = 0;
        long accepted = 0;
        for (Packets.Packet p : packets) {
            for (AncillarySource m : metadata) {
                int value = both.run(MemorySegment.ofArray(p.bytes()), 0, p.caplen(), p.wirelen(), m);
                if (m == AncillarySource.NONE) {
                    assertThat(coverage.run(p.bytes(), p.caplen(), p.wirelen())).as("the tracer agrees")
                            .isEqualTo(value);
                }
                accepted += value != 0 ? 1 : 0;
                runs++;
            }
        }
        long reached = pieces.stream().filter(p -> IntStream.range(p.start(), p.end()).anyMatch(coverage::executed))
                .count();
        System.out.printf("stitched random program (seed %d): %d instructions in %d methods, %d runs (%d accepting),"
                        + " %d methods reached, furthest instruction %d; JIT = interpreter%n", seed, program.size(),
                pieces.size(), runs, accepted, reached, coverage.furthest());
        assertThat(ControlFlow.reachable(CbpfJit.decode(program)).cardinality()).isGreaterThanOrEqualTo(4000);
        assertThat(reached).as("methods some run reached").isGreaterThanOrEqualTo(4);
    }

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {0, 100, 150})
    void smallRandomProgramsCutIntoTinyPiecesAgree(int budget) {
        Random random = new Random(40 + budget);
        List<Packets.Packet> packets = Packets.random(random, 30);
        List<AncillarySource> metadata = List.of(AncillarySource.NONE, JitAgreementTest.randomAncillary(random));
        int programs = 0;
        long runs = 0;
        long split = 0;
        while (programs < 800) {
            CbpfProgram p = RandomPrograms.anyProgram(random, 40);
            if (!CbpfInterpreter.problems(p).isEmpty()) {
                continue;
            }
            programs++;
            split += generatedPieces(generated(p, budget)).size() > 1 ? 1 : 0;
            PacketFilter both = new BothEngines(CbpfInterpreter.of(p), compiled(p, budget));
            for (Packets.Packet pk : packets) {
                for (AncillarySource m : metadata) {
                    try {
                        both.run(MemorySegment.ofArray(pk.bytes()), 0, pk.caplen(), pk.wirelen(), m);
                    } catch (IllegalStateException endless) {
                        // both engines stopped a program that does not end, with the same message
                    }
                    runs++;
                }
            }
        }
        System.out.printf("random programs cut with budget %d: %d programs (%d in several methods), %d runs, JIT ="
                + " interpreter%n", budget, programs, split, runs);
        assertThat(split).isGreaterThan(programs / 10);
    }

    private static PacketFilter compiled(CbpfProgram p, int budget) {
        JitResult r = CbpfJit.compile(p, budget);
        assertThat(r).as("the JIT with budget %d on %s", budget, p).isInstanceOf(JitResult.Compiled.class);
        return ((JitResult.Compiled) r).filter();
    }

    @Test
    void libpcapSuiteProgramsCutIntoOneInstructionPiecesAgree() throws IOException {
        Path captures = TestData.shared().resolve("captures");
        Assumptions.assumeTrue(Files.isDirectory(captures), captures + " is missing");
        List<Packets.Packet> packets = new ArrayList<>(Packets.fromCaptures(captures, 10).packets());
        packets.addAll(Packets.random(new Random(77), 200));
        List<TestData.SuiteProgram> programs = TestData.suitePrograms();
        long runs = 0;
        int loops = 0;
        for (TestData.SuiteProgram sp : programs) {
            PacketFilter both = new BothEngines(CbpfInterpreter.of(sp.program()), compiled(sp.program(), 0));
            List<Instruction> code = CbpfJit.decode(sp.program());
            loops += IntStream.range(0, code.size())
                    .anyMatch(i -> ControlFlow.backwardTarget(code, i) >= 0) ? 1 : 0;
            for (Packets.Packet p : packets) {
                both.run(MemorySegment.ofArray(p.bytes()), 0, p.caplen(), p.wirelen(), AncillarySource.NONE);
                runs++;
            }
        }
        System.out.printf("libpcap's suite, one instruction per method: %d programs (%d with loops) x %d packets ="
                + " %d runs, JIT = interpreter%n", programs.size(), loops, packets.size(), runs);
        assertThat(loops).as("protochain programs").isPositive();
    }

    /**
     * Two counting loops on scratch words with {@code filler} instructions between them, then {@code ret M[0] +
     * M[1]}: loop k runs until its word reaches {@code counts[k]}, taking {@code counts[k] - 1} backward jumps.
     */
    private static CbpfProgram twoLoops(int first, int second, int filler) {
        List<Instruction> code = new ArrayList<>();
        loop(code, 0, first);
        for (int i = 0; i < filler; i++) {
            code.add(new Instruction.AluConstant(AluOp.ADD, i));
        }
        loop(code, 1, second);
        code.add(new Instruction.LoadScratch(Register.X, 1));
        code.add(new Instruction.LoadScratch(Register.A, 0));
        code.add(new Instruction.AluX(AluOp.ADD));
        code.add(new Instruction.ReturnA());
        return CbpfProgram.of(code);
    }

    private static void loop(List<Instruction> code, int slot, int count) {
        code.add(new Instruction.LoadScratch(Register.A, slot));
        code.add(new Instruction.AluConstant(AluOp.ADD, 1));
        code.add(new Instruction.StoreScratch(Register.A, slot));
        code.add(new Instruction.JumpIf(JumpOp.JGE, count, 1, 0));
        code.add(new Instruction.Jump(-5));
    }

    @Test
    void theBackwardJumpLimitCountsJumpsInEveryPiece() {
        int limit = CbpfInterpreter.BACKWARD_JUMP_LIMIT;
        int filler = 2000;
        int first = 600_000;
        CbpfProgram withinLimit = twoLoops(first, limit - first + 2, filler);
        CbpfProgram overLimit = twoLoops(first, limit - first + 3, filler);
        Partition partition = generated(withinLimit, CbpfJit.PIECE_BUDGET).partition();
        int secondLoop = 5 + filler;
        assertThat(partition.pieceOf(secondLoop).index()).as("the loops' pieces")
                .isGreaterThan(partition.pieceOf(0).index());
        byte[] packet = new byte[20];
        assertThat(BothEngines.of(withinLimit).run(packet, 20, 20)).isEqualTo(limit + 2);
        assertThatThrownBy(() -> BothEngines.of(overLimit).run(packet, 20, 20))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("more than " + limit + " backward jumps")
                .hasMessageContaining("at instruction " + (secondLoop + 4));
    }
}
