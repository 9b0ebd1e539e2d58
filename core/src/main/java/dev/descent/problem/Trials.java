package dev.descent.problem;

import dev.descent.optim.Optimizer;
import dev.descent.schedule.Schedule;
import dev.descent.train.Checkpoint;
import dev.descent.train.Evaluation;
import dev.descent.train.StepRecord;
import dev.descent.train.TrainConfig;
import dev.descent.train.TrainListener;
import dev.descent.train.TrainResult;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** What every workbench does around its {@code Trainer.train} call: optimizer and schedule, records, CPU time, outcome. */
final class Trials {
    private Trials() {
    }

    /** Runs {@code loop} and turns its result into a {@link TrialOutcome}. */
    interface Loop {
        TrainResult train(Optimizer optimizer, Schedule schedule, TrainConfig config, TrainListener listener);
    }

    /**
     * The loop's settings of a trial of {@code problem}: the request's steps, seed and divergence rule, the problem's
     * batch and evaluation interval, validation always and the whole test set at the end only if asked.
     */
    static TrainConfig config(Problem problem, TrialRequest request) {
        return request.trainConfig(problem);
    }

    /**
     * @param stepsPerEpoch what the schedule is built with, as studies do: {@code max(1, train count / batch)}
     * @param params        the parameters after the loop, for the end checkpoint
     * @param workers       the backend's worker threads, whose CPU time counts with the calling thread's
     */
    static TrialOutcome run(Problem problem, TrialRequest request, long stepsPerEpoch, Loop loop, Supplier<float[]> params,
                            long[] workers, TrainListener listener) {
        Optimizer optimizer = request.optimization().newOptimizer();
        Schedule schedule = request.optimization().newSchedule(stepsPerEpoch);
        List<StepRecord> steps = new ArrayList<>((int) Math.min(request.steps(), 1 << 20));
        List<Evaluation> validations = new ArrayList<>();
        TrainListener recorder = new TrainListener() {
            @Override
            public void onStep(StepRecord r) {
                steps.add(r);
                listener.onStep(r);
            }

            @Override
            public void onValidation(Evaluation e) {
                validations.add(e);
                listener.onValidation(e);
            }

            @Override
            public void onEvaluation(Evaluation e) {
                listener.onEvaluation(e);
            }
        };
        double cpu0 = CpuTime.seconds(workers);
        TrainResult r = loop.train(optimizer, schedule, config(problem, request), recorder);
        double cpu = CpuTime.seconds(workers) - cpu0;
        Checkpoint end = request.keepCheckpoint() && !r.diverged() ? Checkpoint.of(r, params.get(), optimizer) : null;
        return new TrialOutcome(steps, validations, r.evaluation(), r.divergence(), r.trainSeconds(), cpu, end);
    }
}
