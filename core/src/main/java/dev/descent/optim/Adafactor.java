package dev.descent.optim;

import dev.descent.tensor.ParamView;

import java.util.List;

/**
 * Adafactor: Adam's second moment without its first, factored into row and column statistics for matrices,
 * with update clipping and steps relative to the parameters' scale.
 *
 * <pre>
 * β̂₂ₜ = 1 − t^(−c)                                     c = decay_rate (0.8); β̂₂₁ = 0
 * a factored tensor (two of its dimensions R and C, the others a batch):
 *   optax:    r ← β̂₂·r + (1 − β̂₂)·mean_C(g² + ε₁)      s ← β̂₂·s + (1 − β̂₂)·mean_R(g² + ε₁)
 *             u = g · (r / mean_R(r))^−½ · s^−½
 *   pytorch:  r ← lerp(r, mean_C(g²), 1 − β̂₂)          s ← lerp(s, mean_R(g²), 1 − β̂₂)
 *             V̂ = r·s / max(mean_R(r), ε₁);   u = g / √max(V̂, ε₁²)
 * anything else (vectors, small matrices, all of a flat point without a layout):
 *   optax:    v ← β̂₂·v + (1 − β̂₂)·(g² + ε₁);  u = g / √v
 *   pytorch:  v ← lerp(v, g², 1 − β̂₂);          u = g / √max(v, ε₁²)
 * update clipping:   û = u / max(1, RMS(u) / d)                       d = clipping_threshold
 * step size:         ρ = relative_step ? min(lr, 1/√t) : lr;   α = ρ · (multiply_by_parameter_scale ? max(ε₂, RMS(θ)) : 1)
 * optional momentum: m ← β₁·m + (1 − β₁)·α·û  (no bias correction), and the step is m
 * θ ← θ − α·û         (RMS over one tensor: each view of the layout is its own block)
 * </pre>
 *
 * <p>Shazeer &amp; Stern, "Adafactor: Adaptive Learning Rates with Sublinear Memory Cost", ICML 2018
 * (arXiv:1804.04235). Conventions: {@code optax} is {@code optax.adafactor} (google-deepmind/optax commit 2edbcbe2,
 * {@code optax/_src/factorized.py} and {@code alias.py}: lr scales the step, which is absolute; factor the two
 * largest dimensions when the second is at least {@code min_dim_size_to_factor} = 128; ε₁ = 1e-30 added to g²).
 * {@code pytorch} is {@code torch.optim.Adafactor} (torch ≥ 2.5, {@code torch/optim/_adafactor.py}, commit
 * 051d6a09): lr caps the relative step ρ = min(lr, 1/√t); every tensor of two or more dimensions is factored over
 * PyTorch's last two dimensions — a dense weight's fan-out × fan-in, a convolution's kh × kw (per input and
 * output channel); ε₁ = float32's machine ε clamps V̂ and the row mean instead of being added; decoupled weight
 * decay θ·(1 − lr·λ) before the update ({@code weight_decay_mode=decoupled}, the convention's default). Optax's
 * {@code weight_decay_rate} r (θ ← θ − r·θ, not scaled by lr) is descent's decoupled λ = r/lr under a constant lr.
 *
 * <p>Which views are tensors comes from {@link #useLayout}; without it the parameters are one vector. A tensor
 * whose chosen R or C has size 1 is stepped unfactored, as its factored V̂ would be g² anyway. State: one
 * parameter-length buffer v, in which a factored tensor keeps r and s at the start of its own range (rows + cols
 * ≤ rows·cols), and with momentum one more buffer m. The paper's memory saving therefore does not show in
 * descent's flat buffers; its arithmetic does.
 *
 * <pre>{@code
 * Optimizer adafactor = Optimizers.parse("adafactor(convention=pytorch)");   // lr 0.01 caps ρ = 1/√t
 * adafactor.useLayout(net.parameters().views());
 * adafactor.step(params, grads, 0.01);
 * }</pre>
 */
public final class Adafactor extends AbstractOptimizer {

    /** Positive integers, e.g. a dimension size. */
    static final String COUNT = "1, 2, 3, ...";
    /** A clipping threshold. */
    static final String AT_LEAST_ONE = "[1, inf)";

    /** Whose arithmetic and defaults. */
    public enum Convention implements Documented {
        @Description("optax.adafactor: absolute step lr·max(ε₂, RMS(θ)), ε₁ = 1e-30 added to g², factor the two largest dims if both ≥ 128") OPTAX,
        @Description("torch.optim.Adafactor (2.5+): relative step min(lr, 1/√t), ε₁ = float32 ε as a clamp, factor every matrix (PyTorch's last two dims), decoupled decay") PYTORCH
    }

    /** Hyperparameters, validated. */
    public record Config(
            @Hyperparameter(value = "c in β̂₂ₜ = 1 − t^(−c)", range = Checks.POSITIVE) double decayRate,
            @Hyperparameter(value = "ε₁, regularizes the second moment", range = Checks.POSITIVE) double epsilon1,
            @Hyperparameter(value = "ε₂, the smallest parameter scale", range = Checks.NON_NEGATIVE) double epsilon2,
            @Hyperparameter(value = "d, clip the update's RMS to it", range = AT_LEAST_ONE) double clippingThreshold,
            @Hyperparameter("ρ = min(lr, 1/√t) instead of lr") boolean relativeStep,
            @Hyperparameter("scale the step by max(ε₂, RMS(θ))") boolean multiplyByParameterScale,
            @Hyperparameter(value = "β₁ of an optional momentum on the update (0: none)", range = Checks.UNIT) double momentum,
            @Hyperparameter("factor the second moment of tensors") boolean factored,
            @Hyperparameter(value = "factor only if both factored dimensions are at least this", range = COUNT) double minDimSizeToFactor,
            @Hyperparameter("whose arithmetic and defaults") Convention convention) {

        public static final Config DEFAULTS = defaults(Convention.PYTORCH);

        public Config {
            Checks.positive("decay_rate", decayRate);
            Checks.positive("epsilon1", epsilon1);
            Checks.nonNegative("epsilon2", epsilon2);
            if (!(clippingThreshold >= 1) || Double.isInfinite(clippingThreshold)) {
                throw new IllegalArgumentException("clipping_threshold must be in " + AT_LEAST_ONE + ", got " + clippingThreshold);
            }
            Checks.inUnitInterval("momentum", momentum);
            if (!(minDimSizeToFactor >= 1 && minDimSizeToFactor <= Integer.MAX_VALUE && minDimSizeToFactor == Math.rint(minDimSizeToFactor))) {
                throw new IllegalArgumentException("min_dim_size_to_factor must be one of " + COUNT + ", got " + minDimSizeToFactor);
            }
            Checks.notNull("convention", convention);
        }

        /** The defaults of {@code convention}'s code. */
        public static Config defaults(Convention convention) {
            return switch (convention) {
                case OPTAX -> new Config(0.8, 1e-30, 1e-3, 1, false, true, 0, true, 128, convention);
                case PYTORCH -> new Config(0.8, Math.ulp(1f), 1e-3, 1, true, true, 0, true, 1, convention);
            };
        }
    }

    /** How one block of the layout is stepped: its range and, if factored, the two dimensions. */
    private record Block(int from, int to, int[] shape, int r, int c) {
        boolean factored() {
            return r >= 0;
        }

        int size() {
            return to - from;
        }

        /** Product of the dimensions in [lo, hi). */
        int span(int lo, int hi) {
            int p = 1;
            for (int k = lo; k < hi; k++) {
                p *= shape[k];
            }
            return p;
        }
    }

    private final Config config;
    private final boolean torch;
    private List<ParamView> views = List.of();
    private final java.util.Map<Long, Block[]> blocks = new java.util.HashMap<>();
    private float beta2Hat, oneMinusBeta2;
    private double invSqrtT;
    private float[] u = new float[0];
    private double[] rowSum = new double[0], colSum = new double[0];
    private float[] rowFactor = new float[0], colFactor = new float[0], mean = new float[0];

    public Adafactor(Config config) {
        this(config, WeightDecay.NONE);
    }

    public Adafactor(Config config, WeightDecay weightDecay) {
        super("adafactor", config, weightDecay, config.momentum() > 0 ? 2 : 1);
        this.config = config;
        this.torch = config.convention() == Convention.PYTORCH;
    }

    @Override
    public void useLayout(List<ParamView> views) {
        Layout.of(views);   // checks order and overlap
        this.views = List.copyOf(views);
        this.blocks.clear();
    }

    @Override
    protected boolean elementwise() {
        return false;
    }

    @Override
    protected void beginStep(long t) {
        double w = Math.pow(t, -config.decayRate());   // 1 − β̂₂ₜ
        oneMinusBeta2 = (float) w;
        beta2Hat = (float) (1 - w);
        invSqrtT = 1 / Math.sqrt(t);
    }

    @Override
    protected void apply(float[] p, float[] grads, float[][] s, int from, int to, float lr, float l2, float keep) {
        for (Block b : blocks(from, to)) {
            block(p, grads, s, b, lr, l2, keep);
        }
    }

    /** The views inside [from, to) as blocks, and each gap between them as one vector block. */
    private Block[] blocks(int from, int to) {
        Block[] known = blocks.get(((long) from << 32) | to);
        if (known != null) {
            return known;
        }
        List<Block> out = new java.util.ArrayList<>();
        int done = from;
        for (ParamView v : views) {
            if (v.offset() < from || v.end() > to) {
                continue;
            }
            if (v.offset() > done) {
                out.add(new Block(done, v.offset(), new int[] {v.offset() - done}, -1, -1));
            }
            out.add(block(v));
            done = v.end();
        }
        if (done < to) {
            out.add(new Block(done, to, new int[] {to - done}, -1, -1));
        }
        int most = 0, rows = 0, cols = 0;
        for (Block b : out) {
            most = Math.max(most, b.size());
            if (b.factored()) {
                rows = Math.max(rows, b.size() / b.shape()[b.c()]);
                cols = Math.max(cols, b.size() / b.shape()[b.r()]);
            }
        }
        if (u.length < most) {
            u = new float[most];
        }
        if (rowSum.length < rows || colSum.length < cols) {
            rowSum = new double[Math.max(rows, rowSum.length)];
            rowFactor = new float[rowSum.length];
            mean = new float[rowSum.length];
            colSum = new double[Math.max(cols, colSum.length)];
            colFactor = new float[colSum.length];
        }
        Block[] made = out.toArray(Block[]::new);
        blocks.put(((long) from << 32) | to, made);
        return made;
    }

    /** The factored dimensions of a view as the convention picks them, or an unfactored block. */
    private Block block(ParamView v) {
        int[] shape = v.shape();
        int r = -1, c = -1;
        if (config.factored() && shape.length >= 2) {
            if (torch) {
                // PyTorch's last two dimensions: a dense (in, out) is its (out, in); a convolution (kh, kw, in, out) its (.., kh, kw)
                r = shape.length == 4 ? 0 : 1;
                c = shape.length == 4 ? 1 : 0;
            } else {
                // optax: the two largest, by a stable argsort of the shape (ties: the earlier dimension sorts first)
                Integer[] order = new Integer[shape.length];
                for (int k = 0; k < order.length; k++) {
                    order[k] = k;
                }
                java.util.Arrays.sort(order, (x, y) -> Integer.compare(shape[x], shape[y]));
                r = order[order.length - 2];
                c = order[order.length - 1];
            }
            int smaller = Math.min(shape[r], shape[c]);
            if (smaller < config.minDimSizeToFactor() || smaller == 1) {
                r = c = -1;
            }
        }
        return new Block(v.offset(), v.end(), shape, r, c);
    }

    private void block(float[] p, float[] grads, float[][] s, Block b, float lr, float l2, float keep) {
        double rho = config.relativeStep() ? Math.min(lr, invSqrtT) : lr;
        double scale = config.multiplyByParameterScale() ? Math.max(config.epsilon2(), rms(p, b.from(), b.to())) : 1;
        if (b.factored()) {
            factored(p, grads, s[0], b, l2);
        } else {
            vector(p, grads, s[0], b.from(), b.to(), l2);
        }
        int n = b.size(), off = b.from();
        double ss = 0;
        for (int j = 0; j < n; j++) {
            ss += (double) u[j] * u[j];
        }
        double clip = Math.max(1, Math.sqrt(ss / n) / config.clippingThreshold());
        if (torch && config.momentum() == 0) {
            float alpha = (float) (-rho * scale / clip);   // torch: param.add_(update, alpha=−α/denom), α = max(ε₂, RMS)·ρ
            for (int j = 0; j < n; j++) {
                p[off + j] = p[off + j] * keep + alpha * u[j];
            }
            return;
        }
        // optax: clip, × lr, × parameter scale, optionally ema(momentum, debias=False), then θ + (−1)·update
        float clipF = (float) clip, rhoF = (float) rho, scaleF = (float) scale;
        if (config.momentum() > 0) {
            float[] m = s[1];
            float beta1 = (float) config.momentum(), w1 = (float) (1 - config.momentum());
            for (int j = 0; j < n; j++) {
                float mj = w1 * ((u[j] / clipF) * rhoF * scaleF) + beta1 * m[off + j];
                m[off + j] = mj;
                p[off + j] = p[off + j] * keep - mj;
            }
        } else {
            for (int j = 0; j < n; j++) {
                p[off + j] = p[off + j] * keep - (u[j] / clipF) * rhoF * scaleF;
            }
        }
    }

    private static double rms(float[] x, int from, int to) {
        double ss = 0;
        for (int i = from; i < to; i++) {
            ss += (double) x[i] * x[i];
        }
        return Math.sqrt(ss / (to - from));
    }

    /** u of an unfactored block, into {@code u[0, to − from)}; updates v. */
    private void vector(float[] p, float[] grads, float[] v, int from, int to, float l2) {
        float w = oneMinusBeta2, b2 = beta2Hat, eps = (float) config.epsilon1();
        if (torch) {
            float floor = (float) (config.epsilon1() * config.epsilon1());
            for (int i = from; i < to; i++) {
                float g = grads[i] + l2 * p[i];
                float vi = lerp(v[i], g * g, w);
                v[i] = vi;
                u[i - from] = (float) (1 / Math.sqrt(Math.max(vi, floor))) * g;
            }
        } else {
            for (int i = from; i < to; i++) {
                float g = grads[i] + l2 * p[i];
                float vi = b2 * v[i] + w * (g * g + eps);
                v[i] = vi;
                u[i - from] = g * (float) (1 / Math.sqrt(vi));
            }
        }
    }

    /**
     * u of a factored block, into {@code u[0, n)}; updates r and s, kept in v at the block's start. The block's
     * index is (a, i, m, j, b) over dimensions (before x, x, between, y, after) with x &lt; y the factored pair;
     * r drops C's index, s drops R's, and mean_R(r) is per batch index (a, m, b).
     */
    private void factored(float[] p, float[] grads, float[] v, Block bl, float l2) {
        int rank = bl.shape().length, x = Math.min(bl.r(), bl.c()), y = Math.max(bl.r(), bl.c());
        int A = bl.span(0, x), X = bl.shape()[x], M = bl.span(x + 1, y), Y = bl.shape()[y], B = bl.span(y + 1, rank);
        boolean rIsX = bl.r() == x;
        int R = bl.shape()[bl.r()], C = bl.shape()[bl.c()], n = bl.size(), nr = n / C, nc = n / R, batches = nr / R;
        int off = bl.from(), rOff = off, sOff = off + nr;
        float eps = torch ? 0f : (float) config.epsilon1();
        java.util.Arrays.fill(rowSum, 0, nr, 0);
        java.util.Arrays.fill(colSum, 0, nc, 0);
        for (int a = 0, e = 0; a < A; a++) {
            for (int i = 0; i < X; i++) {
                for (int m = 0; m < M; m++) {
                    for (int j = 0; j < Y; j++) {
                        for (int b = 0; b < B; b++, e++) {
                            float g = grads[off + e] + l2 * p[off + e];
                            float g2 = g * g + eps;
                            rowSum[rIndex(rIsX, a, i, m, j, b, X, M, Y, B)] += g2;
                            colSum[sIndex(rIsX, a, i, m, j, b, X, M, Y, B)] += g2;
                        }
                    }
                }
            }
        }
        float w = oneMinusBeta2, b2 = beta2Hat;
        for (int k = 0; k < nr; k++) {
            float mk = torch ? squaredNormOver(rowSum[k], C) : (float) (rowSum[k] / C);
            v[rOff + k] = torch ? lerp(v[rOff + k], mk, w) : b2 * v[rOff + k] + w * mk;
        }
        for (int k = 0; k < nc; k++) {
            float mk = torch ? squaredNormOver(colSum[k], R) : (float) (colSum[k] / R);
            v[sOff + k] = torch ? lerp(v[sOff + k], mk, w) : b2 * v[sOff + k] + w * mk;
        }
        // mean_R(r) per batch index; r's own index is (batch with R inserted), see rIndex
        for (int k = 0; k < batches; k++) {
            double acc = 0;
            for (int q = 0; q < R; q++) {
                acc += v[rOff + rAt(rIsX, k, q, M, B, R)];
            }
            float mk = (float) (acc / R);
            mean[k] = torch ? Math.max(mk, (float) config.epsilon1()) : mk;
        }
        if (torch) {
            for (int k = 0; k < nr; k++) {   // the clamped mean_R(r) of r's batch, looked up once per r rather than per element
                rowFactor[k] = mean[batchOfR(rIsX, k, M, B, R)];
            }
        } else {
            for (int k = 0; k < nr; k++) {
                rowFactor[k] = (float) (1 / Math.sqrt(v[rOff + k] / mean[batchOfR(rIsX, k, M, B, R)]));
            }
            for (int k = 0; k < nc; k++) {
                colFactor[k] = (float) (1 / Math.sqrt(v[sOff + k]));
            }
        }
        float floor = (float) (config.epsilon1() * config.epsilon1());
        for (int a = 0, e = 0; a < A; a++) {
            for (int i = 0; i < X; i++) {
                for (int m = 0; m < M; m++) {
                    for (int j = 0; j < Y; j++) {
                        for (int b = 0; b < B; b++, e++) {
                            float g = grads[off + e] + l2 * p[off + e];
                            int ri = rIndex(rIsX, a, i, m, j, b, X, M, Y, B), si = sIndex(rIsX, a, i, m, j, b, X, M, Y, B);
                            if (torch) {
                                float vHat = v[rOff + ri] * v[sOff + si] / rowFactor[ri];
                                u[e] = (float) (1 / Math.sqrt(Math.max(vHat, floor))) * g;
                            } else {
                                u[e] = g * rowFactor[ri] * colFactor[si];
                            }
                        }
                    }
                }
            }
        }
    }

    /** r's index of element (a, i, m, j, b): C's coordinate dropped. */
    private static int rIndex(boolean rIsX, int a, int i, int m, int j, int b, int X, int M, int Y, int B) {
        return rIsX ? ((a * X + i) * M + m) * B + b : ((a * M + m) * Y + j) * B + b;
    }

    /** s's index: R's coordinate dropped. */
    private static int sIndex(boolean rIsX, int a, int i, int m, int j, int b, int X, int M, int Y, int B) {
        return rIsX ? ((a * M + m) * Y + j) * B + b : ((a * X + i) * M + m) * B + b;
    }

    /** The batch index (a, m, b) of r's index {@code k}. */
    private static int batchOfR(boolean rIsX, int k, int M, int B, int R) {
        // rIsX: k = ((a·R + q)·M + m)·B + b;  else: k = ((a·M + m)·R + q)·B + b
        if (rIsX) {
            int b = k % B, rest = k / B, m = rest % M, a = rest / M / R;
            return (a * M + m) * B + b;
        }
        int b = k % B, rest = k / B / R;
        return rest * B + b;
    }

    /** r's index for batch index {@code k} = (a, m, b) and R-coordinate q. */
    private static int rAt(boolean rIsX, int k, int q, int M, int B, int R) {
        int b = k % B, am = k / B, m = am % M, a = am / M;
        return rIsX ? ((a * R + q) * M + m) * B + b : ((a * M + m) * R + q) * B + b;
    }

    /** PyTorch's mean of g² as {@code vector_norm(g)² / n}: the norm rounded to float first. */
    private static float squaredNormOver(double sumOfSquares, int n) {
        float norm = (float) Math.sqrt(sumOfSquares);
        return norm * norm / n;
    }

    /** torch.lerp in float: weight &lt; 0.5 ? a + w·(b − a) : b − (b − a)·(1 − w). */
    private static float lerp(float a, float b, float w) {
        return w < 0.5f ? a + w * (b - a) : b - (b - a) * (1 - w);
    }
}
