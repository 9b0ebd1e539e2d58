package dev.descent.train;

import dev.descent.data.Dataset;
import dev.descent.data.Minibatches;
import dev.descent.model.Network;
import dev.descent.optim.GlobalNorm;
import dev.descent.optim.NonFiniteGuard;
import dev.descent.optim.Optimizer;
import dev.descent.random.Rng;
import dev.descent.schedule.Schedule;

/**
 * The training loop: minibatch, forward and backward, one optimizer step, repeated.
 *
 * <p>The batch order comes from {@code Rng.derive(seed, STREAM_BATCHES)} and the dropout masks of step
 * {@code t} from {@code Rng.derive(seed, STREAM_DROPOUT, t)}, so runs with the same seed and different
 * optimizers see identical batches and masks. The network's parameters are used as they are (initialize
 * them first, e.g. {@code net.initialize(seed)}). Evaluations during training may use the first
 * {@code evalExamples} test examples (cheaper); the final evaluation always uses the whole test set.
 *
 * <p>A step, in order: the minibatch loss and gradients; if the loss is not finite, the optimizer's
 * {@link NonFiniteGuard} decides ({@code skip}: the step is skipped and training goes on with the next batch;
 * {@code stop}: the run ends there), and without a guard the run has diverged; if the loss is finite but above
 * the {@link Divergence} limit of the config, the run has diverged; otherwise the optimizer steps (its guard may
 * still skip the step, or stop the run, on a non-finite gradient). A diverged or stopped run ends at that step,
 * without its update, and its {@link TrainResult#divergence()} says where and why. A skipped step is recorded
 * with its loss as it was and {@link StepRecord#skipped()} set.
 *
 * <pre>{@code
 * TrainResult r = Trainer.train(net, split, new Adam(Adam.Config.DEFAULTS), Schedule.constant(1e-3),
 *         TrainConfig.of(1000, 50, 1), TrainListener.NONE);
 * }</pre>
 */
public final class Trainer {
    private Trainer() {
    }

    public static TrainResult train(Network net, Dataset.Split data, Optimizer optimizer, Schedule schedule,
                                    TrainConfig config, TrainListener listener) {
        Dataset train = data.train();
        checkShapes(net, train);
        if (config.batchSize() > net.capacity()) {
            throw new IllegalArgumentException("batch size " + config.batchSize() + " exceeds the network's capacity " + net.capacity());
        }
        Minibatches batches = new Minibatches(train, config.batchSize(), config.seed());
        int b = config.batchSize();
        float[] x = new float[b * train.imageSize()];
        int[] y = new int[b];
        float[] params = net.parameters().data();
        float[] grads = net.parameters().grad();
        double[] losses = new double[(int) config.steps()];
        optimizer.useWorkers(net.backend().pool());
        double[] normScratch = new double[GlobalNorm.CHUNKS];
        Dataset probe = config.evalExamples() > 0 && config.evalExamples() < data.test().count()
                ? data.test().head(config.evalExamples()) : data.test();
        long start = System.nanoTime();
        double evalSeconds = 0;
        Divergence rule = config.divergence();
        NonFiniteGuard guard = optimizer.link(NonFiniteGuard.class).orElse(null);
        long[] skipped = new long[0];
        double initialLoss = Double.NaN;
        Divergence.Event diverged = null;
        int done = 0;
        for (long step = 1; step <= config.steps(); step++) {
            batches.next(x, y);
            double loss = net.trainStep(x, y, b, Rng.derive(config.seed(), Rng.STREAM_DROPOUT, step));
            losses[done++] = loss;
            double lr = schedule.at(step - 1);
            double norm = Double.NaN;
            boolean skip = false;
            if (!Double.isFinite(loss) && guard != null) {
                try {
                    guard.nonFiniteLoss(loss);
                    skip = true;
                } catch (NonFiniteGuard.NonFiniteGradientException e) {
                    diverged = stopped(step, Divergence.Cause.NON_FINITE_LOSS, loss, e);
                }
            } else {
                if (Double.isFinite(loss) && Double.isNaN(initialLoss)) {
                    initialLoss = loss;
                }
                diverged = rule.check(step, loss, initialLoss);
                if (Double.isFinite(loss)) {
                    norm = GlobalNorm.of(grads, net.backend().pool(), normScratch);   // the norm gradient clipping uses
                }
                if (diverged == null) {
                    long before = guard == null ? 0 : guard.skippedSteps();
                    try {
                        optimizer.step(params, grads, lr);
                        skip = guard != null && guard.skippedSteps() > before;
                    } catch (NonFiniteGuard.NonFiniteGradientException e) {
                        diverged = stopped(step, Divergence.Cause.NON_FINITE_GRADIENT, loss, e);
                    }
                }
            }
            if (skip) {
                skipped = java.util.Arrays.copyOf(skipped, skipped.length + 1);   // rare: only on a skipped step
                skipped[skipped.length - 1] = step;
            }
            listener.onStep(new StepRecord(step, loss, lr, norm, seconds(start) - evalSeconds, skip));
            if (diverged != null) {
                break;
            }
            if (config.evalEvery() > 0 && step % config.evalEvery() == 0 && step < config.steps()) {
                long e0 = System.nanoTime();
                listener.onEvaluation(evaluate(net, probe, config.evalBatch(), step));
                evalSeconds += (System.nanoTime() - e0) / 1e9;
            }
        }
        double trainSeconds = seconds(start) - evalSeconds;
        double[] recorded = done == losses.length ? losses : java.util.Arrays.copyOf(losses, done);
        Evaluation last = evaluate(net, data.test(), config.evalBatch(), done);
        listener.onEvaluation(last);
        return new TrainResult(recorded, last, trainSeconds, b, diverged, skipped);
    }

    /** The run ended by {@code on_nonfinite=stop}: a divergence whose message names the policy. */
    private static Divergence.Event stopped(long step, Divergence.Cause cause, double loss, NonFiniteGuard.NonFiniteGradientException e) {
        return new Divergence.Event(step, cause, loss, Double.NaN, "stopped at step " + step + " by on_nonfinite=stop: "
                + (e.index() < 0 ? "the loss is " + loss : "gradient " + e.index() + " is not finite (the loss was " + loss + ")"));
    }

    /** Mean loss and accuracy over all of {@code test}, dropout off, in batches of up to {@code batch}. */
    public static Evaluation evaluate(Network net, Dataset test, int batch, long step) {
        checkShapes(net, test);
        int cap = Math.min(batch, net.capacity());
        int size = test.imageSize(), classes = net.outputShape().size();
        float[] x = new float[cap * size];
        int[] y = new int[cap];
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < test.count(); from += cap) {
            int n = Math.min(cap, test.count() - from);
            System.arraycopy(test.pixels(), from * size, x, 0, n * size);
            System.arraycopy(test.labels(), from, y, 0, n);
            float[] logits = net.forward(x, n, false, null);
            lossSum += net.loss(y, n) * n;
            for (int s = 0; s < n; s++) {
                int best = 0;
                for (int k = 1; k < classes; k++) {
                    if (logits[s * classes + k] > logits[s * classes + best]) {
                        best = k;
                    }
                }
                if (best == y[s]) {
                    correct++;
                }
            }
        }
        return new Evaluation(step, lossSum / test.count(), (double) correct / test.count(), test.count());
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void checkShapes(Network net, Dataset d) {
        var in = net.inputShape();
        if (in.height() != d.height() || in.width() != d.width() || in.channels() != d.channels()) {
            throw new IllegalArgumentException("model " + net.name() + " takes " + in + " images but dataset " + d.name()
                    + " has " + d.height() + "x" + d.width() + "x" + d.channels());
        }
        if (net.outputShape().size() != d.classes()) {
            throw new IllegalArgumentException("model " + net.name() + " predicts " + net.outputShape().size()
                    + " classes but dataset " + d.name() + " has " + d.classes());
        }
    }
}
