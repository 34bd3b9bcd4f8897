package dev.jfilter.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * libpcap's program for an expression, as {@code tcpdump -ddd -y LINKTYPE EXPR} prints it: the text that
 * {@code jfilter compile --from-cbpf} reads, the way cbpfc and elibpcap start from libpcap's program. tcpdump
 * compiles with libpcap's optimizer on, a 262144-byte snapshot and no netmask, as it does before a capture.
 *
 * @see <a href="https://www.tcpdump.org/manpages/tcpdump.1.html">tcpdump(1), options -ddd and -y</a>
 */
public sealed interface TcpdumpListing {

    /** tcpdump compiled the expression; {@code ddd} is its output, the instruction count on the first line. */
    record Compiled(String ddd) implements TcpdumpListing {
        public Compiled {
            Objects.requireNonNull(ddd, "ddd");
        }

        /** The number of instructions: the first line of the listing. */
        public int instructionCount() {
            return Integer.parseInt(ddd.lines().findFirst().orElseThrow().strip());
        }
    }

    /** tcpdump refused the expression for that link type; {@code message} is what it printed. */
    record Rejected(String message) implements TcpdumpListing {}

    /**
     * Runs {@code tcpdump -ddd -y linkType expression}.
     *
     * @throws IllegalStateException if tcpdump cannot be started
     */
    static TcpdumpListing of(String linkType, String expression) {
        List<String> command = new ArrayList<>(List.of("tcpdump", "-ddd", "-y", linkType, expression));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int status = process.waitFor();
            return status == 0 ? new Compiled(out) : new Rejected(err.isEmpty() ? "exit status " + status : err);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running tcpdump", e);
        }
    }
}
