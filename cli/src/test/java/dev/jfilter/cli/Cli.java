package dev.jfilter.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and keeps what it printed and wrote. */
final class Cli {
    private Cli() {}

    /** What one run printed (text), wrote to standard output as bytes ({@code -w -}), and returned. */
    record Run(int status, String out, String err, byte[] binary) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream binary = new ByteArrayOutputStream();
        int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), binary, args);
        return new Run(status, out.toString(), err.toString(), binary.toByteArray());
    }
}
