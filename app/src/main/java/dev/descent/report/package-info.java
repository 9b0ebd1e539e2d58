/**
 * Reports: summary.json, plots and a self-contained report.html, computed from run results only (which
 * {@code descent report DIR} reads back from metrics.csv), never by training.
 */
package dev.descent.report;
