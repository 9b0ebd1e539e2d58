package dev.descent.study;

import dev.descent.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A study's results folder. {@code study.yaml} (the resolved study) is written first; each finished run
 * goes to {@code runs/NAME__seedS.csv}; after every run {@code metrics.csv} is rebuilt from the run files in
 * the study's order. Every write is atomic (temp file + rename), so a study killed at any moment leaves a
 * consistent folder: finished runs complete, the interrupted one absent, to be redone by a resume.
 */
public final class ResultsFolder {
    public static final String STUDY = "study.yaml", METRICS = "metrics.csv", RUNS = "runs";

    private final Path dir;
    private final StudySpec spec;

    private ResultsFolder(Path dir, StudySpec spec) {
        this.dir = dir;
        this.spec = spec;
    }

    /** A new results folder for {@code spec}; refuses one that already holds a study. */
    public static ResultsFolder create(Path dir, StudySpec spec) throws IOException {
        if (Files.exists(dir.resolve(STUDY))) {
            throw new IllegalArgumentException(dir + " already holds a study: resume it with --resume " + dir + " or choose another --out folder");
        }
        Files.createDirectories(dir.resolve(RUNS));
        AtomicFiles.write(dir.resolve(STUDY), StudyFile.write(spec));
        return new ResultsFolder(dir, spec);
    }

    /** An existing results folder, to resume: its study is read from {@code study.yaml}. */
    public static ResultsFolder open(Path dir) throws IOException {
        Path file = dir.resolve(STUDY);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " is not a study results folder (no " + STUDY + ")");
        }
        Files.createDirectories(dir.resolve(RUNS));
        return new ResultsFolder(dir, StudyFile.read(file));
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
                    out.addAll(MetricsCsv.read(f));
                }
            }
        }
        return out;
    }
}
