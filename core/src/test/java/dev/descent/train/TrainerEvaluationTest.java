package dev.descent.train;

import dev.descent.data.Dataset;
import dev.descent.data.Validation;
import dev.descent.kernel.Backend;
import dev.descent.layer.Shape;
import dev.descent.model.Models;
import dev.descent.model.Network;
import dev.descent.schedule.Schedule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which sets a run is evaluated on ({@link TrainConfig.Evaluate}): validation every {@code evalEvery} steps and at
 * the last step, the test set as before or never, and the training numbers the same whatever is evaluated. Real
 * MNIST ({@code $DESCENT_DATA}).
 */
class TrainerEvaluationTest {
    private static Dataset.Split split;

    @BeforeAll
    static void load() throws IOException {
        Dataset.Split mnist = RealMnist.load();
        split = new Dataset.Split(mnist.train().head(3000), mnist.test().head(1000)).holdOut(Validation.holdOut(500));
    }

    private record Seen(TrainResult result, List<Evaluation> validations, List<Evaluation> tests, Evaluation recomputed) {
    }

    private static Seen train(TrainConfig.Evaluate sets, double lr) {
        try (Backend be = Backend.fast(1)) {
            Network net = Models.create("logreg", new Shape(28, 28, 1), 10, 50, be);
            net.initialize(2);
            List<Evaluation> validations = new ArrayList<>(), tests = new ArrayList<>();
            TrainResult r = Trainer.train(net, split, Optimization.resolve("sgd", lr, null).newOptimizer(), Schedule.constant(lr),
                    new TrainConfig(120, 50, 2, 50, 50, 200).withEvaluate(sets), new TrainListener() {
                        @Override
                        public void onValidation(Evaluation e) {
                            validations.add(e);
                        }

                        @Override
                        public void onEvaluation(Evaluation e) {
                            tests.add(e);
                        }
                    });
            // the network holds the final parameters: evaluate the validation set again, independently of the loop
            return new Seen(r, validations, tests, Trainer.evaluate(net, split.validation(), 100, r.lastStep()));
        }
    }

    @Test
    void validation_everyEvalEveryAndAtTheEnd_neverTheTestSet() {
        Seen s = train(TrainConfig.Evaluate.VALIDATION, 0.1);
        assertEquals(List.of(50L, 100L, 120L), s.validations().stream().map(Evaluation::step).toList());
        assertTrue(s.validations().stream().allMatch(e -> e.examples() == 500));
        assertEquals(List.of(), s.tests(), "the test set is never looked at");
        assertNull(s.result().evaluation());
        Evaluation last = s.result().validation();
        assertEquals(s.validations().getLast(), last);
        assertEquals(s.recomputed().accuracy(), last.accuracy(), "the same 500 examples, the same final weights");
        assertEquals(s.recomputed().loss(), last.loss(), 1e-12);
        assertTrue(last.accuracy() > 0.8, "logistic regression after 120 steps: " + last.accuracy());
    }

    @Test
    void test_byDefault_asBefore() {
        Seen s = train(TrainConfig.Evaluate.TEST, 0.1);
        assertEquals(List.of(), s.validations());
        assertNull(s.result().validation());
        assertEquals(List.of(50L, 100L, 120L), s.tests().stream().map(Evaluation::step).toList());
        assertEquals(List.of(200, 200, 1000), s.tests().stream().map(Evaluation::examples).toList(), "probes of 200, then the whole test set");
        assertEquals(s.tests().getLast(), s.result().evaluation());
        assertEquals(TrainConfig.Evaluate.TEST, new TrainConfig(1, 1, 1, 0, 1, 0).evaluate());
        assertEquals(TrainConfig.Evaluate.TEST, new TrainConfig(1, 1, 1, 0, 1, 0, Divergence.DEFAULT).evaluate());
    }

    @Test
    void validationFinalTest_validationAndTheWholeTestSetOnce() {
        Seen both = train(TrainConfig.Evaluate.VALIDATION_FINAL_TEST, 0.1);
        Seen validation = train(TrainConfig.Evaluate.VALIDATION, 0.1);
        Seen test = train(TrainConfig.Evaluate.TEST, 0.1);
        assertEquals(validation.validations(), both.validations());
        assertEquals(1, both.tests().size());
        assertEquals(test.result().evaluation(), both.result().evaluation(), "the same final test evaluation as today's");
        assertArrayEquals(test.result().losses(), both.result().losses(), "evaluations do not disturb training");
        assertArrayEquals(test.result().losses(), validation.result().losses());
    }

    @Test
    void validation_divergedRun_hasNoFinalValidation() {
        Seen s = train(TrainConfig.Evaluate.VALIDATION, 1e6);
        assertTrue(s.result().diverged());
        assertTrue(s.result().divergedAt() < 50);
        assertEquals(List.of(), s.validations());
        assertNull(s.result().validation());
    }

    @Test
    void validation_withoutAValidationSet_isRefused() {
        try (Backend be = Backend.fast(1)) {
            Network net = Models.create("logreg", new Shape(28, 28, 1), 10, 50, be);
            Dataset.Split noValidation = new Dataset.Split(split.train(), split.test());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.train(net, noValidation,
                    Optimization.resolve("sgd", 0.1, null).newOptimizer(), Schedule.constant(0.1),
                    TrainConfig.of(10, 50, 1).withEvaluate(TrainConfig.Evaluate.VALIDATION), TrainListener.NONE));
            assertEquals("evaluate=validation needs a validation set, and this data has none (hold one out with Dataset.Split.holdOut)", e.getMessage());
        }
    }

    @Test
    void evaluate_printsAsItsFingerprintValue() {
        assertEquals("validation_final_test", TrainConfig.Evaluate.VALIDATION_FINAL_TEST.toString());
        assertThrows(IllegalArgumentException.class, () -> new TrainConfig(1, 1, 1, 0, 1, 0, Divergence.DEFAULT, null));
    }
}
