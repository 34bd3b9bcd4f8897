package dev.jfilter.runtime.libpcap;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.SockFilter;
import dev.jfilter.frontend.link.LinkType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The system's libpcap ({@code libpcap.so.0.8}, 1.10.3 here) through the FFM API: the reference every jfilter test
 * compares against. It compiles expressions ({@code pcap_compile}), runs any instruction array on a packet with
 * libpcap's interpreter ({@code bpf_filter}), validates programs ({@code bpf_validate}), prints instructions
 * ({@code bpf_image}) and reads savefiles ({@code pcap_open_offline}, {@code pcap_next_ex}).
 *
 * <p>Tests call {@link #unavailableReason()} first and skip, saying why, when the library cannot be loaded. Calls
 * into libpcap are serialized: {@code pcap_compile} and {@code bpf_image} use static state.
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap.3pcap.html">pcap(3PCAP)</a>
 */
@SuppressWarnings("restricted") // binding native code is the point of this class
public final class Libpcap {
    /** {@code PCAP_NETMASK_UNKNOWN}: compile without a netmask (only {@code ip broadcast} needs one). */
    public static final int NETMASK_UNKNOWN = 0xffffffff;

    /** The shared object this binds. */
    public static final String LIBRARY = "libpcap.so.0.8";

    private static final int ERRBUF_SIZE = 256;

    /** {@code struct bpf_insn}: u_short code, u_char jt, u_char jf, bpf_u_int32 k. */
    private static final MemoryLayout BPF_INSN = MemoryLayout.structLayout(
            ValueLayout.JAVA_SHORT.withName("code"), ValueLayout.JAVA_BYTE.withName("jt"),
            ValueLayout.JAVA_BYTE.withName("jf"), ValueLayout.JAVA_INT.withName("k"));

    /** {@code struct bpf_program}: u_int bf_len, struct bpf_insn *bf_insns. */
    private static final MemoryLayout BPF_PROGRAM = MemoryLayout.structLayout(
            ValueLayout.JAVA_INT.withName("bf_len"), MemoryLayout.paddingLayout(4),
            ValueLayout.ADDRESS.withName("bf_insns"));

    /** {@code struct pcap_pkthdr}: struct timeval ts (two longs), bpf_u_int32 caplen, bpf_u_int32 len. */
    private static final MemoryLayout PCAP_PKTHDR = MemoryLayout.structLayout(
            ValueLayout.JAVA_LONG.withName("tv_sec"), ValueLayout.JAVA_LONG.withName("tv_usec"),
            ValueLayout.JAVA_INT.withName("caplen"), ValueLayout.JAVA_INT.withName("len"));

    private static final Bindings NATIVE;
    private static final String UNAVAILABLE;

    static {
        Bindings bindings = null;
        String why = null;
        try {
            bindings = new Bindings();
        } catch (RuntimeException | LinkageError e) {
            why = "cannot load " + LIBRARY + ": " + e;
        }
        NATIVE = bindings;
        UNAVAILABLE = why;
    }

    private Libpcap() {}

    /** Why libpcap cannot be used here, or empty if it can. */
    public static Optional<String> unavailableReason() {
        return Optional.ofNullable(UNAVAILABLE);
    }

    /** Whether libpcap is loaded. */
    public static boolean isAvailable() {
        return NATIVE != null;
    }

    /** {@code pcap_lib_version()}, such as {@code "libpcap version 1.10.3 (with TPACKET_V3)"}. */
    public static synchronized String version() {
        try {
            MemorySegment s = (MemorySegment) nat().libVersion.invokeExact();
            return s.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Compiles {@code expression} as tcpdump would for a capture of link type {@code dlt} ({@code pcap_open_dead} +
     * {@code pcap_compile}).
     *
     * @param dlt the link type's {@code DLT_} value
     * @param snaplen the snapshot length, which accepting programs return (tcpdump's default 262144)
     * @param optimize whether libpcap's optimizer runs ({@code tcpdump -O} turns it off)
     * @param netmask the IPv4 netmask for {@code ip broadcast}, or {@link #NETMASK_UNKNOWN}
     */
    public static synchronized CompileResult compile(int dlt, int snaplen, boolean optimize, int netmask,
            String expression) {
        Bindings n = nat();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pcap = (MemorySegment) n.openDead.invokeExact(dlt, snaplen);
            if (pcap.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("pcap_open_dead(" + dlt + ", " + snaplen + ") failed");
            }
            try {
                MemorySegment prog = arena.allocate(BPF_PROGRAM);
                int rc = (int) n.compile.invokeExact(pcap, prog, arena.allocateFrom(expression), optimize ? 1 : 0,
                        netmask);
                if (rc < 0) {
                    MemorySegment err = (MemorySegment) n.geterr.invokeExact(pcap);
                    return new CompileResult.Rejected(err.reinterpret(Long.MAX_VALUE).getString(0));
                }
                try {
                    int len = prog.get(ValueLayout.JAVA_INT, 0);
                    MemorySegment insns = prog.get(ValueLayout.ADDRESS, 8).reinterpret(BPF_INSN.byteSize() * len);
                    return new CompileResult.Compiled(read(insns, len));
                } finally {
                    n.freecode.invokeExact(prog);
                }
            } finally {
                n.close.invokeExact(pcap);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@link #compile(int, int, boolean, int, String)} for a {@link LinkType}. */
    public static CompileResult compile(LinkType link, int snaplen, boolean optimize, int netmask, String expression) {
        return compile(link.dlt(), snaplen, optimize, netmask, expression);
    }

    /**
     * libpcap's {@code bpf_filter()} running {@code program} on one packet: the return value (unsigned). The
     * program must be one {@link #validate} accepts with opcodes {@code bpf_filter} knows, or libpcap may crash.
     *
     * @param packet the captured bytes, {@code caplen} of them
     * @param wirelen the length on the wire
     * @param caplen the captured length, at most {@code packet.length}
     */
    public static int filter(CbpfProgram program, byte[] packet, int wirelen, int caplen) {
        try (NativeProgram p = load(program)) {
            return p.filter(packet, wirelen, caplen);
        }
    }

    /** {@code bpf_validate()}: whether libpcap accepts the program (what {@code pcap_setfilter} checks). */
    public static synchronized boolean validate(CbpfProgram program) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment insns = write(arena, program);
            return (int) nat().validate.invokeExact(insns, program.size()) != 0;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code bpf_image()}: libpcap's {@code -d} line for {@code insn} at {@code index}. */
    public static synchronized String image(SockFilter insn, int index) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = (MemorySegment) nat().image.invokeExact(
                    write(arena, new CbpfProgram(List.of(insn))), index);
            return s.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Every packet of a pcap or pcapng file, read by libpcap ({@code pcap_open_offline}, {@code pcap_next_ex}).
     *
     * @throws IOException with libpcap's message if it cannot open or read the file
     */
    public static synchronized List<SavedPacket> readSavefile(Path file) throws IOException {
        Bindings n = nat();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errbuf = arena.allocate(ERRBUF_SIZE);
            MemorySegment pcap = (MemorySegment) n.openOffline.invokeExact(
                    arena.allocateFrom(file.toString()), errbuf);
            if (pcap.equals(MemorySegment.NULL)) {
                throw new IOException(file + ": " + errbuf.getString(0));
            }
            try {
                int dlt = (int) n.datalink.invokeExact(pcap);
                MemorySegment headerPtr = arena.allocate(ValueLayout.ADDRESS);
                MemorySegment dataPtr = arena.allocate(ValueLayout.ADDRESS);
                List<SavedPacket> packets = new ArrayList<>();
                while (true) {
                    int rc = (int) n.nextEx.invokeExact(pcap, headerPtr, dataPtr);
                    if (rc == -2) {
                        return List.copyOf(packets);
                    }
                    if (rc != 1) {
                        MemorySegment err = (MemorySegment) n.geterr.invokeExact(pcap);
                        throw new IOException(file + ": packet " + (packets.size() + 1) + ": "
                                + err.reinterpret(Long.MAX_VALUE).getString(0));
                    }
                    MemorySegment header = headerPtr.get(ValueLayout.ADDRESS, 0).reinterpret(PCAP_PKTHDR.byteSize());
                    int caplen = header.get(ValueLayout.JAVA_INT, 16);
                    int wirelen = header.get(ValueLayout.JAVA_INT, 20);
                    byte[] bytes = dataPtr.get(ValueLayout.ADDRESS, 0).reinterpret(Integer.toUnsignedLong(caplen))
                            .toArray(ValueLayout.JAVA_BYTE);
                    packets.add(new SavedPacket(dlt, caplen, wirelen, bytes));
                }
            } finally {
                n.close.invokeExact(pcap);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * A program copied into native memory once, to run on many packets with {@link NativeProgram#filter}. Not
     * thread-safe; close it to free the memory.
     */
    public static NativeProgram load(CbpfProgram program) {
        return new NativeProgram(nat(), program);
    }

    /** A program in native memory, with a buffer for packets; see {@link #load}. */
    public static final class NativeProgram implements AutoCloseable {
        private final Bindings n;
        private final Arena arena = Arena.ofConfined();
        private final MemorySegment insns;
        private MemorySegment buffer;

        private NativeProgram(Bindings n, CbpfProgram program) {
            this.n = n;
            this.insns = write(arena, program);
            this.buffer = arena.allocate(2048);
        }

        /** {@code bpf_filter(program, packet, wirelen, caplen)}. */
        public int filter(byte[] packet, int wirelen, int caplen) {
            if (caplen < 0 || caplen > packet.length) {
                throw new IllegalArgumentException("caplen " + caplen + " for " + packet.length + " bytes");
            }
            if (buffer.byteSize() < Math.max(1, caplen)) {
                buffer = arena.allocate(Math.max(caplen, 2 * buffer.byteSize()));
            }
            MemorySegment.copy(packet, 0, buffer, ValueLayout.JAVA_BYTE, 0, caplen);
            try {
                return (int) n.filter.invokeExact(insns, buffer, wirelen, caplen);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        @Override
        public void close() {
            arena.close();
        }
    }

    private static MemorySegment write(Arena arena, CbpfProgram program) {
        MemorySegment insns = arena.allocate(BPF_INSN, Math.max(1, program.size()));
        for (int i = 0; i < program.size(); i++) {
            SockFilter f = program.get(i);
            long at = i * BPF_INSN.byteSize();
            insns.set(ValueLayout.JAVA_SHORT, at, (short) f.code());
            insns.set(ValueLayout.JAVA_BYTE, at + 2, (byte) f.jt());
            insns.set(ValueLayout.JAVA_BYTE, at + 3, (byte) f.jf());
            insns.set(ValueLayout.JAVA_INT, at + 4, f.k());
        }
        return insns;
    }

    private static CbpfProgram read(MemorySegment insns, int len) {
        List<SockFilter> out = new ArrayList<>(len);
        for (int i = 0; i < len; i++) {
            long at = i * BPF_INSN.byteSize();
            out.add(new SockFilter(insns.get(ValueLayout.JAVA_SHORT, at) & 0xffff,
                    insns.get(ValueLayout.JAVA_BYTE, at + 2) & 0xff, insns.get(ValueLayout.JAVA_BYTE, at + 3) & 0xff,
                    insns.get(ValueLayout.JAVA_INT, at + 4)));
        }
        return new CbpfProgram(out);
    }

    private static Bindings nat() {
        if (NATIVE == null) {
            throw new IllegalStateException(UNAVAILABLE);
        }
        return NATIVE;
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    /** The method handles, made once. */
    private static final class Bindings {
        final MethodHandle openDead;
        final MethodHandle compile;
        final MethodHandle geterr;
        final MethodHandle freecode;
        final MethodHandle close;
        final MethodHandle filter;
        final MethodHandle validate;
        final MethodHandle image;
        final MethodHandle openOffline;
        final MethodHandle nextEx;
        final MethodHandle datalink;
        final MethodHandle libVersion;

        Bindings() {
            Linker linker = Linker.nativeLinker();
            SymbolLookup lib = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
            ValueLayout ptr = ValueLayout.ADDRESS;
            ValueLayout i32 = ValueLayout.JAVA_INT;
            openDead = bind(linker, lib, "pcap_open_dead", FunctionDescriptor.of(ptr, i32, i32));
            compile = bind(linker, lib, "pcap_compile", FunctionDescriptor.of(i32, ptr, ptr, ptr, i32, i32));
            geterr = bind(linker, lib, "pcap_geterr", FunctionDescriptor.of(ptr, ptr));
            freecode = bind(linker, lib, "pcap_freecode", FunctionDescriptor.ofVoid(ptr));
            close = bind(linker, lib, "pcap_close", FunctionDescriptor.ofVoid(ptr));
            filter = bind(linker, lib, "bpf_filter", FunctionDescriptor.of(i32, ptr, ptr, i32, i32));
            validate = bind(linker, lib, "bpf_validate", FunctionDescriptor.of(i32, ptr, i32));
            image = bind(linker, lib, "bpf_image", FunctionDescriptor.of(ptr, ptr, i32));
            openOffline = bind(linker, lib, "pcap_open_offline", FunctionDescriptor.of(ptr, ptr, ptr));
            nextEx = bind(linker, lib, "pcap_next_ex", FunctionDescriptor.of(i32, ptr, ptr, ptr));
            datalink = bind(linker, lib, "pcap_datalink", FunctionDescriptor.of(i32, ptr));
            libVersion = bind(linker, lib, "pcap_lib_version", FunctionDescriptor.of(ptr));
        }

        private static MethodHandle bind(Linker linker, SymbolLookup lib, String name, FunctionDescriptor fd) {
            return linker.downcallHandle(lib.findOrThrow(name), fd);
        }
    }
}
