package dev.jfilter.runtime.jit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cfg.AncillarySource;
import dev.jfilter.runtime.cbpf.CbpfInterpreter;
import java.lang.foreign.MemorySegment;
import java.util.function.IntSupplier;

/**
 * A filter that runs each packet through the interpreter and the JIT's class, fails the test unless both return the
 * same value (or throw the same exception with the same message), and returns the interpreter's result: every test
 * written against the interpreter then checks the JIT too.
 *
 * @param interpreter the reference
 * @param jit the generated filter for the same program
 */
public record BothEngines(CbpfInterpreter interpreter, PacketFilter jit) implements PacketFilter {

    /** Both engines for {@code program}; the JIT must not decline it. */
    public static BothEngines of(CbpfProgram program) {
        CbpfInterpreter interpreter = CbpfInterpreter.of(program);
        JitResult jitted = CbpfJit.compile(program);
        assertThat(jitted).as("the JIT on %s", program).isInstanceOf(JitResult.Compiled.class);
        return new BothEngines(interpreter, ((JitResult.Compiled) jitted).filter());
    }

    /** What one engine did with one packet. */
    private record Outcome(int value, RuntimeException thrown) {
        static Outcome of(IntSupplier run) {
            try {
                return new Outcome(run.getAsInt(), null);
            } catch (RuntimeException e) {
                return new Outcome(0, e);
            }
        }

        boolean sameAs(Outcome other) {
            return thrown == null ? other.thrown == null && value == other.value
                    : other.thrown != null && thrown.getClass() == other.thrown.getClass()
                            && thrown.getMessage().equals(other.thrown.getMessage());
        }

        String describe() {
            return thrown == null ? Integer.toUnsignedString(value)
                    : thrown.getClass().getSimpleName() + ": " + thrown.getMessage();
        }
    }

    @Override
    public CbpfProgram program() {
        return interpreter.program();
    }

    @Override
    public int run(MemorySegment segment, long offset, int captured, int wireLength, AncillarySource ancillary) {
        Outcome expected = Outcome.of(() -> interpreter.run(segment, offset, captured, wireLength, ancillary));
        Outcome actual = Outcome.of(() -> jit.run(segment, offset, captured, wireLength, ancillary));
        if (!actual.sameAs(expected)) {
            assertThat(actual.describe()).as("the JIT vs the interpreter on %d of %d bytes captured, %d on the wire,"
                    + " of %s", Integer.toUnsignedLong(captured), segment.byteSize() - offset,
                    Integer.toUnsignedLong(wireLength), program()).isEqualTo(expected.describe());
        }
        if (expected.thrown() != null) {
            throw expected.thrown();
        }
        return expected.value();
    }

    @Override
    public PacketFilter copy() {
        return new BothEngines(interpreter.copy(), jit.copy());
    }
}
