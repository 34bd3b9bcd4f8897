/**
 * The optimizer: passes that rewrite a {@link dev.jfilter.cfg.Cfg} into a smaller, faster one with the same result on
 * every packet. The analyses follow McCanne and Jacobson's BPF paper and libpcap's {@code optimize.c} (value numbering
 * of loads and arithmetic, predicates decided by the tests on the path to a block), with one rule libpcap breaks:
 * a packet load that can run past the captured bytes ends the program with 0, so no pass removes, reorders or hoists a
 * load unless the analysis proves it cannot fail or that the same load already succeeded on every path.
 *
 * @see <a href="https://www.tcpdump.org/papers/bpf-usenix93.pdf">The BSD Packet Filter, section 4</a>
 */
package dev.jfilter.cfg.opt;
