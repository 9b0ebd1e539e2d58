package dev.descent.study;

import dev.descent.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A study's results folder. {@code study.yaml} (the resolved study) is written first; each finished run
 * goes to {@code runs/NAME__seedS.csv}; after every run {@code metrics.csv} is rebuilt from the run files in
 * the study's order. Every write is atomic (temp file + rename), so a study killed at any moment leaves a
 * consistent folder: finished runs complete, the interrupted one absent, to be redone by a resume; the temp
 * files such a kill leaves are deleted when the folder is next opened. An open folder is locked
 * ({@link FolderLock}) until {@link #close()}, so two processes never train into one folder. descent writes
 * only into a new or empty folder, or one that holds a study of its own: it never overwrites files it did not write.
 */
public final class ResultsFolder implements AutoCloseable {
    public static final String STUDY = "study.yaml", METRICS = "metrics.csv", RUNS = "runs";

    private final Path dir;
    private final StudySpec spec;
    private final FolderLock lock;

    private ResultsFolder(Path dir, StudySpec spec, FolderLock lock) {
        this.dir = dir;
        this.spec = spec;
        this.lock = lock;
    }

    /**
     * A new results folder for {@code spec}, locked; refuses one that already holds a study, and any other folder
     * that is not empty (so no file descent did not write is ever replaced).
     */
    public static ResultsFolder create(Path dir, StudySpec spec) throws IOException {
        if (Files.exists(dir.resolve(STUDY))) {
            throw new IllegalArgumentException(dir + " already holds a study: resume it with --resume " + dir + " or choose another --out folder");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is a file, not a folder: choose another --out folder");
        }
        if (Files.isDirectory(dir) && !isEmpty(dir)) {
            throw new IllegalArgumentException(dir + " is not empty and holds no descent study (no " + STUDY
                    + "): descent writes only into a new or empty folder, so as never to replace files it did not write; choose another --out folder");
        }
        Files.createDirectories(dir.resolve(RUNS));
        FolderLock lock = FolderLock.acquire(dir);
        try {
            AtomicFiles.write(dir.resolve(STUDY), StudyFile.write(spec));
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        return new ResultsFolder(dir, spec, lock);
    }

    /** An existing results folder, to resume, locked: its study is read from {@code study.yaml}. */
    public static ResultsFolder open(Path dir) throws IOException {
        Path file = dir.resolve(STUDY);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " is not a study results folder (no " + STUDY + ")");
        }
        FolderLock lock = FolderLock.acquire(dir);
        try {
            StudySpec spec = StudyFile.read(file);
            AtomicFiles.removeLeftovers(dir);
            Files.createDirectories(dir.resolve(RUNS));
            return new ResultsFolder(dir, spec, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Locks an existing results folder to rewrite its report (after removing leftover temp files); refuses a
     * folder without {@code metrics.csv}, so nothing is ever written into a folder that is not a study's.
     */
    public static FolderLock lockForReport(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(METRICS))) {
            throw new IllegalArgumentException(dir + " has no " + METRICS + ": is it a study results folder?");
        }
        FolderLock lock = FolderLock.acquire(dir);
        AtomicFiles.removeLeftovers(dir);
        return lock;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Releases the folder's lock. */
    @Override
    public void close() throws IOException {
        lock.close();
    }

    public Path dir() {
        return dir;
    }

    public StudySpec spec() {
        return spec;
    }

    private Path runFile(String name, long seed) {
        return dir.resolve(RUNS).resolve(name + "__seed" + seed + ".csv");
    }

    public boolean has(String name, long seed) {
        return Files.isRegularFile(runFile(name, seed));
    }

    /** Writes one finished run, then rebuilds metrics.csv. */
    public void save(RunResult r) throws IOException {
        AtomicFiles.write(runFile(r.name(), r.seed()), MetricsCsv.format(List.of(r)));
        AtomicFiles.write(dir.resolve(METRICS), MetricsCsv.format(results()));
    }

    /** Every finished run, in the study's order (seed-major, then configuration). */
    public List<RunResult> results() throws IOException {
        List<RunResult> out = new ArrayList<>();
        for (long seed : spec.seeds()) {
            for (RunSpec run : spec.runs()) {
                Path f = runFile(run.name(), seed);
                if (Files.isRegularFile(f)) {
                    out.addAll(MetricsCsv.read(f, spec));
                }
            }
        }
        return out;
    }
}
