package dev.jfilter.ebpf.insn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable eBPF program in the assembler model: instructions, and labels bound to instruction indexes. Every jump
 * target is bound to an instruction of the program. Two programs that differ only in label names are equal after
 * {@link #canonical()}.
 *
 * @param insns  the instructions, in order
 * @param labels each label's instruction index
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html">BPF Instruction Set</a>
 */
public record Program(List<Insn> insns, Map<Label, Integer> labels) {
    public Program {
        insns = List.copyOf(insns);
        labels = Map.copyOf(labels);
        for (var e : labels.entrySet()) {
            if (e.getValue() < 0 || e.getValue() > insns.size()) {
                throw new IllegalArgumentException(
                        "label " + e.getKey() + " bound outside the program: " + e.getValue());
            }
        }
        for (int i = 0; i < insns.size(); i++) {
            var target = target(insns.get(i));
            if (target.isPresent()) {
                Integer at = labels.get(target.get());
                if (at == null || at == insns.size()) {
                    throw new IllegalArgumentException(
                            "instruction " + i + " jumps to " + target.get() + ", which marks no instruction");
                }
            }
        }
    }

    /** The program of these instructions without any label. */
    public static Program of(Insn... insns) {
        return new Program(List.of(insns), Map.of());
    }

    /** A builder that binds labels at the position of the next instruction added. */
    public static Builder builder() {
        return new Builder();
    }

    /** The jump target of an instruction, if it jumps. */
    public static Optional<Label> target(Insn insn) {
        return switch (insn) {
            case JumpImm j -> Optional.of(j.target());
            case JumpReg j -> Optional.of(j.target());
            case Ja j -> Optional.of(j.target());
            case AluImm _, AluReg _, Endian _, Call _, Exit _, LoadImm64 _, LoadMem _, StoreReg _, StoreImm _,
                 LoadAbs _, LoadInd _ -> Optional.empty();
        };
    }

    /** The same instruction jumping to {@code target} instead; one that does not jump is returned as it is. */
    public static Insn retarget(Insn insn, Label target) {
        return switch (insn) {
            case JumpImm j -> new JumpImm(j.width(), j.op(), j.dst(), j.imm(), target);
            case JumpReg j -> new JumpReg(j.width(), j.op(), j.dst(), j.src(), target);
            case Ja _ -> new Ja(target);
            case AluImm _, AluReg _, Endian _, Call _, Exit _, LoadImm64 _, LoadMem _, StoreReg _, StoreImm _,
                 LoadAbs _, LoadInd _ -> insn;
        };
    }

    /**
     * This program with its labels renamed after the index they mark ({@code L7}), one label per jumped-to
     * instruction and none that no jump uses: the form the decoder produces.
     */
    public Program canonical() {
        var out = new ArrayList<Insn>(insns.size());
        var used = new HashMap<Label, Integer>();
        for (Insn insn : insns) {
            var target = target(insn);
            if (target.isPresent()) {
                int at = labels.get(target.get());
                var label = new Label("L" + at);
                used.put(label, at);
                out.add(retarget(insn, label));
            } else {
                out.add(insn);
            }
        }
        return new Program(out, used);
    }

    /** Accumulates instructions and label bindings; labels must be unique. */
    public static final class Builder {
        private final List<Insn> insns = new ArrayList<>();
        private final Map<Label, Integer> labels = new LinkedHashMap<>();

        private Builder() {
        }

        /** Binds {@code label} to the next instruction added. */
        public Builder bind(Label label) {
            Objects.requireNonNull(label, "label");
            if (labels.putIfAbsent(label, insns.size()) != null) {
                throw new IllegalArgumentException("label " + label + " bound twice");
            }
            return this;
        }

        /** Appends instructions. */
        public Builder add(Insn... more) {
            for (Insn insn : more) {
                insns.add(Objects.requireNonNull(insn, "insn"));
            }
            return this;
        }

        /** The program; fails if a jump targets an unbound label. */
        public Program build() {
            return new Program(insns, labels);
        }
    }
}
