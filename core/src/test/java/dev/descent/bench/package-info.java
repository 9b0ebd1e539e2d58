/**
 * Timing harnesses, run by hand (they are mains, not tests): {@link dev.descent.bench.CnnProfile} times each
 * layer and each matrix-multiply shape of a CNN training step; {@link dev.descent.bench.GemmBench} measures
 * GFLOP/s of the matrix multiplies at the CNN's shapes. Figures are medians of repeated runs because the
 * machine is shared. See each class for the command line.
 */
package dev.descent.bench;
