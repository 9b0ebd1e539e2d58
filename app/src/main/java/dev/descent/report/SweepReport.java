package dev.descent.report;

import dev.descent.sweep.SweepResults;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** A sweep's {@code summary.json}, plots and {@code report.html}, drawn only from its results. (Being written.) */
public final class SweepReport {
    private SweepReport() {
    }

    /** Writes {@code summary.json}, {@code plots/} and {@code report.html} into {@code dir}; returns the report's path. */
    public static Path write(Path dir, SweepResults results) throws IOException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The terminal table: per problem and optimizer the chosen configuration and its re-run statistics. */
    public static void printTable(PrintStream out, SweepResults results) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
