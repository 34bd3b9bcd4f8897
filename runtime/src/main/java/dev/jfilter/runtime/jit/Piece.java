package dev.jfilter.runtime.jit;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;

import dev.jfilter.cfg.AncillarySource;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * One method of a generated filter: the instructions {@code [start, end)} of the program, entered at one of
 * {@code entries} (ascending instruction indices). Piece 0 is {@link PacketFilter#run}; every later piece is a static
 * method that takes, in this order, the inputs it needs ({@link Input}, in declaration order, the packet as three
 * parameters), the index of its entry in {@code entries} when it has more than one, the state {@code words} live at
 * its entries (a {@link Liveness} mask, ascending bits, one {@code int} each), and the backward-jump count when it or
 * a later piece jumps back. It returns the program's result.
 *
 * @param index the piece's place in the program, 0 first
 * @param start the first instruction
 * @param end one past the last instruction
 * @param entries where earlier pieces enter this one (empty when none does: the piece is not generated)
 * @param words the state words some entry reads before writing them
 * @param inputs what this piece and the pieces after it read besides the state words
 * @param estimatedBytes an upper bound of the method's bytecode length
 */
record Piece(int index, int start, int end, List<Integer> entries, int words, Set<Input> inputs, int estimatedBytes) {

    /** What a piece reads besides A, X and the scratch words. */
    enum Input {
        /** The packet: its segment, its offset in the segment, and the captured length (libpcap's buflen). */
        PACKET,
        /** The length on the wire, for {@code len}. */
        WIRE_LENGTH,
        /** The packet's metadata, for ancillary loads. */
        ANCILLARY,
        /** How many backward jumps the packet took so far. */
        BACKWARD_JUMPS
    }

    private static final ClassDesc CD_SEGMENT = MemorySegment.class.describeConstable().orElseThrow();
    private static final ClassDesc CD_ANCILLARY_SOURCE = AncillarySource.class.describeConstable().orElseThrow();

    Piece {
        entries = List.copyOf(entries);
        inputs = Set.copyOf(inputs);
    }

    /** Whether instruction {@code pc} belongs to this piece. */
    boolean contains(int pc) {
        return pc >= start && pc < end;
    }

    /** Whether some earlier piece enters this one, so that it is generated (piece 0 always is). */
    boolean generated() {
        return index == 0 || !entries.isEmpty();
    }

    /** Whether callers pass the index of the entry (the piece has several). */
    boolean dispatches() {
        return entries.size() > 1;
    }

    /** The position of entry {@code pc} in {@link #entries()}. */
    int entryIndex(int pc) {
        int at = Collections.binarySearch(entries, pc);
        if (at < 0) {
            throw new IllegalArgumentException(pc + " is not an entry of piece " + index);
        }
        return at;
    }

    /** The name of the method (a later piece's; piece 0 is {@code run}). */
    String methodName() {
        return "piece" + index;
    }

    /** The descriptor of a later piece's static method. */
    MethodTypeDesc descriptor() {
        List<ClassDesc> parameters = new ArrayList<>();
        if (inputs.contains(Input.PACKET)) {
            parameters.addAll(List.of(CD_SEGMENT, CD_long, CD_long));
        }
        if (inputs.contains(Input.WIRE_LENGTH)) {
            parameters.add(CD_int);
        }
        if (inputs.contains(Input.ANCILLARY)) {
            parameters.add(CD_ANCILLARY_SOURCE);
        }
        if (dispatches()) {
            parameters.add(CD_int);
        }
        parameters.addAll(Collections.nCopies(Integer.bitCount(words), CD_int));
        if (inputs.contains(Input.BACKWARD_JUMPS)) {
            parameters.add(CD_int);
        }
        return MethodTypeDesc.of(CD_int, parameters);
    }
}
