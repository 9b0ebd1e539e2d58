/**
 * Sweeps: tune every optimizer on every problem, re-run the chosen configurations over seeds, and say which
 * optimizer wins when each is at its best. {@code SweepFile} reads a sweep file into a {@link dev.descent.sweep.SweepSpec};
 * {@code SweepRunner} runs its trials (in parallel, crash-safe, resumable) into a results folder; the outcome is
 * {@link dev.descent.sweep.SweepResults} ({@link dev.descent.sweep.TrialRecord} per trial and rung,
 * {@link dev.descent.sweep.RerunRecord} per re-run), from which {@code SweepReport} writes {@code summary.json},
 * the plots and {@code report.html}. The search itself (spaces, samplers, successive halving, selection) is
 * {@link dev.descent.search}; the problems are {@link dev.descent.problem}.
 */
package dev.descent.sweep;
