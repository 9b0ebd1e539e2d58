package dev.descent.study;

import dev.descent.io.AtomicFiles;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A study's results folder. {@code study.yaml} (the resolved study) is written first; each finished run
 * goes to {@code runs/NAME__seedS.csv}, after its fingerprint ({@code runs/NAME__seedS.json}, {@link RunFingerprint}):
 * a resume keeps a finished run only if its fingerprint is the one the study asks for ({@link #reconcile}); after every run {@code metrics.csv} is rebuilt from the run files in
 * the study's order. Every write is atomic (temp file + rename), so a study killed at any moment leaves a
 * consistent folder: finished runs complete, the interrupted one absent, to be redone by a resume; the temp
 * files such a kill leaves are deleted when the folder is next opened, as are the rows of the run it was training
 * ({@code live/NAME__seedS.csv}, {@link LiveCsv}: a run's rows while it trains, deleted once its run file is written). An open folder is locked
 * ({@link FolderLock}) until {@link #close()}, so two processes never train into one folder. descent writes
 * only into a new or empty folder, or one that holds a study of its own: it never overwrites files it did not write.
 */
public final class ResultsFolder implements AutoCloseable {
    public static final String STUDY = "study.yaml", METRICS = "metrics.csv", RUNS = "runs", STALE = "stale";

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
        String studyText = readableText(spec);
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
            AtomicFiles.write(dir.resolve(STUDY), studyText);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        return new ResultsFolder(dir, spec, lock);
    }

    /**
     * The {@code study.yaml} text of {@code spec}, checked to read back to an equal spec: what descent writes it must
     * read back, or the resume it suggests could not work. Values are validated where they enter (study file, flags);
     * this guard catches what slips through, before any file is made.
     */
    static String readableText(StudySpec spec) {
        String text = StudyFile.write(spec);
        StudySpec back;
        try {
            back = StudyFile.parse(new StringReader(text), STUDY);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("descent would write a " + STUDY + " that it cannot read back (" + e.getMessage()
                    + "), so the study could not be resumed; nothing was written. This is a bug in descent: please report it with the study file and options");
        }
        if (!back.equals(spec)) {
            List<String> changed = new ArrayList<>();
            for (RecordComponent c : StudySpec.class.getRecordComponents()) {
                Object want = value(c, spec), got = value(c, back);
                if (!Objects.equals(want, got)) {
                    changed.add(c.getName() + " " + want + " would read back as " + got);
                }
            }
            throw new IllegalArgumentException("descent would write a " + STUDY + " that reads back as another study (" + String.join("; ", changed)
                    + "), so the study could not be resumed; nothing was written. This is a bug in descent: please report it with the study file and options");
        }
        return text;
    }

    private static Object value(RecordComponent c, StudySpec s) {
        try {
            return c.getAccessor().invoke(s);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
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
            LiveCsv.removeStale(dir);
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

    /** One run of a study, configuration × seed; its files are {@code runs/NAME__seedS.csv} and {@code .json}. */
    public record RunId(String name, long seed) {
        String stem() {
            return name + "__seed" + seed;
        }

        @Override
        public String toString() {
            return name + " seed " + seed;
        }
    }

    private Path runFile(String name, long seed) {
        return dir.resolve(RUNS).resolve(new RunId(name, seed).stem() + ".csv");
    }

    private Path fingerprintFile(RunId id) {
        return dir.resolve(RUNS).resolve(id.stem() + ".json");
    }

    /** Whether the run is finished: its CSV is there (written last). */
    public boolean has(String name, long seed) {
        return Files.isRegularFile(runFile(name, seed));
    }

    /**
     * Writes one finished run — its fingerprint first, then its CSV, whose presence marks the run finished — and
     * rebuilds metrics.csv.
     */
    public void save(RunResult r, RunFingerprint fingerprint) throws IOException {
        AtomicFiles.write(fingerprintFile(new RunId(r.name(), r.seed())), fingerprint.toJson());
        AtomicFiles.write(runFile(r.name(), r.seed()), MetricsCsv.format(List.of(r)));
        AtomicFiles.write(dir.resolve(METRICS), MetricsCsv.format(results()));
    }

    /**
     * Checks every run file in {@code runs/} against the fingerprints the study's runs must carry: a finished run
     * is kept only when it was saved with exactly the fingerprint {@code expected} gives it. A finished run with
     * another fingerprint or none (a folder of an older descent), and a run file of no run in {@code expected}, are
     * refused — or, with {@code setAside}, moved (never deleted) to {@code runs/stale/DATE-TIME/}, so the runs are
     * trained again; {@code metrics.csv} is then rebuilt without them.
     *
     * @return what was set aside and why, one line each (empty when every run file matched)
     * @throws IllegalArgumentException when {@code setAside} is false and a run file cannot be reused, saying what
     *                                  changed for each and how to retrain them
     */
    public List<String> reconcile(Map<RunId, RunFingerprint> expected, boolean setAside) throws IOException {
        Map<String, String> problems = new LinkedHashMap<>(); // file stem -> why, in the study's order, then unknown files
        Set<String> stems = new HashSet<>();
        for (Map.Entry<RunId, RunFingerprint> e : expected.entrySet()) {
            stems.add(e.getKey().stem());
            if (has(e.getKey().name(), e.getKey().seed())) {
                String why = mismatch(e.getKey(), e.getValue());
                if (why != null) {
                    problems.put(e.getKey().stem(), why);
                }
            }
            // a fingerprint without its CSV is a run killed before it finished: it is trained and overwritten
        }
        try (Stream<Path> entries = Files.list(dir.resolve(RUNS))) {
            for (Path f : entries.sorted().toList()) {
                String file = f.getFileName().toString();
                if (Files.isRegularFile(f) && !file.startsWith(".") && (file.endsWith(".csv") || file.endsWith(".json"))
                        && !stems.contains(file.substring(0, file.lastIndexOf('.')))) {
                    problems.putIfAbsent(file.substring(0, file.lastIndexOf('.')), RUNS + "/" + file + " belongs to no run of this study");
                }
            }
        }
        if (problems.isEmpty()) {
            return List.of();
        }
        if (!setAside) {
            List<String> shown = new ArrayList<>(problems.values());
            String more = shown.size() > 3 ? "; and " + (shown.size() - 3) + " more" : "";
            throw new IllegalArgumentException(dir + " holds " + (problems.size() == 1 ? "a run" : problems.size() + " runs")
                    + " that this study cannot reuse, since " + (problems.size() == 1 ? "its" : "their") + " numbers would not be this study's: "
                    + String.join("; ", shown.subList(0, Math.min(3, shown.size()))) + more
                    + ". To move " + (problems.size() == 1 ? "it" : "them") + " aside (into " + dir.resolve(RUNS).resolve(STALE)
                    + ", nothing is deleted) and train the study's runs again: descent study --resume " + dir + " --retrain-stale");
        }
        Path aside = staleFolder();
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, String> p : problems.entrySet()) {
            // the CSV first: without it the run is unfinished, whatever happens to its fingerprint next
            for (String ext : List.of(".csv", ".json")) {
                Path f = dir.resolve(RUNS).resolve(p.getKey() + ext);
                if (Files.isRegularFile(f)) {
                    Files.createDirectories(aside);
                    Files.move(f, aside.resolve(f.getFileName()));
                }
            }
            notes.add("set aside in " + aside + ": " + p.getValue());
        }
        AtomicFiles.write(dir.resolve(METRICS), MetricsCsv.format(results()));
        return notes;
    }

    /** Why the finished run {@code id} cannot be reused, or {@code null} if its fingerprint is {@code expected}. */
    private String mismatch(RunId id, RunFingerprint expected) throws IOException {
        Path file = fingerprintFile(id);
        if (!Files.isRegularFile(file)) {
            return id + " has no fingerprint (no " + RUNS + "/" + file.getFileName() + ": saved by a descent before fingerprints, or copied without it)";
        }
        RunFingerprint saved;
        try {
            saved = RunFingerprint.fromJson(Files.readString(file));
        } catch (IllegalArgumentException | java.nio.charset.MalformedInputException e) {
            return id + " has a fingerprint that cannot be trusted (" + RUNS + "/" + file.getFileName() + ": " + e.getMessage() + ")";
        }
        return saved.digest().equals(expected.digest()) ? null : id + " " + saved.changesTo(expected);
    }

    /** A new folder in {@code runs/stale/} for this set-aside, named by the time. */
    private Path staleFolder() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path aside = dir.resolve(RUNS).resolve(STALE).resolve(stamp);
        for (int i = 2; Files.exists(aside); i++) {
            aside = dir.resolve(RUNS).resolve(STALE).resolve(stamp + "-" + i);
        }
        return aside;
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
