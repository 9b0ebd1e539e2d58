package dev.descent.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast matrix multiply: packed B panels, register-blocked micro-kernel, Vector API (AVX-512 here).
 *
 * <p>Structure (after GotoBLAS/BLIS, simplified for the shapes of a small CNN):
 * <ul>
 * <li>op(B) is packed, transposed if need be, into panels of {@code NR} columns laid out {@code [p][NR]},
 *     zero-padded past {@code n}. When several tasks read the same panels they are packed once, in parallel,
 *     for the whole depth {@code k}; when a single block of rows reads them (fc layers, {@code m} = batch) each
 *     task packs its own panels, {@code KC} deep, just before use.
 * <li>A is not packed: the micro-kernel broadcasts {@code op(A)[i, p]} from where it lies (a broadcast from
 *     memory costs the same at any address), with strides that cover both transposes. Only a last sliver
 *     of fewer than {@code MR} rows is copied, zero-padded, into a small buffer.
 * <li>The micro-kernel keeps an {@code MR × NR} tile of C in twelve vector registers and runs
 *     {@code KC} steps of k: one broadcast of A per row, two loads of B, twelve fused multiply-adds.
 *     Tiles at the right or bottom edge run the same kernel on a copy. B is always packed, so its loads are a
 *     constant apart and their bounds checks leave the loop (see {@link #unitKernel}).
 * <li>Tasks (on the {@link WorkerPool}) own blocks of C: blocks of rows, and blocks of columns too when
 *     rows are few. Each task runs the whole k loop for its block, so a call has two barriers at most.
 * </ul>
 *
 * <p>Why the result does not depend on the thread count: every element of C is one chain
 * {@code c ← fma(a_p, b_p, c)} for {@code p = 0, 1, …, k−1}, started from 0 (or from C when accumulating).
 * Blocking over {@code k} only stores C between links of the chain, which rounds nothing; tasks split C,
 * never {@code k}; edge tiles run the same vector code on a copy. So splitting work differently changes
 * no bits.
 *
 * <p>{@link #serial()} runs one task's block over all of C on the calling thread (B packed a block at a time);
 * {@link #gemmIndexed} is the same blocking with A gathered through offsets. Both give the bits of {@link #gemm}.
 *
 * <p>Scratch (the shared B panels; one B block, one A sliver and one edge tile per thread) is grown on
 * first use and reused; a call allocates only the small lambdas handed to the pool. Not safe for
 * concurrent calls on one instance (the shared panels), like the rest of a {@link Backend}.
 * {@link ReferenceGemm} is the oracle it is tested against.
 */
public final class VectorGemm implements Gemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final int MR = 6;          // rows of the C tile held in registers
    /** Rows of the register tile: callers that split C into bands of rows waste least with multiples of it. */
    public static final int TILE_ROWS = MR;
    static final int NR = 2 * L;      // columns of the C tile: two vectors (12 accumulators of 32 registers)
    private static final int KC = 128;  // depth of a block: a B panel (KC × NR, 16 KB) and the A lines it meets share L1
    private static final int MC = 16 * MR;  // rows of a task at most (when there are enough rows)
    private static final int B_BUDGET = 1 << 22;  // floats of packed B at a time (16 MB); bounds columns per block

    private final WorkerPool pool;
    private float[] packedB = new float[0];
    private float[] cT = new float[0];  // Cᵀ for multiplyTransposed
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    private final Gemm serial = new Gemm() {
        @Override
        public void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                         float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
            serialGemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        }

        @Override
        public void gemmIndexed(int m, int n, int k, float[] x, int xOff, int[] rows, int rowsOff, int[] runs, int run, int stride,
                                float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
            VectorGemm.this.gemmIndexed(m, n, k, x, xOff, rows, rowsOff, runs, run, stride, b, bOff, ldb, c, cOff, ldc, accumulate);
        }

        @Override
        public String toString() {
            return "vector(" + S.vectorBitSize() + "-bit, calling thread)";
        }
    };

    private static final class Scratch {
        final float[] a = new float[MR * KC];
        final float[] edge = new float[MR * KC];  // the last, short sliver of a gathered product
        final float[] b = new float[KC * NR];
        float[] rowBlock = new float[0];  // a KC block of several panels, packed in one pass over B's rows
        final float[] tile = new float[MR * NR];
    }

    public VectorGemm(WorkerPool pool) {
        this.pool = pool;
    }

    /** This multiply on the calling thread: one task's block over all of C, B packed a KC block at a time into thread-local scratch. */
    @Override
    public Gemm serial() {
        return serial;
    }

    private void serialGemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                            float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        if (empty(m, n, k, c, cOff, ldc, accumulate)) {
            return;
        }
        block(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate,
                0, m, 0, 0, (n + NR - 1) / NR, null, scratch.get());
    }

    /**
     * The gathered product ({@link Gemm#gemmIndexed}) on the calling thread: the blocking of {@link #block}, with a
     * micro-kernel that broadcasts {@code A[i, p]} from {@code x} at its six rows' offsets. Edge tiles gather
     * their A sliver into scratch and run the ordinary kernel on it: the same products in the same order, so the
     * bits equal those of {@link #gemm} on the materialized A.
     */
    @Override
    public void gemmIndexed(int m, int n, int k, float[] x, int xOff, int[] rows, int rowsOff, int[] runs, int run, int stride,
                            float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        if (empty(m, n, k, c, cOff, ldc, accumulate)) {
            return;
        }
        Scratch s = scratch.get();
        int iEdge = m / MR * MR;
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            boolean load = accumulate || pc > 0;
            if (iEdge < m) {  // the last sliver of fewer than MR rows, gathered once for all panels
                gatherA(x, xOff, rows, rowsOff + iEdge, m - iEdge, runs, run, stride, pc, kc, s.edge);
            }
            for (int j0 = 0; j0 < n; j0 += NR) {
                int nr = Math.min(NR, n - j0);
                float[] bv = s.b;
                int bo = 0;
                if (panelShaped(false, ldb, nr)) {
                    bv = b;
                    bo = bOff + pc * ldb + j0;
                } else {
                    packB(false, b, bOff + pc * ldb, ldb, kc, j0, nr, s.b, 0);
                }
                for (int i = 0; i < m; i += MR) {
                    int co = cOff + i * ldc + j0;
                    if (i < iEdge && nr == NR) {
                        if (stride == 1 && run >= LONG_RUN) {
                            unitKernel(pc, kc, x, rows, rowsOff + i, xOff, 0, runs, run, bv, bo, c, co, ldc, load);
                        } else {
                            stridedKernel(pc, kc, x, rows, rowsOff + i, xOff, 0, runs, run, stride, bv, bo, c, co, ldc, load);
                        }
                    } else if (i < iEdge) {
                        gatherA(x, xOff, rows, rowsOff + i, MR, runs, run, stride, pc, kc, s.a);
                        edge(kc, s.a, 0, 1, MR, bv, bo, c, co, ldc, load, MR, nr, s.tile);
                    } else {
                        edge(kc, s.edge, 0, 1, MR, bv, bo, c, co, ldc, load, m - i, nr, s.tile);
                    }
                }
            }
        }
    }

    /**
     * Gathers the sliver {@code A[i0 .. i0+mr, p0 .. p0+kc]} of an indexed product as {@code [p][MR]}, zero-padded,
     * walking the runs (a division per element made the gather of conv2's last sliver cost ~2 ms a step).
     */
    private static void gatherA(float[] x, int xOff, int[] rows, int i0, int mr, int[] runs, int run, int stride,
                                int p0, int kc, float[] out) {
        for (int ii = 0; ii < MR; ii++) {
            if (ii >= mr) {
                for (int p = 0, d = ii; p < kc; p++, d += MR) {
                    out[d] = 0f;
                }
                continue;
            }
            int xi = xOff + rows[i0 + ii], r = p0 / run, q = p0 - r * run, o = runs[r] + q * stride;
            for (int p = 0, d = ii; p < kc; p++, d += MR) {
                out[d] = x[xi + o];
                if (++q < run) {
                    o += stride;
                } else if (p + 1 < kc) {
                    q = 0;
                    o = runs[++r];
                }
            }
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        if (empty(m, n, k, c, cOff, ldc, accumulate)) {
            return;
        }
        if (transB && !transA && 4 * m <= n && k >= 64) {  // with a shallow B, transposing it costs little
            multiplyTransposed(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        int threads = pool.threads();
        int slivers = (m + MR - 1) / MR;
        // B is packed for the whole depth k, a block of columns at a time, so that tasks can own whole
        // blocks of C and run the k loop themselves: two barriers per block of columns, none per block of k
        int ncMax = Math.max(NR, Math.min(roundUp(n, NR), B_BUDGET / k / NR * NR));
        for (int jc = 0; jc < n; jc += ncMax) {
            int nc = Math.min(ncMax, n - jc);
            int panels = (nc + NR - 1) / NR;
            // Tasks are blocks of at most MC rows (a multiple of the thread count, to even out the threads;
            // a bound found by measuring, not derived: A is read in place, so MC is no buffer size).
            // Each task streams the B panels of its columns, so when rows are few (fc layers: m = batch) the
            // columns are cut instead of the rows: B is then read once in all rather than once per task.
            int rowTasks = (slivers + MC / MR - 1) / (MC / MR);
            if (rowTasks >= threads) {
                rowTasks = Math.min(slivers, roundUp(rowTasks, threads));
            }
            int groups = Math.max(1, Math.min(panels, (4 * threads + rowTasks - 1) / rowTasks));
            if (rowTasks * groups < threads) {
                rowTasks = Math.min(slivers, (threads + groups - 1) / groups);
            }
            int rows = rowTasks;
            // With one block of rows each B panel has one reader, so the task packs it just before use
            // (into L1); with several, B is packed once up front and shared.
            boolean shareB = rows > 1;
            int jcf = jc;
            float[] bp = shareB ? packShared(transB, b, bOff, ldb, k, n, jc, panels) : null;
            pool.forEach(rows * groups, t -> {
                int rt = t / groups, g = t % groups;
                int i0 = (int) ((long) slivers * rt / rows) * MR;
                int i1 = Math.min(m, (int) ((long) slivers * (rt + 1) / rows) * MR);
                block(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate,
                        i0, i1, jcf, panels * g / groups, panels * (g + 1) / groups, bp, scratch.get());
            });
        }
    }

    /**
     * One task's share: rows {@code [i0, i1)} of C and the panels {@code [jp0, jp1)} of the block of columns
     * starting at {@code jc}, the whole k loop. B comes from {@code bp} (panels packed for the whole depth) or,
     * when that is null, is packed here a KC block at a time into the thread's scratch.
     */
    private static void block(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                              float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate,
                              int i0, int i1, int jc, int jp0, int jp1, float[] bp, Scratch s) {
        int ars = transA ? 1 : lda, aps = transA ? lda : 1;  // strides of op(A) along i and along p
        int iEdge = i0 + (i1 - i0) / MR * MR;                 // a last sliver of fewer than MR rows starts here
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            boolean load = accumulate || pc > 0;
            if (iEdge < i1) {
                packA(transA, a, aOff, lda, iEdge, i1 - iEdge, pc, kc, s.a);
            }
            // B rows whose stride puts them in few cache sets (fc1's weights: 4 KB apart) are packed for all of the
            // task's panels in one pass along each row, so B streams from memory; packing panel by panel read 128 bytes
            // per row, 4 KB apart, and ran fc1's forward product at a third of the kernel's speed
            boolean rowPacked = bp == null && !transB && fewSets(ldb);
            if (rowPacked) {
                packRows(b, bOff + pc * ldb, ldb, kc, jc + jp0 * NR, Math.min(n, jc + jp1 * NR), s);
            }
            for (int jp = jp0; jp < jp1; jp++) {
                int j0 = jc + jp * NR, nr = Math.min(NR, n - j0);
                float[] bv = bp;
                int bo = (jp * k + pc) * NR;
                if (rowPacked) {
                    bv = s.rowBlock;
                    bo = (jp - jp0) * kc * NR;
                } else if (bp == null && panelShaped(transB, ldb, nr)) {
                    bv = b;
                    bo = bOff + pc * ldb + j0;
                } else if (bp == null) {
                    packB(transB, b, bOff + (transB ? pc : pc * ldb), ldb, kc, j0, nr, s.b, 0);
                    bv = s.b;
                    bo = 0;
                }
                for (int i = i0; i < iEdge; i += MR) {
                    // full slivers read A where it lies: a broadcast costs the same from any address
                    int ao = aOff + i * ars + pc * aps, co = cOff + i * ldc + j0;
                    if (nr == NR) {
                        kernel(kc, a, ao, ars, aps, bv, bo, c, co, ldc, load);
                    } else {
                        edge(kc, a, ao, ars, aps, bv, bo, c, co, ldc, load, MR, nr, s.tile);
                    }
                }
                if (iEdge < i1) {
                    edge(kc, s.a, 0, 1, MR, bv, bo, c, cOff + iEdge * ldc + j0, ldc, load, i1 - iEdge, nr, s.tile);
                }
            }
        }
    }

    /**
     * {@code C (+)= A · Bᵀ} with few rows (an fc layer's {@code dx = dy · Wᵀ}) computed as
     * {@code Cᵀ (+)= B · Aᵀ} into scratch and transposed back: B, the big operand, is then read in place
     * instead of being transposed into panels, and only the small A is packed. Same bits: each element is
     * the same chain of fused multiply-adds, whose two factors commute exactly.
     */
    private void multiplyTransposed(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                    float[] c, int cOff, int ldc, boolean accumulate) {
        if (cT.length < m * n) {
            cT = new float[m * n];
        }
        float[] t = cT;
        if (accumulate) {
            transpose(c, cOff, ldc, m, n, t, 0, m);
        }
        gemm(false, true, n, m, k, b, bOff, ldb, a, aOff, lda, t, 0, m, accumulate);
        transpose(t, 0, m, n, m, c, cOff, ldc);
    }

    /** {@code out[j, i] = in[i, j]} for an {@code rows × cols} block. */
    private void transpose(float[] in, int inOff, int ldIn, int rows, int cols, float[] out, int outOff, int ldOut) {
        int tasks = Math.min(rows, 4 * pool.threads());
        pool.forEach(tasks, t -> {
            for (int i = rows * t / tasks, end = rows * (t + 1) / tasks; i < end; i++) {
                for (int j = 0; j < cols; j++) {
                    out[outOff + j * ldOut + i] = in[inOff + i * ldIn + j];
                }
            }
        });
    }

    /** Packs the panels of op(B)[0 .. k, jc .. jc + panels·NR] for all tasks to share, in parallel. */
    private float[] packShared(boolean transB, float[] b, int bOff, int ldb, int k, int n, int jc, int panels) {
        if (packedB.length < panels * NR * k) {
            packedB = new float[panels * NR * k];
        }
        float[] bp = packedB;
        int packTasks = Math.min(panels, 4 * pool.threads());
        pool.forEach(packTasks, t -> {
            for (int jp = panels * t / packTasks, end = panels * (t + 1) / packTasks; jp < end; jp++) {
                int j0 = jc + jp * NR;
                packB(transB, b, bOff, ldb, k, j0, Math.min(NR, n - j0), bp, jp * k * NR);
            }
        });
        return bp;
    }

    /** The products with nothing to sum: none at all, or {@code C = 0} when {@code k = 0}. True when it was one. */
    private static boolean empty(int m, int n, int k, float[] c, int cOff, int ldc, boolean accumulate) {
        if (m == 0 || n == 0) {
            return true;
        }
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
                }
            }
            return true;
        }
        return false;
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    /**
     * Packs B[0 .. kc, j0 .. j1] (untransposed, rows {@code ldb} apart) as panels of NR columns, each {@code [p][NR]}
     * and zero-padded, into the scratch's row block: one pass along each row.
     */
    private static void packRows(float[] b, int bOff, int ldb, int kc, int j0, int j1, Scratch s) {
        int panels = (j1 - j0 + NR - 1) / NR;
        if (s.rowBlock.length < panels * kc * NR) {
            s.rowBlock = new float[panels * kc * NR];
        }
        float[] out = s.rowBlock;
        for (int p = 0; p < kc; p++) {
            int row = bOff + p * ldb;
            for (int q = 0, j = j0; q < panels; q++, j += NR) {
                int nr = Math.min(NR, j1 - j), o = (q * kc + p) * NR;
                if (nr == NR) {
                    copyRow(b, row + j, out, o);
                } else {
                    System.arraycopy(b, row + j, out, o, nr);
                    java.util.Arrays.fill(out, o + nr, o + NR, 0f);
                }
            }
        }
    }

    /**
     * Whether a block of B's panel is already laid out as a packed one ({@code [p][NR]}: full width, rows NR apart), so
     * the kernels can read it where it lies. Any other B is packed even when its rows could be read in place: the
     * kernels' loads of B are then NR apart, a constant, which lets the JIT hoist their bounds checks out of the loop
     * (about 6 % on conv2's products, copying included).
     */
    private static boolean panelShaped(boolean transB, int ldb, int nr) {
        return !transB && ldb == NR && nr == NR;
    }

    /**
     * Whether B's rows, {@code ldb} floats apart, fall into a few cache sets (the stride is a multiple of 1 KB), so that
     * packing a panel at a time would evict lines before the next panel's pass reads the rest of them.
     */
    private static boolean fewSets(int ldb) {
        return ldb >= 256 && ldb % 256 == 0;
    }

    /**
     * One panel row, NR floats, as two vector moves: {@code System.arraycopy} costs ~20 ns a call at this length, which
     * made packing fc1's weights (100 000 rows of a panel a step) take longer than streaming them from memory.
     */
    private static void copyRow(float[] from, int f, float[] to, int t) {
        FloatVector.fromArray(S, from, f).intoArray(to, t);
        FloatVector.fromArray(S, from, f + L).intoArray(to, t + L);
    }

    /** Packs op(B)[0 .. kc, j0 .. j0+nr] as {@code [p][NR]}, zero-padding columns past {@code nr}. */
    private static void packB(boolean transB, float[] b, int bOff, int ldb, int kc, int j0, int nr, float[] out, int o) {
        if (!transB) {
            for (int p = 0; p < kc; p++, o += NR) {
                if (nr == NR) {
                    copyRow(b, bOff + p * ldb + j0, out, o);
                } else {
                    System.arraycopy(b, bOff + p * ldb + j0, out, o, nr);
                    java.util.Arrays.fill(out, o + nr, o + NR, 0f);
                }
            }
            return;
        }
        // op(B)[p, j] = b[j, p]: read stored rows along p, a chunk of p at a time so the panel rows written stay in L1
        for (int p0 = 0; p0 < kc; p0 += 64) {
            int p1 = Math.min(kc, p0 + 64);
            for (int jj = 0; jj < NR; jj++) {
                if (jj < nr) {
                    int src = bOff + (j0 + jj) * ldb;
                    for (int p = p0, d = o + p0 * NR + jj; p < p1; p++, d += NR) {
                        out[d] = b[src + p];
                    }
                } else {
                    for (int p = p0, d = o + p0 * NR + jj; p < p1; p++, d += NR) {
                        out[d] = 0f;
                    }
                }
            }
        }
    }

    /** Packs op(A)[i0 .. i0+mc, pc .. pc+kc] as slivers of MR rows, each {@code [p][MR]}, zero-padded. */
    private static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int pc, int kc, float[] out) {
        if (transA) {
            // op(A)[i, p] = a[p, i]: each step of p is one contiguous run over the rows of the block
            for (int p = 0; p < kc; p++) {
                int src = aOff + (pc + p) * lda + i0;
                for (int ir = 0; ir < mc; ir += MR) {
                    int mr = Math.min(MR, mc - ir), o = ir * kc + p * MR;
                    for (int ii = 0; ii < mr; ii++) {
                        out[o + ii] = a[src + ir + ii];
                    }
                    for (int ii = mr; ii < MR; ii++) {
                        out[o + ii] = 0f;
                    }
                }
            }
            return;
        }
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir), o = ir * kc;
            for (int ii = 0; ii < MR; ii++) {
                if (ii < mr) {
                    int src = aOff + (i0 + ir + ii) * lda + pc;
                    for (int p = 0, d = o + ii; p < kc; p++, d += MR) {
                        out[d] = a[src + p];
                    }
                } else {
                    for (int p = 0, d = o + ii; p < kc; p++, d += MR) {
                        out[d] = 0f;
                    }
                }
            }
        }
    }

    /** An edge tile: the same kernel on a copy, so the arithmetic (and the bits) match a full tile. */
    private static void edge(int kc, float[] ap, int ao, int ars, int aps, float[] bp, int bo, float[] c, int co, int ldc,
                             boolean load, int mr, int nr, float[] tile) {
        if (load) {
            java.util.Arrays.fill(tile, 0f);
            for (int i = 0; i < mr; i++) {
                System.arraycopy(c, co + i * ldc, tile, i * NR, nr);
            }
        }
        kernel(kc, ap, ao, ars, aps, bp, bo, tile, 0, NR, load);
        for (int i = 0; i < mr; i++) {
            System.arraycopy(tile, i * NR, c, co + i * ldc, nr);
        }
    }

    /**
     * Runs at least this long take {@link #unitKernel}; shorter ones (conv1's kernel rows: 5 floats) the strided one,
     * since hoisting the checks costs a little at each run's start (measured: conv1 20-40 % slower with every run unit).
     */
    private static final int LONG_RUN = 32;

    /** A run of offsets that covers any depth: a plain operand's steps are one run (p / WHOLE = 0). */
    private static final int[] ONE_RUN = {0};
    private static final int WHOLE = Integer.MAX_VALUE;

    /**
     * The micro-kernel on plain op(A) (rows {@code ars} apart, steps {@code aps} apart): {@link #unitKernel} when
     * the steps are adjacent, {@link #stridedKernel} otherwise (a transposed A, or a packed sliver).
     */
    private static void kernel(int kc, float[] ap, int ao, int ars, int aps, float[] bp, int bo,
                               float[] c, int co, int ldc, boolean load) {
        if (aps == 1) {
            unitKernel(0, kc, ap, null, 0, ao, ars, ONE_RUN, WHOLE, bp, bo, c, co, ldc, load);
        } else {
            stridedKernel(0, kc, ap, null, 0, ao, ars, ONE_RUN, WHOLE, aps, bp, bo, c, co, ldc, load);
        }
    }

    /**
     * The micro-kernel: {@code C[0..MR, 0..NR] (+)= A · Bpanel} over steps {@code p0 .. p0+kc}, C in twelve vector
     * registers, B packed ({@code [p][NR]} from {@code bo}), and
     * {@code A[i, p] = a[row_i + runs[p / run] + p % run]}: the rows' offsets are {@code base + rows[ri + i]}, or
     * {@code base + i · rowStride} when {@code rows} is null (a stored matrix: one run of the whole depth). Steps
     * within a run are adjacent (stride 1: im2col's rows, a row-major A).
     *
     * <p>Written for the JIT: every load's index is the loop variable times a constant plus an offset fixed for the
     * loop, which lets C2 check the bounds once before the loop instead of at each of the eight loads per step (the
     * checks had made up a fifth of the loop's instructions); named locals, not arrays, so the tile stays in
     * registers.
     */
    private static void unitKernel(int p0, int kc, float[] a, int[] rows, int ri, int base, int rowStride, int[] runs, int run,
                                   float[] bp, int bo, float[] c, int co, int ldc, boolean load) {
        boolean even = rows == null;
        int o0 = base + (even ? 0 : rows[ri]), o1 = base + (even ? rowStride : rows[ri + 1]);
        int o2 = base + (even ? 2 * rowStride : rows[ri + 2]), o3 = base + (even ? 3 * rowStride : rows[ri + 3]);
        int o4 = base + (even ? 4 * rowStride : rows[ri + 4]), o5 = base + (even ? 5 * rowStride : rows[ri + 5]);
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (load) {
            c00 = FloatVector.fromArray(S, c, co);
            c01 = FloatVector.fromArray(S, c, co + L);
            c10 = FloatVector.fromArray(S, c, co + ldc);
            c11 = FloatVector.fromArray(S, c, co + ldc + L);
            c20 = FloatVector.fromArray(S, c, co + 2 * ldc);
            c21 = FloatVector.fromArray(S, c, co + 2 * ldc + L);
            c30 = FloatVector.fromArray(S, c, co + 3 * ldc);
            c31 = FloatVector.fromArray(S, c, co + 3 * ldc + L);
            c40 = FloatVector.fromArray(S, c, co + 4 * ldc);
            c41 = FloatVector.fromArray(S, c, co + 4 * ldc + L);
            c50 = FloatVector.fromArray(S, c, co + 5 * ldc);
            c51 = FloatVector.fromArray(S, c, co + 5 * ldc + L);
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z; c01 = z; c10 = z; c11 = z; c20 = z; c21 = z;
            c30 = z; c31 = z; c40 = z; c41 = z; c50 = z; c51 = z;
        }
        int bd = bo - p0 * NR, r = p0 / run, q = p0 - r * run;
        for (int p = p0, end = p0 + kc; p < end; r++, q = 0) {
            int segment = end - p <= run - q ? end : p + run - q, d = runs[r] + q - p;
            int y0 = o0 + d, y1 = o1 + d, y2 = o2 + d, y3 = o3 + d, y4 = o4 + d, y5 = o5 + d;
            for (; p < segment; p++) {
                int bq = bd + p * NR;
                FloatVector b0 = FloatVector.fromArray(S, bp, bq);
                FloatVector b1 = FloatVector.fromArray(S, bp, bq + L);
                FloatVector a0 = FloatVector.broadcast(S, a[y0 + p]);
                c00 = a0.fma(b0, c00);
                c01 = a0.fma(b1, c01);
                FloatVector a1 = FloatVector.broadcast(S, a[y1 + p]);
                c10 = a1.fma(b0, c10);
                c11 = a1.fma(b1, c11);
                FloatVector a2 = FloatVector.broadcast(S, a[y2 + p]);
                c20 = a2.fma(b0, c20);
                c21 = a2.fma(b1, c21);
                FloatVector a3 = FloatVector.broadcast(S, a[y3 + p]);
                c30 = a3.fma(b0, c30);
                c31 = a3.fma(b1, c31);
                FloatVector a4 = FloatVector.broadcast(S, a[y4 + p]);
                c40 = a4.fma(b0, c40);
                c41 = a4.fma(b1, c41);
                FloatVector a5 = FloatVector.broadcast(S, a[y5 + p]);
                c50 = a5.fma(b0, c50);
                c51 = a5.fma(b1, c51);
            }
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c10.intoArray(c, co + ldc);
        c11.intoArray(c, co + ldc + L);
        c20.intoArray(c, co + 2 * ldc);
        c21.intoArray(c, co + 2 * ldc + L);
        c30.intoArray(c, co + 3 * ldc);
        c31.intoArray(c, co + 3 * ldc + L);
        c40.intoArray(c, co + 4 * ldc);
        c41.intoArray(c, co + 4 * ldc + L);
        c50.intoArray(c, co + 5 * ldc);
        c51.intoArray(c, co + 5 * ldc + L);
    }

    /**
     * {@link #unitKernel} for steps {@code stride} apart within a run: {@code A[i, p] = a[row_i + runs[p / run] +
     * (p % run) · stride]} (im2col's transpose, a transposed A, a packed sliver). The loads of A are checked at each
     * step (a stride that is not a constant defeats the JIT's hoisting); B's are not.
     */
    private static void stridedKernel(int p0, int kc, float[] a, int[] rows, int ri, int base, int rowStride, int[] runs, int run,
                                      int stride, float[] bp, int bo, float[] c, int co, int ldc, boolean load) {
        boolean even = rows == null;
        int o0 = base + (even ? 0 : rows[ri]), o1 = base + (even ? rowStride : rows[ri + 1]);
        int o2 = base + (even ? 2 * rowStride : rows[ri + 2]), o3 = base + (even ? 3 * rowStride : rows[ri + 3]);
        int o4 = base + (even ? 4 * rowStride : rows[ri + 4]), o5 = base + (even ? 5 * rowStride : rows[ri + 5]);
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (load) {
            c00 = FloatVector.fromArray(S, c, co);
            c01 = FloatVector.fromArray(S, c, co + L);
            c10 = FloatVector.fromArray(S, c, co + ldc);
            c11 = FloatVector.fromArray(S, c, co + ldc + L);
            c20 = FloatVector.fromArray(S, c, co + 2 * ldc);
            c21 = FloatVector.fromArray(S, c, co + 2 * ldc + L);
            c30 = FloatVector.fromArray(S, c, co + 3 * ldc);
            c31 = FloatVector.fromArray(S, c, co + 3 * ldc + L);
            c40 = FloatVector.fromArray(S, c, co + 4 * ldc);
            c41 = FloatVector.fromArray(S, c, co + 4 * ldc + L);
            c50 = FloatVector.fromArray(S, c, co + 5 * ldc);
            c51 = FloatVector.fromArray(S, c, co + 5 * ldc + L);
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z; c01 = z; c10 = z; c11 = z; c20 = z; c21 = z;
            c30 = z; c31 = z; c40 = z; c41 = z; c50 = z; c51 = z;
        }
        int bd = bo - p0 * NR, r = p0 / run, q = p0 - r * run;
        for (int p = p0, end = p0 + kc; p < end; r++, q = 0) {
            int segment = end - p <= run - q ? end : p + run - q;
            for (int o = runs[r] + q * stride; p < segment; p++, o += stride) {
                int bq = bd + p * NR;
                FloatVector b0 = FloatVector.fromArray(S, bp, bq);
                FloatVector b1 = FloatVector.fromArray(S, bp, bq + L);
                FloatVector a0 = FloatVector.broadcast(S, a[o0 + o]);
                c00 = a0.fma(b0, c00);
                c01 = a0.fma(b1, c01);
                FloatVector a1 = FloatVector.broadcast(S, a[o1 + o]);
                c10 = a1.fma(b0, c10);
                c11 = a1.fma(b1, c11);
                FloatVector a2 = FloatVector.broadcast(S, a[o2 + o]);
                c20 = a2.fma(b0, c20);
                c21 = a2.fma(b1, c21);
                FloatVector a3 = FloatVector.broadcast(S, a[o3 + o]);
                c30 = a3.fma(b0, c30);
                c31 = a3.fma(b1, c31);
                FloatVector a4 = FloatVector.broadcast(S, a[o4 + o]);
                c40 = a4.fma(b0, c40);
                c41 = a4.fma(b1, c41);
                FloatVector a5 = FloatVector.broadcast(S, a[o5 + o]);
                c50 = a5.fma(b0, c50);
                c51 = a5.fma(b1, c51);
            }
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c10.intoArray(c, co + ldc);
        c11.intoArray(c, co + ldc + L);
        c20.intoArray(c, co + 2 * ldc);
        c21.intoArray(c, co + 2 * ldc + L);
        c30.intoArray(c, co + 3 * ldc);
        c31.intoArray(c, co + 3 * ldc + L);
        c40.intoArray(c, co + 4 * ldc);
        c41.intoArray(c, co + 4 * ldc + L);
        c50.intoArray(c, co + 5 * ldc);
        c51.intoArray(c, co + 5 * ldc + L);
    }

    @Override
    public String toString() {
        return "vector(" + S.vectorBitSize() + "-bit, threads=" + pool.threads() + ")";
    }
}
