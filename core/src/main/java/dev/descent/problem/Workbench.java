package dev.descent.problem;

import dev.descent.data.Dataset;
import dev.descent.train.TrainListener;

/**
 * One worker's means of running trials of one problem: its own network (or quadratic) and kernel backend with
 * {@code threads} threads; the data is shared read-only between workers. Same request, same bits, whatever the
 * thread count and whichever worker runs it.
 *
 * <pre>{@code
 * Dataset.Split data = datasets.load("mnist", dir, log, progress).holdOut(problem.validation());
 * try (Workbench w = Workbench.open(problem, data, 1)) {
 *     TrialOutcome o = w.run(new TrialRequest(optimization, 1, 37, Divergence.DEFAULT, false, null, true), TrainListener.NONE);
 *     TrialOutcome more = w.run(new TrialRequest(optimization, 1, 111, Divergence.DEFAULT, false, o.checkpoint(), true), TrainListener.NONE);
 * }
 * }</pre>
 */
public interface Workbench extends AutoCloseable {

    /**
     * A workbench for {@code problem}: for a dataset problem its own {@link dev.descent.kernel.Backend#fast} backend
     * on {@code threads} threads and its {@link dev.descent.model.Models} network (capacity: the problem's batch); for
     * {@code quadratic-deep} a {@link QuadraticDeep}, which needs one thread whatever {@code threads} says. A fresh
     * trial initializes the network from its seed; the schedule is built with {@code max(1, training examples / batch)}
     * steps per epoch, as studies do. Close it to stop the backend's threads.
     *
     * @param data the problem's dataset with its validation split applied ({@link Problem#validation()}), or
     *             {@code null} for a synthetic problem
     * @throws IllegalArgumentException a dataset problem whose data has no validation set, {@code threads < 1}, or a
     *                                  batch larger than the training set
     */
    static Workbench open(Problem problem, Dataset.Split data, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        return problem.synthetic() ? new QuadraticDeep(problem) : new NetworkWorkbench(problem, data, threads);
    }

    /** Runs one trial; the listener sees every step and every validation evaluation as it happens. */
    TrialOutcome run(TrialRequest request, TrainListener listener);

    @Override
    void close();
}
