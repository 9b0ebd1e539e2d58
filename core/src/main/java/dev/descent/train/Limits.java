package dev.descent.train;

import dev.descent.model.Network;

import java.util.Locale;

/**
 * The counts a run really supports, checked at the edges (command line, study files) before anything is
 * allocated or written, so that a huge value is one line of error and not an {@code OutOfMemoryError} minutes later.
 *
 * <ul>
 *   <li>{@link #MAX_STEPS}: every step's loss is kept in memory ({@code double[]}, int-indexed; a study keeps a
 *       row of seven numbers per step); 10⁸ steps are days of training of the smallest model.</li>
 *   <li>{@link #MAX_SEEDS}: each seed is one more run of every configuration.</li>
 *   <li>{@link #MAX_THREADS}: worker threads beyond the cores only add switching; 256 covers large machines.</li>
 *   <li>batch: at most the training set, and its activations must fit in the heap ({@link #batch}).</li>
 *   <li>{@link #MAX_PATH_STEPS}: every point of a landscape path is kept, drawn and written to paths.csv.</li>
 * </ul>
 *
 * <pre>{@code
 * long steps = Limits.count("--steps", value, 1, Limits.MAX_STEPS, Limits.STEPS_WHY);
 * }</pre>
 */
public final class Limits {
    public static final long MAX_STEPS = 100_000_000L;
    public static final String STEPS_WHY = "per-step records are kept in memory";
    public static final int MAX_SEEDS = 1000;
    public static final int MAX_THREADS = 256;
    public static final int MAX_PATH_STEPS = 1_000_000;
    /** Factor on the network's own floats for the kernels' scratch (packed and transposed blocks that grow with the batch). */
    private static final double SCRATCH_MARGIN = 1.5;

    private Limits() {
    }

    /** {@code value} if it is in [min, max]; else {@code "WHAT must be between MIN and MAX (WHY), got VALUE"}. */
    public static long count(String what, long value, long min, long max, String why) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max
                    + (why == null || why.isEmpty() ? "" : " (" + why + ")") + ", got " + value);
        }
        return value;
    }

    /** The worker thread count: {@code requested}, or all cores when null; refuses anything outside 1 to {@link #MAX_THREADS}. */
    public static int threads(String what, Integer requested) {
        if (requested == null) {
            return Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
        }
        return (int) count(what, requested, 1, MAX_THREADS, "this machine has " + Runtime.getRuntime().availableProcessors() + " cores");
    }

    /**
     * Refuses a batch larger than the training set, larger than the model's arrays can index, or whose activations
     * need more memory than the heap allows; the message names the limit and, for memory, how to raise it.
     */
    public static void batch(String what, int batch, int trainCount, String model, Network.Builder architecture) {
        count(what, batch, 1, trainCount, "the training set has " + trainCount + " examples");
        count(what, batch, 1, architecture.maxCapacity(), "the " + model + "'s largest layer array must fit in one Java array");
        long bytes = (long) (architecture.floatsPerExample() * 4.0 * SCRATCH_MARGIN * batch);
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap * 0.8) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s %d needs about %s for the %s's activations; this "
                            + "Java heap holds %s: use a smaller batch (about %d fits) or a larger heap (JAVA_TOOL_OPTIONS=-Xmx%dg)",
                    what, batch, size(bytes), model, size(heap), (long) (batch * heap * 0.8 / bytes), (bytes * 5 / 4 >> 30) + 1));
        }
    }

    /**
     * Refuses to keep {@code records} per-step records of {@code bytesEach} bytes in memory when they need more than
     * 80% of the heap; {@code what} says what they are, e.g. "4 configurations x 3 seeds x 100000 steps".
     */
    public static void memory(String what, long records, long bytesEach) {
        long heap = Runtime.getRuntime().maxMemory();
        double bytes = (double) records * bytesEach;
        if (bytes > heap * 0.8) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s = %d per-step records need about %s of memory; this "
                    + "Java heap holds %s: use fewer steps or seeds, or a larger heap (JAVA_TOOL_OPTIONS=-Xmx%dg)",
                    what, records, size((long) Math.min(bytes, Long.MAX_VALUE)), size(heap), (long) (bytes * 1.25 / (1L << 30)) + 1));
        }
    }

    private static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%d MB", bytes >> 20);
    }
}
