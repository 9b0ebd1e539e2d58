package dev.descent.train;

import dev.descent.data.Dataset;
import dev.descent.kernel.Backend;
import dev.descent.layer.Shape;
import dev.descent.model.Models;
import dev.descent.model.Network;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Optimizers;
import dev.descent.optim.ParamGroups;
import dev.descent.schedule.Schedule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * What the loop owes the optimizers that need more than a flat array: Schedule-Free is evaluated at its average x
 * while it keeps training at y ({@link Optimizer#toEval}); LAMB and LARS step one tensor at a time with biases left
 * out ({@link ParamGroups#layerwise}); Muon sees the network's matrices ({@link Optimizer#useLayout}). Each is checked
 * against the same run made by hand outside the loop. Real MNIST ({@code $DESCENT_DATA}).
 */
class TrainerOptimizerHooksTest {
    private static Dataset.Split split;

    @BeforeAll
    static void load() throws IOException {
        Dataset.Split mnist = RealMnist.load();
        split = new Dataset.Split(mnist.train().head(2000), mnist.test().head(500));
    }

    /** A run of {@code steps} on the MLP; the network (final parameters) and the result. */
    private record Run(float[] params, TrainResult result) {
    }

    private static Run train(Optimizer o, double lr, long steps, long evalEvery) {
        try (Backend be = Backend.fast(1)) {
            Network net = Models.create("mlp", new Shape(28, 28, 1), 10, 50, be);
            net.initialize(3);
            TrainResult r = Trainer.train(net, split, o, Schedule.constant(lr), new TrainConfig(steps, 50, 3, evalEvery, 50, 0),
                    TrainListener.NONE);
            return new Run(net.parameters().data().clone(), r);
        }
    }

    @Test
    void scheduleFree_isEvaluatedAtX_andKeepsTrainingAtY() {
        Optimizer evaluatedOften = Optimizers.parse("schedule_free_sgd");
        Run often = train(evaluatedOften, 0.1, 40, 10);
        Run once = train(Optimizers.parse("schedule_free_sgd"), 0.1, 40, 0);
        assertArrayEquals(once.params(), often.params(), "evaluations leave the training point y as it was, bit for bit");
        assertArrayEquals(once.result().losses(), often.result().losses());

        // by hand: the network at x is what the final evaluation saw
        try (Backend be = Backend.fast(1)) {
            Network net = Models.create("mlp", new Shape(28, 28, 1), 10, 50, be);
            float[] x = often.params().clone();
            evaluatedOften.toEval(x);
            System.arraycopy(x, 0, net.parameters().data(), 0, x.length);
            Evaluation atX = Trainer.evaluate(net, split.test(), 50, 40);
            assertEquals(atX, often.result().evaluation());
            System.arraycopy(often.params(), 0, net.parameters().data(), 0, x.length);
            Evaluation atY = Trainer.evaluate(net, split.test(), 50, 40);
            assertNotEquals(atY.loss(), often.result().evaluation().loss(), "x and y differ, and x is the one reported");
            evaluatedOften.toTrain(x);
        }
    }

    @Test
    void lamb_stepsOneTensorAtATime_biasesLeftOut() {
        Run loop = train(Optimizers.parse("lamb(weight_decay=0.01)"), 0.01, 15, 0);
        // by hand: the same steps with the groups bound outside the loop
        try (Backend be = Backend.fast(1)) {
            Network net = Models.create("mlp", new Shape(28, 28, 1), 10, 50, be);
            net.initialize(3);
            Optimizer bound = ParamGroups.layerwise(net.parameters()).bind(Optimizers.parse("lamb(weight_decay=0.01)"));
            Trainer.train(net, split, bound, Schedule.constant(0.01), new TrainConfig(15, 50, 3, 0, 50, 0), TrainListener.NONE);
            assertArrayEquals(net.parameters().data(), loop.params());
        }
        Run flat = trainFlat("lamb(weight_decay=0.01)", 0.01, 15);
        assertFalse(java.util.Arrays.equals(flat.params(), loop.params()), "one tensor per view is not the whole array as one tensor");
    }

    /** The same run with the whole array as one tensor: the optimizer told nothing about the layout. */
    private static Run trainFlat(String spec, double lr, long steps) {
        try (Backend be = Backend.fast(1)) {
            Network net = Models.create("mlp", new Shape(28, 28, 1), 10, 50, be);
            net.initialize(3);
            Optimizer o = Optimizers.parse(spec);
            float[] p = net.parameters().data(), g = net.parameters().grad();
            var batches = new dev.descent.data.Minibatches(split.train(), 50, 3);
            float[] x = new float[50 * split.train().imageSize()];
            int[] y = new int[50];
            for (long t = 1; t <= steps; t++) {
                batches.next(x, y);
                net.trainStep(x, y, 50, dev.descent.random.Rng.derive(3, dev.descent.random.Rng.STREAM_DROPOUT, t));
                o.step(p, g, lr);
            }
            return new Run(p.clone(), null);
        }
    }

    @Test
    void muon_seesTheNetworksMatrices() {
        // the MLP has only a first layer and a head, which Muon leaves to AdamW by default: let it take them
        Run loop = train(Optimizers.parse("muon(aux_first_last=false)"), 0.02, 5, 0);
        Run flat = trainFlat("muon(aux_first_last=false)", 0.02, 5);
        assertFalse(java.util.Arrays.equals(flat.params(), loop.params()),
                "with the layout Muon orthogonalizes the hidden matrix; without it everything goes to its auxiliary AdamW");
    }
}
