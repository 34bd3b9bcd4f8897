/**
 * A classic BPF assembler with labels instead of offsets, after {@code java.lang.classfile}'s labels and
 * libpcap's branch resolution ({@code longjt}/{@code longjf} trampolines for conditional jumps beyond 255).
 */
package dev.jfilter.cbpf.asm;
