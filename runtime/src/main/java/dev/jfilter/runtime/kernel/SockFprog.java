package dev.jfilter.runtime.kernel;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.SockFilter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The native forms of {@code struct sock_filter} and {@code struct sock_fprog} from {@code linux/filter.h}, in the
 * machine's byte order.
 *
 * <pre>
 * struct sock_filter { __u16 code; __u8 jt; __u8 jf; __u32 k; };
 * struct sock_fprog  { unsigned short len; struct sock_filter *filter; };
 * </pre>
 *
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/filter.h">linux/filter.h</a>
 */
final class SockFprog {
    static final StructLayout SOCK_FILTER = MemoryLayout.structLayout(
            JAVA_SHORT.withName("code"), JAVA_BYTE.withName("jt"), JAVA_BYTE.withName("jf"), JAVA_INT.withName("k"));
    static final StructLayout SOCK_FPROG = MemoryLayout.structLayout(
            JAVA_SHORT.withName("len"),
            MemoryLayout.paddingLayout(ADDRESS.byteSize() - JAVA_SHORT.byteSize()),
            ADDRESS.withName("filter"));
    /** The most instructions {@code sock_fprog.len} can count. */
    static final int MAX_LENGTH = 0xffff;

    private SockFprog() {}

    /** The instructions as an array of {@code struct sock_filter}. */
    static MemorySegment filters(Arena arena, CbpfProgram program) {
        MemorySegment array = arena.allocate(SOCK_FILTER, Math.max(1, program.size()));
        for (int i = 0; i < program.size(); i++) {
            SockFilter insn = program.get(i);
            long at = i * SOCK_FILTER.byteSize();
            array.set(JAVA_SHORT, at, (short) insn.code());
            array.set(JAVA_BYTE, at + 2, (byte) insn.jt());
            array.set(JAVA_BYTE, at + 3, (byte) insn.jf());
            array.set(JAVA_INT, at + 4, insn.k());
        }
        return array;
    }

    /** A {@code struct sock_fprog} pointing at {@code filters}. */
    static MemorySegment fprog(Arena arena, int length, MemorySegment filters) {
        MemorySegment fprog = arena.allocate(SOCK_FPROG);
        fprog.set(JAVA_SHORT, 0, (short) length);
        fprog.set(ADDRESS, SOCK_FPROG.byteOffset(MemoryLayout.PathElement.groupElement("filter")), filters);
        return fprog;
    }

    /** Reads {@code count} instructions back from an array of {@code struct sock_filter}. */
    static CbpfProgram read(MemorySegment array, int count) {
        List<SockFilter> insns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long at = i * SOCK_FILTER.byteSize();
            insns.add(new SockFilter(
                    Short.toUnsignedInt(array.get(JAVA_SHORT, at)),
                    Byte.toUnsignedInt(array.get(JAVA_BYTE, at + 2)),
                    Byte.toUnsignedInt(array.get(JAVA_BYTE, at + 3)),
                    array.get(JAVA_INT, at + 4)));
        }
        return new CbpfProgram(insns);
    }
}
