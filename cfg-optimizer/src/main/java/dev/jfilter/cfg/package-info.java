/**
 * The control-flow graph of a packet filter, after McCanne and Jacobson, "The BSD Packet Filter" (USENIX 1993),
 * section 4: basic blocks of straight-line statements for the BPF machine (accumulator {@code A}, index register
 * {@code X}, sixteen scratch words {@code M[]}), each ending in one conditional branch, a jump or a return.
 *
 * <p>The model knows the BPF machine but no instruction encoding and no packet format: the frontend builds it,
 * the optimizer rewrites it, and each code generator turns it into one instruction set. Every type is an
 * immutable value; the graph is acyclic.
 *
 * @see <a href="https://www.tcpdump.org/papers/bpf-usenix93.pdf">The BSD Packet Filter</a>
 * @see <a href="https://www.kernel.org/doc/html/latest/networking/filter.html">Linux Socket Filtering (BPF)</a>
 */
package dev.jfilter.cfg;
