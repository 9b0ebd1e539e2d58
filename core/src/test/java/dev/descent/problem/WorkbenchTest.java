package dev.descent.problem;

import dev.descent.data.Dataset;
import dev.descent.data.Datasets;
import dev.descent.train.Divergence;
import dev.descent.train.Evaluation;
import dev.descent.train.Optimization;
import dev.descent.train.StepRecord;
import dev.descent.train.TrainListener;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Network workbenches on real MNIST ({@code $DESCENT_DATA}; skipped without it, except on CI): same request, same
 * bits whatever the thread count; fresh trials start from their seed's weights, continued ones from their
 * checkpoint; the test set only when asked.
 */
class WorkbenchTest {
    private static Dataset.Split mnist;

    @BeforeAll
    static void load() throws IOException {
        String dir = System.getenv("DESCENT_DATA");
        boolean present = dir != null && !dir.isBlank();
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("DESCENT_DATA must point at the data folder on CI");
        }
        Assumptions.assumeTrue(present, "DESCENT_DATA not set: real-data workbench tests skipped");
        mnist = Datasets.standard().load("mnist", Path.of(dir), m -> { }, null);
    }

    private static Dataset.Split data(Problem p) {
        return mnist.holdOut(p.validation());
    }

    private static TrialRequest request(String optimizer, double lr, long seed, long steps, boolean test, dev.descent.train.Checkpoint from) {
        return new TrialRequest(Optimization.resolve(optimizer, lr, null), seed, steps, Divergence.DEFAULT, test, from, true);
    }

    private static List<String> bits(TrialOutcome o) {
        List<String> b = new ArrayList<>();
        for (StepRecord s : o.steps()) {
            b.add(s.step() + " " + Double.doubleToRawLongBits(s.loss()) + " " + Double.doubleToRawLongBits(s.gradNorm()));
        }
        for (Evaluation e : o.validations()) {
            b.add("v" + e);
        }
        return b;
    }

    @Test
    void sameRequest_sameBits_withOneOrTwoThreads() {
        for (String spec : new String[] {"mnist-mlp(steps=40, eval_every=20, validation=500)", "mnist-cnn(steps=4, batch=16, eval_every=2, validation=64)"}) {
            Problem p = Problems.parse(spec);
            Dataset.Split data = data(p);
            TrialOutcome[] o = new TrialOutcome[2];
            for (int threads = 1; threads <= 2; threads++) {
                try (Workbench w = Workbench.open(p, data, threads)) {
                    o[threads - 1] = w.run(request("momentum", 0.05, 3, p.steps(), false, null), TrainListener.NONE);
                }
            }
            assertEquals(bits(o[0]), bits(o[1]), spec);
            assertEquals(o[0].checkpoint(), o[1].checkpoint(), spec + ": end state");
        }
    }

    @Test
    void trials_freshFromTheirSeed_continuedFromTheirCheckpoint() {
        Problem p = Problems.parse("mnist-logreg(steps=60, eval_every=20, validation=1000)");
        try (Workbench w = Workbench.open(p, data(p), 1)) {
            TrialOutcome straight = w.run(request("adam", 3e-3, 5, 60, false, null), TrainListener.NONE);
            TrialOutcome other = w.run(request("adam", 3e-3, 6, 60, false, null), TrainListener.NONE);
            TrialOutcome again = w.run(request("adam", 3e-3, 5, 60, false, null), TrainListener.NONE);
            assertEquals(bits(straight), bits(again), "a fresh trial does not start from the previous trial's weights");
            assertFalse(bits(straight).equals(bits(other)), "another seed, other weights and batches");

            TrialOutcome first = w.run(request("adam", 3e-3, 5, 25, false, null), TrainListener.NONE);
            w.run(request("adam", 3e-3, 9, 30, false, null), TrainListener.NONE);   // in between: the workbench's weights change
            TrialOutcome rest = w.run(request("adam", 3e-3, 5, 60, false, first.checkpoint()), TrainListener.NONE);
            assertEquals(bits(straight).subList(25, 60), bits(rest).subList(0, 35), "steps 26 to 60");
            assertEquals(straight.validations().subList(1, 3), rest.validations(), "validations at 40 and 60");
            assertEquals(straight.checkpoint(), rest.checkpoint());
            assertEquals(List.of(20L, 25L), first.validations().stream().map(Evaluation::step).toList(), "every eval_every, and at the end");
        }
    }

    @Test
    void outcome_testOnlyWhenAsked_timesMeasured() {
        Problem p = Problems.parse("mnist-logreg(steps=30, eval_every=10)");
        try (Workbench w = Workbench.open(p, data(p), 2)) {
            TrialOutcome trial = w.run(request("sgd", 0.3, 1, 30, false, null), TrainListener.NONE);
            assertNull(trial.test(), "a trial never looks at the test set");
            assertEquals(5000, trial.validation().examples(), "TF1's validation split");
            assertEquals(30, trial.validation().step());
            TrialOutcome rerun = w.run(request("sgd", 0.3, 1, 30, true, null), TrainListener.NONE);
            assertNotNull(rerun.test());
            assertEquals(10000, rerun.test().examples());
            assertEquals(30, rerun.test().step());
            assertEquals(trial.validations(), rerun.validations());
            assertTrue(trial.trainSeconds() > 0, "train seconds " + trial.trainSeconds());
            assertTrue(trial.cpuSeconds() > 0 && trial.cpuSeconds() < 600, "cpu seconds " + trial.cpuSeconds());
            assertTrue(rerun.validation().accuracy() > 0.8, "30 steps of logistic regression: " + rerun.validation());
        }
    }

    @Test
    void outcome_diverged_hasNoCheckpoint() {
        Problem p = Problems.parse("mnist-mlp(steps=30, eval_every=10, validation=500)");
        try (Workbench w = Workbench.open(p, data(p), 1)) {
            List<Evaluation> heard = new ArrayList<>();
            TrialOutcome o = w.run(request("sgd", 1e6, 1, 30, false, null), new TrainListener() {
                @Override
                public void onValidation(Evaluation e) {
                    heard.add(e);
                }
            });
            assertTrue(o.diverged());
            assertNull(o.checkpoint());
            assertNull(o.validation());
            assertEquals(heard, o.validations());
            assertEquals(o.divergence().step(), o.steps().getLast().step());
        }
    }

    @Test
    void schedule_isBuiltWithTheStepsPerEpochOfTheTrainingSet() {
        // 55000 training examples in batches of 5000: 11 steps per epoch; the rate halves after the first epoch (Keras step decay, epochs_drop=2: its first drop comes one epoch early)
        Problem p = Problems.parse("mnist-logreg(steps=13, batch=5000, eval_every=100)");
        try (Workbench w = Workbench.open(p, data(p), 1)) {
            TrialOutcome o = w.run(new TrialRequest(Optimization.resolve("sgd", 0.1, "step_decay(drop=0.5, epochs_drop=2)"), 1, 13,
                    Divergence.DEFAULT, false, null, false), TrainListener.NONE);
            assertNull(o.checkpoint(), "not asked");
            List<Double> lrs = o.steps().stream().map(StepRecord::learningRate).toList();
            assertEquals(lrs.get(0), lrs.get(10));
            assertEquals(lrs.get(0) / 2, lrs.get(11), 1e-15);
        }
    }

    @Test
    void open_withoutValidationOrData_isRefused() {
        Problem p = Problems.parse("mnist-logreg(validation=none)");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workbench.open(p, mnist, 1));
        assertEquals("mnist-logreg: the data has no validation set (validation=none); trials are judged on validation,"
                + " so hold one out (e.g. validation=tf1 or validation=5000)", e.getMessage());
        assertThrows(NullPointerException.class, () -> Workbench.open(Problems.parse("mnist-logreg"), null, 1));
        assertThrows(IllegalArgumentException.class, () -> Workbench.open(Problems.parse("mnist-logreg"), data(p), 0));
    }
}
