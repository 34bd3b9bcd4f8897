package dev.jfilter.runtime.kernel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.insn.Reg;
import dev.jfilter.ebpf.insn.Width;
import java.util.Optional;

/**
 * Skips a test, with the reason, when this process cannot load eBPF programs: another platform, no privilege
 * ({@code EPERM}), {@code kernel.unprivileged_bpf_disabled}, a seccomp filter... Probed once by loading
 * {@code r0 = 0; exit}.
 */
public final class BpfAvailability {
    private static Optional<String> unavailable;

    private BpfAvailability() {}

    /** Aborts the calling test (JUnit assumption) when bpf(2) cannot load programs here. */
    public static synchronized void assumeLoadable() {
        if (unavailable == null) {
            unavailable = probe();
        }
        assumeTrue(unavailable.isEmpty(), () -> "eBPF programs cannot be loaded here: " + unavailable.orElse(""));
    }

    private static Optional<String> probe() {
        Optional<String> platform = BpfProgram.unavailableReason();
        if (platform.isPresent()) {
            return platform;
        }
        Program trivial = Program.of(new AluImm(Width.W64, AluOp.MOV, Reg.R0, 0), new Exit());
        return switch (BpfProgram.load(BpfProgramType.SOCKET_FILTER, "jfilter_probe", trivial)) {
            case BpfLoadResult.Loaded loaded -> {
                loaded.program().close();
                yield Optional.empty();
            }
            case BpfLoadResult.Rejected rejected -> Optional.of(rejected.message());
        };
    }
}
