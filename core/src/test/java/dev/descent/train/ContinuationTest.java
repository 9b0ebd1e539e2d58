package dev.descent.train;

import dev.descent.data.Dataset;
import dev.descent.data.Validation;
import dev.descent.kernel.Backend;
import dev.descent.layer.Shape;
import dev.descent.model.Models;
import dev.descent.model.Network;
import dev.descent.optim.Optimizer;
import dev.descent.schedule.Schedule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run continued from a checkpoint is the run that never stopped: 0 → N straight against 0 → k, the checkpoint
 * written to bytes and read back into a re-initialized network and a fresh optimizer, then k → N. Every step's
 * loss, learning rate and gradient norm, every evaluation and the final parameters and optimizer state must be the
 * same bits. Real MNIST ({@code $DESCENT_DATA}); 1200 training examples, so batches of 50 cross several epochs
 * (the reshuffles are replayed) and {@code k} falls mid-epoch.
 */
class ContinuationTest {
    private static Dataset.Split small;

    @BeforeAll
    static void load() throws IOException {
        Dataset.Split mnist = RealMnist.load();
        small = new Dataset.Split(mnist.train().head(1200), mnist.test().head(300)).holdOut(Validation.holdOut(200));
    }

    /** Everything a run reports, in order. */
    private record Run(List<StepRecord> steps, List<Evaluation> validations, List<Evaluation> tests, TrainResult result,
                       float[] params, Checkpoint end) {
    }

    private static Run run(Network net, Optimization o, TrainConfig config, Checkpoint from, long initSeed) {
        if (from == null) {
            net.initialize(initSeed);
        } else {
            net.initialize(initSeed + 1000);   // garbage the checkpoint must overwrite
        }
        Optimizer optimizer = o.newOptimizer();
        List<StepRecord> steps = new ArrayList<>();
        List<Evaluation> validations = new ArrayList<>(), tests = new ArrayList<>();
        TrainResult r = Trainer.train(net, small, optimizer, o.newSchedule(20), config, new TrainListener() {
            @Override
            public void onStep(StepRecord s) {
                steps.add(s);
            }

            @Override
            public void onValidation(Evaluation e) {
                validations.add(e);
            }

            @Override
            public void onEvaluation(Evaluation e) {
                tests.add(e);
            }
        }, from);
        float[] params = net.parameters().snapshot();
        return new Run(steps, validations, tests, r, params, Checkpoint.of(r, params, optimizer));
    }

    private static Checkpoint throughBytes(Checkpoint c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.write(out);
        return Checkpoint.read(new ByteArrayInputStream(out.toByteArray()));
    }

    private static void assertContinues(String model, int batch, Optimization o, long n, long k, long evalEvery, int threads) throws IOException {
        TrainConfig full = new TrainConfig(n, batch, 7, evalEvery, batch, 100).withEvaluate(TrainConfig.Evaluate.VALIDATION_FINAL_TEST);
        TrainConfig part = new TrainConfig(k, batch, 7, evalEvery, batch, 100).withEvaluate(TrainConfig.Evaluate.VALIDATION_FINAL_TEST);
        try (Backend be = Backend.fast(threads)) {
            Network net = Models.create(model, new Shape(28, 28, 1), 10, batch, be);
            Run straight = run(net, o, full, null, 3);
            Run first = run(net, o, part, null, 3);
            Run rest = run(net, o, full, throughBytes(first.end()), 3);

            assertEquals(n, straight.steps().size());
            assertEquals(n - k, rest.steps().size(), "records only for the new steps");
            assertEquals(k + 1, rest.steps().get(0).step(), "step numbering continues");
            for (int i = 0; i < n - k; i++) {
                StepRecord want = straight.steps().get((int) k + i), got = rest.steps().get(i);
                String at = model + " " + o.optimizer() + " step " + want.step();
                assertEquals(want.step(), got.step(), at);
                assertEquals(Double.doubleToRawLongBits(want.loss()), Double.doubleToRawLongBits(got.loss()), at + " loss");
                assertEquals(want.learningRate(), got.learningRate(), at + " lr");
                assertEquals(Double.doubleToRawLongBits(want.gradNorm()), Double.doubleToRawLongBits(got.gradNorm()), at + " grad norm");
            }
            assertArrayEquals(bits(straight.params()), bits(rest.params()), "final parameter bits");
            assertEquals(straight.end(), rest.end(), "end checkpoints: parameters, optimizer state, initial loss, skipped steps");
            assertEquals(straight.validations().stream().filter(e -> e.step() > k).toList(), rest.validations(), "validation evaluations after k");
            assertEquals(straight.tests(), rest.tests(), "the final test evaluation");
            assertEquals(straight.result().validation(), rest.result().validation());
            assertEquals(straight.result().initialLoss(), rest.result().initialLoss());
            assertEquals(k, rest.result().fromStep());
            assertEquals(n, rest.result().lastStep());
            assertTrue(first.validations().getLast().step() == k, "a run's last step is evaluated on validation");
        }
    }

    private static int[] bits(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Float.floatToRawIntBits(a[i]);
        }
        return b;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "logreg | adam             | 0.003 | constant",
            "logreg | momentum         | 0.05  | cosine(decay_steps=120)",
            "mlp    | adam             | 0.003 | step_decay(drop=0.5, epochs_drop=2)",
            "mlp    | nesterov         | 0.05  | constant",
    })
    void continued_equalsStraight(String model, String optimizer, double lr, String schedule) throws IOException {
        assertContinues(model, 50, Optimization.resolve(optimizer, lr, schedule), 120, 47, 20, 1);
    }

    @Test
    void cnnWithDropout_continuedMidEpoch_equalsStraight() throws IOException {
        // 1000 training examples in batches of 20: an epoch is 50 steps, the checkpoint at 3 is mid-epoch; dropout is on
        assertContinues("cnn", 20, Optimization.resolve("adam", 1e-3, null), 6, 3, 2, 2);
    }

    @Test
    void continued_keepsTheCheckpointsInitialLossAndSkippedSteps() {
        try (Backend be = Backend.fast(1)) {
            Network net = Models.create("logreg", new Shape(28, 28, 1), 10, 50, be);
            net.initialize(1);
            Optimizer sgd = Optimization.resolve("sgd", 0.1, null).newOptimizer();
            TrainResult first = Trainer.train(net, small, sgd, Schedule.constant(0.1), TrainConfig.of(5, 50, 1), TrainListener.NONE);
            Checkpoint real = Checkpoint.of(first, net.parameters().data(), sgd);
            // the same state, but as if the run had started at a loss of 0.1 and skipped step 2
            Checkpoint tiny = new Checkpoint(5, real.params(), real.optimizer(), 0.1, new long[] {2});
            TrainResult r = Trainer.train(net, small, Optimization.resolve("sgd", 0.1, null).newOptimizer(), Schedule.constant(0.1),
                    TrainConfig.of(20, 50, 1), TrainListener.NONE, tiny);
            assertTrue(r.diverged());
            assertEquals(6, r.divergedAt(), "the loss of step 6 is above 10 × the checkpoint's initial loss");
            assertEquals(1.0, r.divergence().limit(), 1e-12);
            assertArrayEquals(new long[] {2}, r.skippedSteps());
            assertNull(r.validation());
            assertEquals(1, r.steps());
            assertEquals(r.losses()[0], r.meanLossOfLast(5), "step 2 is before this run: nothing of it is left out here");
        }
    }
}
