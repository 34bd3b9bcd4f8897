/**
 * The checks classic BPF programs must pass: the Linux kernel's ({@code bpf_check_classic},
 * {@code check_load_and_stores}) and libpcap's ({@code bpf_validate}), as named rule sets that report every problem
 * as a value.
 */
package dev.jfilter.cbpf.validate;
