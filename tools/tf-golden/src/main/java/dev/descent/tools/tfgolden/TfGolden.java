package dev.descent.tools.tfgolden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.op.train.ResourceApplyAdaMax;
import org.tensorflow.op.train.ResourceApplyAdadelta;
import org.tensorflow.op.train.ResourceApplyAdagrad;
import org.tensorflow.op.train.ResourceApplyAdam;
import org.tensorflow.op.train.ResourceApplyAdamWithAmsgrad;
import org.tensorflow.op.train.ResourceApplyCenteredRmsProp;
import org.tensorflow.op.train.ResourceApplyGradientDescent;
import org.tensorflow.op.train.ResourceApplyKerasMomentum;
import org.tensorflow.op.train.ResourceApplyMomentum;
import org.tensorflow.op.train.ResourceApplyRmsProp;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * Replays the golden problem (fixed initial parameters, fixed gradient sequence, per-step learning rate) through
 * TensorFlow's own optimizer kernels and writes one reference trajectory per case.
 *
 * <p>Each case is one graph: resource variables for the parameters and every slot, placeholders for the
 * gradient, the learning rate and (Adam, Adamax) the bias-correction powers, and one {@code ResourceApply*} raw op,
 * the op TF1's {@code tf.train} and Keras' optimizers both end in. The op is run once per step with that step's
 * feeds; the parameters are read back after each step.
 *
 * <p>Usage: {@code TfGolden <repo root> [<problem dir>]}; the problem dir holds {@code initial.csv} and
 * {@code gradients.csv} (default {@code <root>/core/src/test/resources/golden}); output goes to
 * {@code <root>/core/src/test/resources/golden/tensorflow/}. See the module README.
 */
public final class TfGolden {

    /** Scalars and constants a case's op is built from. */
    record Inputs(Ops tf, Operand<TFloat32> lr, Operand<TFloat32> grad, Operand<TFloat32> beta1Power,
            Operand<TFloat32> beta2Power) {
        Operand<TFloat32> c(double v) {
            return tf.constant((float) v);
        }
    }

    @FunctionalInterface
    interface Update {
        /** The update op for parameter handle {@code var} and slot handles {@code slots}. */
        Op build(Inputs in, Operand<? extends TType> var, List<Operand<? extends TType>> slots);
    }

    /**
     * One reference trajectory.
     *
     * @param slotInit initial value of each slot variable (every slot is a length-n vector filled with it)
     * @param beta1 / beta2 used only to feed {@code beta^t} to Adam-family ops; 0 when unused
     */
    record Case(String file, String optimizer, Map<String, String> params, String opName, double[] slotInit,
            double beta1, double beta2, Update update) {
    }

    private static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("sgd", "sgd", params(), ResourceApplyGradientDescent.OP_NAME, new double[0], 0, 0,
                (in, var, s) -> in.tf().train.resourceApplyGradientDescent(var, in.lr(), in.grad())));
        for (boolean nesterov : new boolean[] {false, true}) {
            // TF1 / TF-Java ApplyMomentum: accum ← μ·accum + g; var ← var − lr·accum (Nesterov: − lr·(g + μ·accum)).
            c.add(new Case(nesterov ? "nesterov" : "momentum", "momentum",
                    params("momentum", "0.9", "nesterov", Boolean.toString(nesterov), "convention", "tensorflow"),
                    ResourceApplyMomentum.OP_NAME + (nesterov ? "(use_nesterov=true)" : ""), new double[] {0}, 0, 0,
                    (in, var, s) -> in.tf().train.resourceApplyMomentum(var, s.get(0), in.lr(), in.grad(), in.c(0.9),
                            ResourceApplyMomentum.useNesterov(nesterov))));
            // Keras SGD(momentum): accum ← μ·accum − lr·g; var ← var + accum (Nesterov: + μ·accum − lr·g).
            c.add(new Case(nesterov ? "nesterov_keras" : "momentum_keras", "momentum",
                    params("momentum", "0.9", "nesterov", Boolean.toString(nesterov), "convention", "keras"),
                    ResourceApplyKerasMomentum.OP_NAME + (nesterov ? "(use_nesterov=true)" : ""), new double[] {0}, 0,
                    0, (in, var, s) -> in.tf().train.resourceApplyKerasMomentum(var, s.get(0), in.lr(), in.grad(),
                            in.c(0.9), ResourceApplyKerasMomentum.useNesterov(nesterov))));
        }
        // TF1 RMSPropOptimizer initialises the mean square to 1.0; Keras to 0.
        for (double momentum : new double[] {0, 0.9}) {
            String suffix = momentum == 0 ? "" : "_momentum";
            c.add(new Case("rmsprop" + suffix, "rmsprop",
                    params("rho", "0.9", "epsilon", "1e-10", "momentum", fmt(momentum), "centered", "false",
                            "initial_mean_square", "1.0", "convention", "tensorflow"),
                    ResourceApplyRmsProp.OP_NAME, new double[] {1.0, 0}, 0, 0,
                    (in, var, s) -> in.tf().train.resourceApplyRmsProp(var, s.get(0), s.get(1), in.lr(), in.c(0.9),
                            in.c(momentum), in.c(1e-10), in.grad())));
            c.add(new Case("rmsprop_centered" + suffix, "rmsprop",
                    params("rho", "0.9", "epsilon", "1e-10", "momentum", fmt(momentum), "centered", "true",
                            "initial_mean_square", "1.0", "convention", "tensorflow"),
                    ResourceApplyCenteredRmsProp.OP_NAME, new double[] {0, 1.0, 0}, 0, 0,
                    (in, var, s) -> in.tf().train.resourceApplyCenteredRmsProp(var, s.get(0), s.get(1), s.get(2),
                            in.lr(), in.c(0.9), in.c(momentum), in.c(1e-10), in.grad())));
        }
        c.add(new Case("rmsprop_keras", "rmsprop",
                params("rho", "0.9", "epsilon", "1e-7", "momentum", "0", "centered", "false", "initial_mean_square",
                        "0", "convention", "keras"),
                ResourceApplyRmsProp.OP_NAME, new double[] {0, 0}, 0, 0,
                (in, var, s) -> in.tf().train.resourceApplyRmsProp(var, s.get(0), s.get(1), in.lr(), in.c(0.9),
                        in.c(0), in.c(1e-7), in.grad())));
        // Adam "epsilon hat": lr_t = lr·√(1 − β2ᵗ)/(1 − β1ᵗ); var ← var − lr_t·m/(√v + ε). A large ε shows where it sits.
        for (double eps : new double[] {1e-8, 0.1}) {
            c.add(new Case(eps == 0.1 ? "adam_eps_0.1" : "adam", "adam",
                    params("beta1", "0.9", "beta2", "0.999", "epsilon", fmt(eps), "amsgrad", "false", "convention",
                            "tensorflow"),
                    ResourceApplyAdam.OP_NAME, new double[] {0, 0}, 0.9, 0.999,
                    (in, var, s) -> in.tf().train.resourceApplyAdam(var, s.get(0), s.get(1), in.beta1Power(),
                            in.beta2Power(), in.lr(), in.c(0.9), in.c(0.999), in.c(eps), in.grad())));
        }
        // With β2 = 0.999 the running max v̂ barely differs from v over 20 steps (under the test tolerance);
        // β2 = 0.9 lets v fall after the large gradients, so the max shows.
        for (double beta2 : new double[] {0.999, 0.9}) {
            c.add(new Case(beta2 == 0.9 ? "amsgrad_beta2_0.9" : "amsgrad", "adam",
                    params("beta1", "0.9", "beta2", fmt(beta2), "epsilon", "1e-8", "amsgrad", "true", "convention",
                            "tensorflow"),
                    ResourceApplyAdamWithAmsgrad.OP_NAME, new double[] {0, 0, 0}, 0.9, beta2,
                    (in, var, s) -> in.tf().train.resourceApplyAdamWithAmsgrad(var, s.get(0), s.get(1), s.get(2),
                            in.beta1Power(), in.beta2Power(), in.lr(), in.c(0.9), in.c(beta2), in.c(1e-8),
                            in.grad())));
        }
        // TF1 AdagradOptimizer: acc ← acc + g²; var ← var − lr·g/√acc (the accumulator starts at 0.1). TF-Java's
        // ResourceApplyAdagrad class wraps the op ResourceApplyAdagradV2, var ← var − lr·g/(√acc + ε); with ε = 0
        // its kernel does exactly the TF1 arithmetic. Keras Adagrad is the same op with ε = 1e-7.
        for (double eps : new double[] {0, 1e-7}) {
            c.add(new Case(eps == 0 ? "adagrad" : "adagrad_keras", "adagrad",
                    params("initial_accumulator", "0.1", "epsilon", fmt(eps), "convention", eps == 0 ? "tensorflow" : "keras"),
                    ResourceApplyAdagrad.OP_NAME + "(epsilon=" + fmt(eps) + ")", new double[] {0.1}, 0, 0,
                    (in, var, s) -> in.tf().train.resourceApplyAdagrad(var, s.get(0), in.lr(), in.c(eps), in.grad())));
        }
        // With ε = 1e-8 and lr ≤ 0.01 Adadelta moves the parameters by ~1e-6, below the comparison tolerance;
        // ε = 0.01 makes the trajectory visible.
        for (double eps : new double[] {1e-8, 0.01}) {
            c.add(new Case(eps == 0.01 ? "adadelta_eps_0.01" : "adadelta", "adadelta",
                    params("rho", "0.95", "epsilon", fmt(eps), "convention", "tensorflow"),
                    ResourceApplyAdadelta.OP_NAME, new double[] {0, 0}, 0, 0,
                    (in, var, s) -> in.tf().train.resourceApplyAdadelta(var, s.get(0), s.get(1), in.lr(), in.c(0.95),
                            in.c(eps), in.grad())));
        }
        c.add(new Case("adamax", "adamax",
                params("beta1", "0.9", "beta2", "0.999", "epsilon", "1e-7", "convention", "tensorflow"),
                ResourceApplyAdaMax.OP_NAME, new double[] {0, 0}, 0.9, 0.999,
                (in, var, s) -> in.tf().train.resourceApplyAdaMax(var, s.get(0), s.get(1), in.beta1Power(), in.lr(),
                        in.c(0.9), in.c(0.999), in.c(1e-7), in.grad())));
        return c;
    }

    /** The problem: initial parameters and per-step (lr, gradient) rows for steps 1..n. */
    record Problem(float[] initial, float[] lr, float[][] grads) {
        static Problem read(Path dir) throws IOException {
            List<String> init = Files.readAllLines(dir.resolve("initial.csv"), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            float[] initial = floats(init.get(0).split(","), 0);
            List<String> rows = Files.readAllLines(dir.resolve("gradients.csv"), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            String header = rows.get(0);
            StringBuilder expected = new StringBuilder("step,lr");
            for (int i = 0; i < initial.length; i++) {
                expected.append(",g").append(i);
            }
            if (!header.equals(expected.toString())) {
                throw new IOException("gradients.csv header must be '" + expected + "', got '" + header + "'");
            }
            int n = rows.size() - 1;
            float[] lr = new float[n];
            float[][] grads = new float[n][];
            for (int t = 0; t < n; t++) {
                String[] f = rows.get(t + 1).split(",");
                if (Integer.parseInt(f[0].strip()) != t + 1) {
                    throw new IOException("gradients.csv row " + (t + 1) + " has step " + f[0]);
                }
                lr[t] = Float.parseFloat(f[1].strip());
                grads[t] = floats(f, 2);
                if (grads[t].length != initial.length) {
                    throw new IOException("gradients.csv step " + (t + 1) + " has " + grads[t].length
                            + " gradients, initial.csv " + initial.length + " parameters");
                }
            }
            return new Problem(initial, lr, grads);
        }

        private static float[] floats(String[] f, int from) {
            float[] out = new float[f.length - from];
            for (int i = 0; i < out.length; i++) {
                out[i] = Float.parseFloat(f[from + i].strip());
            }
            return out;
        }
    }

    /** Runs one case; row 0 is the initial parameters, row t the parameters after step t. */
    static float[][] run(Case c, Problem p) {
        int n = p.initial().length;
        float[][] out = new float[p.lr().length + 1][];
        out[0] = p.initial().clone();
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> lr = tf.placeholder(TFloat32.class);
            Placeholder<TFloat32> grad = tf.placeholder(TFloat32.class);
            Placeholder<TFloat32> b1p = tf.placeholder(TFloat32.class);
            Placeholder<TFloat32> b2p = tf.placeholder(TFloat32.class);
            // Without a shared_name every VarHandleOp in the graph names the same resource (Python always sets one).
            var var = tf.varHandleOp(TFloat32.class, Shape.of(n), VarHandleOp.sharedName("params"));
            List<Op> inits = new ArrayList<>();
            inits.add(tf.assignVariableOp(var, tf.constant(p.initial())));
            List<Operand<? extends TType>> slots = new ArrayList<>();
            for (double v : c.slotInit()) {
                var slot = tf.varHandleOp(TFloat32.class, Shape.of(n), VarHandleOp.sharedName("slot" + slots.size()));
                inits.add(tf.assignVariableOp(slot, tf.fill(tf.constant(new int[] {n}), tf.constant((float) v))));
                slots.add(slot);
            }
            Op update = c.update().build(new Inputs(tf, lr, grad, b1p, b2p), var, slots);
            var read = tf.readVariableOp(var, TFloat32.class);
            try (Session s = new Session(g)) {
                Session.Runner init = s.runner();
                inits.forEach(init::addTarget);
                init.run().close();
                float b1 = (float) c.beta1();
                float b2 = (float) c.beta2();
                for (int t = 1; t <= p.lr().length; t++) {
                    // Keras computes β^t as pow(β, t) in float32; TF1 multiplies a float32 variable by β each step.
                    // The two differ by an ulp at most, far below the comparison tolerance.
                    try (TFloat32 lrT = TFloat32.scalarOf(p.lr()[t - 1]);
                            TFloat32 gT = TFloat32.vectorOf(p.grads()[t - 1]);
                            TFloat32 b1T = TFloat32.scalarOf((float) Math.pow(b1, t));
                            TFloat32 b2T = TFloat32.scalarOf((float) Math.pow(b2, t))) {
                        Session.Runner r = s.runner().feed(grad, gT).feed(lr, lrT).addTarget(update);
                        if (c.beta1() != 0) {
                            r.feed(b1p, b1T).feed(b2p, b2T);
                        }
                        r.run().close();
                    }
                    try (Result res = s.runner().fetch(read).run()) {
                        TFloat32 v = (TFloat32) res.get(0);
                        float[] row = new float[n];
                        for (int i = 0; i < n; i++) {
                            row[i] = v.getFloat(i);
                        }
                        out[t] = row;
                    }
                }
            }
        }
        return out;
    }

    /** A hyperparameter as written in the header: {@code 0.9}, {@code 1e-8}, {@code 0}. */
    static String fmt(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toString().replace("E", "e").replace("e+", "e");
    }

    /** A float32 with 9 significant digits, enough to read back the same float. */
    static String f32(float v) {
        return String.format(Locale.ROOT, "%.9g", v);
    }

    static void write(Path file, Case c, float[][] rows) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("# optimizer=").append(c.optimizer()).append('\n');
        c.params().forEach((k, v) -> b.append("# param ").append(k).append('=').append(v).append('\n'));
        b.append("# source=TF-Java 1.1.0 ").append(c.opName()).append('\n');
        b.append("step");
        for (int i = 0; i < rows[0].length; i++) {
            b.append(",p").append(i);
        }
        b.append('\n');
        for (int t = 0; t < rows.length; t++) {
            b.append(t);
            for (float v : rows[t]) {
                b.append(',').append(f32(v));
            }
            b.append('\n');
        }
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path golden = root.resolve("core/src/test/resources/golden");
        Path problemDir = args.length > 1 ? Path.of(args[1]) : golden;
        Problem p = Problem.read(problemDir);
        Path out = golden.resolve("tensorflow");
        Files.createDirectories(out);
        for (Case c : cases()) {
            float[][] rows = run(c, p);
            write(out.resolve(c.file() + ".csv"), c, rows);
            System.out.println(c.file() + ": " + c.opName() + ", final " + java.util.Arrays.toString(rows[rows.length - 1]));
        }
    }
}
