package dev.jfilter.frontend.lower;

import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.CfgBuilder;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.Terminator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Emits a {@link Pred} into a {@link CfgBuilder}, bottom-up: each predicate is emitted with its two continuations
 * already known, so {@code and}, {@code or} and {@code not} only choose targets, where libpcap backpatches lists
 * and flips {@code sense} bits. The graph stays acyclic and has one block per test of the tree; a predicate (or an
 * equal test) met again with the same continuations is emitted once and shared. (A sub-predicate shared under
 * different continuations must be copied in a branching program; the lowering builds trees, using each predicate
 * once, so that never multiplies the graph.) Long left-nested chains ({@code a or b or c ...}) are walked in a
 * loop, not by recursion. A {@link Pred.Member} is its statements and a chain of {@code jeq} blocks, one per value.
 */
public final class CfgEmitter {
    private final CfgBuilder cfg;
    private final Map<Pred, Map<List<BlockId>, BlockId>> emitted = new IdentityHashMap<>();
    private final Map<Pred, Map<List<BlockId>, BlockId>> tests = new HashMap<>();

    /** An emitter adding blocks to {@code cfg}. */
    public CfgEmitter(CfgBuilder cfg) {
        this.cfg = cfg;
    }

    /** The entry block of {@code pred}, which leaves through {@code ifTrue} or {@code ifFalse}. */
    public BlockId emit(Pred pred, BlockId ifTrue, BlockId ifFalse) {
        // Every node on the left spine of and/or/not shares the entry block of the innermost left operand.
        List<Map<List<BlockId>, BlockId>> spineMemos = new ArrayList<>();
        List<List<BlockId>> spineKeys = new ArrayList<>();
        BlockId entry;
        while (true) {
            List<BlockId> key = List.of(ifTrue, ifFalse);
            Map<List<BlockId>, BlockId> memo = memoOf(pred);
            BlockId done = memo.get(key);
            if (done != null) {
                entry = done;
                break;
            }
            spineMemos.add(memo);
            spineKeys.add(key);
            switch (pred) {
                case Pred.And a -> {
                    ifTrue = emit(a.right(), ifTrue, ifFalse);
                    pred = a.left();
                    continue;
                }
                case Pred.Or o -> {
                    ifFalse = emit(o.right(), ifTrue, ifFalse);
                    pred = o.left();
                    continue;
                }
                case Pred.Not n -> {
                    BlockId t = ifTrue;
                    ifTrue = ifFalse;
                    ifFalse = t;
                    pred = n.operand();
                    continue;
                }
                case Pred.Choice c -> {
                    BlockId whenTrue = emit(c.ifTrue(), ifTrue, ifFalse);
                    BlockId whenFalse = emit(c.ifFalse(), ifTrue, ifFalse);
                    ifTrue = whenTrue;
                    ifFalse = whenFalse;
                    pred = c.condition();
                    continue;
                }
                case Pred.Const c -> entry = c.value() ? ifTrue : ifFalse;
                case Pred.Test t -> entry = t.statements().isEmpty() && ifTrue.equals(ifFalse)
                        ? ifTrue // a bare comparison with nowhere different to go has no effect
                        : cfg.add(t.statements(), new Terminator.Branch(t.condition(), ifTrue, ifFalse));
                case Pred.Member m -> entry = member(m, ifTrue, ifFalse);
                case Pred.SubGraph g -> entry = g.builder().emit(cfg, ifTrue, ifFalse);
            }
            break;
        }
        for (int i = 0; i < spineMemos.size(); i++) {
            spineMemos.get(i).put(spineKeys.get(i), entry);
        }
        return entry;
    }

    /** The statements and the first {@code jeq}, then one block per further value, each failing into the next. */
    private BlockId member(Pred.Member m, BlockId ifTrue, BlockId ifFalse) {
        List<Integer> values = m.values();
        BlockId next = ifFalse;
        for (int i = values.size() - 1; i > 0; i--) {
            next = cfg.add(List.of(), new Terminator.Branch(Condition.of(JumpOp.JEQ, values.get(i)), ifTrue, next));
        }
        return cfg.add(m.statements(), new Terminator.Branch(Condition.of(JumpOp.JEQ, values.getFirst()), ifTrue,
                next));
    }

    private Map<List<BlockId>, BlockId> memoOf(Pred pred) {
        return pred instanceof Pred.Test || pred instanceof Pred.Member
                ? tests.computeIfAbsent(pred, k -> new HashMap<>())
                : emitted.computeIfAbsent(pred, k -> new HashMap<>());
    }
}
