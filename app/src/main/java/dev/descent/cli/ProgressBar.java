package dev.descent.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line terminal progress bar: label, bar, count/total, a caller-supplied status (e.g. the running
 * loss) and the ETA. On a terminal it redraws in place at most ten times a second; otherwise (logs, CI)
 * it prints a plain line at every tenth of the way, so logs stay short.
 */
public final class ProgressBar {
    private static final int WIDTH = 24;
    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean interactive;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastDecile = -1;

    public ProgressBar(PrintStream out, String label, long total, boolean interactive) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.interactive = interactive;
    }

    /** Interactive when a console is attached and the output is not redirected. */
    public static boolean consoleAttached() {
        return System.console() != null && System.console().isTerminal();
    }

    public void update(long done, String status) {
        long now = System.nanoTime();
        if (interactive) {
            if (done < total && now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            out.print("\r" + line(done, status, now) + "\u001b[K");
            if (done >= total) {
                out.println();
            }
            out.flush();
        } else {
            int decile = (int) (done * 10 / total);
            if (decile != lastDecile) {
                lastDecile = decile;
                out.println(line(done, status, now));
            }
        }
    }

    private String line(long done, String status, long now) {
        double elapsed = (now - start) / 1e9;
        int filled = (int) (WIDTH * done / total);
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        String eta = done > 0 && done < total ? " ETA " + duration(elapsed * (total - done) / done) : " " + duration(elapsed);
        return String.format(Locale.ROOT, "%s [%s] %d/%d %s%s", label, bar, done, total, status, eta);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
