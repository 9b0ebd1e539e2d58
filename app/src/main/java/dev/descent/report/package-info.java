/**
 * Reports: summary.json, plots and a self-contained report.html, computed from run results only (which
 * {@code descent report DIR} reads back from metrics.csv), never by training. The summary is a
 * {@link dev.descent.study.StudySummary} record, written with {@link dev.descent.io.Json}; the statistics
 * come from {@code dev.descent.stats}.
 */
package dev.descent.report;
