package dev.descent.sweep;

import dev.descent.problem.TrialOutcome;
import dev.descent.problem.TrialRequest;
import dev.descent.problem.Workbench;
import dev.descent.study.LiveCsv;
import dev.descent.study.RunResult;
import dev.descent.train.Checkpoint;
import dev.descent.train.Evaluation;
import dev.descent.train.StepRecord;
import dev.descent.train.TrainListener;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one unit of a sweep: a function of its description ({@link SweepTask}), the sweep spec, a workbench of its
 * problem and, for a promoted trial, the checkpoint it continues — nothing else (no files, no shared state), so any
 * driver can call it: the local thread pool ({@link SweepRunner}) or a cluster's executors.
 *
 * <pre>{@code
 * SweepWork.Done d = SweepWork.run(plan, task, workbench, previousRungEnd, TrainListener.NONE);
 * d.rows();      // this unit's steps, validation evaluations in the evaluation columns
 * d.outcome();   // the workbench's outcome: validations, test (re-runs), divergence, seconds, checkpoint
 * }</pre>
 */
public final class SweepWork {
    private SweepWork() {
    }

    /**
     * What a unit produced.
     *
     * @param rows        its steps (from {@code fromStep + 1}), each row's evaluation columns holding the validation
     *                    evaluation of that step (NaN where none); seconds count from the unit's start
     * @param wallSeconds the wall time of the whole unit, evaluations included
     */
    public record Done(SweepTask task, List<RunResult.Row> rows, TrialOutcome outcome, double wallSeconds) {
        public Done {
            rows = List.copyOf(rows);
        }

        /** What {@link #run} returns for {@code outcome}: a driver that ran the unit elsewhere rebuilds it from the outcome. */
        public static Done of(SweepTask task, TrialOutcome outcome, double wallSeconds) {
            return new Done(task, SweepWork.rows(task, outcome), outcome, wallSeconds);
        }
    }

    /**
     * Runs {@code task} on {@code bench} (a workbench of the task's problem).
     *
     * @param from     the end state of the previous rung when {@code task.fromStep() > 0}, else {@code null}
     * @param listener sees every step and validation evaluation as it happens (progress)
     */
    public static Done run(SweepPlan plan, SweepTask task, Workbench bench, Checkpoint from, TrainListener listener) {
        if ((from == null) != (task.fromStep() == 0) || from != null && from.step() != task.fromStep()) {
            throw new IllegalArgumentException(task.label() + " starts at step " + task.fromStep() + " but was given "
                    + (from == null ? "no checkpoint" : "a checkpoint at step " + from.step()));
        }
        TrialRequest request = new TrialRequest(plan.optimization(task), task.seed(), task.steps(), plan.spec().divergence(),
                task.test(), from, task.keepCheckpoint());
        long start = System.nanoTime();
        TrialOutcome outcome = bench.run(request, listener);
        double wall = (System.nanoTime() - start) / 1e9;
        return Done.of(task, outcome, wall);
    }

    /**
     * The live file of {@code task} in the results folder {@code dir} ({@code live/STEM.csv}, {@link LiveCsv}): the
     * rows of the rung it continues ({@code before}), then its steps as they run, each validation evaluation in the row
     * of its step: what {@link SweepFolder#save} will write, row for row. Pass it to {@link #run} as the listener,
     * and close it once the unit is saved.
     */
    public static LiveCsv live(Path dir, SweepTask task, List<RunResult.Row> before) {
        return LiveCsv.start(dir, task.stem(), SweepFolder.UNIT_HEADER, SweepFolder::appendRow, LiveCsv.Columns.VALIDATION, before);
    }

    /** The outcome's steps as rows, each validation evaluation in the row of its step. */
    static List<RunResult.Row> rows(SweepTask task, TrialOutcome outcome) {
        List<RunResult.Row> rows = new ArrayList<>(outcome.steps().size());
        for (StepRecord r : outcome.steps()) {
            rows.add(new RunResult.Row(r.step(), r.loss(), r.learningRate(), r.gradNorm(), r.seconds(), Double.NaN, Double.NaN));
        }
        for (Evaluation e : outcome.validations()) {
            int i = (int) (e.step() - task.fromStep()) - 1;
            if (i < 0) {
                continue; // an evaluation of the state it started from has no row of its own
            }
            if ( i >= rows.size() || rows.get(i).step() != e.step()) {
                throw new IllegalStateException(task.label() + ": a validation evaluation at step " + e.step() + " of no step it ran");
            }
            RunResult.Row row = rows.get(i);
            rows.set(i, new RunResult.Row(row.step(), row.loss(), row.lr(), row.gradNorm(), row.seconds(), e.loss(), e.accuracy()));
        }
        return rows;
    }
}
