package dev.jfilter.ebpf.verifier;

/**
 * A state the verifier keeps at a pruning point ({@code struct bpf_verifier_state_list}): later paths reaching the
 * instruction in a state it covers are pruned. Precision found later on a path through it is marked in its state;
 * it counts its hits and misses, and one that misses too often is dropped.
 */
final class Checkpoint {
    ModelState state;
    int hits;
    int misses;

    Checkpoint(ModelState state) {
        this.state = state;
    }
}
