package dev.jfilter.ebpf.gen;

import dev.jfilter.ebpf.insn.Insn;
import dev.jfilter.ebpf.insn.Ja;
import dev.jfilter.ebpf.insn.Label;
import dev.jfilter.ebpf.insn.Program;
import java.util.ArrayList;
import java.util.List;

/**
 * Instructions and label bindings in emission order, before the final clean-up: an unconditional jump to the
 * instruction right after it is dropped (block layout and shared exits make these common).
 */
final class Code {
    private sealed interface Item {}

    private record Bind(Label label) implements Item {}

    private record Emit(Insn insn) implements Item {}

    private final List<Item> items = new ArrayList<>();

    void bind(Label label) {
        items.add(new Bind(label));
    }

    void add(Insn... insns) {
        for (Insn i : insns) {
            items.add(new Emit(i));
        }
    }

    /** The last instruction emitted, or null. */
    Insn last() {
        for (int i = items.size() - 1; i >= 0; i--) {
            if (items.get(i) instanceof Emit(Insn insn)) {
                return insn;
            }
        }
        return null;
    }

    Program build() {
        Program.Builder b = Program.builder();
        for (int i = 0; i < items.size(); i++) {
            switch (items.get(i)) {
                case Bind(Label label) -> b.bind(label);
                case Emit(Insn insn) -> {
                    if (!(insn instanceof Ja(Label target) && boundBeforeNextInsn(i + 1, target))) {
                        b.add(insn);
                    }
                }
            }
        }
        return b.build();
    }

    private boolean boundBeforeNextInsn(int from, Label target) {
        for (int i = from; i < items.size(); i++) {
            switch (items.get(i)) {
                case Bind(Label label) -> {
                    if (label.equals(target)) {
                        return true;
                    }
                }
                case Emit _ -> {
                    return false;
                }
            }
        }
        return false;
    }
}
