package dev.descent.train;

import dev.descent.data.Dataset;
import dev.descent.data.Minibatches;
import dev.descent.kernel.WorkerPool;
import dev.descent.model.Network;
import dev.descent.optim.GlobalNorm;
import dev.descent.optim.NonFiniteGuard;
import dev.descent.optim.Optimizer;
import dev.descent.optim.ParamGroups;
import dev.descent.tensor.Parameters;
import dev.descent.random.Rng;
import dev.descent.schedule.Schedule;

import java.util.Arrays;

/**
 * The training loop: minibatch, forward and backward, one optimizer step, repeated.
 *
 * <p>The batch order comes from {@code Rng.derive(seed, STREAM_BATCHES)} and the dropout masks of step
 * {@code t} from {@code Rng.derive(seed, STREAM_DROPOUT, t)}, so runs with the same seed and different
 * optimizers see identical batches and masks. The network's parameters are used as they are (initialize
 * them first, e.g. {@code net.initialize(seed)}). What is evaluated is {@link TrainConfig#evaluate()}'s choice:
 * by default the first {@code evalExamples} test examples every {@code evalEvery} steps (cheaper) and the whole
 * test set at the end; a sweep's trials evaluate the whole validation set instead, every {@code evalEvery} steps
 * and at the last step, and never look at the test set.
 *
 * <p>A step, in order: the minibatch loss and gradients; if the loss is not finite, the optimizer's
 * {@link NonFiniteGuard} decides ({@code skip}: the step is skipped and training goes on with the next batch;
 * {@code stop}: the run ends there), and without a guard the run has diverged; if the loss is finite but above
 * the {@link Divergence} limit of the config, the run has diverged; otherwise the optimizer steps (its guard may
 * still skip the step, or stop the run, on a non-finite gradient). A diverged or stopped run ends at that step,
 * without its update, and its {@link TrainResult#divergence()} says where and why. A skipped step is recorded
 * with its loss as it was and {@link StepRecord#skipped()} set.
 *
 * <p><b>Continuing a run.</b> Given a {@link Checkpoint} of step {@code k}, the loop restores the parameters and the
 * optimizer's state, moves the minibatch stream past {@code k} batches ({@link Minibatches#skip}), keeps the
 * checkpoint's initial loss (the divergence rule's reference) and skipped steps, and runs steps {@code k + 1} to
 * {@code steps}: the same bits, step by step, as the run that never stopped. {@link Checkpoint#of} makes the
 * checkpoint of a result.
 *
 * <pre>{@code
 * TrainResult r = Trainer.train(net, split, new Adam(Adam.Config.DEFAULTS), Schedule.constant(1e-3),
 *         TrainConfig.of(1000, 50, 1), TrainListener.NONE);
 *
 * TrainResult first = Trainer.train(net, split, optimizer, schedule, TrainConfig.of(300, 50, 1), TrainListener.NONE);
 * Checkpoint at300 = Checkpoint.of(first, net.parameters().data(), optimizer);
 * TrainResult rest = Trainer.train(net, split, optimizer, schedule, TrainConfig.of(1000, 50, 1), TrainListener.NONE, at300);
 * }</pre>
 */
public final class Trainer {
    private Trainer() {
    }

    /** A run from step 0 with the network's parameters as they are. */
    public static TrainResult train(Network net, Dataset.Split data, Optimizer optimizer, Schedule schedule,
                                    TrainConfig config, TrainListener listener) {
        return train(net, data, optimizer, schedule, config, listener, null);
    }

    /**
     * A run from {@code from} (its parameters and optimizer state replace the network's and the optimizer's), or
     * from step 0 with the parameters as they are when {@code from} is {@code null}.
     *
     * @throws IllegalArgumentException shapes that do not fit, a validation evaluation asked of a split without a
     *                                  validation set, or a checkpoint that does not fit the network, the optimizer or
     *                                  the run's length
     */
    public static TrainResult train(Network net, Dataset.Split data, Optimizer optimizer, Schedule schedule,
                                    TrainConfig config, TrainListener listener, Checkpoint from) {
        return train(new NetworkObjective(net, data, config), optimizer, schedule, config, listener, from);
    }

    /**
     * The loop itself, on any {@link Objective} made for {@code config}'s batch size and seed: steps
     * {@code from.step() + 1} (or 1) to {@code config.steps()}, evaluations as {@code config} asks.
     */
    public static TrainResult train(Objective objective, Optimizer optimizer, Schedule schedule, TrainConfig config,
                                    TrainListener listener, Checkpoint from) {
        TrainConfig.Evaluate sets = config.evaluate();
        if (sets.validation() && !objective.hasValidation()) {
            throw new IllegalArgumentException("evaluate=" + sets + " needs a validation set, and this data has none"
                    + " (hold one out with Dataset.Split.holdOut)");
        }
        float[] params = objective.params();
        float[] grads = objective.grads();
        WorkerPool pool = objective.pool();
        long first = 1;
        long[] skipped = new long[0];
        double initialLoss = Double.NaN;
        if (from != null) {
            if (from.step() >= config.steps()) {
                throw new IllegalArgumentException("the checkpoint is at step " + from.step() + ", not before the run's end " + config.steps());
            }
            if (from.params().length != params.length) {
                throw new IllegalArgumentException("the checkpoint holds " + from.params().length + " parameters, the model has " + params.length);
            }
            optimizer.restore(from.optimizer());   // checks that the state is this optimizer's, before anything changes
            System.arraycopy(from.params(), 0, params, 0, params.length);
            objective.skip(from.step());
            first = from.step() + 1;
            skipped = from.skippedSteps();
            initialLoss = from.initialLoss();
        }
        double[] losses = new double[Math.toIntExact(config.steps() - first + 1)];
        Parameters layout = objective.layout();
        if (layout != null) {
            optimizer.useLayout(layout.views());
        }
        // LAMB and LARS: one trust ratio per tensor, none on biases (ParamGroups.layerwise); the state stays the
        // caller's optimizer's, so checkpoints save and restore it as for any other rule
        Optimizer stepper = optimizer.layerwise() && layout != null ? ParamGroups.layerwise(layout).bind(optimizer) : optimizer;
        stepper.useWorkers(pool);
        double[] normScratch = new double[GlobalNorm.CHUNKS];
        long start = System.nanoTime();
        double evalSeconds = 0;
        Divergence rule = config.divergence();
        NonFiniteGuard guard = optimizer.link(NonFiniteGuard.class).orElse(null);
        Divergence.Event diverged = null;
        Evaluation validation = null;
        int done = 0;
        for (long step = first; step <= config.steps(); step++) {
            double loss = objective.trainStep(step);
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
                    norm = GlobalNorm.of(grads, pool, normScratch);   // the norm gradient clipping uses
                }
                if (diverged == null) {
                    long before = guard == null ? 0 : guard.skippedSteps();
                    try {
                        stepper.step(params, grads, lr);
                        skip = guard != null && guard.skippedSteps() > before;
                    } catch (NonFiniteGuard.NonFiniteGradientException e) {
                        diverged = stopped(step, Divergence.Cause.NON_FINITE_GRADIENT, loss, e);
                    }
                }
            }
            if (skip) {
                skipped = Arrays.copyOf(skipped, skipped.length + 1);   // rare: only on a skipped step
                skipped[skipped.length - 1] = step;
            }
            listener.onStep(new StepRecord(step, loss, lr, norm, seconds(start) - evalSeconds, skip));
            if (diverged != null) {
                break;
            }
            boolean periodic = config.evalEvery() > 0 && step % config.evalEvery() == 0;
            if (sets.validation() && (periodic || step == config.steps())) {
                long e0 = System.nanoTime();
                validation = atEvalPoint(optimizer, params, step, s -> objective.validation(s));
                listener.onValidation(validation);
                evalSeconds += (System.nanoTime() - e0) / 1e9;
            }
            if (sets.testProbe() && periodic && step < config.steps()) {
                long e0 = System.nanoTime();
                listener.onEvaluation(atEvalPoint(optimizer, params, step, s -> objective.test(s, true)));
                evalSeconds += (System.nanoTime() - e0) / 1e9;
            }
        }
        double trainSeconds = seconds(start) - evalSeconds;
        double[] recorded = done == losses.length ? losses : Arrays.copyOf(losses, done);
        long last = first - 1 + done;
        Evaluation test = null;
        if (sets.finalTest()) {
            test = atEvalPoint(optimizer, params, last, s -> objective.test(s, false));
            listener.onEvaluation(test);
        }
        return new TrainResult(recorded, first - 1, test, diverged == null ? validation : null, trainSeconds,
                config.batchSize(), diverged, skipped, initialLoss);
    }

    /**
     * An evaluation at the point the optimizer says is evaluated ({@link Optimizer#toEval}: Schedule-Free's average
     * x; the parameters themselves for every other rule), the training point restored bit for bit afterwards.
     */
    private static Evaluation atEvalPoint(Optimizer optimizer, float[] params, long step, java.util.function.LongFunction<Evaluation> evaluation) {
        optimizer.toEval(params);
        try {
            return evaluation.apply(step);
        } finally {
            optimizer.toTrain(params);
        }
    }

    /** The run ended by {@code on_nonfinite=stop}: a divergence whose message names the policy. */
    private static Divergence.Event stopped(long step, Divergence.Cause cause, double loss, NonFiniteGuard.NonFiniteGradientException e) {
        return new Divergence.Event(step, cause, loss, Double.NaN, "stopped at step " + step + " by on_nonfinite=stop: "
                + (e.index() < 0 ? "the loss is " + loss : "gradient " + e.index() + " is not finite (the loss was " + loss + ")"));
    }

    /** A network on a dataset: minibatches of the config's batch size and seed, dropout masks per step. */
    private static final class NetworkObjective implements Objective {
        private final Network net;
        private final Dataset.Split data;
        private final Dataset probe;
        private final Minibatches batches;
        private final int batch, evalBatch;
        private final long seed;
        private final float[] x;
        private final int[] y;

        NetworkObjective(Network net, Dataset.Split data, TrainConfig config) {
            Dataset train = data.train();
            checkShapes(net, train);
            if (config.batchSize() > net.capacity()) {
                throw new IllegalArgumentException("batch size " + config.batchSize() + " exceeds the network's capacity " + net.capacity());
            }
            this.net = net;
            this.data = data;
            this.batch = config.batchSize();
            this.evalBatch = config.evalBatch();
            this.seed = config.seed();
            this.batches = new Minibatches(train, batch, seed);
            this.x = new float[batch * train.imageSize()];
            this.y = new int[batch];
            this.probe = config.evalExamples() > 0 && config.evalExamples() < data.test().count()
                    ? data.test().head(config.evalExamples()) : data.test();
        }

        @Override
        public float[] params() {
            return net.parameters().data();
        }

        @Override
        public float[] grads() {
            return net.parameters().grad();
        }

        @Override
        public Parameters layout() {
            return net.parameters();
        }

        @Override
        public WorkerPool pool() {
            return net.backend().pool();
        }

        @Override
        public void skip(long steps) {
            batches.skip(steps);
        }

        @Override
        public double trainStep(long step) {
            batches.next(x, y);
            return net.trainStep(x, y, batch, Rng.derive(seed, Rng.STREAM_DROPOUT, step));
        }

        @Override
        public boolean hasValidation() {
            return data.hasValidation();
        }

        @Override
        public Evaluation validation(long step) {
            return evaluate(net, data.validation(), evalBatch, step);
        }

        @Override
        public Evaluation test(long step, boolean probe) {
            return evaluate(net, probe ? this.probe : data.test(), evalBatch, step);
        }
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
