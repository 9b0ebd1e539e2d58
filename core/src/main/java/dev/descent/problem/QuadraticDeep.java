package dev.descent.problem;

import dev.descent.data.Dataset;
import dev.descent.data.Minibatches;
import dev.descent.kernel.WorkerPool;
import dev.descent.random.Rng;
import dev.descent.train.Evaluation;
import dev.descent.train.Objective;
import dev.descent.train.TrainListener;
import dev.descent.train.Trainer;

/**
 * The noisy quadratic {@code quadratic-deep}, after DeepOBS's {@code quadratic_deep} test problem
 * ({@code deepobs/tensorflow/testproblems/quadratic_deep.py}, {@code deepobs/tensorflow/testproblems/_quadratic.py}
 * and its data set {@code deepobs/tensorflow/datasets/quadratic.py} in {@code fsschneider/DeepOBS}): a
 * {@value #DIMENSION}-dimensional stochastic quadratic whose Hessian has the eigenvalue spectrum reported for deep
 * networks (Chaudhari et al. 2016, arXiv:1611.01838).
 *
 * <ul>
 *   <li>Hessian {@code H = Rᵀ diag(λ) R}: 90 eigenvalues drawn uniformly from (0, 1) and 10 from (30, 60), and
 *       {@code R} a uniformly random rotation drawn by the subgroup algorithm of Diaconis &amp; Shahshahani (1987),
 *       as DeepOBS draws them. They are fixed properties of the problem, drawn from the fixed seed {@value #SEED}
 *       (DeepOBS's 42), never from a trial's seed; descent's generator is not NumPy's, so the numbers are not DeepOBS's.</li>
 *   <li>Per-example loss {@code ½ (θ − x)ᵀ H (θ − x)}, the minibatch loss its mean, so the gradient is
 *       {@code H (θ − x̄)}. The "data" {@code x} are {@value #SAMPLE} fixed draws from {@code N(0, 0.6² I)} (float32),
 *       served in minibatches of the problem's batch size in an order the trial's seed shuffles
 *       ({@link Minibatches}, as for images), so the trial seed drives the minibatch noise.</li>
 *   <li>{@code θ₀ = (1, …, 1)}, DeepOBS's constant initializer, whatever the seed.</li>
 *   <li>Validation and test: the mean loss over two more fixed samples of {@value #SAMPLE} draws (DeepOBS's test set
 *       is one, drawn with seed 43); accuracy is NaN.</li>
 * </ul>
 *
 * <p>The expected loss at {@code θ} is {@code ½ θᵀHθ + ½ σ² tr H} with {@code σ = 0.6}: the optimum is
 * {@code θ = 0} with the irreducible noise floor {@code ½ σ² tr H = 0.18 tr H} (89.6 for this draw, see
 * {@link Problems}'s target), and {@code θ₀} starts {@code ½ · 1ᵀH1} (about 139) above it. The wide spectrum
 * (eigenvalues from 0.0038 to 59.5, condition 1.6·10⁴) makes plain SGD's learning rate a trade: below
 * {@code 2/λ_max ≈ 0.034} for the large directions, yet large enough to move the small ones within the budget.
 *
 * <p>It runs in the one training loop ({@link Trainer#train(Objective, dev.descent.optim.Optimizer,
 * dev.descent.schedule.Schedule, dev.descent.train.TrainConfig, TrainListener, dev.descent.train.Checkpoint)}),
 * so the guard, the divergence rule, evaluations and checkpoints behave as for networks. It needs one thread.
 *
 * <pre>{@code
 * try (Workbench w = Workbench.open(Problems.parse("quadratic-deep"), null, 1)) {
 *     TrialOutcome o = w.run(new TrialRequest(Optimization.resolve("sgd", 0.01, null), 1, 1000, Divergence.DEFAULT, false, null, false),
 *             TrainListener.NONE);
 * }
 * }</pre>
 */
public final class QuadraticDeep implements Workbench {
    /** The quadratic's dimension. */
    public static final int DIMENSION = 100;
    /** The standard deviation of the noise {@code x}. */
    public static final double NOISE = 0.6;
    /** Draws in each of the training, validation and test samples (DeepOBS's {@code train_size}). */
    public static final int SAMPLE = 1000;
    /** The fixed seed of the Hessian and the samples. */
    public static final long SEED = 42;
    private static final long EIGENVALUES = 1, ROTATION = 2, TRAIN = 3, VALIDATION = 4, TEST = 5;

    private static final int D = DIMENSION;

    private final Problem problem;
    private final double[] eigenvalues;
    private final double[] hessian;   // D × D, row-major
    private final Sample train, validation, test;
    private final Dataset order;      // SAMPLE one-pixel "images" labelled 0..SAMPLE−1: Minibatches serves their indices

    /**
     * @throws IllegalArgumentException if the problem's batch is larger than the training sample
     */
    public QuadraticDeep(Problem problem) {
        if (problem.batch() > SAMPLE) {
            throw new IllegalArgumentException(problem.name() + ": batch must be <= " + SAMPLE + " (the training sample), got " + problem.batch());
        }
        this.problem = problem;
        Rng rng = Rng.derive(SEED, EIGENVALUES);
        eigenvalues = new double[D];
        for (int k = 0; k < D; k++) {
            eigenvalues[k] = k < 90 ? rng.nextDouble() : 30 + 30 * rng.nextDouble();
        }
        double[] r = rotation(D, Rng.derive(SEED, ROTATION));
        hessian = new double[D * D];
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                double s = 0;
                for (int k = 0; k < D; k++) {
                    s += r[k * D + i] * eigenvalues[k] * r[k * D + j];
                }
                hessian[i * D + j] = s;
            }
        }
        for (int i = 0; i < D; i++) {   // exactly symmetric: (H[i][j] + H[j][i]) / 2
            for (int j = 0; j < i; j++) {
                double m = 0.5 * (hessian[i * D + j] + hessian[j * D + i]);
                hessian[i * D + j] = m;
                hessian[j * D + i] = m;
            }
        }
        train = new Sample(Rng.derive(SEED, TRAIN));
        validation = new Sample(Rng.derive(SEED, VALIDATION));
        test = new Sample(Rng.derive(SEED, TEST));
        int[] labels = new int[SAMPLE];
        for (int i = 0; i < SAMPLE; i++) {
            labels[i] = i;
        }
        order = new Dataset("quadratic-deep order", new float[SAMPLE], labels, SAMPLE, 1, 1, 1, SAMPLE);
    }

    /**
     * A uniformly random rotation (Haar measure on SO(n) up to the final sign, as DeepOBS's {@code random_rotation}):
     * start from a random 2-D rotation and grow it one dimension at a time by a Householder reflection towards a
     * random point of the sphere (Diaconis &amp; Shahshahani's subgroup algorithm). Row-major n × n.
     */
    static double[] rotation(int n, Rng rng) {
        double t = 2 * Math.PI * rng.nextDouble();
        double[] r = {Math.cos(t), Math.sin(t), -Math.sin(t), Math.cos(t)};
        for (int d = 2; d < n; d++) {
            int m = d + 1;
            double[] v = new double[m];
            double norm = 0;
            for (int i = 0; i < m; i++) {
                v[i] = rng.nextGaussian();
                norm += v[i] * v[i];
            }
            norm = Math.sqrt(norm);
            double[] x = new double[m];   // (e₁ − v) / |e₁ − v|, v on the unit sphere
            double xn = 0;
            for (int i = 0; i < m; i++) {
                x[i] = (i == 0 ? 1 : 0) - v[i] / norm;
                xn += x[i] * x[i];
            }
            xn = Math.sqrt(xn);
            for (int i = 0; i < m; i++) {
                x[i] /= xn;
            }
            double[] b = new double[m * m];   // [[1, 0], [0, R]]
            b[0] = 1;
            for (int i = 0; i < d; i++) {
                System.arraycopy(r, i * d, b, (i + 1) * m + 1, d);
            }
            double[] xb = new double[m];      // xᵀ B
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    xb[j] += x[i] * b[i * m + j];
                }
            }
            r = new double[m * m];            // B − 2 x (xᵀ B)
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    r[i * m + j] = b[i * m + j] - 2 * x[i] * xb[j];
                }
            }
        }
        for (int i = 0; i < r.length; i++) {
            r[i] = -r[i];
        }
        return r;
    }

    /**
     * A fixed sample of noise: the draws {@code x} (float32, as DeepOBS's), and per draw {@code Hx} and
     * {@code xᵀHx}, so a loss is {@code ½θᵀHθ − θᵀ(Hx) + ½ xᵀHx} and a step costs one {@code Hθ}.
     */
    private final class Sample {
        final float[] x = new float[SAMPLE * D];
        final double[] hx = new double[SAMPLE * D];
        final double[] xhx = new double[SAMPLE];
        final double[] meanHx = new double[D];
        final double meanXhx;

        Sample(Rng rng) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (NOISE * rng.nextGaussian());
            }
            double sum = 0;
            for (int e = 0; e < SAMPLE; e++) {
                double q = 0;
                for (int i = 0; i < D; i++) {
                    double s = 0;
                    for (int j = 0; j < D; j++) {
                        s += hessian[i * D + j] * x[e * D + j];
                    }
                    hx[e * D + i] = s;
                    q += x[e * D + i] * s;
                    meanHx[i] += s;
                }
                xhx[e] = q;
                sum += q;
            }
            for (int i = 0; i < D; i++) {
                meanHx[i] /= SAMPLE;
            }
            meanXhx = sum / SAMPLE;
        }

        /** Mean loss over the whole sample at {@code theta}. */
        double loss(float[] theta, double[] hTheta) {
            return 0.5 * dot(theta, multiply(theta, hTheta)) - dot(theta, meanHx) + 0.5 * meanXhx;
        }
    }

    private double[] multiply(float[] theta, double[] out) {
        for (int i = 0; i < D; i++) {
            double s = 0;
            for (int j = 0; j < D; j++) {
                s += hessian[i * D + j] * theta[j];
            }
            out[i] = s;
        }
        return out;
    }

    private static double dot(float[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < D; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * The mean loss of the training draws {@code indices} at {@code theta}, and its gradient {@code H(θ − x̄)} into
     * {@code grad} (rounded to float).
     */
    double batchLoss(float[] theta, int[] indices, float[] grad) {
        double[] hTheta = multiply(theta, new double[D]);
        double[] meanHx = new double[D];
        double xhx = 0;
        for (int e : indices) {
            for (int i = 0; i < D; i++) {
                meanHx[i] += train.hx[e * D + i];
            }
            xhx += train.xhx[e];
        }
        int n = indices.length;
        for (int i = 0; i < D; i++) {
            meanHx[i] /= n;
            grad[i] = (float) (hTheta[i] - meanHx[i]);
        }
        return 0.5 * dot(theta, hTheta) - dot(theta, meanHx) + 0.5 * xhx / n;
    }

    /** The eigenvalues of the Hessian: 90 in (0, 1), then 10 in (30, 60). */
    double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** The Hessian, row-major. */
    double[] hessian() {
        return hessian.clone();
    }

    /** The training draws (row after row of {@value #DIMENSION}). */
    float[] trainingNoise() {
        return train.x.clone();
    }

    /** The validation draws. */
    float[] validationNoise() {
        return validation.x.clone();
    }

    /** One run's objective: θ₀ = 1, minibatches of the problem's batch in the order of {@code seed}. */
    Objective objective(long seed) {
        return new Run(seed);
    }

    private final class Run implements Objective {
        private final float[] theta = new float[D];
        private final float[] grad = new float[D];
        private final double[] scratch = new double[D];
        private final Minibatches batches;
        private final float[] unused;
        private final int[] indices;

        Run(long seed) {
            java.util.Arrays.fill(theta, 1f);
            batches = new Minibatches(order, problem.batch(), seed);
            unused = new float[problem.batch()];
            indices = new int[problem.batch()];
        }

        @Override
        public float[] params() {
            return theta;
        }

        @Override
        public float[] grads() {
            return grad;
        }

        @Override
        public WorkerPool pool() {
            return null;
        }

        @Override
        public void skip(long steps) {
            batches.skip(steps);
        }

        @Override
        public double trainStep(long step) {
            batches.next(unused, indices);
            return batchLoss(theta, indices, grad);
        }

        @Override
        public boolean hasValidation() {
            return true;
        }

        @Override
        public Evaluation validation(long step) {
            return new Evaluation(step, validation.loss(theta, scratch), Double.NaN, SAMPLE);
        }

        @Override
        public Evaluation test(long step, boolean probe) {
            return new Evaluation(step, test.loss(theta, scratch), Double.NaN, SAMPLE);
        }
    }

    @Override
    public TrialOutcome run(TrialRequest request, TrainListener listener) {
        Objective run = objective(request.seed());
        return Trials.run(problem, request, Math.max(1, SAMPLE / problem.batch()),
                (optimizer, schedule, config, recorder) -> Trainer.train(run, optimizer, schedule, config, recorder, request.from()),
                run::params, new long[0], listener);
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "workbench(" + problem.name() + ")";
    }
}
