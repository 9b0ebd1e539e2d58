/**
 * JMH benchmarks of descent's kernels (GEMM at the reference CNN's shapes, convolution layers, optimizer
 * steps) and {@link dev.descent.bench.Suite}, which runs them beside the machine's measured ceilings (FMA
 * throughput, triad bandwidth) and prints each kernel as a fraction of its ceiling. Two mains run by hand
 * without JMH: {@link dev.descent.bench.CnnProfile} times each layer and each matrix-multiply shape of a CNN
 * training step; {@link dev.descent.bench.GemmBench#main} gives GFLOP/s and the calling thread's CPU time at
 * each {@link dev.descent.bench.GemmShape}. Figures are medians of repeated runs because the machine is shared.
 * Timing is reported, never asserted.
 */
package dev.descent.bench;
