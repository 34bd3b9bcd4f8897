package dev.jfilter.runtime.kernel;

import java.util.Arrays;
import java.util.Optional;

/**
 * The outcome of {@code BPF_PROG_TEST_RUN}: the program's return value on the packet and the average time of a run.
 *
 * @param retval      R0 at exit ({@code XDP_DROP}, {@code TC_ACT_OK}, the bytes a socket filter keeps...)
 * @param nanosPerRun the kernel's average over the repeats, in nanoseconds (includes its loop overhead)
 * @param repeat      how many times the program ran
 * @param dataOut     the packet after the run (programs may rewrite it), when it was asked for
 * @see <a href="https://docs.kernel.org/bpf/bpf_prog_run.html">Running BPF programs from userspace</a>
 */
public record BpfTestRun(int retval, long nanosPerRun, int repeat, Optional<byte[]> dataOut) {
    public BpfTestRun {
        dataOut = dataOut.map(bytes -> Arrays.copyOf(bytes, bytes.length));
    }

    @Override
    public Optional<byte[]> dataOut() {
        return dataOut.map(bytes -> Arrays.copyOf(bytes, bytes.length));
    }

    @Override
    public String toString() {
        return "BpfTestRun[retval=" + retval + ", nanosPerRun=" + nanosPerRun + ", repeat=" + repeat
                + ", dataOut=" + dataOut.map(bytes -> bytes.length + " bytes").orElse("none") + "]";
    }
}
