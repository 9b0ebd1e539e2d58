package dev.descent.optim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared table (Optax style): every registered optimizer, with a learning rate that suits it, must
 * bring an ill-conditioned quadratic and the Rosenbrock function from a fixed start close to their minima
 * within a step budget. Adding an optimizer adds one row here.
 */
class OptimizerTableTest {

    /** One optimizer under test: a spec and a constant learning rate per problem. */
    record Row(String spec, double lrQuadratic, double lrRosenbrock) {
        @Override
        public String toString() {
            return spec;
        }
    }

    static Stream<Row> table() {
        return Stream.of(
                new Row("sgd", 0.1, 1e-3),
                new Row("momentum", 0.02, 2e-4),
                new Row("momentum(convention=keras)", 0.02, 2e-4),
                new Row("nesterov", 0.02, 2e-4),
                new Row("adagrad", 0.5, 0.5),
                new Row("adagrad(convention=tensorflow)", 0.5, 0.5),
                new Row("rmsprop", 0.01, 1e-3),
                new Row("rmsprop(convention=tensorflow, centered=true, momentum=0.9)", 0.001, 1e-4),
                new Row("adam", 0.05, 0.01),
                new Row("adam(convention=tensorflow)", 0.05, 0.01),
                new Row("amsgrad", 0.05, 0.01),
                new Row("adamw(weight_decay=1e-4)", 0.05, 0.01),
                new Row("nadam", 0.05, 0.01),
                new Row("nadam(convention=pytorch_1_13)", 0.05, 0.01),
                new Row("adamax", 0.05, 0.02),
                new Row("adamax(convention=tensorflow)", 0.05, 0.02),
                // AdaDelta's first steps are about lr·√ε long and its last ones lr·g: a larger ε starts it, a small lr lands it
                new Row("adadelta(epsilon=1e-2)", 0.15, 1e-3),
                new Row("adadelta(convention=tensorflow, epsilon=1e-2)", 0.15, 1e-3),
                new Row("radam", 0.05, 0.01),
                new Row("adabelief", 0.05, 0.01),
                new Row("lion", 0.005, 1e-3),
                // matrix optimizers: a 2-D point is a vector, which Muon's auxiliary AdamW steps (MuonTest covers matrices)
                new Row("muon", 0.05, 0.01),
                new Row("muon(convention=reference, adam_lr_ratio=1)", 0.05, 0.01),
                new Row("muon(convention=keras)", 0.05, 0.01),
                // LAMB's and LARS's steps are lr·‖θ‖ long whatever the gradient: small on the quadratic (minimum at
                // the origin), not on Rosenbrock (at (1, 1)), where only a small lr lands them. One tensor here.
                new Row("lamb", 0.01, 1.5e-3),
                new Row("lars", 1.0, 0.03),
                // evaluated at the average x (toEval), as the trainer does
                new Row("schedule_free_sgd", 0.1, 0.003),
                new Row("schedule_free_adamw", 0.03, 0.01),
                new Row("prodigy", 1.0, 1.0),   // its default lr: d is estimated
                // Adafactor: a 2-D point is one vector, never factored. Its step lr·RMS(θ)·û stays near lr at
                // Rosenbrock's (1, 1), where û ≈ ±1 bounces: without momentum or a decaying lr only a small lr lands it
                new Row("adafactor", 0.05, 0.001),
                new Row("adafactor(convention=optax)", 0.05, 0.001),
                new Row("adafactor(convention=optax, momentum=0.9, multiply_by_parameter_scale=false)", 0.01, 0.003),
                // SOAP: a 2-D point is a vector, Adam with the first step skipped; precondition1d gives it a 2×2 factor
                new Row("soap", 0.05, 0.01),
                new Row("soap(precondition1d=true, precondition_frequency=3)", 0.05, 0.01),
                new Row("sgd(clip_norm=1.0)", 0.1, 1e-3),
                new Row("adam(clip_value=0.5, on_nonfinite=skip)", 0.05, 0.01));
    }

    /** f(x) = ½(x₀² + 10·x₁²), minimum 0 at the origin; f(start) = 5.5. */
    static double quadratic(float[] x, float[] g) {
        g[0] = x[0];
        g[1] = 10 * x[1];
        return 0.5 * ((double) x[0] * x[0] + 10.0 * x[1] * x[1]);
    }

    /** Rosenbrock f(x) = (1 − x₀)² + 100·(x₁ − x₀²)², minimum 0 at (1, 1); f(0, 0) = 1. */
    static double rosenbrock(float[] x, float[] g) {
        double a = x[0], b = x[1];
        g[0] = (float) (-2 * (1 - a) - 400 * a * (b - a * a));
        g[1] = (float) (200 * (b - a * a));
        return (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a);
    }

    interface Problem {
        double valueAndGradient(float[] x, float[] g);
    }

    static double minimize(Optimizer o, Problem f, float[] start, double lr, int steps) {
        float[] x = start.clone(), g = new float[x.length];
        for (int t = 0; t < steps; t++) {
            f.valueAndGradient(x, g);
            o.step(x, g, lr);
        }
        o.toEval(x);   // the point to evaluate: Schedule-Free's average x; the parameters for every other rule
        return f.valueAndGradient(x, g);
    }

    @Test
    void table_coversEveryRegisteredOptimizer() {
        Set<String> names = table().map(r -> r.spec().split("\\(")[0]).collect(Collectors.toSet());
        for (String name : Optimizers.names()) {
            assertTrue(names.contains(name), "no row for " + name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void quadratic_reachesMinimum(Row row) {
        double f = minimize(Optimizers.parse(row.spec()), OptimizerTableTest::quadratic, new float[] {1f, -1f}, row.lrQuadratic(), 2_000);
        assertTrue(f < 1e-4, row.spec() + ": f = " + f + " after 2000 steps");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void rosenbrock_reachesMinimum(Row row) {
        double f = minimize(Optimizers.parse(row.spec()), OptimizerTableTest::rosenbrock, new float[] {0f, 0f}, row.lrRosenbrock(), 20_000);
        assertTrue(f < 1e-3, row.spec() + ": f = " + f + " after 20000 steps");
    }
}
