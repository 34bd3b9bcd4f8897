package dev.jfilter.runtime.jit;

import static java.lang.constant.ConstantDescs.CD_Integer;
import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;

import dev.jfilter.cbpf.Instruction;
import dev.jfilter.cbpf.Opcodes;
import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.AncillarySource;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Register;
import dev.jfilter.runtime.cbpf.CbpfInterpreter;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Generates the body of one {@link Piece}'s method: its instructions in order (unreachable ones left out), with A, X,
 * the scratch words and the backward-jump count in locals. A jump out of the piece goes to a stub at the end of the
 * method: for a return instruction the stub returns (no call for {@code ret}), otherwise it calls the piece that
 * holds the target with what that piece reads and returns its result.
 *
 * <p>{@link #maxBytes} and the other bounds here are upper bounds of what this emits, with every operand in its
 * longest encoding, so that a {@link Partition} can size pieces before any code exists.
 */
final class PieceEmitter {
    /**
     * The most bytes a piece's fixed parts take: the prologue (computing buflen, zeroing words), the jump to the entry,
     * the {@code goto} after the last instruction, the shared return of 0.
     */
    static final int FIXED_BYTES = 100;
    /** The most bytes one more entry adds (a {@code tableswitch} slot). */
    static final int ENTRY_BYTES = 4;
    /** The most bytes of a stub that returns for a return instruction outside the piece. */
    static final int RETURN_STUB_BYTES = 4;

    private static final ClassDesc CD_SEGMENT = desc(MemorySegment.class);
    private static final ClassDesc CD_ANCILLARY_SOURCE = desc(AncillarySource.class);
    private static final ClassDesc CD_ANCILLARY = desc(Ancillary.class);
    private static final ClassDesc CD_OPTIONAL_INT = desc(OptionalInt.class);
    private static final ClassDesc CD_PACKET_FILTER = desc(PacketFilter.class);
    private static final ClassDesc CD_SUPPORT = desc(JitSupport.class);
    private static final int WORDS = 2 + Opcodes.MEMWORDS;

    private final CodeBuilder cb;
    private final ClassDesc owner;
    private final List<Instruction> code;
    private final BitSet reachable;
    private final Partition partition;
    private final Piece piece;
    private final Label[] labels;
    private final Label returnZero;
    private final Map<Integer, Label> stubs = new LinkedHashMap<>();

    // Local variable slots; -1 when the piece has none.
    private int segment = -1;
    private int offset = -1;
    private int buflen = -1;
    private int wireLength = -1;
    private int ancillary = -1;
    private int entry = -1;
    private final int[] word = new int[WORDS];
    private int backwardJumps = -1;
    private int optional;
    private int at;

    /**
     * @param owner the generated class, whose static methods are the later pieces
     */
    PieceEmitter(CodeBuilder cb, ClassDesc owner, List<Instruction> code, BitSet reachable, Partition partition,
            Piece piece) {
        this.cb = cb;
        this.owner = owner;
        this.code = code;
        this.reachable = reachable;
        this.partition = partition;
        this.piece = piece;
        this.labels = new Label[code.size()];
        for (int i = reachable.nextSetBit(piece.start()); i >= 0 && i < piece.end(); i = reachable.nextSetBit(i + 1)) {
            labels[i] = cb.newLabel();
        }
        this.returnZero = cb.newLabel();
        Arrays.fill(word, -1);
    }

    /** Emits the method body. */
    void emit() {
        int firstLocal = piece.index() == 0 ? runParameters() : pieceParameters();
        int locals = wordsUsed() & ~passedWords();
        int next = firstLocal;
        for (int w = 0; w < WORDS; w++) {
            if ((locals & (1 << w)) != 0) {
                word[w] = next++;
                cb.iconst_0().istore(word[w]);
            }
        }
        if (piece.inputs().contains(Piece.Input.BACKWARD_JUMPS) && backwardJumps < 0) {
            backwardJumps = next++;
            cb.iconst_0().istore(backwardJumps);
        }
        optional = next++;
        at = next;
        enter();
        int last = -1;
        for (int i = reachable.nextSetBit(piece.start()); i >= 0 && i < piece.end(); i = reachable.nextSetBit(i + 1)) {
            cb.labelBinding(labels[i]);
            instruction(i, code.get(i));
            last = i;
        }
        if (fallsThrough(code.get(last))) {
            cb.goto_(target(last + 1));
        }
        cb.labelBinding(returnZero).iconst_0().ireturn();
        // Stubs made while emitting stubs would be lost; calls and returns make none.
        for (Map.Entry<Integer, Label> stub : List.copyOf(stubs.entrySet())) {
            cb.labelBinding(stub.getValue());
            exit(stub.getKey());
        }
    }

    /** The slots of {@link PacketFilter#run}'s parameters; computes buflen. Returns the first free slot. */
    private int runParameters() {
        segment = 1;
        offset = 2;
        wireLength = 5;
        ancillary = 6;
        buflen = 7;
        cb.aload(segment).lload(offset).iload(4)
                .invokestatic(CD_PACKET_FILTER, "capturedLength",
                        MethodTypeDesc.of(CD_long, CD_SEGMENT, CD_long, CD_int), true)
                .lstore(buflen);
        return 9;
    }

    /** The slots of a later piece's parameters, in {@link Piece#descriptor()}'s order. Returns the first free slot. */
    private int pieceParameters() {
        int next = 0;
        if (piece.inputs().contains(Piece.Input.PACKET)) {
            segment = next;
            offset = next + 1;
            buflen = next + 3;
            next += 5;
        }
        if (piece.inputs().contains(Piece.Input.WIRE_LENGTH)) {
            wireLength = next++;
        }
        if (piece.inputs().contains(Piece.Input.ANCILLARY)) {
            ancillary = next++;
        }
        if (piece.dispatches()) {
            entry = next++;
        }
        for (int w = 0; w < WORDS; w++) {
            if ((piece.words() & (1 << w)) != 0) {
                word[w] = next++;
            }
        }
        if (piece.inputs().contains(Piece.Input.BACKWARD_JUMPS)) {
            backwardJumps = next++;
        }
        return next;
    }

    /** The words the piece receives as parameters (none for {@code run}, where every word starts at 0). */
    private int passedWords() {
        return piece.index() == 0 ? 0 : piece.words();
    }

    /**
     * The words the piece's instructions read or write, or that it passes to the pieces it calls. Those it does not
     * receive start at 0: in {@code run} that is the machine's initial state; in a later piece such a word is not
     * live where the piece was entered, so a callee that takes it does not read it on this path (it would otherwise
     * be live at this piece's entry).
     */
    private int wordsUsed() {
        int used = 0;
        for (int i = reachable.nextSetBit(piece.start()); i >= 0 && i < piece.end(); i = reachable.nextSetBit(i + 1)) {
            used |= Liveness.uses(code.get(i)) | Liveness.defines(code.get(i));
            for (int t : ControlFlow.successors(code, i)) {
                if (!piece.contains(t)) {
                    used |= code.get(t).isReturn() ? Liveness.uses(code.get(t)) : partition.pieceOf(t).words();
                }
            }
        }
        return used;
    }

    /** Jumps to the entry the caller asked for. */
    private void enter() {
        List<Integer> entries = piece.entries();
        if (piece.dispatches()) {
            List<SwitchCase> cases = new ArrayList<>();
            for (int e = 0; e < entries.size(); e++) {
                cases.add(SwitchCase.of(e, labels[entries.get(e)]));
            }
            cb.iload(entry).tableswitch(0, entries.size() - 1, labels[entries.getFirst()], cases);
        } else if (entries.getFirst() != reachable.nextSetBit(piece.start())) {
            cb.goto_(labels[entries.getFirst()]);
        }
    }

    /** Leaves the piece for instruction {@code t} of a later piece. */
    private void exit(int t) {
        switch (code.get(t)) {
            case Instruction.ReturnConstant r -> cb.loadConstant(r.value()).ireturn();
            case Instruction.ReturnA _ -> cb.iload(word(Liveness.A)).ireturn();
            default -> call(partition.pieceOf(t), t);
        }
    }

    private void call(Piece callee, int t) {
        if (callee.inputs().contains(Piece.Input.PACKET)) {
            cb.aload(segment).lload(offset).lload(buflen);
        }
        if (callee.inputs().contains(Piece.Input.WIRE_LENGTH)) {
            cb.iload(wireLength);
        }
        if (callee.inputs().contains(Piece.Input.ANCILLARY)) {
            cb.aload(ancillary);
        }
        if (callee.dispatches()) {
            cb.loadConstant(callee.entryIndex(t));
        }
        for (int w = 0; w < WORDS; w++) {
            if ((callee.words() & (1 << w)) != 0) {
                cb.iload(word(1 << w));
            }
        }
        if (callee.inputs().contains(Piece.Input.BACKWARD_JUMPS)) {
            cb.iload(backwardJumps);
        }
        cb.invokestatic(owner, callee.methodName(), callee.descriptor()).ireturn();
    }

    /** Where a jump to {@code t} goes: its label in this piece, else the stub that leaves for it. */
    private Label target(int t) {
        if (piece.contains(t)) {
            return labels[t];
        }
        return stubs.computeIfAbsent(t, _ -> cb.newLabel());
    }

    private int word(int bit) {
        int slot = word[Integer.numberOfTrailingZeros(bit)];
        if (slot < 0) {
            throw new IllegalStateException("piece " + piece.index() + " has no local for word 0x"
                    + Integer.toHexString(bit));
        }
        return slot;
    }

    private int register(Register r) {
        return word(Liveness.register(r));
    }

    private int scratch(int slot) {
        return word(Liveness.scratch(slot));
    }

    private static boolean fallsThrough(Instruction in) {
        return switch (in) {
            case Instruction.ReturnConstant _, Instruction.ReturnA _, Instruction.Jump _, Instruction.JumpIf _,
                 Instruction.JumpIfX _ -> false;
            case Instruction.LoadAbsolute _, Instruction.LoadExtension _, Instruction.LoadIndirect _,
                 Instruction.LoadConstant _, Instruction.LoadScratch _, Instruction.LoadLength _,
                 Instruction.LoadMemShift _, Instruction.StoreScratch _, Instruction.AluConstant _,
                 Instruction.AluX _, Instruction.Negate _, Instruction.Tax _, Instruction.Txa _,
                 Instruction.Raw _ -> true;
        };
    }

    /** The most bytes of a stub that calls a piece taking at most the words {@code words}. */
    static int callStubBytes(int words) {
        // Five inputs in four slots, the entry index, the words, the count; the call and the return.
        return 10 + 3 + 2 * Integer.bitCount(words) + 2 + 3 + 1;
    }

    /**
     * The most bytes of bytecode {@link #instruction} emits for instruction {@code i}, locals and constants in their
     * longest encodings ({@code xload n}, {@code ldc_w}, {@code ldc2_w}). A jump to the next instruction costs no
     * {@code goto}: the one case where it would (the piece's last instruction) is in {@link #FIXED_BYTES}.
     */
    static int maxBytes(List<Instruction> code, int i) {
        return switch (code.get(i)) {
            case Instruction.ReturnConstant _ -> 4;
            case Instruction.ReturnA _ -> 3;
            case Instruction.LoadAbsolute _ -> 31;
            case Instruction.LoadIndirect _ -> 44;
            case Instruction.LoadExtension _ -> 27;
            case Instruction.LoadMemShift _ -> 36;
            case Instruction.LoadConstant _, Instruction.Negate _ -> 5;
            case Instruction.LoadLength _, Instruction.LoadScratch _, Instruction.StoreScratch _, Instruction.Tax _,
                 Instruction.Txa _ -> 4;
            case Instruction.AluConstant _ -> 10;
            case Instruction.AluX _ -> 21;
            case Instruction.Jump j -> j.offset() < 0 ? 21 : j.offset() == 0 ? 0 : 3;
            // Load A, the operand, compare (compareUnsigned for jgt/jge), branch, goto the false target.
            case Instruction.JumpIf j -> conditionalBytes(2 + 3 + compareBytes(j.op()), j.ifTrue(), j.ifFalse());
            case Instruction.JumpIfX j -> conditionalBytes(2 + 2 + compareBytes(j.op()), j.ifTrue(), j.ifFalse());
            case Instruction.Raw r -> throw new IllegalStateException("validated program has raw " + r);
        };
    }

    /** A conditional jump's bytes: the comparison, a branch, and a {@code goto} unless a target is the next one. */
    private static int conditionalBytes(int compare, int ifTrue, int ifFalse) {
        if (ifTrue == ifFalse) {
            return ifTrue == 0 ? 0 : 3;
        }
        return compare + 3 + (ifTrue == 0 || ifFalse == 0 ? 0 : 3);
    }

    private static int compareBytes(JumpOp op) {
        return switch (op) {
            case JEQ -> 0;
            case JGT, JGE -> 3;
            case JSET -> 1;
        };
    }

    private void instruction(int i, Instruction in) {
        switch (in) {
            case Instruction.ReturnConstant r -> cb.loadConstant(r.value()).ireturn();
            case Instruction.ReturnA _ -> cb.iload(register(Register.A)).ireturn();
            case Instruction.LoadAbsolute l -> {
                long k = Integer.toUnsignedLong(l.offset());
                checkBounds(() -> cb.loadConstant(k + l.size().bytes()));
                read(l.size(), () -> {
                    if (k != 0) {
                        cb.loadConstant(k).ladd();
                    }
                });
                cb.istore(register(Register.A));
            }
            case Instruction.LoadIndirect l -> {
                // [x + k] in exact arithmetic, as libpcap's checks amount to.
                cb.iload(register(Register.X))
                        .invokestatic(CD_Integer, "toUnsignedLong", MethodTypeDesc.of(CD_long, CD_int));
                if (l.offset() != 0) {
                    cb.loadConstant(Integer.toUnsignedLong(l.offset())).ladd();
                }
                cb.lstore(at);
                checkBounds(() -> cb.lload(at).loadConstant((long) l.size().bytes()).ladd());
                read(l.size(), () -> cb.lload(at).ladd());
                cb.istore(register(Register.A));
            }
            case Instruction.LoadExtension e -> {
                cb.aload(ancillary).getstatic(CD_ANCILLARY, e.field().name(), CD_ANCILLARY)
                        .invokeinterface(CD_ANCILLARY_SOURCE, "value",
                                MethodTypeDesc.of(CD_OPTIONAL_INT, CD_ANCILLARY))
                        .astore(optional).aload(optional)
                        .invokevirtual(CD_OPTIONAL_INT, "isEmpty", MethodTypeDesc.of(CD_boolean))
                        .ifne(returnZero).aload(optional)
                        .invokevirtual(CD_OPTIONAL_INT, "getAsInt", MethodTypeDesc.of(CD_int))
                        .istore(register(Register.A));
            }
            case Instruction.LoadMemShift m -> {
                long k = Integer.toUnsignedLong(m.offset());
                checkBounds(() -> cb.loadConstant(k + 1));
                read(LoadSize.BYTE, () -> {
                    if (k != 0) {
                        cb.loadConstant(k).ladd();
                    }
                });
                cb.bipush(0xf).iand().iconst_2().ishl().istore(register(Register.X));
            }
            case Instruction.LoadConstant c -> cb.loadConstant(c.value()).istore(register(c.dst()));
            case Instruction.LoadLength l -> cb.iload(wireLength).istore(register(l.dst()));
            case Instruction.LoadScratch s -> cb.iload(scratch(s.slot())).istore(register(s.dst()));
            case Instruction.StoreScratch s -> cb.iload(register(s.src())).istore(scratch(s.slot()));
            case Instruction.Tax _ -> cb.iload(register(Register.A)).istore(register(Register.X));
            case Instruction.Txa _ -> cb.iload(register(Register.X)).istore(register(Register.A));
            case Instruction.Negate _ -> cb.iload(register(Register.A)).ineg().istore(register(Register.A));
            case Instruction.AluConstant a -> aluConstant(a.op(), a.operand());
            case Instruction.AluX a -> aluX(a.op());
            case Instruction.Jump j -> jump(i, i + 1 + j.offset());
            case Instruction.JumpIf j -> branch(i, j.op(), () -> cb.loadConstant(j.value()),
                    i + 1 + j.ifTrue(), i + 1 + j.ifFalse());
            case Instruction.JumpIfX j -> branch(i, j.op(), () -> cb.iload(register(Register.X)),
                    i + 1 + j.ifTrue(), i + 1 + j.ifFalse());
            case Instruction.Raw r -> throw new IllegalStateException("validated program has raw " + r);
        }
    }

    /** Returns 0 unless {@code buflen >= end}, the end (exclusive) being pushed as a long by {@code end}. */
    private void checkBounds(Runnable end) {
        cb.lload(buflen);
        end.run();
        cb.lcmp().iflt(returnZero);
    }

    /** Pushes the unsigned value at {@code offset + at}, big-endian; {@code addAt} adds {@code at} to the long. */
    private void read(LoadSize size, Runnable addAt) {
        cb.aload(segment);
        switch (size) {
            case WORD -> {
                cb.getstatic(CD_SUPPORT, "WORD", desc(ValueLayout.OfInt.class)).lload(offset);
                addAt.run();
                cb.invokeinterface(CD_SEGMENT, "get",
                        MethodTypeDesc.of(CD_int, desc(ValueLayout.OfInt.class), CD_long));
            }
            case HALF -> {
                cb.getstatic(CD_SUPPORT, "HALF", desc(ValueLayout.OfShort.class)).lload(offset);
                addAt.run();
                cb.invokeinterface(CD_SEGMENT, "get",
                        MethodTypeDesc.of(ConstantDescs.CD_short, desc(ValueLayout.OfShort.class), CD_long))
                        .loadConstant(0xffff).iand();
            }
            case BYTE -> {
                cb.getstatic(CD_SUPPORT, "BYTE", desc(ValueLayout.OfByte.class)).lload(offset);
                addAt.run();
                cb.invokeinterface(CD_SEGMENT, "get",
                        MethodTypeDesc.of(ConstantDescs.CD_byte, desc(ValueLayout.OfByte.class), CD_long))
                        .loadConstant(0xff).iand();
            }
        }
    }

    private void aluConstant(AluOp op, int k) {
        int a = register(Register.A);
        cb.iload(a);
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
        cb.istore(a);
    }

    private void aluX(AluOp op) {
        int a = register(Register.A);
        int x = register(Register.X);
        switch (op) {
            case DIV, MOD -> cb.iload(x).ifeq(returnZero);
            case LSH, RSH -> {
                // A shift by X of 32 or more gives 0.
                Label inRange = cb.newLabel();
                Label done = cb.newLabel();
                cb.iload(x).bipush(-32).iand().ifeq(inRange).iconst_0().istore(a).goto_(done);
                cb.labelBinding(inRange).iload(a).iload(x);
                if (op == AluOp.LSH) {
                    cb.ishl();
                } else {
                    cb.iushr();
                }
                cb.istore(a).labelBinding(done);
                return;
            }
            case ADD, SUB, MUL, AND, OR, XOR -> { }
        }
        cb.iload(a).iload(x);
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
        cb.istore(a);
    }

    private void jump(int i, int t) {
        if (t <= i) {
            // libpcap's protochain loops back; count the loops as the interpreter does. A Partition keeps every
            // loop inside one piece, so the target has a label here.
            cb.iinc(backwardJumps, 1).iload(backwardJumps).loadConstant(CbpfInterpreter.BACKWARD_JUMP_LIMIT)
                    .if_icmple(labels[t])
                    .loadConstant(CbpfInterpreter.BACKWARD_JUMP_LIMIT).loadConstant(i)
                    .invokestatic(CD_PACKET_FILTER, "nonTerminating", MethodTypeDesc.of(
                            desc(IllegalStateException.class), CD_int, CD_int), true)
                    .athrow();
        } else if (t != i + 1 || !piece.contains(t)) {
            cb.goto_(target(t));
        }
    }

    /** A conditional jump: to {@code ifTrue} when {@code A op operand}, else to {@code ifFalse}. */
    private void branch(int i, JumpOp op, Runnable operand, int ifTrue, int ifFalse) {
        if (ifTrue == ifFalse) {
            jump(i, ifTrue);
            return;
        }
        cb.iload(register(Register.A));
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
        if (ifTrue == i + 1 && piece.contains(ifTrue)) {
            cb.branch(negate(taken), target(ifFalse));
        } else {
            cb.branch(taken, target(ifTrue));
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

    private static ClassDesc desc(Class<?> c) {
        return c.describeConstable().orElseThrow();
    }
}
