package dev.descent.sweep;

import dev.descent.spec.Spec;
import dev.descent.spec.Value;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One unit of a sweep's work, described by value: which run of which (problem, optimizer), at which point, seed and
 * budget, and whether it continues a checkpoint. Everything that runs it ({@link SweepWork#run}) is a function of
 * this description, the sweep spec, a workbench and the checkpoint it continues; the local thread pool
 * ({@link SweepRunner}) is one driver of such units, a cluster driver could be another.
 *
 * <pre>{@code
 * SweepTask t = plan.trial(group, 3, 1);   // trial 3 of the group at rung 1: continues rung 0's checkpoint
 * t.stem();                                // mnist-mlp__adam__t3__r1: its files in the results folder
 * SweepTask.parse(t.toSpec().toString()).equals(t);   // true: a task travels as text
 * }</pre>
 *
 * @param kind      a tuning trial at one rung, a re-run of the chosen configuration, or an untuned run (common lr)
 * @param trial     the trial's index in its group (sampling order), or -1 for a re-run or untuned run
 * @param rung      the rung (0 for a trial without early stopping), or -1 for a re-run or untuned run
 * @param point     the hyperparameters it sets, a {@code point(...)} spec
 * @param fromStep  the step it continues from (the previous rung's budget; 0: from fresh weights)
 * @param steps     the step it stops at
 * @param test      whether the test set is evaluated at the end (re-runs and untuned runs only: selection never sees it)
 * @param keepCheckpoint whether its end state is kept, for the next rung to continue
 */
public record SweepTask(Kind kind, String problem, String optimizer, int trial, int rung, Spec point, long seed,
                        long fromStep, long steps, boolean test, boolean keepCheckpoint) {

    /** What a unit is for. */
    public enum Kind {
        TRIAL, RERUN, UNTUNED
    }

    public SweepTask {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(point, "point");
        if ((kind == Kind.TRIAL) != (trial >= 0 && rung >= 0)) {
            throw new IllegalArgumentException("a trial has a trial index and a rung, a re-run neither, got " + kind + " " + trial + "/" + rung);
        }
        if (fromStep < 0 || fromStep >= steps) {
            throw new IllegalArgumentException("a unit runs from a step before its end, got " + fromStep + " to " + steps);
        }
        if (test && kind == Kind.TRIAL) {
            throw new IllegalArgumentException("a tuning trial never sees the test set");
        }
    }

    /** Its file names in the results folder, without extension: {@code PROBLEM__OPT__tT__rR}, {@code PROBLEM__OPT__seedS} or {@code PROBLEM__OPT__untuned}. */
    public String stem() {
        return switch (kind) {
            case TRIAL -> problem + "__" + optimizer + "__t" + trial + "__r" + rung;
            case RERUN -> problem + "__" + optimizer + "__seed" + seed;
            case UNTUNED -> problem + "__" + optimizer + "__untuned";
        };
    }

    /** For people: {@code mnist-mlp adam trial 3 rung 1}, {@code mnist-mlp adam re-run seed 2}. */
    public String label() {
        return switch (kind) {
            case TRIAL -> problem + " " + optimizer + " trial " + trial + " rung " + rung;
            case RERUN -> problem + " " + optimizer + " re-run seed " + seed;
            case UNTUNED -> problem + " " + optimizer + " untuned";
        };
    }

    /**
     * The task in the one spec syntax, for a driver that ships tasks elsewhere as text: {@code task(kind=trial,
     * problem="mnist-mlp", optimizer=adam, trial=3, rung=1, point=point(lr=0.01), seed=1, from_step=111, steps=333,
     * test=false, keep_checkpoint=true)}; {@link #parse} reads it back to an equal task.
     */
    public Spec toSpec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("problem", problem);
        m.put("optimizer", optimizer);
        m.put("trial", (long) trial);
        m.put("rung", (long) rung);
        m.put("point", point);
        m.put("seed", seed);
        m.put("from_step", fromStep);
        m.put("steps", steps);
        m.put("test", test);
        m.put("keep_checkpoint", keepCheckpoint);
        return Spec.of("task", m);
    }

    /** The task {@link #toSpec()} printed. */
    public static SweepTask parse(String text) {
        Spec s = Spec.parse(text, "task");
        if (!s.name().equals("task")) {
            throw new IllegalArgumentException("a sweep task is written task(kind=..., ...), got '" + s.name() + "'");
        }
        return new SweepTask(Kind.valueOf(word(s, "kind").toUpperCase(Locale.ROOT)), word(s, "problem"), word(s, "optimizer"),
                (int) whole(s, "trial"), (int) whole(s, "rung"), Spec.from("point", s.get("point")), whole(s, "seed"),
                whole(s, "from_step"), whole(s, "steps"), flag(s, "test"), flag(s, "keep_checkpoint"));
    }

    private static String word(Spec s, String key) {
        if (s.get(key) instanceof Value.Str(String v)) {
            return v;
        }
        throw new IllegalArgumentException("task: " + key + " must be a word, got " + s.get(key));
    }

    private static long whole(Spec s, String key) {
        if (s.get(key) instanceof Value.Num n && n.whole() != null) {
            return n.whole();
        }
        throw new IllegalArgumentException("task: " + key + " must be a whole number, got " + s.get(key));
    }

    private static boolean flag(Spec s, String key) {
        if (s.get(key) instanceof Value.Bool(boolean b)) {
            return b;
        }
        throw new IllegalArgumentException("task: " + key + " must be true or false, got " + s.get(key));
    }

    /** Steps this unit trains: its budget less where it starts. */
    public long work() {
        return steps - fromStep;
    }
}
