package dev.descent.sweep;

import dev.descent.problem.Problem;
import dev.descent.search.Metric;
import dev.descent.search.SuccessiveHalving;
import dev.descent.problem.TrialRequest;
import dev.descent.spec.Spec;
import dev.descent.study.RunFingerprint;
import dev.descent.train.Optimization;
import dev.descent.train.TrainConfig;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a sweep will run, decided before anything runs: per problem × optimizer (a {@link Group}, problems outer),
 * the sampler's trial points ({@code tuning.sampler().sample(optimizer.search())}), trial ids 0, 1, … in sampling
 * order, and the rungs — successive halving's ({@link SuccessiveHalving#rungs()}) with early stopping, else one
 * rung at the problem's full budget. Every tuning trial runs with {@link Tuning#tuningSeed()}. Which trials enter
 * rung {@code k > 0} depends on rung {@code k − 1}'s results ({@link #promote}); which configuration is re-run
 * depends on all of them ({@link SweepRunner}); everything else is here.
 *
 * <pre>{@code
 * SweepPlan plan = SweepPlan.of(spec);
 * Group g = plan.groups().get(0);          // first problem, first optimizer
 * g.rungs();                               // e.g. [Rung[0, steps=13, trials=3], Rung[1, steps=40, trials=1]]
 * SweepTask first = plan.trial(g, 0, 0);   // trial 0 at rung 0: 13 steps from fresh weights
 * }</pre>
 *
 * <p>A trial at rung {@code k > 0} continues, bit for bit, from the end state of the same trial at rung
 * {@code k − 1} ({@link SweepTask#fromStep()} is that rung's budget); its fingerprint holds the previous rung's, so a
 * changed earlier rung invalidates the later ones.
 */
public final class SweepPlan {

    /**
     * One problem × optimizer: its trial points, in order, and its rungs.
     *
     * @param halving successive halving over the points, or {@code null} without early stopping
     */
    public record Group(int index, Problem problem, SweepOptimizer optimizer, List<Spec> points,
                        List<SuccessiveHalving.Rung> rungs, SuccessiveHalving halving) {
        public Group {
            points = List.copyOf(points);
            rungs = List.copyOf(rungs);
        }

        public int lastRung() {
            return rungs.size() - 1;
        }

        /** {@code mnist-mlp adam}. */
        public String label() {
            return problem.name() + " " + optimizer.name();
        }
    }

    private final SweepSpec spec;
    private final List<Group> groups;

    private SweepPlan(SweepSpec spec, List<Group> groups) {
        this.spec = spec;
        this.groups = List.copyOf(groups);
    }

    /**
     * The plan of {@code spec}.
     *
     * @throws IllegalArgumentException when a problem's budget is below early stopping's smallest rung, or when two
     *                                  units would share file names
     */
    public static SweepPlan of(SweepSpec spec) {
        List<Group> groups = new ArrayList<>();
        Tuning tuning = spec.tuning();
        for (Problem p : spec.problems()) {
            for (SweepOptimizer o : spec.optimizers()) {
                List<Spec> points = tuning.sampler().sample(o.search());
                SuccessiveHalving sh = null;
                List<SuccessiveHalving.Rung> rungs;
                if (tuning.earlyStopping() == null) {
                    rungs = List.of(new SuccessiveHalving.Rung(0, p.steps(), points.size()));
                } else {
                    long min = tuning.earlyStopping().minSteps();
                    if (min > p.steps()) {
                        throw new IllegalArgumentException("early_stopping min_steps " + min + " is more than problem " + p.name()
                                + "'s budget of " + p.steps() + " steps: lower min_steps to at most " + p.steps() + " or raise the problem's steps");
                    }
                    sh = new SuccessiveHalving(points.size(), tuning.earlyStopping().eta(), min, p.steps());
                    rungs = sh.rungs();
                }
                groups.add(new Group(groups.size(), p, o, points, rungs, sh));
            }
        }
        SweepPlan plan = new SweepPlan(spec, groups);
        plan.checkStems();
        return plan;
    }

    /** Names that make files must not collide (an optimizer named {@code a__t1} could mimic another's trial). */
    private void checkStems() {
        Set<String> seen = new HashSet<>();
        for (Group g : groups) {
            for (SweepTask t : possibleUnits(g)) {
                if (!seen.add(t.stem())) {
                    throw new IllegalArgumentException("two units of sweep " + spec.name() + " would share the files " + t.stem()
                            + ": rename the optimizer " + g.optimizer().name() + " (no '__' in names)");
                }
            }
        }
    }

    public SweepSpec spec() {
        return spec;
    }

    /** Problems outer, optimizers inner, in the spec's order. */
    public List<Group> groups() {
        return groups;
    }

    /** Trial {@code trial} of {@code g} at {@code rung}: continues the previous rung's end state when {@code rung > 0}. */
    public SweepTask trial(Group g, int trial, int rung) {
        long from = rung == 0 ? 0 : g.rungs().get(rung - 1).steps();
        return new SweepTask(SweepTask.Kind.TRIAL, g.problem().name(), g.optimizer().name(), trial, rung, g.points().get(trial),
                spec.tuning().tuningSeed(), from, g.rungs().get(rung).steps(), false, rung < g.lastRung());
    }

    /** Rung 0's trials: every point. */
    public List<SweepTask> firstRung(Group g) {
        List<SweepTask> out = new ArrayList<>();
        for (int t = 0; t < g.points().size(); t++) {
            out.add(trial(g, t, 0));
        }
        return out;
    }

    /**
     * The trials of {@code g} that go on from {@code rung}, in trial order: successive halving's best {@code ⌊m/η⌋}
     * ({@link SuccessiveHalving#promote}; a NaN metric, a diverged trial, never goes on); none from the last rung.
     *
     * @param metricByTrial the selection metric of every trial that ran {@code rung}
     */
    public List<Integer> promote(Group g, int rung, Map<Integer, Double> metricByTrial) {
        if (rung >= g.lastRung()) {
            return List.of();
        }
        return g.halving().promote(rung, metricByTrial, rankedBy(g).goal()).stream().sorted().toList();
    }

    /** What trials of {@code g} are judged by ({@link SweepSummary#rankedBy}: the tuning metric's kind, or the loss without accuracy). */
    public Metric.Kind rankedBy(Group g) {
        return SweepSummary.rankedBy(g.problem(), spec.tuning().metric());
    }

    /** The re-runs of the configuration {@code chosen} of {@code g}: every seed of {@link Tuning#seeds()}, full budget, test at the end. */
    public List<SweepTask> reruns(Group g, Spec chosen) {
        return spec.tuning().seeds().stream().map(seed -> new SweepTask(SweepTask.Kind.RERUN, g.problem().name(), g.optimizer().name(),
                -1, -1, chosen, seed, 0, g.problem().steps(), true, false)).toList();
    }

    /** The untuned run of {@code g}: the optimizer at the common learning rate, tuning seed, full budget; none without {@code common_lr}. */
    public Optional<SweepTask> untuned(Group g) {
        if (!spec.tuning().hasCommonLr()) {
            return Optional.empty();
        }
        return Optional.of(new SweepTask(SweepTask.Kind.UNTUNED, g.problem().name(), g.optimizer().name(), -1, -1,
                Spec.of("point", Map.of("lr", spec.tuning().commonLr())), spec.tuning().tuningSeed(), 0, g.problem().steps(), true, false));
    }

    /** The group a unit belongs to. */
    public Group group(SweepTask t) {
        return group(t.problem(), t.optimizer());
    }

    /** The group of {@code problem} × {@code optimizer}. */
    public Group group(String problem, String optimizer) {
        for (Group g : groups) {
            if (g.problem().name().equals(problem) && g.optimizer().name().equals(optimizer)) {
                return g;
            }
        }
        throw new IllegalArgumentException("no group " + problem + " " + optimizer + " in sweep " + spec.name());
    }

    /**
     * Every unit {@code g} could run, whatever the promotions: each trial at each rung, a re-run per seed (of the
     * base point: the file names do not depend on the point), the untuned run. What a results folder may hold.
     */
    List<SweepTask> possibleUnits(Group g) {
        List<SweepTask> out = new ArrayList<>();
        for (int k = 0; k <= g.lastRung(); k++) {
            for (int t = 0; t < g.points().size(); t++) {
                out.add(trial(g, t, k));
            }
        }
        out.addAll(reruns(g, Spec.of("point")));
        untuned(g).ifPresent(out::add);
        return out;
    }

    /**
     * Units at most: every rung full, a re-run per seed and an untuned run per group (a rung holds fewer when
     * trials diverge, and a group whose trials all diverge has no re-runs).
     */
    public int plannedUnits() {
        int n = 0;
        for (Group g : groups) {
            n += g.rungs().stream().mapToInt(SuccessiveHalving.Rung::trials).sum() + spec.tuning().seeds().size()
                    + (spec.tuning().hasCommonLr() ? 1 : 0);
        }
        return n;
    }

    /** Training steps of {@link #plannedUnits()}: what the ETA is counted in. */
    public long plannedSteps() {
        long n = 0;
        for (Group g : groups) {
            long before = 0;
            for (SuccessiveHalving.Rung r : g.rungs()) {
                n += r.trials() * (r.steps() - before);
                before = r.steps();
            }
            n += (spec.tuning().seeds().size() + (spec.tuning().hasCommonLr() ? 1 : 0)) * g.problem().steps();
        }
        return n;
    }

    /** How {@code t} optimizes: its optimizer's base configuration with the point's values ({@link SweepOptimizer#at}). */
    public Optimization optimization(SweepTask t) {
        return spec.optimizer(t.optimizer()).at(t.point()).optimization();
    }

    /**
     * Everything that sets the numbers of {@code t}: {@link RunFingerprint#of}'s pairs (optimizer, lr, schedule, model,
     * data, steps, batch, seed, evaluations and the sets evaluated, divergence), then the validation rule and the kind,
     * and for a tuning trial what decides which trials it competes with and where it starts: the
     * sampler, the space, the rungs, the selection metric, and from rung 1 on the start step and the fingerprint of
     * the rung it continues.
     *
     * @param data the problem's data as the workbench sees it (train and test; the validation rule is a pair)
     */
    public RunFingerprint fingerprint(SweepTask t, RunFingerprint.Data data) {
        Group g = group(t);
        Problem p = g.problem();
        long perEpoch = Math.max(1, data.trainExamples() / p.batch());
        // the loop's settings exactly as the workbench makes them (TrialRequest.trainConfig: their one home)
        TrainConfig train = new TrialRequest(optimization(t), t.seed(), t.steps(), spec.divergence(), t.test(), null, false).trainConfig(p);
        Map<String, String> c = new LinkedHashMap<>(RunFingerprint.of(optimization(t), perEpoch, p.model(), data, train).config());
        c.put("validation", p.validation().toString());
        c.put("kind", t.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (t.kind() == SweepTask.Kind.TRIAL) {
            c.put("sampler", spec.tuning().sampler().toString());
            c.put("space", g.optimizer().search().toString());
            c.put("rungs", g.rungs().stream().map(r -> r.steps() + "x" + r.trials()).collect(Collectors.joining(",")));
            c.put("metric", spec.tuning().metric().toString());
            c.put("trial", String.valueOf(t.trial()));
            c.put("rung", String.valueOf(t.rung()));
            if (t.rung() > 0) {
                c.put("from_step", String.valueOf(t.fromStep()));
                c.put("continues", fingerprint(trial(g, t.trial(), t.rung() - 1), data).digest());
            }
        }
        return new RunFingerprint(c);
    }
}
