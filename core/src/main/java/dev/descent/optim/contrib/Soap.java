package dev.descent.optim.contrib;

import dev.descent.kernel.Gemm;
import dev.descent.kernel.VectorGemm;
import dev.descent.kernel.WorkerPool;
import dev.descent.optim.AbstractOptimizer;
import dev.descent.optim.Checks;
import dev.descent.optim.Hyperparameter;
import dev.descent.optim.Layout;
import dev.descent.optim.RangeCache;
import dev.descent.optim.WeightDecay;
import dev.descent.tensor.ParamView;

import java.util.ArrayList;
import java.util.List;

/**
 * SOAP (ShampoO with Adam in the Preconditioner's eigenbasis): Adam run in the eigenbasis of Shampoo's Kronecker
 * factors, one factor per dimension of each tensor, the basis refreshed every few steps by one power iteration and QR.
 *
 * <pre>
 * per tensor G with dimensions d₁…d_N (a dense weight in × out, a convolution kh × kw × in × out, a bias d):
 *   L_k ← lerp(L_k, G_(k)·G_(k)ᵀ, 1 − β_s)        for each k with d_k ≤ max_precond_dim (vectors only if precondition_1d)
 *   step 1:  L_k as above, Q_k = eigenvectors of L_k (eigh, eigenvalues descending); θ unchanged
 *   step t:  G' = G ×₁ Q₁ᵀ … ×_N Q_Nᵀ                  (project)
 *            m ← β₁·m + (1 − β₁)·G';   v ← β₂·v + (1 − β₂)·G'²
 *            N = (m / (√v + ε)) ×₁ Q₁ … ×_N Q_N         (project back; optionally N / (1e-30 + RMS(N)))
 *            θ ← θ − lr·√(1 − β₂^s)/(1 − β₁^s)·N;  θ ← θ − lr·λ·θ      s = t − 1 (bias correction optional)
 *            then m is carried back to the parameter space, L_k updated with G, and when s is a multiple of
 *            precondition_frequency each Q_k ← QR(L_k·Q_k) with Q_k's columns sorted by diag(Q_kᵀL_kQ_k) descending
 *            (v's entries permuted along with them); m is projected into the new basis.
 * </pre>
 *
 * <p>Vyas et al., "SOAP: Improving and Stabilizing Shampoo using Adam", 2024 (arXiv:2409.11321); the reference is
 * nikhilvyas/SOAP {@code soap.py} (commit a1e55353), defaults lr 3e-3, betas (0.95, 0.95), ε 1e-8, weight decay
 * 0.01 (decoupled, after the step), precondition_frequency 10, max_precond_dim 10000. Not offered: the reference's
 * {@code merge_dims} (off by default), which groups PyTorch's (out, in, kh, kw) dimensions in an order descent's
 * (kh, kw, in, out) cannot reproduce without a transpose, and {@code data_format}. The eigenvectors come from
 * {@link Eigenbasis} in double (the reference: {@code torch.linalg.eigh} in float32); signs of eigenvectors and QR
 * columns are arbitrary and do not change the update. Where a factor has repeated eigenvalues — L_k of the larger
 * side after the first gradient, whose rank is at most the smaller side — any basis of that eigenspace is an
 * answer, the reference's LAPACK picks one and descent another, and the trajectories part: only problems whose
 * first factors have distinct eigenvalues compare number for number.
 *
 * <p>Which views are tensors comes from {@link #useLayout}; without it the parameters are one vector (with
 * precondition_1d off: Adam in the standard basis, first step skipped). Cost of a tensor of n entries per step:
 * 5 passes of mode products, Σ_k 2·n·d_k flops each (project, project back, m back and forth, the statistics
 * G_(k)G_(k)ᵀ), plus every precondition_frequency steps 2·d_k³ (L·Q) and a QR (≈ 4/3·d_k³ in double) per factor; the
 * first step's eigen-decomposition ≈ 9·d_k³. Memory: m and v as long as the parameters, and L_k, Q_k of d_k² floats
 * each — for a 3136 × 1024 dense weight 2·(3136² + 1024²) = 21.8 M floats (87 MB) against its 3.2 M parameters.
 * The default max_precond_dim 10000 covers both of its sides. The factor statistics are Gram matrices, computed on
 * and above the diagonal only ({@link SymmetricGemm}); the refresh's QR is blocked by columns, vectorized and on the
 * worker threads ({@link Eigenbasis}), same bits as the column-by-column one; the QR scratch is 2·d² doubles for the
 * largest factor (157 MB at d = 3136), made with the factors. Measured on the reference CNN (2 threads,
 * {@code MatrixOptimizerBench soap}), before the two changes: a steady step 1.4 s (134 GFLOP of mode products at
 * ~98 GFLOP/s), a refresh step 42 s (154 GFLOP at ~4 GFLOP/s: the 3136² QR in scalar double), the first step
 * 6.5 min (its 3136² eigh); with max_precond_dim=1024 fc1's 3136 side keeps the identity: 0.46 s, 2.0 s and 8.4 s.
 * After them, max_precond_dim=1024 on a loaded machine in CPU seconds: steady step 0.32, refresh step 1.42 (2.33
 * before), first step 9.4.
 * State saved by {@link #state()}: L_k and Q_k travel as its scalars (doubles, exact).
 *
 * <pre>{@code
 * Optimizer soap = Optimizers.parse("soap(precondition_frequency=10)");   // lr 3e-3, weight decay 0.01
 * soap.useLayout(net.parameters().views());
 * soap.step(params, grads, 3e-3);
 * }</pre>
 */
public final class Soap extends AbstractOptimizer {

    /** Positive integers. */
    static final String COUNT = "1, 2, 3, ...";
    /** β_s: −1 follows β₂. */
    static final String SHAMPOO_BETA = "-1 or [0, 1)";

    /** Hyperparameters, validated. */
    public record Config(
            @Hyperparameter(value = "β₁ of Adam's first moment", range = Checks.UNIT) double beta1,
            @Hyperparameter(value = "β₂ of Adam's second moment", range = Checks.UNIT) double beta2,
            @Hyperparameter(value = "β_s of the factors L_k (−1: β₂)", range = SHAMPOO_BETA) double shampooBeta,
            @Hyperparameter(value = "ε added to √v", range = Checks.POSITIVE) double epsilon,
            @Hyperparameter(value = "steps between refreshes of the eigenbasis", range = COUNT) double preconditionFrequency,
            @Hyperparameter(value = "dimensions larger than this get no factor (identity)", range = COUNT) double maxPrecondDim,
            @Hyperparameter("give vectors (biases) a factor too") boolean precondition1d,
            @Hyperparameter("divide each tensor's update by its RMS") boolean normalizeGrads,
            @Hyperparameter("Adam's bias correction") boolean correctBias) {

        public static final Config DEFAULTS = new Config(0.95, 0.95, -1, 1e-8, 10, 10000, false, false, true);

        public Config {
            Checks.inUnitInterval("beta1", beta1);
            Checks.inUnitInterval("beta2", beta2);
            if (!(shampooBeta == -1 || (shampooBeta >= 0 && shampooBeta < 1))) {
                throw new IllegalArgumentException("shampoo_beta must be " + SHAMPOO_BETA + ", got " + shampooBeta);
            }
            Checks.positive("epsilon", epsilon);
            count("precondition_frequency", preconditionFrequency);
            count("max_precond_dim", maxPrecondDim);
        }

        private static void count(String name, double v) {
            if (!(v >= 1 && v <= Integer.MAX_VALUE && v == Math.rint(v))) {
                throw new IllegalArgumentException(name + " must be one of " + COUNT + ", got " + v);
            }
        }
    }

    /** One tensor: its range, dimensions, and per dimension the factor L, the basis Q (null: none) and the (A, d, B) split. */
    private static final class Tensor {
        final int from, n;
        final int[] dims, before, after;
        final float[][] gg, q;

        Tensor(int from, int[] dims, Config c) {
            this.from = from;
            this.dims = dims;
            int size = 1;
            for (int d : dims) {
                size *= d;
            }
            this.n = size;
            before = new int[dims.length];
            after = new int[dims.length];
            gg = new float[dims.length][];
            q = new float[dims.length][];
            for (int k = 0, a = 1; k < dims.length; a *= dims[k], k++) {
                before[k] = a;
                after[k] = size / a / dims[k];
                boolean factor = dims[k] <= c.maxPrecondDim() && (dims.length > 1 || c.precondition1d());
                if (factor) {
                    gg[k] = new float[dims[k] * dims[k]];
                    q[k] = new float[dims[k] * dims[k]];
                }
            }
        }
    }

    private static final WorkerPool ONE_THREAD = new WorkerPool(1);

    private final Config config;
    private final float shampooBeta;
    private List<ParamView> views = List.of();
    private final RangeCache<Tensor[]> tensors = new RangeCache<>();
    private long t;
    private double[] pending;
    private float[] g = new float[0], x = new float[0], y = new float[0], outer = new float[0], power = new float[0];
    private double[] estimate = new double[0];
    private int[] order = new int[0], orderScratch = new int[0];
    private Eigenbasis.QrScratch qr;
    private Gemm gemm;
    private WorkerPool gemmPool;

    public Soap(Config config) {
        this(config, WeightDecay.NONE);
    }

    public Soap(Config config, WeightDecay weightDecay) {
        super("soap", config, weightDecay, 2);
        this.config = config;
        this.shampooBeta = (float) (config.shampooBeta() >= 0 ? config.shampooBeta() : config.beta2());
    }

    @Override
    public void useLayout(List<ParamView> views) {
        Layout.of(views);   // checks order and overlap
        this.views = List.copyOf(views);
        this.tensors.clear();
    }

    @Override
    protected boolean elementwise() {
        return false;
    }

    @Override
    protected void beginStep(long t) {
        this.t = t;
    }

    @Override
    protected double[] scalars() {
        List<float[]> all = matrices();
        int total = 0;
        for (float[] m : all) {
            total += m.length;
        }
        double[] out = new double[total];
        int k = 0;
        for (float[] m : all) {
            for (float v : m) {
                out[k++] = v;
            }
        }
        return out;
    }

    @Override
    protected void restoreScalars(double[] scalars) {
        tensors.clear();
        pending = scalars == null || scalars.length == 0 ? null : scalars.clone();
    }

    /** Every L_k and Q_k, in the order the tensors were met. */
    private List<float[]> matrices() {
        List<float[]> all = new ArrayList<>();
        for (Tensor[] ts : tensors.values()) {
            for (Tensor tensor : ts) {
                for (int k = 0; k < tensor.dims.length; k++) {
                    if (tensor.gg[k] != null) {
                        all.add(tensor.gg[k]);
                        all.add(tensor.q[k]);
                    }
                }
            }
        }
        return all;
    }

    @Override
    protected void apply(float[] p, float[] grads, float[][] s, int from, int to, float lr, float l2, float keep) {
        Tensor[] ts = tensors(from, to);
        float decay = keep == 1f ? 0f : (float) (-(double) lr * weightDecay().coefficient());
        for (Tensor tensor : ts) {
            step(p, grads, s[0], s[1], tensor, lr, l2, decay);
        }
    }

    /** The views inside [from, to) and the gaps between them (as vectors); built once per range. */
    private Tensor[] tensors(int from, int to) {
        Tensor[] known = tensors.get(from, to);
        if (known != null) {
            return known;
        }
        List<Tensor> out = new ArrayList<>();
        int done = from;
        for (ParamView v : views) {
            if (v.offset() < from || v.end() > to) {
                continue;
            }
            if (v.offset() > done) {
                out.add(new Tensor(done, new int[] {v.offset() - done}, config));
            }
            out.add(new Tensor(v.offset(), v.shape(), config));
            done = v.end();
        }
        if (done < to) {
            out.add(new Tensor(done, new int[] {to - done}, config));
        }
        Tensor[] made = out.toArray(Tensor[]::new);
        tensors.put(from, to, made);
        int most = 0, square = 0;
        for (Tensor tensor : made) {
            most = Math.max(most, tensor.n);
            for (int d : tensor.dims) {
                square = d <= config.maxPrecondDim() ? Math.max(square, d * d) : square;
            }
        }
        if (g.length < most) {
            g = new float[most];
            x = new float[most];
            y = new float[most];
        }
        if (outer.length < square) {   // the refresh's scratch too, so that no later step allocates
            int d = (int) Math.round(Math.sqrt(square));
            outer = new float[square];
            power = new float[square];
            estimate = new double[d];
            order = new int[d];
            orderScratch = new int[d];
            qr = new Eigenbasis.QrScratch(d);
        }
        if (pending != null) {
            unpack();
        }
        return made;
    }

    /** Fills the factors restored from a state into the tensors just built. */
    private void unpack() {
        List<float[]> all = matrices();
        int total = 0;
        for (float[] m : all) {
            total += m.length;
        }
        if (total > pending.length) {
            return;   // more ranges to build before the saved factors are all placed
        }
        if (total != pending.length) {
            throw new IllegalArgumentException("saved SOAP state holds " + pending.length + " factor entries, this layout needs " + total);
        }
        int k = 0;
        for (float[] m : all) {
            for (int i = 0; i < m.length; i++) {
                m[i] = (float) pending[k++];
            }
        }
        pending = null;
    }

    private Gemm gemm() {
        WorkerPool pool = workers() != null ? workers() : ONE_THREAD;
        if (gemm == null || pool != gemmPool) {
            gemm = new VectorGemm(pool);
            gemmPool = pool;
        }
        return gemm;
    }

    private void step(float[] p, float[] grads, float[] m, float[] v, Tensor ts, float lr, float l2, float decay) {
        int off = ts.from, n = ts.n;
        for (int i = 0; i < n; i++) {
            g[i] = grads[off + i] + l2 * p[off + i];
        }
        if (t == 1) {
            // first step: statistics and the eigenbasis only, so the projection never uses the current gradient
            updateFactors(ts);
            for (int k = 0; k < ts.dims.length; k++) {
                if (ts.q[k] != null) {
                    Eigenbasis.eigh(ts.gg[k], ts.dims[k], ts.q[k], new double[ts.dims[k]]);
                }
            }
            return;
        }
        long s = t - 1;
        System.arraycopy(g, 0, x, 0, n);
        float[] gp = project(ts, x, y, false);
        float b1 = (float) config.beta1(), b2 = (float) config.beta2();
        float w1 = (float) (1 - config.beta1()), w2 = (float) (1 - config.beta2()), eps = (float) config.epsilon();
        float[] u = gp == x ? y : x;
        for (int i = 0; i < n; i++) {
            float gi = gp[i];
            float mi = m[off + i] * b1 + gi * w1;
            float vi = v[off + i] * b2 + (gi * gi) * w2;
            m[off + i] = mi;
            v[off + i] = vi;
            u[i] = mi / ((float) Math.sqrt(vi) + eps);
        }
        float[] other = u == x ? y : x;
        float[] update = project(ts, u, other, true);
        double stepSize = lr;
        if (config.correctBias()) {
            stepSize = lr * Math.sqrt(1 - Math.pow(config.beta2(), s)) / (1 - Math.pow(config.beta1(), s));
        }
        if (config.normalizeGrads()) {
            double ss = 0;
            for (int i = 0; i < n; i++) {
                ss += (double) update[i] * update[i];
            }
            float scale = (float) (1e-30 + Math.sqrt(ss / n));
            for (int i = 0; i < n; i++) {
                update[i] = update[i] / scale;
            }
        }
        float alpha = (float) -stepSize;
        for (int i = 0; i < n; i++) {
            float pi = p[off + i] + alpha * update[i];
            p[off + i] = decay == 0f ? pi : pi + decay * pi;
        }
        // m back to the parameter space, new statistics, perhaps a new basis, m into it
        System.arraycopy(m, off, x, 0, n);
        float[] back = project(ts, x, y, true);
        updateFactors(ts);
        float[] spare = back == x ? y : x;
        if (s % (long) config.preconditionFrequency() == 0) {
            refresh(ts, v, spare);
        }
        float[] in = project(ts, back, spare, false);
        System.arraycopy(in, 0, m, off, n);
    }

    /** L_k ← lerp(L_k, G_(k)·G_(k)ᵀ, 1 − β_s) for every factored k, from the gradient in {@code g}. */
    private void updateFactors(Tensor ts) {
        float w = 1 - shampooBeta;
        for (int k = 0; k < ts.dims.length; k++) {
            if (ts.gg[k] == null) {
                continue;
            }
            int d = ts.dims[k], a = ts.before[k], b = ts.after[k];
            // G_(k)·G_(k)ᵀ is a Gram matrix: SymmetricGemm computes its upper triangle, same bits
            if (b == 1) {
                SymmetricGemm.product(gemm(), true, false, d, a, g, 0, d, g, 0, d, outer, 0, d, false);
            } else {
                for (int i = 0; i < a; i++) {
                    SymmetricGemm.product(gemm(), false, true, d, b, g, i * d * b, b, g, i * d * b, b, outer, 0, d, i > 0);
                }
            }
            float[] l = ts.gg[k];
            for (int i = 0; i < d * d; i++) {   // torch.lerp
                l[i] = w < 0.5f ? l[i] + w * (outer[i] - l[i]) : outer[i] - (outer[i] - l[i]) * (1 - w);
            }
        }
    }

    /**
     * Mode products with every Q_k: {@code back} false, X ×_k Q_kᵀ (coordinates in the eigenbasis); true, X ×_k Q_k.
     * Ping-pongs between {@code a} and {@code b}; returns the one holding the result.
     */
    private float[] project(Tensor ts, float[] a, float[] b, boolean back) {
        float[] cur = a, next = b;
        for (int k = 0; k < ts.dims.length; k++) {
            float[] q = ts.q[k];
            if (q == null) {
                continue;
            }
            int d = ts.dims[k], before = ts.before[k], after = ts.after[k];
            if (after == 1) {   // Y (before × d) = X·Q, or X·Qᵀ
                gemm().gemm(false, back, before, d, d, cur, 0, d, q, 0, d, next, 0, d, false);
            } else {            // per leading index: Y (d × after) = Qᵀ·X, or Q·X
                for (int i = 0; i < before; i++) {
                    gemm().gemm(!back, false, d, after, d, q, 0, d, cur, i * d * after, after, next, i * d * after, after, false);
                }
            }
            float[] t = cur;
            cur = next;
            next = t;
        }
        return cur;
    }

    /**
     * One power iteration and QR per factor; Q's columns (and v along that dimension) sorted by Rayleigh quotient.
     * Works in the step's scratch: L·Q in {@code outer} (free after the statistics), the permuted columns in
     * {@code power}, v's rows through {@code spare}.
     */
    private void refresh(Tensor ts, float[] v, float[] spare) {
        for (int k = 0; k < ts.dims.length; k++) {
            if (ts.q[k] == null) {
                continue;
            }
            int d = ts.dims[k];
            float[] lq = outer, q = ts.q[k];
            gemm().gemm(false, false, d, d, d, ts.gg[k], 0, d, q, 0, d, lq, 0, d, false);
            double[] estimate = this.estimate;
            java.util.Arrays.fill(estimate, 0, d, 0.0);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    estimate[j] += (double) q[i * d + j] * lq[i * d + j];
                }
            }
            int[] order = this.order;
            for (int j = 0; j < d; j++) {
                order[j] = j;
            }
            sortDescending(order, d, estimate);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    power[i * d + j] = lq[i * d + order[j]];
                }
            }
            Eigenbasis.qr(power, d, q, qr, gemmPool);
            permute(v, ts, k, order, spare);
        }
    }

    /**
     * {@code order[0, d)} sorted stably by {@code key} descending (ties keep index order): a bottom-up merge sort
     * through {@code orderScratch}, which allocates nothing.
     */
    private void sortDescending(int[] order, int d, double[] key) {
        int[] a = order, b = orderScratch;
        for (int width = 1; width < d; width *= 2) {
            for (int lo = 0; lo < d; lo += 2 * width) {
                int mid = Math.min(d, lo + width), hi = Math.min(d, lo + 2 * width), i = lo, j = mid, o = lo;
                while (i < mid && j < hi) {
                    b[o++] = Double.compare(key[a[j]], key[a[i]]) > 0 ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[o++] = a[i++];
                }
                while (j < hi) {
                    b[o++] = a[j++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        if (a != order) {
            System.arraycopy(a, 0, order, 0, d);
        }
    }

    /** v ← v with its entries along dimension k taken in {@code order} (torch's index_select), through {@code tmp}. */
    private void permute(float[] v, Tensor ts, int k, int[] order, float[] tmp) {
        int d = ts.dims[k], before = ts.before[k], after = ts.after[k];
        for (int a = 0; a < before; a++) {
            int base = ts.from + a * d * after;
            System.arraycopy(v, base, tmp, 0, d * after);
            for (int j = 0; j < d; j++) {
                System.arraycopy(tmp, order[j] * after, v, base + j * after, after);
            }
        }
    }
}
