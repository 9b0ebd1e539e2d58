package dev.descent.cli;

import dev.descent.data.DataException;
import dev.descent.io.AtomicFiles;
import dev.descent.io.Json;
import dev.descent.data.Dataset;
import dev.descent.data.Datasets;
import dev.descent.data.Progress;
import dev.descent.kernel.Backend;
import dev.descent.layer.Shape;
import dev.descent.model.Models;
import dev.descent.model.Network;
import dev.descent.optim.Optimizer;
import dev.descent.schedule.Schedule;
import dev.descent.stats.Ema;
import dev.descent.train.Divergence;
import dev.descent.train.Evaluation;
import dev.descent.train.Limits;
import dev.descent.train.StepRecord;
import dev.descent.train.Optimization;
import dev.descent.train.TrainConfig;
import dev.descent.train.TrainListener;
import dev.descent.train.TrainResult;
import dev.descent.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code descent train}: trains one model with one optimizer and reports the loss and test accuracy. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train one model with one optimizer; print progress and the final test accuracy.")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--dataset", defaultValue = "mnist", description = "Dataset: mnist or fashion-mnist (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--model", defaultValue = "cnn", description = "Model: cnn, mlp or logreg (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--optimizer", defaultValue = "adam",
            description = "Optimizer name or spec, e.g. adam or 'adam(beta2=0.99, convention=tensorflow)', optionally with lr= and schedule= keys; "
                    + "`descent optimizers` lists them (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", description = "Learning rate: the base rate of the schedule (default: the optimizer's under its "
            + "convention, as `descent optimizers` lists it; lr= in the schedule spec wins).")
    Double learningRate;

    @Option(names = "--schedule",
            description = "Learning-rate schedule spec, e.g. 'step_decay(drop=0.5, epochs_drop=4)'; `descent schedules` lists them (default: constant).")
    String schedule;

    @Option(names = "--steps", defaultValue = "1000", description = "Training steps (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--batch", defaultValue = "50", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for initial weights, batch order and dropout (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--data-dir", description = "Folder holding one sub-folder per dataset (else $DESCENT_DATA, the cache, ...).")
    Path dataDir;

    @Option(names = "--divergence-factor", defaultValue = "10", paramLabel = "X",
            description = "The run diverges, and stops, when its loss is NaN or infinite or above X times the loss of step 1; "
                    + "X > 1, or off for NaN/infinite only (default: ${DEFAULT-VALUE}).")
    String divergenceFactor;

    @Option(names = "--csv", description = "Write the loss of every step to this CSV file (columns step,loss).")
    Path csv;

    @Option(names = "--json", description = "Print the results as one JSON object on the last line "
            + "(with diverged_at and divergence when the run diverged, skipped_steps when on_nonfinite=skip skipped any).")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Limits.count("--steps", steps, 1, Limits.MAX_STEPS, Limits.STEPS_WHY);
        Limits.memory("--steps " + steps, steps, Double.BYTES); // the loss of every step
        Limits.count("--batch", batch, 1, Integer.MAX_VALUE, "at most the training set");
        int nThreads = Limits.threads("--threads", threads);
        Models.registry().parse(model);
        Optimization optimization = Optimization.resolve(optimizer, learningRate, schedule);
        if (csv != null) {
            AtomicFiles.checkWritable(csv); // now, not after the training it would lose
        }
        Optimizer opt = optimization.newOptimizer();
        Divergence divergence = Divergence.parse(divergenceFactor);
        var err = System.err;
        Dataset.Split data;
        try {
            data = Datasets.standard().load(dataset, dataDir, err::println, Progress.textBar(err));
        } catch (DataException e) {
            err.println("descent train: " + e.getMessage());
            return 2;
        }
        Dataset train = data.train();
        Shape shape = new Shape(train.height(), train.width(), train.channels());
        Limits.batch("--batch", batch, train.count(), model, Models.registry().parse(model).builder(shape, train.classes()));
        Schedule schedule = optimization.newSchedule(Math.max(1, train.count() / batch));
        try (Backend backend = Backend.fast(nThreads)) {
            Network net = Models.create(model, shape, train.classes(), batch, backend);
            net.initialize(seed);
            err.printf(Locale.ROOT, "%s on %s (%d train, %d test images), %s, lr %s, batch %d, %d steps, seed %d, %d threads%n",
                    net.name(), train.name(), train.count(), data.test().count(), opt, schedule, batch, steps, seed, nThreads);
            ProgressBar bar = new ProgressBar(err, "train", steps, ProgressBar.consoleAttached());
            Ema smoothed = Ema.seeded(0.05);
            TrainResult result = Trainer.train(net, data, opt, schedule, TrainConfig.of(steps, batch, seed).withDivergence(divergence), new TrainListener() {
                double shown = Double.NaN;

                @Override
                public void onStep(StepRecord r) {
                    if (!r.skipped()) {   // a skipped step's NaN loss would restart the average
                        shown = smoothed.add(r.loss());
                    }
                    bar.update(r.step(), String.format(Locale.ROOT, "loss %.4f", shown));
                }
            });
            if (csv != null) {
                writeCsv(csv, result.losses());
            }
            Evaluation ev = result.evaluation();
            double finalLoss = result.meanLossOfLast(50);
            if (result.skippedSteps().length > 0) {
                err.printf(Locale.ROOT, "on_nonfinite=skip skipped %d step(s) with a NaN or infinite loss or gradient, first at step %d%n",
                        result.skippedSteps().length, result.skippedSteps()[0]);
            }
            if (result.diverged()) {
                err.println(result.divergence().message());
            }
            System.out.printf(Locale.ROOT, "test accuracy %.4f, final loss %.4f (mean of the last 50 steps), %.1f s training, %.0f images/s%n",
                    ev.accuracy(), finalLoss, result.trainSeconds(), result.imagesPerSecond());
            if (json) {
                var fields = Json.object(
                        "dataset", train.name(), "model", net.name(), "optimizer", opt.toString(), "learning_rate", optimization.learningRate(),
                        "steps", result.steps(), "batch", batch, "seed", seed, "threads", nThreads,
                        "test_accuracy", ev.accuracy(), "test_loss", ev.loss(), "final_loss", finalLoss,
                        "diverged", result.diverged(), "train_seconds", result.trainSeconds(),
                        "images_per_second", result.imagesPerSecond());
                if (result.diverged()) {   // only then, so the figures of runs that finish keep their recorded shape
                    fields.put("diverged_at", result.divergedAt());
                    fields.put("divergence", result.divergence().cause().name().toLowerCase(Locale.ROOT));
                }
                if (result.skippedSteps().length > 0) {
                    fields.put("skipped_steps", result.skippedSteps().length);
                }
                System.out.println(Json.write(fields));
            }
            return result.diverged() ? 3 : 0;
        }
    }

    private static void writeCsv(Path file, double[] losses) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8); // not a PrintWriter: it would hide a full disk
            String nl = System.lineSeparator();
            w.write("step,loss" + nl);
            for (int i = 0; i < losses.length; i++) {
                w.write((i + 1) + "," + losses[i] + nl);
            }
            w.flush();
        });
    }
}
