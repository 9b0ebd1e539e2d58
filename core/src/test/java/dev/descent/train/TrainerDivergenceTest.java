package dev.descent.train;

import dev.descent.data.Dataset;
import dev.descent.kernel.Backend;
import dev.descent.layer.Shape;
import dev.descent.model.Models;
import dev.descent.model.Network;
import dev.descent.optim.NonFiniteGuard;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Optimizers;
import dev.descent.schedule.Schedule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Divergence and the non-finite guard on real blow-ups ({@code $DESCENT_DATA/mnist}): an MLP or logistic regression
 * at a learning rate that explodes, and a training set with corrupted (NaN) images. Skipped without the data,
 * except on CI.
 */
class TrainerDivergenceTest {
    private static Dataset.Split mnist;

    @BeforeAll
    static void load() throws Exception {
        Dataset.Split all = RealMnist.load();
        mnist = new Dataset.Split(all.train(), all.test().head(500));
    }

    private static TrainResult train(String model, Dataset.Split data, String optimizer, double lr, long steps, Divergence rule,
                                     TrainListener listener) {
        try (Backend be = Backend.fast(2)) {
            Network net = Models.create(model, new Shape(28, 28, 1), 10, 50, be);
            net.initialize(1);
            return Trainer.train(net, data, Optimizers.parse(optimizer), Schedule.constant(lr),
                    TrainConfig.of(steps, 50, 1).withDivergence(rule), listener);
        }
    }

    private static TrainResult train(String model, String optimizer, double lr, long steps, Divergence rule) {
        return train(model, mnist, optimizer, lr, steps, rule, TrainListener.NONE);
    }

    @Test
    void train_lossAboveTenTimesTheInitial_divergesThereByDefault() {
        // the case: an MLP at lr 1e6 reached 9.6e22 at chance accuracy and reported "not diverged"
        TrainResult r = train("mlp", "sgd", 1e6, 30, Divergence.DEFAULT);
        assertTrue(r.diverged());
        Divergence.Event e = r.divergence();
        assertEquals(2, e.step());
        assertEquals(Divergence.Cause.ABOVE_LIMIT, e.cause());
        assertEquals(10 * r.losses()[0], e.limit(), 0);
        assertEquals(r.losses()[1], e.loss(), 0);
        assertEquals(2, r.losses().length, "training stops at the diverged step");
        assertTrue(e.message().startsWith("diverged at step 2: the loss 3.78884e+11 is above 10 × the initial loss 2.26646"), e.message());
    }

    @Test
    void train_statedFactor_decidesTheStep() {
        // SGD at lr 3 on the MLP: losses 2.27, 7.56, 42.3, 472, ... — above 10× at step 3, above 100× at step 4
        assertEquals(3, train("mlp", "sgd", 3, 30, Divergence.aboveInitial(10)).divergedAt());
        TrainResult r = train("mlp", "sgd", 3, 30, Divergence.aboveInitial(100));
        assertEquals(4, r.divergedAt());
        assertEquals(Divergence.Cause.ABOVE_LIMIT, r.divergence().cause());
    }

    @Test
    void train_factorOff_onlyNonFiniteCounts() {
        TrainResult r = train("mlp", "sgd", 1e6, 30, Divergence.NON_FINITE_ONLY);
        assertFalse(r.diverged(), "a huge but finite loss is not divergence with the multiple off");
        assertEquals(-1, r.divergedAt());
        assertEquals(30, r.losses().length);
        assertTrue(r.losses()[2] > 1e20, "loss " + r.losses()[2]);
    }

    @Test
    void train_nonFiniteLoss_divergesWithItsCause() {
        for (Divergence rule : List.of(Divergence.DEFAULT, Divergence.NON_FINITE_ONLY)) {
            TrainResult r = train("logreg", "sgd", 1e38, 30, rule);
            assertEquals(2, r.divergedAt(), rule.toString());
            assertEquals(Divergence.Cause.NON_FINITE_LOSS, r.divergence().cause());
            assertTrue(Double.isNaN(r.losses()[1]));
            assertEquals("diverged at step 2: the loss became NaN", r.divergence().message());
        }
    }

    @Test
    void train_runsThatTrain_doNotDiverge() {
        TrainResult r = train("mlp", "sgd", 0.1, 100, Divergence.DEFAULT);
        assertNull(r.divergence());
        assertEquals(0, r.skippedSteps().length);
        assertEquals(100, r.losses().length);
    }

    /** MNIST's training set with every 400th image corrupted to NaN: about one batch in eight holds one. */
    private static Dataset.Split corrupted() {
        Dataset t = mnist.train();
        float[] pixels = t.pixels().clone();
        for (int i = 0; i < t.count(); i += 400) {
            Arrays.fill(pixels, i * t.imageSize(), i * t.imageSize() + 10, Float.NaN);
        }
        return new Dataset.Split(new Dataset(t.name(), pixels, t.labels(), t.count(), t.height(), t.width(), t.channels(), t.classes()), mnist.test());
    }

    @Test
    void guardSkip_corruptedBatches_areSkippedAndTrainingGoesOn() {
        List<StepRecord> records = new ArrayList<>();
        List<Boolean> unchanged = new ArrayList<>();
        Dataset.Split data = corrupted();
        try (Backend be = Backend.fast(2)) {
            Network net = Models.create("logreg", new Shape(28, 28, 1), 10, 50, be);
            net.initialize(1);
            Optimizer adam = Optimizers.parse("adam(on_nonfinite=skip)");
            TrainResult r = Trainer.train(net, data, adam, Schedule.constant(0.01), TrainConfig.of(120, 50, 1), new TrainListener() {
                float[] before = net.parameters().snapshot();

                @Override
                public void onStep(StepRecord s) {
                    float[] now = net.parameters().snapshot();
                    records.add(s);
                    unchanged.add(Arrays.equals(before, now));
                    before = now;
                }
            });
            assertFalse(r.diverged(), String.valueOf(r.divergence()));
            assertEquals(120, r.losses().length, "the run goes on to its last step");
            List<Long> nonFinite = new ArrayList<>(), skipped = new ArrayList<>();
            for (StepRecord s : records) {
                if (!Double.isFinite(s.loss())) {
                    nonFinite.add(s.step());
                }
                if (s.skipped()) {
                    skipped.add(s.step());
                    assertTrue(unchanged.get((int) s.step() - 1), "parameters changed at skipped step " + s.step());
                } else {
                    assertFalse(unchanged.get((int) s.step() - 1), "parameters did not change at step " + s.step());
                }
            }
            assertTrue(nonFinite.size() >= 5, "corrupted batches: " + nonFinite);
            assertEquals(nonFinite, skipped, "exactly the steps with a NaN loss are skipped");
            assertArrayEquals(skipped.stream().mapToLong(Long::longValue).toArray(), r.skippedSteps());
            assertEquals(skipped.size(), adam.link(NonFiniteGuard.class).orElseThrow().skippedSteps());
            assertTrue(Double.isFinite(r.meanLossOfLast(50)), "skipped steps stay out of the final loss");
            assertTrue(r.evaluation().accuracy() > 0.8, "accuracy " + r.evaluation().accuracy());
        }
    }

    @Test
    void guardStop_corruptedBatch_stopsThereWithTheReason() {
        List<StepRecord> records = new ArrayList<>();
        TrainResult r = train("logreg", corrupted(), "adam(on_nonfinite=stop)", 0.01, 120, Divergence.DEFAULT, new TrainListener() {
            @Override
            public void onStep(StepRecord s) {
                records.add(s);
            }
        });
        long first = records.stream().filter(s -> !Double.isFinite(s.loss())).findFirst().orElseThrow().step();
        assertEquals(first, r.divergedAt());
        assertEquals(first, r.losses().length);
        assertEquals(Divergence.Cause.NON_FINITE_LOSS, r.divergence().cause());
        assertEquals("stopped at step " + first + " by on_nonfinite=stop: the loss is NaN", r.divergence().message());
    }

    @Test
    void guardOff_corruptedBatch_diverges() {
        TrainResult r = train("logreg", corrupted(), "adam", 0.01, 120, Divergence.DEFAULT, TrainListener.NONE);
        assertTrue(r.diverged());
        assertEquals(Divergence.Cause.NON_FINITE_LOSS, r.divergence().cause());
    }

    @Test
    void guardSkipAndStop_learningRateBlowUp() {
        // logistic regression at lr 1e38: step 1's update overflows the weights, every later loss is NaN
        TrainResult stop = train("logreg", "sgd(on_nonfinite=stop)", 1e38, 30, Divergence.DEFAULT);
        assertEquals(2, stop.divergedAt());
        assertTrue(stop.divergence().message().contains("on_nonfinite=stop"), stop.divergence().message());
        TrainResult skip = train("logreg", "sgd(on_nonfinite=skip)", 1e38, 30, Divergence.DEFAULT);
        assertFalse(skip.diverged());
        assertEquals(30, skip.losses().length);
        assertEquals(29, skip.skippedSteps().length, "every step after the first is skipped: " + Arrays.toString(skip.skippedSteps()));
        assertEquals(skip.losses()[0], skip.meanLossOfLast(50), 0, "only the applied step counts in the final loss");
    }
}
