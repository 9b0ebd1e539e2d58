/**
 * Learning-rate schedules: pure functions from the 0-based step to the learning rate.
 *
 * <p>{@link dev.descent.schedule.Schedule} is the interface and holds the factories (constant, Keras step decay,
 * TF exponential / staircase, piecewise constant, inverse time, polynomial, cosine, SGDR, PyTorch one-cycle,
 * Optax join, linear warmup). {@link dev.descent.schedule.Schedules} is the registry that builds them from
 * strings for the command line and config files, and lists them for help text. {@link dev.descent.schedule.Epochs}
 * converts epochs to steps.
 *
 * <p>Invariants: every schedule is validated when built and never checks anything when evaluated; schedules hold
 * no mutable state; {@code toString()} prints every parameter in the spec syntax {@code Schedules.parse} reads
 * back; each later part of a composed schedule (warmup, join) counts its own steps from 0. Where a schedule
 * follows TensorFlow, PyTorch or Optax the javadoc names it and states which side a boundary step falls on; the
 * tests hold them against PyTorch trajectories in {@code golden/schedules/}.
 */
package dev.descent.schedule;
