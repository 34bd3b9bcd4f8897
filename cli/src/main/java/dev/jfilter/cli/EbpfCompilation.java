package dev.jfilter.cli;

import dev.jfilter.cbpf.lift.CfgLifter;
import dev.jfilter.cbpf.lift.LiftProblem;
import dev.jfilter.cbpf.lift.LiftResult;
import dev.jfilter.ebpf.elf.BpfObject;
import dev.jfilter.ebpf.elf.ElfWriter;
import dev.jfilter.ebpf.encode.Assembler;
import dev.jfilter.ebpf.gen.GenerateOptions;
import dev.jfilter.ebpf.gen.Generation;
import dev.jfilter.ebpf.gen.Problem;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.listing.Disassembler;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * The eBPF half of {@code jfilter compile}: a generated program printed as a listing ({@code -d}, bpftool's style),
 * a C array ({@code -dd}) or raw instruction bytes in hex ({@code -ddd}), or written with {@code -o} as an ELF object
 * that {@code bpftool prog load}, {@code ip link ... xdp obj} and {@code tc ... bpf da obj} load.
 *
 * @see <a href="https://man7.org/linux/man-pages/man8/bpftool-prog.8.html">bpftool-prog(8)</a>
 * @see <a href="https://man7.org/linux/man-pages/man8/tc-bpf.8.html">tc-bpf(8)</a>
 */
final class EbpfCompilation {
    private EbpfCompilation() {}

    /** Reads a classic BPF program in {@code -ddd} or bytecode form ({@code -} is standard input) and lifts it. */
    static LiftResult lift(Path file, InputStream stdin) throws UsageError {
        String text;
        try {
            text = file.toString().equals("-") ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(file);
        } catch (IOException e) {
            throw new UsageError("cannot read " + file + ": " + e.getMessage());
        }
        return CfgLifter.liftDecimal(text);
    }

    /** Prints why a classic BPF program cannot be lifted, one line per problem. */
    static int printLiftProblems(PrintWriter err, Path file, List<LiftProblem> problems) {
        for (LiftProblem p : problems) {
            err.println("jfilter: " + file + ": " + p.describe());
        }
        return ExitCodes.EXPRESSION;
    }

    /**
     * Prints or writes the outcome: the problems (status 1), or the program as {@code dumps} asks ({@code -d}
     * count), or the object file at {@code output} (and the listing too when {@code -d} was given).
     */
    static int emit(Generation generation, GenerateOptions options, Path output, int dumps, PrintWriter out,
            PrintWriter err) {
        Program program = switch (generation) {
            case Generation.Refused(List<Problem> problems) -> {
                for (Problem p : problems) {
                    err.println("jfilter: cannot make " + options.target().withArticle() + ": " + p.message());
                }
                yield null;
            }
            case Generation.Generated g -> g.program();
        };
        if (program == null) {
            return ExitCodes.EXPRESSION;
        }
        if (output != null) {
            try {
                Files.write(output, ElfWriter.write(BpfObject.of(options.target().programSection(), program)));
            } catch (IOException e) {
                err.println("jfilter: cannot write " + output + ": " + e.getMessage());
                return ExitCodes.USAGE;
            }
            if (dumps == 0) {
                return ExitCodes.OK;
            }
        }
        out.print(switch (dumps) {
            case 0, 1 -> Disassembler.listing(program);
            case 2 -> Disassembler.cArray(program);
            default -> hexSlots(program);
        });
        out.flush();
        return ExitCodes.OK;
    }

    /** The encoded instructions, one 8-byte slot per line in hex, in the byte order the kernel reads them. */
    private static String hexSlots(Program program) {
        byte[] code = Assembler.assemble(program);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < code.length; i += 8) {
            s.append(HexFormat.of().formatHex(code, i, i + 8)).append('\n');
        }
        return s.toString();
    }
}
