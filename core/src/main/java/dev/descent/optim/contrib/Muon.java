package dev.descent.optim.contrib;

import dev.descent.kernel.Gemm;
import dev.descent.kernel.VectorGemm;
import dev.descent.kernel.WorkerPool;
import dev.descent.optim.AbstractOptimizer;
import dev.descent.optim.BiasCorrection;
import dev.descent.optim.Checks;
import dev.descent.optim.Documented;
import dev.descent.optim.Hyperparameter;
import dev.descent.optim.Layout;
import dev.descent.optim.WeightDecay;
import dev.descent.tensor.ParamView;

import java.util.List;

/**
 * Muon (MomentUm Orthogonalized by Newton–Schulz): SGD momentum whose update of each weight matrix is replaced
 * by an approximately orthogonal matrix, with an auxiliary AdamW for everything that is not a hidden matrix.
 *
 * <pre>
 * matrices (U is rows × cols = fan-in × fan-out; a convolution is (kh·kw·in) × out):
 *   reference, pytorch:  m ← β·m + (1 − β)·g   (lerp)        U ← nesterov ? (1 − β)·g + β·m : m
 *   keras:               m ← β·m + g                         U ← nesterov ? g + β·m : m
 *   X ← U / (‖U‖_F + 1e-7)              (pytorch: / max(‖U‖_F, 1e-7))
 *   5 times (ns_steps):  A ← X·Xᵀ;  B ← b·A + c·A·A;  X ← a·X + B·X     (a, b, c) = (3.4445, −4.7750, 2.0315)
 *                        (X taken in its wide orientation, so A is min(rows, cols)² )
 *   θ ← θ·(1 − lr·λ) − lr·s·X
 *   s (lr_adjust):  original √max(1, fan-out/fan-in) (the reference's √max(1, rows/cols) of PyTorch's out × in);
 *                   match_rms_adamw 0.2·√max(rows, cols) (Liu et al. 2025; Keras, torch match_rms_adamw); none 1
 * everything else (biases, the first layer and the head when aux_first_last, all of a flat vector):
 *   AdamW with adam_beta1, adam_beta2, adam_epsilon at lr·adam_lr_ratio (reference, pytorch: ε after bias
 *   correction; keras: ε̂ form)
 * </pre>
 *
 * <p>Jordan et al., "Muon: An optimizer for hidden layers in neural networks", 2024
 * (https://kellerjordan.github.io/posts/muon/). Conventions: {@code reference} is KellerJordan/Muon
 * {@code muon.py} (commit 857d1adc, {@code SingleDeviceMuonWithAuxAdam}) with Newton–Schulz in float32 instead
 * of bfloat16; it also keeps the reference's scale of a 4-D convolution, √max(1, kh/kw) (its
 * {@code grad.size(-2)/grad.size(-1)} of the unflattened weight), which is 1 for square kernels.
 * {@code pytorch} is {@code torch.optim.Muon} (2.9, {@code torch/optim/_muon.py}), whose non-matrix tensors a
 * separate {@code torch.optim.AdamW} would step. {@code keras} is {@code keras.optimizers.Muon}
 * ({@code keras/src/optimizers/muon.py}, commit dc26458f). Each convention brings its code's default weight decay
 * ({@code weight_decay@convention} in the {@code Optimizers} registry line): reference 0 (the reference's param
 * groups default to 0), pytorch 0.1 ({@code torch.optim.Muon}'s default; the auxiliary AdamW decays with the same λ,
 * where a separate {@code torch.optim.AdamW} would default to 0.01), keras 0.004 (Keras' {@code weight_decay} and
 * {@code adam_weight_decay}). It is decoupled and uses the step's lr (the auxiliary AdamW's, lr·adam_lr_ratio,
 * except under keras, which decays every variable with the main lr).
 *
 * <p>Which tensors are matrices comes from {@link #useLayout} (the trainer gives the network's views): every view
 * of two or more dimensions, except the first and last weight when {@code aux_first_last}. Without a layout —
 * a 2-D point on a test function, the golden 6-vector — everything is one vector and the auxiliary AdamW steps
 * it. State: one buffer (momentum, or AdamW's m) and one more (AdamW's v, unused on matrices), each as long as
 * the parameters; Newton–Schulz scratch of 2·rows·cols + 2·min(rows, cols)² floats for the largest matrix,
 * allocated on the first step. Cost per matrix step: 5 × (2·s²·l + 2·s³ + 2·s²·l) flops, s = min, l = max, of
 * which the symmetric products A = X·Xᵀ and A·A are computed only on and above the diagonal ({@link SymmetricGemm},
 * same bits), about half their share: on the reference CNN (conv2 800 × 64, fc1 3136 × 1024) 76.6 GFLOP counted
 * in full, about 57 computed, through the engine's GEMM on the trainer's worker threads; measured
 * ({@code MatrixOptimizerBench}, 1 thread, loaded machine) 0.50 CPU seconds per step, 0.73 before the symmetric
 * products.
 *
 * <pre>{@code
 * Optimizer muon = Optimizers.parse("muon(convention=reference)");   // lr 0.02, AdamW at 0.015·lr
 * muon.useLayout(net.parameters().views());
 * muon.step(params, grads, 0.02);
 * }</pre>
 */
public final class Muon extends AbstractOptimizer {

    /** Whose arithmetic and defaults. */
    public enum Convention implements Documented {
        @Description("KellerJordan/Muon muon.py: lerp momentum β 0.95, lr 0.02; AdamW β (0.9, 0.95), ε 1e-10 at lr·0.015 (3e-4 / 0.02)") REFERENCE,
        @Description("torch.optim.Muon (2.9): as reference, lr 1e-3, NS divides by max(‖U‖, 1e-7); other tensors: torch AdamW (0.9, 0.999, 1e-8) at lr") PYTORCH,
        @Description("keras.optimizers.Muon: m ← βm + g, lr 1e-3, lr_adjust match_rms_adamw; AdamW in Keras' ε̂ form (0.9, 0.999, 1e-7) at lr") KERAS
    }

    /** The scale s of the orthogonalized update. */
    public enum LrAdjust implements Documented {
        @Description("√max(1, fan-out/fan-in) (Jordan; torch adjust_lr_fn=original)") ORIGINAL,
        @Description("0.2·√max(rows, cols), the RMS of AdamW's update (Liu et al. 2025; Keras rms_rate, torch match_rms_adamw)") MATCH_RMS_ADAMW,
        @Description("1") NONE
    }

    /** Hyperparameters, validated. */
    public record Config(
            @Hyperparameter(value = "momentum β", range = Checks.UNIT) double momentum,
            @Hyperparameter("Nesterov: orthogonalize the look-ahead mix of g and m") boolean nesterov,
            @Hyperparameter(value = "Newton–Schulz iterations", range = "1, 2, ..., 99") double nsSteps,
            @Hyperparameter("scale of the orthogonalized update") LrAdjust lrAdjust,
            @Hyperparameter(value = "auxiliary AdamW's lr as a multiple of lr", range = Checks.NON_NEGATIVE) double adamLrRatio,
            @Hyperparameter(value = "auxiliary AdamW's β1", range = Checks.UNIT) double adamBeta1,
            @Hyperparameter(value = "auxiliary AdamW's β2", range = Checks.UNIT) double adamBeta2,
            @Hyperparameter(value = "auxiliary AdamW's ε", range = Checks.POSITIVE) double adamEpsilon,
            @Hyperparameter("the first layer and the head go to the auxiliary AdamW") boolean auxFirstLast,
            @Hyperparameter("whose arithmetic and defaults") Convention convention) {

        public static final Config DEFAULTS = defaults(Convention.PYTORCH);

        public Config {
            Checks.inUnitInterval("momentum", momentum);
            if (!(nsSteps >= 1 && nsSteps < 100 && nsSteps == Math.rint(nsSteps))) {
                throw new IllegalArgumentException("ns_steps must be one of 1, 2, ..., 99, got " + nsSteps);
            }
            Checks.notNull("lr_adjust", lrAdjust);
            Checks.nonNegative("adam_lr_ratio", adamLrRatio);
            Checks.inUnitInterval("adam_beta1", adamBeta1);
            Checks.inUnitInterval("adam_beta2", adamBeta2);
            Checks.positive("adam_epsilon", adamEpsilon);
            Checks.notNull("convention", convention);
        }

        /** The defaults of {@code convention}'s code. */
        public static Config defaults(Convention convention) {
            return switch (convention) {
                case REFERENCE -> new Config(0.95, true, 5, LrAdjust.ORIGINAL, 3e-4 / 0.02, 0.9, 0.95, 1e-10, true, convention);
                case PYTORCH -> new Config(0.95, true, 5, LrAdjust.ORIGINAL, 1, 0.9, 0.999, 1e-8, true, convention);
                case KERAS -> new Config(0.95, true, 5, LrAdjust.MATCH_RMS_ADAMW, 1, 0.9, 0.999, 1e-7, true, convention);
            };
        }
    }

    private static final float NS_A = 3.4445f, NS_B = -4.7750f, NS_C = 2.0315f, NS_EPS = 1e-7f;
    private static final WorkerPool ONE_THREAD = new WorkerPool(1);

    private final Config config;
    private Layout layout = Layout.NONE;
    private boolean[] orthogonalized = new boolean[0];
    private float c1, c2;
    private float[] x = new float[0], y = new float[0], gram = new float[0], poly = new float[0];
    private Gemm gemm;
    private WorkerPool gemmPool;

    public Muon(Config config) {
        this(config, WeightDecay.NONE);
    }

    public Muon(Config config, WeightDecay weightDecay) {
        super("muon", config, weightDecay, 2);
        this.config = config;
    }

    @Override
    public void useLayout(List<ParamView> views) {
        layout = Layout.of(views);
        orthogonalized = new boolean[layout.size()];
        for (int k = 0; k < layout.size(); k++) {
            orthogonalized[k] = layout.isMatrix(k) && !(config.auxFirstLast() && layout.isFirstOrLastWeight(k));
        }
    }

    @Override
    protected boolean elementwise() {
        return false;
    }

    @Override
    protected void beginStep(long t) {
        c1 = (float) BiasCorrection.of(config.adamBeta1(), t);
        c2 = (float) BiasCorrection.of(config.adamBeta2(), t);
    }

    @Override
    protected void apply(float[] p, float[] grads, float[][] s, int from, int to, float lr, float l2, float keep) {
        int done = from;
        for (int k = 0; k < layout.size(); k++) {
            int a = layout.from(k), b = layout.to(k);
            if (!orthogonalized[k] || a < from || b > to) {
                continue;   // outside this range, or a vector: the auxiliary AdamW takes it with the gaps
            }
            adamw(p, grads, s, done, a, lr, l2, keep);
            matrix(p, grads, s[0], k, lr, l2, keep);
            done = b;
        }
        adamw(p, grads, s, done, to, lr, l2, keep);
    }

    private void matrix(float[] p, float[] grads, float[] m, int k, float lr, float l2, float keep) {
        int off = layout.from(k), rows = layout.rows(k), cols = layout.cols(k), n = rows * cols;
        ensureScratch(n, Math.min(rows, cols));
        float beta = (float) config.momentum(), betaMinusOne = (float) (config.momentum() - 1);
        float[] u = x;
        if (config.convention() == Convention.KERAS) {
            for (int j = 0; j < n; j++) {
                float g = grads[off + j] + l2 * p[off + j];
                float mj = m[off + j] + (g + m[off + j] * betaMinusOne);
                m[off + j] = mj;
                u[j] = config.nesterov() ? g + beta * mj : mj;
            }
        } else {
            // torch's lerp: weight < 0.5 ? self + w·(end − self) : end − (end − self)·(1 − w)
            float w = (float) (1 - config.momentum()), wNesterov = 1 - beta;
            for (int j = 0; j < n; j++) {
                float g = grads[off + j] + l2 * p[off + j];
                float mj = w < 0.5f ? m[off + j] + w * (g - m[off + j]) : g - (g - m[off + j]) * (1 - w);
                m[off + j] = mj;
                u[j] = !config.nesterov() ? mj : beta < 0.5f ? g + beta * (mj - g) : mj - (mj - g) * wNesterov;
            }
        }
        float[] o = newtonSchulz(rows, cols);
        float step = (float) (lr * scale(k, rows, cols));
        for (int j = 0; j < n; j++) {
            p[off + j] = p[off + j] * keep - step * o[j];
        }
    }

    private double scale(int k, int rows, int cols) {
        return switch (config.lrAdjust()) {
            case ORIGINAL -> {
                if (config.convention() == Convention.REFERENCE && layout.rank(k) == 4) {
                    int[] shape = layout.view(k).shape();   // kh × kw × in × out: the reference's size(-2)/size(-1)
                    yield Math.sqrt(Math.max(1, (double) shape[0] / shape[1]));
                }
                yield Math.sqrt(Math.max(1, (double) cols / rows));
            }
            case MATCH_RMS_ADAMW -> 0.2 * Math.sqrt(Math.max(rows, cols));
            case NONE -> 1;
        };
    }

    /**
     * Newton–Schulz on {@code x} (rows × cols), in place or into {@code y}: returns the array holding the result.
     * Wide (rows &lt; cols): A = X·Xᵀ, X ← a·X + B·X; otherwise the same on Xᵀ written as X ← a·X + X·Bᵀ.
     */
    private float[] newtonSchulz(int rows, int cols) {
        int n = rows * cols;
        float[] cur = x, next = y;
        double ss = 0;
        for (int j = 0; j < n; j++) {
            ss += (double) cur[j] * cur[j];
        }
        float norm = (float) Math.sqrt(ss);
        float d = config.convention() == Convention.PYTORCH ? Math.max(norm, NS_EPS) : norm + NS_EPS;
        for (int j = 0; j < n; j++) {
            cur[j] = cur[j] / d;
        }
        boolean wide = rows < cols;
        int s = wide ? rows : cols;
        for (int it = 0; it < (int) config.nsSteps(); it++) {
            // A and A·A are symmetric bit for bit: only their upper triangles are computed (SymmetricGemm)
            if (wide) {
                SymmetricGemm.product(gemm, false, true, rows, cols, cur, 0, cols, cur, 0, cols, gram, 0, rows, false);
            } else {
                SymmetricGemm.product(gemm, true, false, cols, rows, cur, 0, cols, cur, 0, cols, gram, 0, cols, false);
            }
            SymmetricGemm.product(gemm, false, false, s, s, gram, 0, s, gram, 0, s, poly, 0, s, false);
            for (int j = 0; j < s * s; j++) {
                poly[j] = NS_B * gram[j] + NS_C * poly[j];
            }
            if (wide) {
                gemm.gemm(false, false, rows, cols, rows, poly, 0, rows, cur, 0, cols, next, 0, cols, false);
            } else {   // X·Bᵀ = X·B: B is symmetric bit for bit, and packing it untransposed is a copy
                gemm.gemm(false, false, rows, cols, cols, cur, 0, cols, poly, 0, cols, next, 0, cols, false);
            }
            for (int j = 0; j < n; j++) {
                next[j] = NS_A * cur[j] + next[j];
            }
            float[] t = cur;
            cur = next;
            next = t;
        }
        return cur;
    }

    /** Grows the Newton–Schulz scratch (first step only: the largest matrix sets it) and picks the GEMM. */
    private void ensureScratch(int n, int s) {
        if (x.length < n) {
            int most = (int) Math.max(n, layout.largestMatrix());
            x = new float[most];
            y = new float[most];
        }
        if (gram.length < s * s) {
            gram = new float[s * s];
            poly = new float[s * s];
        }
        WorkerPool pool = workers() != null ? workers() : ONE_THREAD;
        if (gemm == null || pool != gemmPool) {
            gemm = new VectorGemm(pool);
            gemmPool = pool;
        }
    }

    /** The auxiliary AdamW on {@code [from, to)}. */
    private void adamw(float[] p, float[] grads, float[][] s, int from, int to, float lr, float l2, float keep) {
        if (from >= to) {
            return;
        }
        float[] m = s[0], v = s[1];
        float b1 = (float) config.adamBeta1(), b2 = (float) config.adamBeta2(), eps = (float) config.adamEpsilon();
        float w1 = (float) (1 - config.adamBeta1()), w2 = (float) (1 - config.adamBeta2());
        float lrAux = (float) (lr * config.adamLrRatio());
        // decoupled decay at the AdamW's own lr, as its separate optimizer or param group would (Keras: the main lr)
        float keepAux = keep == 1f || config.convention() == Convention.KERAS ? keep
                : (float) (1 - (double) lrAux * weightDecay().coefficient());
        switch (config.convention()) {
            case REFERENCE -> {
                for (int i = from; i < to; i++) {   // muon.py adam_update: lerp_, then buf / (1 − βᵗ)
                    float g = grads[i] + l2 * p[i];
                    float mi = m[i] + w1 * (g - m[i]);
                    float vi = v[i] + w2 * (g * g - v[i]);
                    m[i] = mi;
                    v[i] = vi;
                    float update = (mi / c1) / ((float) Math.sqrt(vi / c2) + eps);
                    p[i] = p[i] * keepAux - lrAux * update;
                }
            }
            case PYTORCH -> {
                float sqrtC2 = (float) Math.sqrt(c2), stepSize = lrAux / c1;
                for (int i = from; i < to; i++) {   // torch AdamW: lerp_, mul_().addcmul_(), √v/√c2 + ε
                    float g = grads[i] + l2 * p[i];
                    float mi = m[i] + w1 * (g - m[i]);
                    float vi = b2 * v[i] + (1 - b2) * g * g;
                    m[i] = mi;
                    v[i] = vi;
                    p[i] = p[i] * keepAux - stepSize * (mi / ((float) Math.sqrt(vi) / sqrtC2 + eps));
                }
            }
            case KERAS -> {
                float alpha = (float) (lrAux * Math.sqrt(c2) / c1);
                for (int i = from; i < to; i++) {   // Keras: m += (g − m)(1 − β1); θ −= m·α / (√v + ε̂)
                    float g = grads[i] + l2 * p[i];
                    float mi = m[i] + (g - m[i]) * w1;
                    float vi = v[i] + (g * g - v[i]) * w2;
                    m[i] = mi;
                    v[i] = vi;
                    p[i] = p[i] * keepAux - (mi * alpha) / ((float) Math.sqrt(vi) + eps);
                }
            }
        }
    }
}
