package dev.jfilter.runtime.jit;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.Instruction;
import dev.jfilter.cbpf.validate.Problem;
import dev.jfilter.cfg.AncillarySource;
import dev.jfilter.runtime.cbpf.CbpfInterpreter;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.BitSet;
import java.util.List;

/**
 * Compiles a classic BPF program to a JVM class, one hidden class per program, generated with
 * {@code java.lang.classfile}, so that HotSpot compiles each filter to native code. The generated
 * {@link PacketFilter#run} has the {@link CbpfInterpreter}'s semantics exactly (libpcap 1.10's {@code bpf_filter()}):
 * A, X and the scratch words are locals (all start at 0 on every packet), every packet load checks
 * {@code offset + size <= captured} in exact (long) arithmetic and returns 0 when it fails, division or modulo by a
 * zero X returns 0, shifts by X of 32 or more give 0, comparisons are unsigned, ancillary loads ask the
 * {@link AncillarySource} and return 0 when it has no value, and backward {@code ja} (libpcap's {@code protochain})
 * loops with the interpreter's {@link CbpfInterpreter#BACKWARD_JUMP_LIMIT}. Instructions no path reaches are not
 * generated.
 *
 * <h2>Large programs: one method per piece</h2>
 * HotSpot never compiles a method of more than {@link #HUGE_METHOD_LIMIT} bytes of bytecode (about a thousand
 * compares), and jfilter's large filters (a thousand hosts: 3,500 instructions) are where speed matters most. So a
 * {@link Partition} cuts the program into contiguous ranges of instructions, {@link Piece}s, each at most
 * {@link #PIECE_BUDGET} bytes (an eighth below the limit) by upper bounds of its bytecode that are within a few percent
 * of the real length, so pieces are as large as they may be: every boundary a packet crosses costs a call. Piece 0 is
 * {@code run}; each later piece is a private static method of the same class. The class is checked after generation:
 * no method may exceed the limit.
 * <ul>
 *   <li><b>Control only moves forward between pieces.</b> Conditional jumps go forward, and a piece never starts
 *       inside a loop (from a backward {@code ja}'s target to the {@code ja}), so a jump out of a piece lands in a
 *       later one. The jump becomes a call of that piece, whose result the caller returns: nested calls, at most one
 *       per piece on any path, no dispatcher loop, and the stack depth is bounded by the number of pieces. A jump to
 *       a {@code ret} in another piece just returns (libpcap's programs end in shared {@code ret}s that every chain
 *       jumps to).</li>
 *   <li><b>State crosses a boundary as arguments, only what is live.</b> {@link Liveness} finds the words (A, X,
 *       each scratch word) some instruction may read before writing them; a piece takes as {@code int} parameters
 *       only the words live at its entries, and the packet, the wire length, the metadata and the backward-jump count
 *       only if it or a later piece reads them. A piece entered at several instructions also takes the entry's index
 *       and starts with a {@code tableswitch}. The large jfilter filters are chains and trees of {@code jeq}/{@code
 *       jgt} on one loaded word, so a boundary typically passes the packet and A: a static call with a handful of
 *       arguments, in registers. Nothing lives in fields, so a generated filter has no state: threads share it and
 *       {@link PacketFilter#copy()} returns it.</li>
 *   <li><b>The backward-jump limit spans pieces.</b> The count is one more argument to every piece from the first
 *       that holds a backward jump to the last, so a packet takes at most {@link CbpfInterpreter#BACKWARD_JUMP_LIMIT}
 *       in all, as in the interpreter.</li>
 * </ul>
 * A program that fits one method is one piece: {@code run} alone, as before.
 *
 * <p>The JIT still declines ({@link JitResult.Declined}) a program with a loop whose body alone exceeds the limit
 * (libpcap's {@code protochain} loop is some 30 instructions), or one that exceeds the class file format's limits;
 * the interpreter runs those.
 *
 * <p>Compiling a program again reuses its class: the last {@link #CACHED_CLASSES} classes are kept in a
 * {@link ClassCache}, and each call makes a new (stateless) instance.
 *
 * @see <a href="https://github.com/the-tcpdump-group/libpcap/blob/libpcap-1.10/bpf_filter.c">libpcap 1.10
 *     bpf_filter.c</a>
 * @see <a href="https://docs.oracle.com/en/java/javase/25/docs/api/java.base/java/lang/classfile/package-summary.html">
 *     java.lang.classfile</a>
 * @see <a href="https://github.com/openjdk/jdk/blob/master/src/hotspot/share/runtime/globals.hpp">HotSpot's
 *     HugeMethodLimit and DontCompileHugeMethods</a>
 */
public final class CbpfJit {
    /**
     * HotSpot's {@code HugeMethodLimit}: with {@code DontCompileHugeMethods} (the default) larger methods stay in the
     * bytecode interpreter.
     */
    public static final int HUGE_METHOD_LIMIT = 8000;

    /** The most bytecode a piece is planned for, as {@link PieceEmitter}'s upper bounds count it. */
    static final int PIECE_BUDGET = 7000;

    /** How many generated classes {@link #compile} keeps for programs compiled again. */
    static final int CACHED_CLASSES = 32;

    static final ClassCache CACHE = new ClassCache(CACHED_CLASSES);

    private static final ClassDesc CD_JITTED = desc(JittedFilter.class);
    private static final ClassDesc CD_PROGRAM = desc(CbpfProgram.class);
    private static final ClassDesc CD_FILTER = ClassDesc.of(CbpfJit.class.getPackageName(), "CbpfFilter");
    private static final MethodTypeDesc MTD_INIT = MethodTypeDesc.of(ConstantDescs.CD_void, CD_PROGRAM);
    private static final MethodTypeDesc MTD_RUN = MethodTypeDesc.of(ConstantDescs.CD_int, desc(MemorySegment.class),
            ConstantDescs.CD_long, ConstantDescs.CD_int, ConstantDescs.CD_int, desc(AncillarySource.class));

    private CbpfJit() {}

    /**
     * A generated filter for {@code program}, or why the JIT leaves it to the interpreter.
     *
     * @throws IllegalArgumentException naming every problem, if the program is not one libpcap would run (as
     *     {@link CbpfInterpreter#of} does)
     */
    public static JitResult compile(CbpfProgram program) {
        requireRunnable(program);
        MethodHandle constructor = CACHE.get(program);
        if (constructor == null) {
            switch (generate(program, PIECE_BUDGET)) {
                case Generation.Refused r -> {
                    return new JitResult.Declined(r.reason());
                }
                case Generation.ClassBytes c -> {
                    constructor = define(program, c.bytes());
                    CACHE.put(program, constructor);
                }
            }
        }
        return new JitResult.Compiled(instantiate(constructor, program));
    }

    /**
     * {@link #compile} with pieces of at most {@code budget} estimated bytes (0: one instruction each), without the
     * cache: for tests that split small programs.
     */
    static JitResult compile(CbpfProgram program, int budget) {
        requireRunnable(program);
        return switch (generate(program, budget)) {
            case Generation.Refused r -> new JitResult.Declined(r.reason());
            case Generation.ClassBytes c -> new JitResult.Compiled(instantiate(define(program, c.bytes()), program));
        };
    }

    private static void requireRunnable(CbpfProgram program) {
        List<Problem> problems = CbpfInterpreter.problems(program);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("libpcap would not run this program: " + problems);
        }
    }

    /** The JIT's filter for {@code program}, or the interpreter when the JIT declines it. */
    public static PacketFilter filterOrInterpreter(CbpfProgram program) {
        return switch (compile(program)) {
            case JitResult.Compiled c -> c.filter();
            case JitResult.Declined _ -> CbpfInterpreter.of(program);
        };
    }

    /**
     * The class file for a valid program, cut into pieces of at most {@code budget} estimated bytes, or why HotSpot
     * would not compile it: some method over {@link #HUGE_METHOD_LIMIT}, or over the class file format's limits.
     */
    static Generation generate(CbpfProgram program, int budget) {
        List<Instruction> code = decode(program);
        BitSet reachable = ControlFlow.reachable(code);
        Partition partition = Partition.of(code, reachable, Liveness.of(code, reachable), budget);
        byte[] bytes;
        try {
            bytes = ClassFile.of().build(CD_FILTER, cb -> {
                cb.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC)
                        .withSuperclass(CD_JITTED)
                        .withMethodBody(ConstantDescs.INIT_NAME, MTD_INIT, ClassFile.ACC_PUBLIC, init -> init
                                .aload(0).aload(1).invokespecial(CD_JITTED, ConstantDescs.INIT_NAME, MTD_INIT)
                                .return_());
                for (Piece piece : partition.pieces()) {
                    if (!piece.generated()) {
                        continue;
                    }
                    boolean run = piece.index() == 0;
                    cb.withMethodBody(run ? "run" : piece.methodName(), run ? MTD_RUN : piece.descriptor(),
                            run ? ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL
                                    : ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC,
                            body -> new PieceEmitter(body, CD_FILTER, code, reachable, partition, piece).emit());
                }
            });
        } catch (IllegalArgumentException e) {
            return new Generation.Refused("the generated class is not valid (" + e.getMessage()
                    + "); a program this large exceeds the class file format's limits");
        }
        for (MethodModel m : ClassFile.of().parse(bytes).methods()) {
            int length = m.findAttribute(Attributes.code()).map(CodeAttribute::codeLength).orElse(0);
            if (length > HUGE_METHOD_LIMIT) {
                return new Generation.Refused("the generated method " + m.methodName().stringValue() + " has "
                        + length + " bytes of bytecode, more than the " + HUGE_METHOD_LIMIT + " HotSpot compiles (a"
                        + " loop, from a backward ja's target to the ja, must stay in one method)");
            }
        }
        return new Generation.ClassBytes(bytes, partition);
    }

    /**
     * The program's instructions as libpcap runs them: fields an opcode does not use are ignored (libpcap's optimizer
     * leaves stale values there), so every instruction of a valid program has a shape.
     */
    static List<Instruction> decode(CbpfProgram program) {
        return program.instructions().stream().map(f -> Instruction.disassemble(Instruction.usedFields(f))).toList();
    }

    private static MethodHandle define(CbpfProgram program, byte[] bytes) {
        try {
            MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClass(bytes, true);
            return hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class, CbpfProgram.class));
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the JIT generated a class the JVM refuses for " + program, e);
        }
    }

    private static PacketFilter instantiate(MethodHandle constructor, CbpfProgram program) {
        try {
            return (PacketFilter) constructor.invoke(program);
        } catch (Throwable e) {
            throw new IllegalStateException("the JIT's class for " + program + " cannot be instantiated", e);
        }
    }

    private static ClassDesc desc(Class<?> c) {
        return c.describeConstable().orElseThrow();
    }
}
