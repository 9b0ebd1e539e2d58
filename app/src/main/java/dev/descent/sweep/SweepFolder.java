package dev.descent.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.descent.io.AtomicFiles;
import dev.descent.io.Json;
import dev.descent.study.FolderLock;
import dev.descent.study.LiveCsv;
import dev.descent.study.ResultsFolder;
import dev.descent.study.RunFingerprint;
import dev.descent.study.RunResult;
import dev.descent.train.Checkpoint;
import dev.descent.train.Evaluation;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.HashSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A sweep's results folder. Layout:
 *
 * <pre>
 * DIR/sweep.yaml                          the sweep ({@link SweepFile#write}); a resume reads it back
 * DIR/trials/PROBLEM__OPT__tT__rR.json    one finished tuning trial at one rung: its fingerprint and outcome
 * DIR/trials/PROBLEM__OPT__tT__rR.csv     its per-step metrics from step 1 (earlier rungs' steps included);
 *                                         the evaluation columns hold the validation evaluations
 * DIR/reruns/PROBLEM__OPT__seedS.json/.csv  a re-run of the chosen configuration (validation and test at the end)
 * DIR/reruns/PROBLEM__OPT__untuned.json/.csv the untuned run at the common learning rate
 * DIR/checkpoints/PROBLEM__OPT__tT__rR.ckpt the end state of a trial at a rung below the last, until it is not needed
 * DIR/live/STEM.csv                       a unit's rows while it trains ({@code LiveCsv}), deleted once it is saved
 * DIR/trials.csv, DIR/reruns.csv          one row per trial and rung, and per re-run / untuned run, in plan order
 * DIR/summary.json, DIR/plots/, DIR/report.html  the report ({@code SweepReport})
 * </pre>
 *
 * <p>A unit is saved in this order, each file atomically ({@link AtomicFiles}): its checkpoint (if kept), its CSV, then its
 * JSON, whose presence marks it finished — a unit killed before its JSON is redone by a resume, and a resume keeps a
 * finished unit only if the fingerprint in its JSON is the one the sweep gives it now ({@link SweepPlan#fingerprint}).
 * A checkpoint is deleted once the trial's next rung is finished, or as soon as its rung is decided without it
 * (not promoted); at the end of a sweep {@code checkpoints/} is empty and removed.
 *
 * <p>An open folder is locked ({@link FolderLock}); descent creates a sweep only in a new or empty folder and resumes
 * only one holding {@code sweep.yaml}, so it never writes over files it did not write.
 *
 * <pre>{@code
 * try (SweepFolder out = SweepFolder.create(dir, spec)) {     // or SweepFolder.open(dir) to resume
 *     SweepResults r = runner.run(out);
 * }
 * }</pre>
 */
public final class SweepFolder implements AutoCloseable {
    public static final String SWEEP = "sweep.yaml", TRIALS_CSV = "trials.csv", RERUNS_CSV = "reruns.csv",
            TRIALS = "trials", RERUNS = "reruns", CHECKPOINTS = "checkpoints";
    /** The header of a unit's metrics file. */
    static final String UNIT_HEADER = "step,loss,lr,grad_norm,seconds,validation_loss,validation_accuracy";

    private final Path dir;
    private final SweepSpec spec;
    private final FolderLock lock;

    private SweepFolder(Path dir, SweepSpec spec, FolderLock lock) {
        this.dir = dir;
        this.spec = spec;
        this.lock = lock;
    }

    /**
     * A new results folder for {@code spec}, locked, {@code sweep.yaml} written; refuses a folder that holds a sweep
     * or a study, and any other that is not empty.
     */
    public static SweepFolder create(Path dir, SweepSpec spec) throws IOException {
        return create(dir, spec, readableText(spec));
    }

    /** {@link #create(Path, SweepSpec)} with {@code sweep.yaml}'s text given (tests build sweeps no file describes). */
    static SweepFolder create(Path dir, SweepSpec spec, String text) throws IOException {
        if (Files.exists(dir.resolve(SWEEP))) {
            throw new IllegalArgumentException(dir + " already holds a sweep: resume it with --resume " + dir + " or choose another --out folder");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is a file, not a folder: choose another --out folder");
        }
        if (Files.isDirectory(dir) && !isEmpty(dir)) {
            throw new IllegalArgumentException(dir + " is not empty and holds no descent sweep (no " + SWEEP
                    + "): descent writes only into a new or empty folder, so as never to replace files it did not write; choose another --out folder");
        }
        Files.createDirectories(dir);
        FolderLock lock = FolderLock.acquire(dir);
        try {
            AtomicFiles.write(dir.resolve(SWEEP), text);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        return new SweepFolder(dir, spec, lock);
    }

    /** An existing sweep folder, to resume, locked; its sweep is read from {@code sweep.yaml}; temp files of killed writes are removed. */
    public static SweepFolder open(Path dir) throws IOException {
        Path file = dir.resolve(SWEEP);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " is not a sweep results folder (no " + SWEEP + ")"
                    + (Files.isRegularFile(dir.resolve(ResultsFolder.STUDY)) ? ": it holds a study; resume it with descent study --resume " + dir : ""));
        }
        return open(dir, SweepFile.read(file));
    }

    /** {@link #open(Path)} with the sweep given instead of read from {@code sweep.yaml} (tests). */
    static SweepFolder open(Path dir, SweepSpec spec) throws IOException {
        FolderLock lock = FolderLock.acquire(dir);
        try {
            AtomicFiles.removeLeftovers(dir);
            LiveCsv.removeStale(dir);
            return new SweepFolder(dir, spec, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * {@code sweep.yaml}'s text, checked to read back to an equal sweep before any file is made: a folder whose sweep
     * could not be read back could not be resumed.
     */
    static String readableText(SweepSpec spec) throws IOException {
        String text = SweepFile.write(spec);
        Path probe = Files.createTempFile("descent-sweep-", ".yaml");
        try {
            Files.writeString(probe, text);
            SweepSpec back = SweepFile.read(probe);
            if (!back.equals(spec)) {
                throw new IllegalArgumentException("descent would write a " + SWEEP + " that reads back as another sweep, so the sweep could"
                        + " not be resumed; nothing was written. This is a bug in descent: please report it with the sweep file");
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("descent would write")) {
                throw e;
            }
            throw new IllegalArgumentException("descent would write a " + SWEEP + " that it cannot read back (" + e.getMessage()
                    + "), so the sweep could not be resumed; nothing was written. This is a bug in descent: please report it with the sweep file");
        } finally {
            Files.deleteIfExists(probe);
        }
        return text;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }

    public Path dir() {
        return dir;
    }

    public SweepSpec spec() {
        return spec;
    }

    // ---- units ------------------------------------------------------------------------------------------------

    /**
     * A finished unit as saved: what it was, and what came out.
     *
     * @param outcome as read back from its JSON (numbers to ten significant digits: everything downstream sees the
     *                same numbers whether the unit ran now or in an earlier process)
     */
    public record Stored(SweepTask task, Outcome outcome) {
    }

    /**
     * A unit's outcome, the {@code outcome} object of its JSON.
     *
     * @param steps        the last step it reached (its budget, or the step it diverged at)
     * @param divergedAt   the step it diverged at, or -1
     * @param divergence   the divergence message, or {@code null}
     * @param validations  every validation evaluation of the trial so far, earlier rungs' included
     * @param test         the test evaluation at the end (re-runs), or {@code null}
     * @param trainSeconds this unit's training seconds (evaluations excluded)
     * @param cpuSeconds   this unit's CPU seconds (its thread and its kernel workers)
     * @param wallSeconds  this unit's wall seconds, evaluations included
     */
    public record Outcome(long steps, long divergedAt, String divergence, List<Evaluation> validations, Evaluation test,
                          double trainSeconds, double cpuSeconds, double wallSeconds) {
        public Outcome {
            validations = List.copyOf(validations);
        }

        public boolean diverged() {
            return divergedAt >= 0;
        }

        /** The last validation evaluation, or {@code null}. */
        public Evaluation validation() {
            return validations.isEmpty() ? null : validations.get(validations.size() - 1);
        }
    }

    private Path unitDir(SweepTask t) {
        return dir.resolve(t.kind() == SweepTask.Kind.TRIAL ? TRIALS : RERUNS);
    }

    private Path json(SweepTask t) {
        return unitDir(t).resolve(t.stem() + ".json");
    }

    private Path csv(SweepTask t) {
        return unitDir(t).resolve(t.stem() + ".csv");
    }

    private Path checkpointFile(SweepTask t) {
        return dir.resolve(CHECKPOINTS).resolve(t.stem() + ".ckpt");
    }

    /**
     * Saves a finished unit — its checkpoint (if it kept one), its metrics CSV (after the rows of the rung it continues,
     * {@code before}), then its JSON — and returns it as read back.
     *
     * @param before the rows of the unit it continues (steps 1 to its start), empty for a unit from step 0
     * @param earlier the validation evaluations of the rung it continues, empty for a unit from step 0
     */
    public Stored save(SweepWork.Done done, RunFingerprint fingerprint, List<RunResult.Row> before, List<Evaluation> earlier) throws IOException {
        SweepTask t = done.task();
        var o = done.outcome();
        if (t.keepCheckpoint() && o.checkpoint() != null) {
            writeCheckpoint(checkpointFile(t), o.checkpoint());
        }
        List<RunResult.Row> rows = new ArrayList<>(before);
        double offset = before.isEmpty() ? 0 : before.get(before.size() - 1).seconds();
        for (RunResult.Row r : done.rows()) {
            rows.add(new RunResult.Row(r.step(), r.loss(), r.lr(), r.gradNorm(), offset + r.seconds(), r.testLoss(), r.testAccuracy()));
        }
        AtomicFiles.write(csv(t), formatRows(rows));
        List<Evaluation> validations = new ArrayList<>(earlier);
        validations.addAll(o.validations());
        long last = rows.isEmpty() ? t.fromStep() : rows.get(rows.size() - 1).step();
        Outcome outcome = new Outcome(last, o.diverged() ? o.divergence().step() : -1, o.diverged() ? o.divergence().message() : null,
                validations, o.test(), o.trainSeconds(), o.cpuSeconds(), done.wallSeconds());
        Map<String, Object> unit = new LinkedHashMap<>();
        unit.put("kind", t.kind().name().toLowerCase(java.util.Locale.ROOT));
        unit.put("problem", t.problem());
        unit.put("optimizer", t.optimizer());
        if (t.kind() == SweepTask.Kind.TRIAL) {
            unit.put("trial", t.trial());
            unit.put("rung", t.rung());
        }
        unit.put("point", t.point().toString());
        unit.put("seed", t.seed());
        unit.put("from_step", t.fromStep());
        unit.put("steps", t.steps());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", RunFingerprint.FORMAT);
        m.put("fingerprint", fingerprint.digest());
        m.put("config", new LinkedHashMap<>(fingerprint.config()));
        m.put("unit", unit);
        m.put("outcome", outcome);
        AtomicFiles.write(json(t), Json.pretty(m));
        return load(t, fingerprint).orElseThrow(() -> new IOException(json(t) + " vanished as it was written"));
    }

    /**
     * The finished unit {@code t}, if its JSON is there with the fingerprint {@code expected}; empty if it is not
     * finished.
     *
     * @throws IllegalArgumentException when it is finished with another fingerprint, or its JSON cannot be trusted
     */
    public Optional<Stored> load(SweepTask t, RunFingerprint expected) throws IOException {
        Path file = json(t);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String why = mismatch(t, expected);
        if (why != null) {
            throw refusal(List.of(why));
        }
        JsonNode outcome = Json.readTree(file).get("outcome");
        if (outcome == null) {
            throw refusal(List.of(t.label() + " has a record without its outcome (" + dir.relativize(file) + ")"));
        }
        return Optional.of(new Stored(t, Json.read(file, outcome, Outcome.class)));
    }

    /** Why the finished unit {@code t} cannot be reused, or {@code null} if it can (or is not finished). */
    private String mismatch(SweepTask t, RunFingerprint expected) throws IOException {
        Path file = json(t);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        RunFingerprint saved;
        try {
            saved = RunFingerprint.fromJson(Files.readString(file));
        } catch (IllegalArgumentException | java.nio.charset.MalformedInputException e) {
            return t.label() + " has a record that cannot be trusted (" + dir.relativize(file) + ": " + e.getMessage() + ")";
        }
        if (!Files.isRegularFile(csv(t))) {
            return t.label() + " has no metrics file " + dir.relativize(csv(t));
        }
        return saved.digest().equals(expected.digest()) ? null : t.label() + " " + saved.changesTo(expected).replace("the study", "the sweep");
    }

    /**
     * Checks every unit file against the plan before anything runs: a file of no possible unit, and a finished unit whose
     * fingerprint is not the one {@code fingerprints} gives it, are refused (re-runs, whose point is chosen later, are
     * checked when they come up, by {@link #load}).
     *
     * @param possible     every unit the plan could run ({@link SweepPlan#possibleUnits})
     * @param fingerprints the fingerprint of a unit; asked only for trials and untuned runs that are finished
     */
    void check(List<SweepTask> possible, Function<SweepTask, RunFingerprint> fingerprints) throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> known = new HashSet<>();
        for (SweepTask t : possible) {
            known.add(dir.relativize(json(t)).toString());
            known.add(dir.relativize(csv(t)).toString());
            if (t.kind() != SweepTask.Kind.RERUN && Files.isRegularFile(json(t))) {
                String why = mismatch(t, fingerprints.apply(t));
                if (why != null) {
                    problems.add(why);
                }
            }
        }
        Set<String> foreign = new TreeSet<>();
        for (String sub : List.of(TRIALS, RERUNS)) {
            Path d = dir.resolve(sub);
            if (Files.isDirectory(d)) {
                try (Stream<Path> entries = Files.list(d)) {
                    for (Path f : entries.toList()) {
                        String name = f.getFileName().toString();
                        if (!name.startsWith(".") && !known.contains(dir.relativize(f).toString())) {
                            foreign.add(dir.relativize(f.resolveSibling(name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name)) + ".*");
                        }
                    }
                }
            }
        }
        foreign.forEach(f -> problems.add(f + " belongs to no unit of this sweep"));
        if (!problems.isEmpty()) {
            throw refusal(problems);
        }
    }

    private IllegalArgumentException refusal(List<String> problems) {
        String more = problems.size() > 3 ? "; and " + (problems.size() - 3) + " more" : "";
        return new IllegalArgumentException(dir + " holds " + (problems.size() == 1 ? "a unit" : problems.size() + " units")
                + " that this sweep cannot reuse, since " + (problems.size() == 1 ? "its" : "their") + " numbers would not be this sweep's"
                + " (was " + dir.resolve(SWEEP) + " changed?): " + String.join("; ", problems.subList(0, Math.min(3, problems.size()))) + more
                + ". Put " + SWEEP + " back as it was to resume, or run the changed sweep into a new folder: descent sweep "
                + dir.resolve(SWEEP) + " --out NEW_DIR");
    }

    /** The metrics rows of a finished unit, from step 1. */
    public List<RunResult.Row> rows(SweepTask t) throws IOException {
        return parseRows(csv(t));
    }

    // ---- checkpoints ------------------------------------------------------------------------------------------

    /** The end state the finished trial unit {@code t} kept, for its next rung. */
    public Checkpoint checkpoint(SweepTask t) throws IOException {
        Path f = checkpointFile(t);
        if (!Files.isRegularFile(f)) {
            throw new IOException("the checkpoint " + f + " of " + t.label() + " is missing, so its next rung cannot continue it: delete "
                    + json(t) + " to run that rung again");
        }
        return readCheckpoint(f);
    }

    /** Deletes the checkpoint {@code t} kept, if any. */
    public void deleteCheckpoint(SweepTask t) throws IOException {
        Files.deleteIfExists(checkpointFile(t));
    }

    /** Removes {@code checkpoints/} once the sweep needs none: every trial is finished. */
    public void removeCheckpointFolder() throws IOException {
        Path d = dir.resolve(CHECKPOINTS);
        if (Files.isDirectory(d)) {
            try (Stream<Path> left = Files.list(d)) {
                for (Path f : left.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(d);
        }
    }

    private static void writeCheckpoint(Path file, Checkpoint c) throws IOException {
        AtomicFiles.write(file, c::write);
    }

    private static Checkpoint readCheckpoint(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return Checkpoint.read(in);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    // ---- tables -----------------------------------------------------------------------------------------------

    /** Rewrites {@code trials.csv} and {@code reruns.csv} (atomically) from the records so far, in plan order. */
    void writeTables(String trials, String reruns) throws IOException {
        AtomicFiles.write(dir.resolve(TRIALS_CSV), trials);
        AtomicFiles.write(dir.resolve(RERUNS_CSV), reruns);
    }

    // ---- a unit's metrics file --------------------------------------------------------------------------------

    static String formatRows(List<RunResult.Row> rows) {
        StringBuilder b = new StringBuilder(UNIT_HEADER).append('\n');
        for (RunResult.Row r : rows) {
            appendRow(b, r.step(), r.loss(), r.lr(), r.gradNorm(), r.seconds(), r.testLoss(), r.testAccuracy());
        }
        return b.toString();
    }

    /** One row of a unit's metrics file, with its newline: the unit's file and its live file ({@code LiveCsv}) alike. */
    static void appendRow(StringBuilder b, long step, double loss, double lr, double gradNorm, double seconds, double validationLoss,
                          double validationAccuracy) {
        b.append(step).append(',').append(loss).append(',').append(lr).append(',').append(gradNorm).append(',')
                .append(seconds).append(',').append(Double.isNaN(validationLoss) ? "" : Double.toString(validationLoss)).append(',')
                .append(Double.isNaN(validationAccuracy) ? "" : Double.toString(validationAccuracy)).append('\n');
    }

    /** Reads a unit's metrics file back; steps must run 1, 2, 3, … */
    static List<RunResult.Row> parseRows(Path file) throws IOException {
        List<RunResult.Row> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.strip().equals(UNIT_HEADER)) {
                throw new IllegalArgumentException(file + ": expected the header '" + UNIT_HEADER + "', found '" + header + "'");
            }
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                String where = file + " line " + lineNo + ": ";
                if (f.length != 7) {
                    throw new IllegalArgumentException(where + "expected 7 columns, found " + f.length);
                }
                try {
                    long step = Long.parseLong(f[0].strip());
                    if (step != rows.size() + 1) {
                        throw new IllegalArgumentException(where + "expected step " + (rows.size() + 1) + ", found " + step);
                    }
                    rows.add(new RunResult.Row(step, Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                            Double.parseDouble(f[4]), f[5].isBlank() ? Double.NaN : Double.parseDouble(f[5]),
                            f[6].isBlank() ? Double.NaN : Double.parseDouble(f[6])));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + "not a number: " + e.getMessage());
                }
            }
        }
        return rows;
    }
}
