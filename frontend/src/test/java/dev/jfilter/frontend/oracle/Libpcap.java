package dev.jfilter.frontend.oracle;

import dev.jfilter.frontend.link.LinkType;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * The system's libpcap (1.10.3) through pcap4j: its compiler ({@code pcap_compile_nopcap}, as with
 * {@code pcap_open_dead}) and its interpreter ({@code bpf_filter}). The oracle of the differential tests.
 */
public final class Libpcap {
    private Libpcap() {}

    /** Whether pcap4j can reach the native library here. */
    public static boolean available() {
        try {
            Pcaps.compileFilter(100, DataLinkType.getInstance(1), "ip", BpfProgram.BpfCompileMode.OPTIMIZE,
                    PcapHandle.PCAP_NETMASK_UNKNOWN).free();
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    /** libpcap's program, or empty when libpcap rejects the expression. */
    public static Optional<Program> compile(LinkType type, int snaplen, String expression, boolean optimize,
            int netmask) {
        try {
            BpfProgram p = Pcaps.compileFilter(snaplen, DataLinkType.getInstance(type.dlt()), expression,
                    optimize ? BpfProgram.BpfCompileMode.OPTIMIZE : BpfProgram.BpfCompileMode.NONOPTIMIZE,
                    netmask(netmask));
            return Optional.of(new Program(p));
        } catch (PcapNativeException e) {
            return Optional.empty();
        }
    }

    /**
     * libpcap 1.10.3's program as {@code tcpdump -d} lists it (tcpdump 4.99.3 links the same library), or empty
     * when tcpdump rejects the expression or is missing. The tests interpret it with {@link CbpfText}, which stops
     * runaway loops that libpcap's own interpreter would spin in ({@code protochain}).
     */
    public static Optional<java.util.List<String>> listing(LinkType type, int snaplen, String expression,
            boolean optimize) {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("tcpdump", "-d", "-s",
                Integer.toString(snaplen), "-y", type.name()));
        if (!optimize) {
            cmd.add("-O");
        }
        cmd.add(expression);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.getErrorStream().readAllBytes();
            if (p.waitFor() != 0) {
                return Optional.empty();
            }
            return Optional.of(out.lines().filter(l -> l.startsWith("(")).toList());
        } catch (java.io.IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Inet4Address netmask(int netmask) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {
                (byte) (netmask >>> 24), (byte) (netmask >>> 16), (byte) (netmask >>> 8), (byte) netmask});
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A compiled libpcap program. */
    public static final class Program implements AutoCloseable {
        private final BpfProgram program;

        private Program(BpfProgram program) {
            this.program = program;
        }

        /** Whether libpcap's {@code bpf_filter} accepts the packet (returns non-zero). */
        public boolean accepts(byte[] captured, int wireLength) {
            return program.applyFilter(captured, wireLength, captured.length);
        }

        @Override
        public void close() {
            program.free();
        }
    }
}
