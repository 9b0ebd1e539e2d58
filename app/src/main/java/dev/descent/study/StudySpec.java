package dev.descent.study;

import dev.descent.train.Divergence;

import java.util.List;
import java.util.Objects;

/**
 * A study: which dataset and model, how long (steps, or epochs turned into steps once the dataset size is
 * known), batch size, how often to evaluate on the test set, the seeds, and the optimizer configurations to
 * compare. Every configuration × seed is one run; all runs of a seed start from the same initial weights and
 * see the same minibatches and dropout masks.
 *
 * @param evalEvery      steps between test evaluations (the last step is always evaluated)
 * @param evalExamples   test examples per evaluation; 0 means the whole test set
 * @param lossThreshold  the training loss (smoothed) whose first crossing the report counts in steps
 * @param smoothing      EMA weight of the smoothed loss curve, in [0, 1): 0.9 averages ~10 steps
 * @param divergence     when a run has diverged (and stops): {@code divergence_factor}, {@link Divergence#DEFAULT} unless given
 */
public record StudySpec(String name, String description, String dataset, String model, long steps, double epochs,
                        int batch, long evalEvery, int evalExamples, List<Long> seeds, double lossThreshold,
                        double smoothing, List<RunSpec> runs, Divergence divergence) {

    /** With the default divergence rule. */
    public StudySpec(String name, String description, String dataset, String model, long steps, double epochs,
                     int batch, long evalEvery, int evalExamples, List<Long> seeds, double lossThreshold,
                     double smoothing, List<RunSpec> runs) {
        this(name, description, dataset, model, steps, epochs, batch, evalEvery, evalExamples, seeds, lossThreshold, smoothing, runs,
                Divergence.DEFAULT);
    }

    public StudySpec {
        RunSpec.checkName("study", name);
        Objects.requireNonNull(divergence, "divergence");
        description = description == null ? "" : description;
        seeds = List.copyOf(seeds);
        runs = List.copyOf(runs);
        if (!(epochs >= 0 && epochs < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("epochs must be a finite number > 0, got " + epochs);
        }
        if ((steps > 0) == (epochs > 0)) {
            throw new IllegalArgumentException("give exactly one of steps and epochs (steps=" + steps + ", epochs=" + epochs + ")");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        if (evalEvery < 1) {
            throw new IllegalArgumentException("eval_every must be >= 1, got " + evalEvery);
        }
        if (evalExamples < 0) {
            throw new IllegalArgumentException("eval_examples must be >= 0 (0: the whole test set), got " + evalExamples);
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("a study needs at least one seed");
        }
        if (seeds.stream().distinct().count() != seeds.size()) {
            throw new IllegalArgumentException("seeds must be distinct, got " + seeds);
        }
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a study needs at least one optimizer configuration");
        }
        if (runs.stream().map(RunSpec::name).distinct().count() != runs.size()) {
            throw new IllegalArgumentException("optimizer configuration names must be distinct, got "
                    + runs.stream().map(RunSpec::name).toList());
        }
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("smoothing must be in [0, 1), got " + smoothing);
        }
        if (!(lossThreshold > 0)) {
            throw new IllegalArgumentException("loss_threshold must be > 0, got " + lossThreshold);
        }
    }

    /** Steps of the run: {@code steps}, or {@code ceil(epochs · trainCount / batch)}. */
    public long resolvedSteps(int trainCount) {
        return steps > 0 ? steps : (long) Math.ceil(epochs * trainCount / batch);
    }

    public long stepsPerEpoch(int trainCount) {
        return Math.max(1, trainCount / batch);
    }

    public StudySpec withSteps(long s) {
        return new StudySpec(name, description, dataset, model, s, 0, batch, evalEvery, evalExamples, seeds, lossThreshold, smoothing, runs, divergence);
    }

    public StudySpec withEpochs(double e) {
        return new StudySpec(name, description, dataset, model, 0, e, batch, evalEvery, evalExamples, seeds, lossThreshold, smoothing, runs, divergence);
    }

    public StudySpec withSeeds(List<Long> s) {
        return new StudySpec(name, description, dataset, model, steps, epochs, batch, evalEvery, evalExamples, s, lossThreshold, smoothing, runs, divergence);
    }

    public StudySpec withDataset(String d) {
        return new StudySpec(name, description, d, model, steps, epochs, batch, evalEvery, evalExamples, seeds, lossThreshold, smoothing, runs, divergence);
    }

    public StudySpec withModel(String m) {
        return new StudySpec(name, description, dataset, m, steps, epochs, batch, evalEvery, evalExamples, seeds, lossThreshold, smoothing, runs, divergence);
    }

    public StudySpec withBatch(int b) {
        return new StudySpec(name, description, dataset, model, steps, epochs, b, evalEvery, evalExamples, seeds, lossThreshold, smoothing, runs, divergence);
    }

    public StudySpec withEvalEvery(long e) {
        return new StudySpec(name, description, dataset, model, steps, epochs, batch, e, evalExamples, seeds, lossThreshold, smoothing, runs, divergence);
    }

    public StudySpec withEvalExamples(int e) {
        return new StudySpec(name, description, dataset, model, steps, epochs, batch, evalEvery, e, seeds, lossThreshold, smoothing, runs, divergence);
    }

    public StudySpec withRuns(List<RunSpec> r) {
        return new StudySpec(name, description, dataset, model, steps, epochs, batch, evalEvery, evalExamples, seeds, lossThreshold, smoothing, r, divergence);
    }
}
