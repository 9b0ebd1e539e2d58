/**
 * Reports: summary.json, plots and a self-contained report.html, computed from run results only (which
 * {@code descent report DIR} reads back from metrics.csv), never by training. The summary is a
 * {@link dev.descent.study.StudySummary} record, written with {@link dev.descent.io.Json}; the statistics
 * come from {@code dev.descent.stats}. report.html stays one file that opens offline: {@link dev.descent.report.Interactive}
 * inlines the dashboard's charts (uPlot and {@code dev/descent/serve/charts.js}, the charts' one home) with the data as
 * JSON, under the page's own Content-Security-Policy; the static PNG figures stay for print and for readers without
 * JavaScript.
 */
package dev.descent.report;
