package dev.jfilter.runtime.kernel;

import java.util.List;

/**
 * The outcome of {@code BPF_PROG_LOAD}: the loaded program, or why the kernel (usually its verifier) refused it. Both
 * carry the verifier's log at level 1; a refusal's reason is in the log's last lines.
 *
 * @see <a href="https://docs.kernel.org/bpf/verifier.html">eBPF verifier</a>
 */
public sealed interface BpfLoadResult {

    /** The verifier's log (level 1), possibly empty; cut at its head when the kernel could not keep it all. */
    String verifierLog();

    /** The program was verified and loaded; the caller owns it and must close it. */
    record Loaded(BpfProgram program, String verifierLog) implements BpfLoadResult {}

    /**
     * The kernel refused the program, or it was refused before the call (then {@link KernelError#errno()} is
     * empty and the log too).
     */
    record Rejected(KernelError error, String verifierLog) implements BpfLoadResult {

        /**
         * The verifier's reason: the last line of its log that is not a statistics line ({@code processed N insns
         * ...}, {@code verification time ...}), as {@code R0 !read_ok}; the error's reason when there is no log.
         */
        public String reason() {
            List<String> lines = reasonLines(1);
            return lines.isEmpty() ? error.reason() : lines.getFirst();
        }

        /** The last {@code count} lines of the log before its statistics lines. */
        public List<String> reasonLines(int count) {
            List<String> lines = verifierLog.lines()
                    .filter(line -> !line.isBlank())
                    .filter(line -> !line.startsWith("processed ") && !line.startsWith("verification time"))
                    .toList();
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        }

        /** {@code bpf(BPF_PROG_LOAD): EACCES: Permission denied: R0 !read_ok}. */
        public String message() {
            return verifierLog.isBlank() ? error.message() : error.message() + ": " + reason();
        }
    }

    /** The program if loaded; throws {@link IllegalStateException} with the refusal's message otherwise. */
    default BpfProgram orElseThrow() {
        return switch (this) {
            case Loaded loaded -> loaded.program();
            case Rejected rejected -> throw new IllegalStateException(rejected.message()
                    + (rejected.verifierLog().isBlank() ? "" : "\n" + rejected.verifierLog()));
        };
    }
}
