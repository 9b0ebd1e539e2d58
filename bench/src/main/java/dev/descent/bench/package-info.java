/**
 * JMH benchmarks of descent's kernels (GEMM at the reference CNN's shapes, convolution layers, optimizer
 * steps) and {@link dev.descent.bench.Suite}, which runs them beside the machine's measured ceilings (FMA
 * throughput, triad bandwidth) and prints each kernel as a fraction of its ceiling. Timing is reported,
 * never asserted.
 */
package dev.descent.bench;
