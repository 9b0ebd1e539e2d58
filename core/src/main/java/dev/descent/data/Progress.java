package dev.descent.data;

import java.io.PrintStream;

/**
 * Progress of a download: called as bytes arrive, so a user interface can draw a bar.
 *
 * <pre>{@code
 * Progress bar = Progress.textBar(System.err);
 * bar.update("train-images-idx3-ubyte.gz", 4_000_000, 9_912_422);
 * }</pre>
 */
@FunctionalInterface
public interface Progress {

    /**
     * Reports that {@code done} of {@code total} bytes of {@code file} have arrived; {@code total} is
     * {@code -1} when the server did not say. Called at least once with {@code done == total} at the end
     * when the total is known.
     */
    void update(String file, long done, long total);

    /** Ignores all updates. */
    static Progress none() {
        return (file, done, total) -> {
        };
    }

    /**
     * A one-line text bar rewritten in place with {@code \r}, ending the line when the file is complete:
     * {@code train-images-idx3-ubyte.gz [#########           ]  45%  4.5/9.9 MB}.
     */
    static Progress textBar(PrintStream out) {
        return new Progress() {
            private int lastPercent = -1;
            private long lastMegabytes = -1;

            @Override
            public void update(String file, long done, long total) {
                // Redraw only when the visible text changes: downloads call this per network read.
                if (total > 0) {
                    int percent = (int) Math.min(100, done * 100 / total);
                    if (percent == lastPercent) {
                        return;
                    }
                    lastPercent = percent;
                    int filled = percent / 5;
                    out.printf("\r%s [%s%s] %3d%%  %.1f/%.1f MB", file, "#".repeat(filled), " ".repeat(20 - filled),
                            percent, done / 1e6, total / 1e6);
                    if (done >= total) {
                        out.println();
                        lastPercent = -1;
                    }
                } else {
                    long megabytes = done / 1_000_000;
                    if (megabytes == lastMegabytes) {
                        return;
                    }
                    lastMegabytes = megabytes;
                    out.printf("\r%s %.1f MB", file, done / 1e6);
                }
                out.flush();
            }
        };
    }
}
