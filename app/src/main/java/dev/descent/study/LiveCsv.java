package dev.descent.study;

import dev.descent.io.AtomicFiles;
import dev.descent.train.Evaluation;
import dev.descent.train.StepRecord;
import dev.descent.train.TrainListener;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The rows of a run (or sweep unit) still training, in {@code DIR/live/STEM.csv}: the same header and rows as the
 * finished file it becomes ({@code runs/STEM.csv}, {@code trials/STEM.csv}, ...), so a reader such as
 * {@code descent serve} can follow the run as it goes and switch to the finished file without a seam. The file
 * appears whole (header, and the rows of the rung a unit continues, written atomically), then grows by whole lines
 * only; it is deleted when the run's finished file is written ({@link #close}), and a resume removes those a killed
 * process left ({@link #removeStale}).
 *
 * <p>It must not slow training. A step only copies its numbers into preallocated arrays (no allocation, no I/O); the
 * rows are formatted and appended when a step begins, at most every {@value #FLUSH_MILLIS} ms or when {@value #CAPACITY}
 * rows wait: then the previous step's evaluation, which the trainer reports after that step, is in its row. The last
 * rows are never written here: the finished file takes over. A live file that cannot be written is given up, never the run: the finished file is what
 * counts.
 *
 * <pre>{@code
 * try (LiveCsv live = LiveCsv.start(dir, "adam__seed1", RunResult.CSV_HEADER, format, LiveCsv.Columns.TEST, List.of())) {
 *     Trainer.train(net, data, optimizer, schedule, config, live);   // or forward onStep / onEvaluation to it
 *     ... write runs/adam__seed1.csv ...
 * }                                                                   // live/adam__seed1.csv is gone
 * }</pre>
 */
public final class LiveCsv implements TrainListener, AutoCloseable {
    /** The sub-folder of a results folder where running units' rows are appended. */
    public static final String DIR = "live";
    /** How often, at most, rows are appended to the file. */
    public static final long FLUSH_MILLIS = 250;
    /** How many rows may wait before they are appended regardless of the time. */
    public static final int CAPACITY = 1024;
    /** Guards creating and removing {@code live/} among the runs of this process (a sweep's workers). */
    private static final Object FOLDER = new Object();

    /** Formats one row with its newline: the finished file's own row format ({@link MetricsCsv#appendRow}, ...). */
    @FunctionalInterface
    public interface RowFormat {
        void append(StringBuilder b, long step, double loss, double lr, double gradNorm, double seconds, double evalLoss, double evalAccuracy);
    }

    /** Which evaluations fill a row's evaluation columns: a study's test probe, or a sweep's validation set. */
    public enum Columns {
        TEST, VALIDATION
    }

    private final Path file;
    private final RowFormat format;
    private final Columns columns;
    private final double secondsOffset;
    private final long[] step = new long[CAPACITY];
    private final double[] loss = new double[CAPACITY], lr = new double[CAPACITY], norm = new double[CAPACITY],
            seconds = new double[CAPACITY], evalLoss = new double[CAPACITY], evalAccuracy = new double[CAPACITY];
    private final StringBuilder text = new StringBuilder(1 << 16);
    private ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    private FileChannel channel;
    /** Rows waiting; the last one's evaluation may still come, until the next step begins. */
    private int count;
    private long lastFlush = System.nanoTime();

    private LiveCsv(Path file, RowFormat format, Columns columns, double secondsOffset, FileChannel channel) {
        this.file = file;
        this.format = format;
        this.columns = columns;
        this.secondsOffset = secondsOffset;
        this.channel = channel;
    }

    /**
     * Starts {@code resultsDir/live/STEM.csv} (replacing one a killed run left): {@code header}, then {@code before}
     * (the rows of the rung a sweep unit continues; empty for a run from step 0), written at once.
     *
     * @param before rows already finished; a step's seconds are counted from the last of them, as the finished file does
     */
    public static LiveCsv start(Path resultsDir, String stem, String header, RowFormat format, Columns columns, List<RunResult.Row> before) {
        Path file = resultsDir.resolve(DIR).resolve(stem + ".csv");
        StringBuilder head = new StringBuilder(header).append('\n');
        for (RunResult.Row r : before) {
            format.append(head, r.step(), r.loss(), r.lr(), r.gradNorm(), r.seconds(), r.testLoss(), r.testAccuracy());
        }
        double offset = before.isEmpty() ? 0 : before.get(before.size() - 1).seconds();
        FileChannel channel;
        try {
            synchronized (FOLDER) {
                Files.createDirectories(file.getParent());
                AtomicFiles.write(file, head.toString());
            }
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            channel = null; // no live view of this run; the run itself goes on
        }
        return new LiveCsv(file, format, columns, offset, channel);
    }

    /** Deletes the live files a killed process left in {@code resultsDir/live/} (called when a results folder is opened to resume). */
    public static void removeStale(Path resultsDir) throws IOException {
        Path d = resultsDir.resolve(DIR);
        if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        synchronized (FOLDER) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(d, "*.csv")) {
                for (Path f : s) {
                    Files.deleteIfExists(f);
                }
            }
            removeFolderIfEmpty(d);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void onStep(StepRecord r) {
        if (channel == null) {
            return;
        }
        // the step before this one is complete now (its evaluation came before this step began)
        if (count == CAPACITY || count > 0 && System.nanoTime() - lastFlush >= FLUSH_MILLIS * 1_000_000) {
            flush();
        }
        int i = count++;
        step[i] = r.step();
        loss[i] = r.loss();
        lr[i] = r.learningRate();
        norm[i] = r.gradNorm();
        seconds[i] = secondsOffset + r.seconds();
        evalLoss[i] = Double.NaN;
        evalAccuracy[i] = Double.NaN;
    }

    @Override
    public void onEvaluation(Evaluation e) {
        if (columns == Columns.TEST) {
            evaluation(e);
        }
    }

    @Override
    public void onValidation(Evaluation e) {
        if (columns == Columns.VALIDATION) {
            evaluation(e);
        }
    }

    private void evaluation(Evaluation e) {
        if (count > 0 && step[count - 1] == e.step()) {
            evalLoss[count - 1] = e.loss();
            evalAccuracy[count - 1] = e.accuracy();
        }
    }

    /** Appends every waiting row, in one write of whole lines. */
    private void flush() {
        text.setLength(0);
        for (int i = 0; i < count; i++) {
            format.append(text, step[i], loss[i], lr[i], norm[i], seconds[i], evalLoss[i], evalAccuracy[i]);
        }
        count = 0;
        lastFlush = System.nanoTime();
        try {
            write();
        } catch (IOException | RuntimeException e) {
            giveUp(); // a disk that is full or gone fails the finished file too, with a message; the live view just stops
        }
    }

    /** {@link #text} to the file: ASCII (numbers, and names descent checked) copied into a reused buffer. */
    private void write() throws IOException {
        int n = text.length();
        ByteBuffer b;
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = text.charAt(i) < 0x80;
        }
        if (ascii) {
            if (bytes.capacity() < n) {
                bytes = ByteBuffer.allocate(Math.max(n, 2 * bytes.capacity()));
            }
            bytes.clear();
            for (int i = 0; i < n; i++) {
                bytes.put((byte) text.charAt(i));
            }
            bytes.flip();
            b = bytes;
        } else {
            b = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private void giveUp() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a channel we no longer write to
        }
        channel = null;
    }

    /** Deletes the live file (the run's finished file is written, or the run failed) and {@code live/} once empty. */
    @Override
    public void close() {
        if (channel != null) {
            giveUp();
        }
        try {
            synchronized (FOLDER) {
                Files.deleteIfExists(file);
                removeFolderIfEmpty(file.getParent());
            }
        } catch (IOException ignored) {
            // a live file that cannot be deleted is removed by the next resume, and readers prefer the finished file
        }
    }

    private static void removeFolderIfEmpty(Path d) throws IOException {
        try {
            Files.deleteIfExists(d);
        } catch (DirectoryNotEmptyException others) {
            // another run of this process is still training
        }
    }
}
