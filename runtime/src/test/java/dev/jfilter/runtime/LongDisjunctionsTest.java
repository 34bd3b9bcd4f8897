package dev.jfilter.runtime;

import static dev.jfilter.frontend.oracle.Frames.arp;
import static dev.jfilter.frontend.oracle.Frames.ethernet;
import static dev.jfilter.frontend.oracle.Frames.ipv4;
import static dev.jfilter.frontend.oracle.Frames.ipv6;
import static dev.jfilter.frontend.oracle.Frames.ports;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.Instruction;
import dev.jfilter.cbpf.Opcodes;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.runtime.cbpf.CbpfInterpreter;
import dev.jfilter.runtime.kernel.KernelChecker;
import dev.jfilter.runtime.libpcap.Libpcap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Filters of a thousand hosts or ports, where libpcap 1.10.3's programs exceed the kernel's 4096 instructions: jfilter's
 * fit, use search trees, and give the verdicts of libpcap's unoptimized program on frames that hit the constants or
 * not, cut at every length.
 */
class LongDisjunctionsTest {
    private static final CompileOptions ETHERNET = CompileOptions.of(LinkType.EN10MB);

    private static List<Long> hosts(Random r, int n) {
        LinkedHashSet<Long> out = new LinkedHashSet<>();
        while (out.size() < n) {
            out.add((long) (1 + r.nextInt(223)) << 24 | r.nextInt(1 << 24));
        }
        return new ArrayList<>(out);
    }

    private static List<Integer> portsOf(Random r, int n) {
        LinkedHashSet<Integer> out = new LinkedHashSet<>();
        while (out.size() < n) {
            out.add(1 + r.nextInt(65535));
        }
        return new ArrayList<>(out);
    }

    private static String dotted(long a) {
        return (a >>> 24) + "." + (a >>> 16 & 0xff) + "." + (a >>> 8 & 0xff) + "." + (a & 0xff);
    }

    private static List<byte[]> frames(Random r, List<Long> addresses, List<Integer> portNumbers) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            long src = r.nextBoolean() ? addresses.get(r.nextInt(addresses.size())) : r.nextInt();
            long dst = r.nextBoolean() ? addresses.get(r.nextInt(addresses.size())) : r.nextInt();
            int sport = r.nextBoolean() ? portNumbers.get(r.nextInt(portNumbers.size())) : r.nextInt(65536);
            int dport = r.nextBoolean() ? portNumbers.get(r.nextInt(portNumbers.size())) : r.nextInt(65536);
            byte[] l4 = ports(sport, dport, 20);
            out.add(switch (r.nextInt(4)) {
                case 0 -> ethernet(1, 2, 0x0800, ipv4(6, src, dst, l4));
                case 1 -> ethernet(1, 2, 0x0800, ipv4(17, src, dst, 6, 0, l4));
                case 2 -> ethernet(1, 2, r.nextBoolean() ? 0x0806 : 0x8035, arp(1, src, dst));
                default -> ethernet(1, 2, 0x86dd, ipv6(17, new byte[16], new byte[16], l4));
            });
        }
        return out;
    }

    /**
     * libpcap's unoptimized program, compiled on a thread with a large stack: its code generator recurses once per
     * block ({@code convert_code_r}), deeper than a Java thread's native stack allows for thousands of blocks.
     */
    private static CbpfProgram libpcapUnoptimized(String expression) {
        CbpfProgram[] out = new CbpfProgram[1];
        Thread t = new Thread(null, () -> out[0] = Libpcap.compile(LinkType.EN10MB, CompileOptions.DEFAULT_SNAPLEN,
                false, Libpcap.NETMASK_UNKNOWN, expression).program(), "libpcap-compile", 256L << 20);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(out[0]).as("libpcap compiled %s...", expression.substring(0, 40)).isNotNull();
        return out[0];
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"host, 1000", "port, 1000", "host, 1250"})
    void aThousandConstantsFitTheKernelAndAgreeWithLibpcap(String kind, int n) {
        Random r = new Random(n * 31L + kind.hashCode());
        List<Long> addresses = hosts(r, kind.equals("host") ? n : 10);
        List<Integer> portNumbers = portsOf(r, kind.equals("port") ? n : 10);
        String expression = kind.equals("host")
                ? addresses.stream().map(a -> "host " + dotted(a)).collect(Collectors.joining(" or "))
                : portNumbers.stream().map(p -> "port " + p).collect(Collectors.joining(" or "));
        CompiledFilter ours = ((Result.Ok<CompiledFilter>) JFilter.compile(expression, ETHERNET)).value();
        CbpfProgram program = ours.program();
        assertThat(program.size()).isLessThanOrEqualTo(Opcodes.MAX_INSNS);
        assertThat(ours.warnings()).isEmpty();
        assertThat(KernelChecker.check(program)).as("the kernel's checker").isEmpty();
        // A search tree: range tests split the constants (with 1250 hosts, coarser leaves keep it within 4096).
        assertThat(program.disassemble()).anyMatch(i -> i instanceof Instruction.JumpIf j && j.op() == JumpOp.JGT);

        Assumptions.assumeTrue(Libpcap.isAvailable(), "libpcap is not available");
        CbpfProgram libpcap = libpcapUnoptimized(expression);
        CbpfInterpreter mine = CbpfInterpreter.of(program);
        try (Libpcap.NativeProgram theirs = Libpcap.load(libpcap)) {
            for (byte[] frame : frames(r, addresses, portNumbers)) {
                for (int cut = 0; cut <= frame.length; cut++) {
                    byte[] p = Arrays.copyOf(frame, cut);
                    assertThat(mine.run(p, cut, frame.length)).as("%s cut at %d", Arrays.toString(frame), cut)
                            .isEqualTo(theirs.filter(p, frame.length, cut));
                }
            }
        }
    }
}
