/**
 * {@code descent serve}: a read-only dashboard over results folders. {@link dev.descent.serve.DashboardServer} answers
 * HTTP on the JDK's own {@code com.sun.net.httpserver} (no extra dependency; a virtual thread per request, so a
 * long-lived event stream costs next to nothing); {@link dev.descent.serve.ResultsIndex} finds the study, sweep and
 * landscape folders under the served roots; {@link dev.descent.serve.CsvTail} reads a growing CSV file's complete lines
 * only, so a half-written last line is never served; {@link dev.descent.serve.FolderSeries} turns a folder's per-run
 * CSV files into series and the differences since a {@link dev.descent.serve.Cursor}, which is also the event id a
 * reconnecting page sends back (Last-Event-ID) to catch up without gaps or duplicates.
 *
 * <p>Invariants: nothing here writes, moves or deletes a file; every path a request names is resolved by
 * {@link dev.descent.serve.SafePaths}, which answers only regular files inside a served root (after symlinks) and
 * never lists a directory. The page, its script and uPlot are served from the jar; the Content-Security-Policy
 * forbids loading anything from elsewhere.
 */
package dev.descent.serve;
