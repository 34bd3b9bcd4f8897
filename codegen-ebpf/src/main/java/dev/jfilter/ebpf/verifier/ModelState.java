package dev.jfilter.ebpf.verifier;

import java.util.Arrays;

/**
 * The verifier's state on one path at one instruction: registers R0-R10 and the 64 slots of the 512-byte stack.
 * Mutable, copied when a path splits, like the kernel's {@code struct bpf_verifier_state}.
 */
final class ModelState {
    static final int SLOTS = 64;

    final Value[] regs;
    final StackSlot[] stack;

    private ModelState(Value[] regs, StackSlot[] stack) {
        this.regs = regs;
        this.stack = stack;
    }

    /** The state at a program's entry: R1 the context, R10 the frame, the rest unset, the stack unwritten. */
    static ModelState entry() {
        var regs = new Value[11];
        Arrays.fill(regs, Value.NOT_INIT);
        regs[1] = Value.CONTEXT;
        regs[10] = new Value.Frame(0);
        var stack = new StackSlot[SLOTS];
        Arrays.fill(stack, StackSlot.INVALID);
        return new ModelState(regs, stack);
    }

    ModelState copy() {
        return new ModelState(regs.clone(), stack.clone());
    }

    /** The stack slot holding byte {@code off} below the frame pointer, or -1 outside the stack. */
    static int slotOf(int off) {
        return off < -512 || off >= 0 ? -1 : (-off - 1) / 8;
    }

    /** Replaces every packet pointer, in registers and spilled, by an unknown scalar: the packet has moved. */
    void forgetPacket() {
        for (int r = 0; r < regs.length; r++) {
            if (regs[r] instanceof Value.Packet || regs[r] instanceof Value.PacketEnd) {
                regs[r] = Value.UNKNOWN;
            }
        }
        for (int s = 0; s < SLOTS; s++) {
            if (stack[s] instanceof StackSlot.Spill(Value v, int size)
                    && (v instanceof Value.Packet || v instanceof Value.PacketEnd)) {
                stack[s] = new StackSlot.Spill(Value.UNKNOWN, size);
            }
        }
    }

    /** Grants {@code range} readable bytes to every packet pointer of {@code id}, keeping larger ranges. */
    void grantRange(int id, int range) {
        for (int r = 0; r < regs.length; r++) {
            if (regs[r] instanceof Value.Packet p && p.id() == id && p.range() < range) {
                regs[r] = p.withRange(range);
            }
        }
        for (int s = 0; s < SLOTS; s++) {
            if (stack[s] instanceof StackSlot.Spill(Value.Packet p, int size) && p.id() == id && p.range() < range) {
                stack[s] = new StackSlot.Spill(p.withRange(range), size);
            }
        }
    }
}
