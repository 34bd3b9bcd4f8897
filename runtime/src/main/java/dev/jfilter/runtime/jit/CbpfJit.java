package dev.jfilter.runtime.jit;

import static java.lang.constant.ConstantDescs.CD_Integer;
import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.Instruction;
import dev.jfilter.cbpf.validate.Problem;
import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.AncillarySource;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Register;
import dev.jfilter.runtime.cbpf.CbpfInterpreter;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalInt;

/**
 * Compiles a classic BPF program to a JVM class, one hidden class per program, generated with
 * {@code java.lang.classfile}, so that HotSpot compiles each filter to native code. The generated
 * {@link PacketFilter#run} has the {@link CbpfInterpreter}'s semantics exactly (libpcap 1.10's {@code bpf_filter()}):
 * A, X and the scratch words are locals (scratch starts at 0 on every packet), every packet load checks
 * {@code offset + size <= captured} in exact (long) arithmetic and returns 0 when it fails, division or modulo by a
 * zero X returns 0, shifts by X of 32 or more give 0, comparisons are unsigned, ancillary loads ask the
 * {@link AncillarySource} and return 0 when it has no value, and backward {@code ja} (libpcap's {@code protochain})
 * loops with the interpreter's {@link CbpfInterpreter#BACKWARD_JUMP_LIMIT}. Instructions no path reaches are not
 * generated.
 *
 * <p>The JIT declines ({@link JitResult.Declined}) programs whose method would exceed HotSpot's huge-method limit
 * (8000 bytes of bytecode, above which HotSpot never compiles a method, so the interpreter is faster), or the class
 * file format's 64 KiB; the interpreter runs those.
 *
 * @see <a href="https://github.com/the-tcpdump-group/libpcap/blob/libpcap-1.10/bpf_filter.c">libpcap 1.10
 *     bpf_filter.c</a>
 * @see <a href="https://docs.oracle.com/en/java/javase/25/docs/api/java.base/java/lang/classfile/package-summary.html">
 *     java.lang.classfile</a>
 */
public final class CbpfJit {
    /**
     * HotSpot's {@code HugeMethodLimit}: with {@code DontCompileHugeMethods} (the default) larger methods stay in the
     * bytecode interpreter.
     */
    public static final int HUGE_METHOD_LIMIT = 8000;

    private static final ClassDesc CD_SEGMENT = desc(MemorySegment.class);
    private static final ClassDesc CD_ANCILLARY_SOURCE = desc(AncillarySource.class);
    private static final ClassDesc CD_ANCILLARY = desc(Ancillary.class);
    private static final ClassDesc CD_OPTIONAL_INT = desc(OptionalInt.class);
    private static final ClassDesc CD_PACKET_FILTER = desc(PacketFilter.class);
    private static final ClassDesc CD_JITTED = desc(JittedFilter.class);
    private static final ClassDesc CD_SUPPORT = desc(JitSupport.class);
    private static final ClassDesc CD_PROGRAM = desc(CbpfProgram.class);
    private static final MethodTypeDesc MTD_RUN =
            MethodTypeDesc.of(CD_int, CD_SEGMENT, CD_long, CD_int, CD_int, CD_ANCILLARY_SOURCE);
    private static final MethodTypeDesc MTD_INIT = MethodTypeDesc.of(CD_void, CD_PROGRAM);

    // Locals of run(): the parameters, then the registers and temporaries.
    private static final int SEGMENT = 1;
    private static final int OFFSET = 2;
    private static final int CAPTURED = 4;
    private static final int WIRE_LENGTH = 5;
    private static final int ANCILLARY = 6;
    private static final int BUFLEN = 7;
    private static final int REG_A = 9;
    private static final int REG_X = 10;
    private static final int BACKWARD_JUMPS = 11;
    private static final int OPTIONAL = 12;
    private static final int AT = 13;
    private static final int SCRATCH = 15;

    private CbpfJit() {}

    /**
     * A generated filter for {@code program}, or why the JIT leaves it to the interpreter.
     *
     * @throws IllegalArgumentException naming every problem, if the program is not one libpcap would run (as
     *     {@link CbpfInterpreter#of} does)
     */
    public static JitResult compile(CbpfProgram program) {
        List<Problem> problems = CbpfInterpreter.problems(program);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("libpcap would not run this program: " + problems);
        }
        List<Instruction> code = program.instructions().stream()
                .map(f -> Instruction.disassemble(Instruction.usedFields(f))).toList();
        byte[] bytes;
        try {
            bytes = ClassFile.of().build(ClassDesc.of(CbpfJit.class.getPackageName(), "CbpfFilter"), cb -> cb
                    .withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC)
                    .withSuperclass(CD_JITTED)
                    .withMethodBody(ConstantDescs.INIT_NAME, MTD_INIT, ClassFile.ACC_PUBLIC, init -> init
                            .aload(0).aload(1).invokespecial(CD_JITTED, ConstantDescs.INIT_NAME, MTD_INIT).return_())
                    .withMethodBody("run", MTD_RUN, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL,
                            run -> new Emitter(run, code).emit()));
        } catch (IllegalArgumentException e) {
            return new JitResult.Declined("the generated class is not valid (" + e.getMessage()
                    + "); a program this large exceeds the class file format's limits");
        }
        int length = runLength(bytes);
        if (length > HUGE_METHOD_LIMIT) {
            return new JitResult.Declined("the generated method has " + length + " bytes of bytecode, more than the "
                    + HUGE_METHOD_LIMIT + " HotSpot compiles");
        }
        try {
            MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClass(bytes, true);
            PacketFilter filter = (PacketFilter) hidden
                    .findConstructor(hidden.lookupClass(), MethodType.methodType(void.class, CbpfProgram.class))
                    .invoke(program);
            return new JitResult.Compiled(filter);
        } catch (Throwable e) {
            throw new IllegalStateException("the JIT generated a class the JVM refuses for " + program, e);
        }
    }

    /** The JIT's filter for {@code program}, or the interpreter when the JIT declines it. */
    public static PacketFilter filterOrInterpreter(CbpfProgram program) {
        return switch (compile(program)) {
            case JitResult.Compiled c -> c.filter();
            case JitResult.Declined _ -> CbpfInterpreter.of(program);
        };
    }

    private static int runLength(byte[] bytes) {
        return ClassFile.of().parse(bytes).methods().stream().filter(m -> m.methodName().equalsString("run"))
                .flatMap(m -> m.findAttribute(Attributes.code()).stream()).mapToInt(CodeAttribute::codeLength)
                .findFirst().orElseThrow();
    }

    private static ClassDesc desc(Class<?> c) {
        return c.describeConstable().orElseThrow();
    }

    /** Generates the body of {@code run} for one program. */
    private static final class Emitter {
        private final CodeBuilder cb;
        private final List<Instruction> code;
        private final BitSet reachable;
        private final Label[] labels;
        private final Label returnZero;

        Emitter(CodeBuilder cb, List<Instruction> code) {
            this.cb = cb;
            this.code = code;
            this.reachable = reachable(code);
            this.labels = new Label[code.size()];
            for (int i = reachable.nextSetBit(0); i >= 0; i = reachable.nextSetBit(i + 1)) {
                labels[i] = cb.newLabel();
            }
            this.returnZero = cb.newLabel();
        }

        void emit() {
            cb.aload(SEGMENT).lload(OFFSET).iload(CAPTURED)
                    .invokestatic(CD_PACKET_FILTER, "capturedLength",
                            MethodTypeDesc.of(CD_long, CD_SEGMENT, CD_long, CD_int), true)
                    .lstore(BUFLEN);
            cb.iconst_0().istore(REG_A).iconst_0().istore(REG_X).iconst_0().istore(BACKWARD_JUMPS)
                    .aconst_null().astore(OPTIONAL).lconst_0().lstore(AT);
            BitSet slots = new BitSet();
            for (Instruction in : code) {
                if (in instanceof Instruction.LoadScratch s) {
                    slots.set(s.slot());
                } else if (in instanceof Instruction.StoreScratch s) {
                    slots.set(s.slot());
                }
            }
            for (int s = slots.nextSetBit(0); s >= 0; s = slots.nextSetBit(s + 1)) {
                cb.iconst_0().istore(SCRATCH + s);
            }
            for (int i = reachable.nextSetBit(0); i >= 0; i = reachable.nextSetBit(i + 1)) {
                cb.labelBinding(labels[i]);
                instruction(i, code.get(i));
            }
            cb.labelBinding(returnZero).iconst_0().ireturn();
        }

        private void instruction(int i, Instruction in) {
            switch (in) {
                case Instruction.ReturnConstant r -> cb.loadConstant(r.value()).ireturn();
                case Instruction.ReturnA _ -> cb.iload(REG_A).ireturn();
                case Instruction.LoadAbsolute l -> {
                    long at = Integer.toUnsignedLong(l.offset());
                    checkBounds(() -> cb.loadConstant(at + l.size().bytes()));
                    read(l.size(), () -> {
                        if (at != 0) {
                            cb.loadConstant(at).ladd();
                        }
                    });
                    cb.istore(REG_A);
                }
                case Instruction.LoadIndirect l -> {
                    // [x + k] in exact arithmetic, as libpcap's checks amount to.
                    cb.iload(REG_X).invokestatic(CD_Integer, "toUnsignedLong", MethodTypeDesc.of(CD_long, CD_int));
                    if (l.offset() != 0) {
                        cb.loadConstant(Integer.toUnsignedLong(l.offset())).ladd();
                    }
                    cb.lstore(AT);
                    checkBounds(() -> cb.lload(AT).loadConstant((long) l.size().bytes()).ladd());
                    read(l.size(), () -> cb.lload(AT).ladd());
                    cb.istore(REG_A);
                }
                case Instruction.LoadExtension e -> {
                    cb.aload(ANCILLARY).getstatic(CD_ANCILLARY, e.field().name(), CD_ANCILLARY)
                            .invokeinterface(CD_ANCILLARY_SOURCE, "value",
                                    MethodTypeDesc.of(CD_OPTIONAL_INT, CD_ANCILLARY))
                            .astore(OPTIONAL).aload(OPTIONAL)
                            .invokevirtual(CD_OPTIONAL_INT, "isEmpty", MethodTypeDesc.of(CD_boolean))
                            .ifne(returnZero).aload(OPTIONAL)
                            .invokevirtual(CD_OPTIONAL_INT, "getAsInt", MethodTypeDesc.of(CD_int)).istore(REG_A);
                }
                case Instruction.LoadMemShift m -> {
                    long at = Integer.toUnsignedLong(m.offset());
                    checkBounds(() -> cb.loadConstant(at + 1));
                    read(LoadSize.BYTE, () -> {
                        if (at != 0) {
                            cb.loadConstant(at).ladd();
                        }
                    });
                    cb.bipush(0xf).iand().iconst_2().ishl().istore(REG_X);
                }
                case Instruction.LoadConstant c -> cb.loadConstant(c.value()).istore(register(c.dst()));
                case Instruction.LoadLength l -> cb.iload(WIRE_LENGTH).istore(register(l.dst()));
                case Instruction.LoadScratch s -> cb.iload(SCRATCH + s.slot()).istore(register(s.dst()));
                case Instruction.StoreScratch s -> cb.iload(register(s.src())).istore(SCRATCH + s.slot());
                case Instruction.Tax _ -> cb.iload(REG_A).istore(REG_X);
                case Instruction.Txa _ -> cb.iload(REG_X).istore(REG_A);
                case Instruction.Negate _ -> cb.iload(REG_A).ineg().istore(REG_A);
                case Instruction.AluConstant a -> aluConstant(a.op(), a.operand());
                case Instruction.AluX a -> aluX(a.op());
                case Instruction.Jump j -> jump(i, i + 1 + j.offset());
                case Instruction.JumpIf j -> branch(i, j.op(), () -> cb.loadConstant(j.value()),
                        i + 1 + j.ifTrue(), i + 1 + j.ifFalse());
                case Instruction.JumpIfX j -> branch(i, j.op(), () -> cb.iload(REG_X),
                        i + 1 + j.ifTrue(), i + 1 + j.ifFalse());
                case Instruction.Raw r -> throw new IllegalStateException("validated program has raw " + r);
            }
        }

        /** Returns 0 unless {@code buflen >= end}, the end (exclusive) being pushed as a long by {@code end}. */
        private void checkBounds(Runnable end) {
            cb.lload(BUFLEN);
            end.run();
            cb.lcmp().iflt(returnZero);
        }

        /** Pushes the unsigned value at {@code offset + at}, big-endian; {@code addAt} adds {@code at} to the long. */
        private void read(LoadSize size, Runnable addAt) {
            cb.aload(SEGMENT);
            switch (size) {
                case WORD -> {
                    cb.getstatic(CD_SUPPORT, "WORD", desc(ValueLayout.OfInt.class)).lload(OFFSET);
                    addAt.run();
                    cb.invokeinterface(CD_SEGMENT, "get",
                            MethodTypeDesc.of(CD_int, desc(ValueLayout.OfInt.class), CD_long));
                }
                case HALF -> {
                    cb.getstatic(CD_SUPPORT, "HALF", desc(ValueLayout.OfShort.class)).lload(OFFSET);
                    addAt.run();
                    cb.invokeinterface(CD_SEGMENT, "get",
                            MethodTypeDesc.of(ConstantDescs.CD_short, desc(ValueLayout.OfShort.class), CD_long))
                            .loadConstant(0xffff).iand();
                }
                case BYTE -> {
                    cb.getstatic(CD_SUPPORT, "BYTE", desc(ValueLayout.OfByte.class)).lload(OFFSET);
                    addAt.run();
                    cb.invokeinterface(CD_SEGMENT, "get",
                            MethodTypeDesc.of(ConstantDescs.CD_byte, desc(ValueLayout.OfByte.class), CD_long))
                            .loadConstant(0xff).iand();
                }
            }
        }

        private void aluConstant(AluOp op, int k) {
            cb.iload(REG_A);
            boolean powerOfTwo = k != 0 && (k & (k - 1)) == 0;
            switch (op) {
                case ADD -> cb.loadConstant(k).iadd();
                case SUB -> cb.loadConstant(k).isub();
                case MUL -> cb.loadConstant(k).imul();
                // Unsigned division and modulo by a power of two are a shift and a mask.
                case DIV -> {
                    if (powerOfTwo) {
                        cb.loadConstant(Integer.numberOfTrailingZeros(k)).iushr();
                    } else {
                        cb.loadConstant(k).invokestatic(CD_Integer, "divideUnsigned", intBinary());
                    }
                }
                case MOD -> {
                    if (powerOfTwo) {
                        cb.loadConstant(k - 1).iand();
                    } else {
                        cb.loadConstant(k).invokestatic(CD_Integer, "remainderUnsigned", intBinary());
                    }
                }
                case AND -> cb.loadConstant(k).iand();
                case OR -> cb.loadConstant(k).ior();
                case XOR -> cb.loadConstant(k).ixor();
                // Java takes constant shift counts modulo 32, as libpcap's C does on x86 (and the interpreter).
                case LSH -> cb.loadConstant(k).ishl();
                case RSH -> cb.loadConstant(k).iushr();
            }
            cb.istore(REG_A);
        }

        private void aluX(AluOp op) {
            switch (op) {
                case DIV, MOD -> cb.iload(REG_X).ifeq(returnZero);
                case LSH, RSH -> {
                    // A shift by X of 32 or more gives 0.
                    Label inRange = cb.newLabel();
                    Label done = cb.newLabel();
                    cb.iload(REG_X).bipush(-32).iand().ifeq(inRange).iconst_0().istore(REG_A).goto_(done);
                    cb.labelBinding(inRange).iload(REG_A).iload(REG_X);
                    if (op == AluOp.LSH) {
                        cb.ishl();
                    } else {
                        cb.iushr();
                    }
                    cb.istore(REG_A).labelBinding(done);
                    return;
                }
                case ADD, SUB, MUL, AND, OR, XOR -> { }
            }
            cb.iload(REG_A).iload(REG_X);
            switch (op) {
                case ADD -> cb.iadd();
                case SUB -> cb.isub();
                case MUL -> cb.imul();
                case DIV -> cb.invokestatic(CD_Integer, "divideUnsigned", intBinary());
                case MOD -> cb.invokestatic(CD_Integer, "remainderUnsigned", intBinary());
                case AND -> cb.iand();
                case OR -> cb.ior();
                case XOR -> cb.ixor();
                case LSH, RSH -> throw new IllegalStateException("shifts are handled above");
            }
            cb.istore(REG_A);
        }

        private void jump(int i, int target) {
            if (target <= i) {
                // libpcap's protochain loops back; count the loops as the interpreter does.
                cb.iinc(BACKWARD_JUMPS, 1).iload(BACKWARD_JUMPS).loadConstant(CbpfInterpreter.BACKWARD_JUMP_LIMIT)
                        .if_icmple(labels[target])
                        .loadConstant(CbpfInterpreter.BACKWARD_JUMP_LIMIT).loadConstant(i)
                        .invokestatic(CD_PACKET_FILTER, "nonTerminating", MethodTypeDesc.of(
                                desc(IllegalStateException.class), CD_int, CD_int), true)
                        .athrow();
            } else if (target != i + 1) {
                cb.goto_(labels[target]);
            }
        }

        /** A conditional jump: to {@code ifTrue} when {@code A op operand}, else to {@code ifFalse}. */
        private void branch(int i, JumpOp op, Runnable operand, int ifTrue, int ifFalse) {
            if (ifTrue == ifFalse) {
                jump(i, ifTrue);
                return;
            }
            cb.iload(REG_A);
            operand.run();
            Opcode taken = switch (op) {
                case JEQ -> Opcode.IF_ICMPEQ;
                case JGT -> {
                    cb.invokestatic(CD_Integer, "compareUnsigned", intBinary());
                    yield Opcode.IFGT;
                }
                case JGE -> {
                    cb.invokestatic(CD_Integer, "compareUnsigned", intBinary());
                    yield Opcode.IFGE;
                }
                case JSET -> {
                    cb.iand();
                    yield Opcode.IFNE;
                }
            };
            if (ifTrue == i + 1) {
                cb.branch(negate(taken), labels[ifFalse]);
            } else {
                cb.branch(taken, labels[ifTrue]);
                jump(i, ifFalse);
            }
        }

        private static Opcode negate(Opcode op) {
            return switch (op) {
                case IF_ICMPEQ -> Opcode.IF_ICMPNE;
                case IFGT -> Opcode.IFLE;
                case IFGE -> Opcode.IFLT;
                case IFNE -> Opcode.IFEQ;
                default -> throw new IllegalArgumentException("no negation for " + op);
            };
        }

        private static MethodTypeDesc intBinary() {
            return MethodTypeDesc.of(CD_int, CD_int, CD_int);
        }

        private static int register(Register r) {
            return switch (r) {
                case A -> REG_A;
                case X -> REG_X;
            };
        }

        /** The instructions some path from the first reaches. */
        private static BitSet reachable(List<Instruction> code) {
            BitSet seen = new BitSet(code.size());
            ArrayDeque<Integer> work = new ArrayDeque<>();
            work.push(0);
            seen.set(0);
            while (!work.isEmpty()) {
                int i = work.pop();
                int[] next = switch (code.get(i)) {
                    case Instruction.ReturnConstant _, Instruction.ReturnA _ -> new int[0];
                    case Instruction.Jump j -> new int[] {i + 1 + j.offset()};
                    case Instruction.JumpIf j -> new int[] {i + 1 + j.ifTrue(), i + 1 + j.ifFalse()};
                    case Instruction.JumpIfX j -> new int[] {i + 1 + j.ifTrue(), i + 1 + j.ifFalse()};
                    case Instruction.LoadAbsolute _, Instruction.LoadExtension _, Instruction.LoadIndirect _,
                         Instruction.LoadConstant _, Instruction.LoadScratch _, Instruction.LoadLength _,
                         Instruction.LoadMemShift _, Instruction.StoreScratch _, Instruction.AluConstant _,
                         Instruction.AluX _, Instruction.Negate _, Instruction.Tax _, Instruction.Txa _,
                         Instruction.Raw _ -> new int[] {i + 1};
                };
                for (int n : next) {
                    if (!seen.get(n)) {
                        seen.set(n);
                        work.push(n);
                    }
                }
            }
            return seen;
        }
    }
}
