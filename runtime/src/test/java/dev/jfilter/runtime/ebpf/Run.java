package dev.jfilter.runtime.ebpf;

import dev.jfilter.ebpf.insn.Program;

/** Running hand-assembled programs in the tests. */
final class Run {
    /** An IPv4/UDP-looking Ethernet frame: dst 00:00:00:00:00:00, EtherType 0x0800, then bytes 0x45, 0x01, ... */
    static final byte[] FRAME = frame(60);

    private Run() {
    }

    static byte[] frame(int length) {
        byte[] f = new byte[length];
        for (int i = 6; i < 12; i++) {
            f[i] = (byte) (0x10 + i);
        }
        f[12] = 0x08;
        for (int i = 14; i < length; i++) {
            f[i] = (byte) (i == 14 ? 0x45 : i - 14);
        }
        return f;
    }

    static TcContext tc(byte[] frame) {
        return new TcContext(SkbMetadata.testRun(frame));
    }

    static SocketFilterContext socket(byte[] frame) {
        return new SocketFilterContext(SkbMetadata.testRun(frame));
    }

    /** Runs as a socket filter on {@link #FRAME}. */
    static long socket(Program program) {
        return new EbpfInterpreter(program).run(FRAME, 14, FRAME.length - 14, socket(FRAME));
    }

    /** Runs as a tc classifier on {@code frame}. */
    static long tc(Program program, byte[] frame) {
        return new EbpfInterpreter(program).run(frame, tc(frame));
    }

    /** Runs as XDP on {@code frame}. */
    static long xdp(Program program, byte[] frame) {
        return new EbpfInterpreter(program).run(frame, XdpContext.testRun());
    }
}
