package dev.descent.problem;

import dev.descent.data.Dataset;
import dev.descent.kernel.Backend;
import dev.descent.layer.Shape;
import dev.descent.model.Models;
import dev.descent.model.Network;
import dev.descent.train.TrainListener;
import dev.descent.train.Trainer;

import java.util.Objects;

/**
 * The workbench of a dataset-and-model problem: its own {@link Backend#fast} backend and {@link Models} network
 * (capacity: the problem's batch), the data shared read-only. A fresh trial initializes the weights from its seed;
 * a continued one takes them from its checkpoint.
 */
final class NetworkWorkbench implements Workbench {
    private final Problem problem;
    private final Dataset.Split data;
    private final Backend backend;
    private final Network net;
    private final long stepsPerEpoch;

    NetworkWorkbench(Problem problem, Dataset.Split data, int threads) {
        Objects.requireNonNull(data, () -> problem.name() + " trains on dataset " + problem.dataset() + ": its data is required");
        if (!data.hasValidation()) {
            throw new IllegalArgumentException(problem.name() + ": the data has no validation set (validation=" + problem.validation()
                    + "); trials are judged on validation, so hold one out (e.g. validation=tf1 or validation=5000)");
        }
        this.problem = problem;
        this.data = data;
        Dataset train = data.train();
        if (problem.batch() > train.count()) {
            throw new IllegalArgumentException(problem.name() + ": batch " + problem.batch() + " is larger than the "
                    + train.count() + " training examples");
        }
        this.backend = Backend.fast(threads);
        try {
            this.net = Models.create(problem.model(), new Shape(train.height(), train.width(), train.channels()), train.classes(),
                    problem.batch(), backend);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        this.stepsPerEpoch = Math.max(1, train.count() / problem.batch());
    }

    @Override
    public TrialOutcome run(TrialRequest request, TrainListener listener) {
        if (request.from() == null) {
            net.initialize(request.seed());
        }
        return Trials.run(problem, request, stepsPerEpoch,
                (optimizer, schedule, config, recorder) -> Trainer.train(net, data, optimizer, schedule, config, recorder, request.from()),
                () -> net.parameters().data(), backend.pool().workerThreadIds(), listener);
    }

    @Override
    public void close() {
        backend.close();
    }

    @Override
    public String toString() {
        return "workbench(" + problem.name() + ", " + backend + ")";
    }
}
