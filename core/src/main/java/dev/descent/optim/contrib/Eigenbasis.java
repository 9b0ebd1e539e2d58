package dev.descent.optim.contrib;

import dev.descent.kernel.WorkerPool;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The dense linear algebra SOAP needs, in double on float inputs: the eigenvectors of a symmetric matrix (Householder
 * tridiagonalization and the implicit QL algorithm, EISPACK's {@code tred2}/{@code tql2} as JAMA writes them) and the
 * Q of a Householder QR (vectorized along rows, blocks of columns on a worker pool). Matrices are row-major
 * {@code n × n} float arrays; results are rounded to float at the end.
 *
 * <pre>{@code
 * double[] values = new double[n];
 * Eigenbasis.eigh(gg, n, q, values);   // q's columns: eigenvectors, eigenvalues descending
 * Eigenbasis.qr(power, n, q);          // q: the orthonormal factor of power
 * }</pre>
 *
 * Eigenvectors are defined up to sign (and, for repeated eigenvalues, up to a rotation inside their eigenspace);
 * QR's Q up to the signs of its columns. SOAP's update does not depend on those signs.
 */
final class Eigenbasis {

    private Eigenbasis() {
    }

    /** Eigen-decomposition of the symmetric {@code a}: {@code q}'s columns the eigenvectors, {@code values} descending. */
    static void eigh(float[] a, int n, float[] q, double[] values) {
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                v[i][j] = a[i * n + j];
            }
        }
        double[] d = new double[n], e = new double[n];
        tred2(n, v, d, e);
        double[][] vt = transpose(v);   // tql2 rotates eigenvector columns: keep them as rows, contiguous
        tql2(n, vt, d, e);
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (x, y) -> Double.compare(d[y], d[x]));
        for (int k = 0; k < n; k++) {
            values[k] = d[order[k]];
            double[] col = vt[order[k]];
            for (int i = 0; i < n; i++) {
                q[i * n + k] = (float) col[i];
            }
        }
    }

    /** Scratch of {@link #qr} for matrices up to {@code n × n}: made once, reused by every call. */
    static final class QrScratch {
        final int n;
        final double[] r, h, tau, dot;

        QrScratch(int n) {
            this.n = n;
            r = new double[n * n];
            h = new double[n * n];
            tau = new double[n];
            dot = new double[n];
        }
    }

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int LD = D.length();
    /**
     * Columns of a block, four vectors: with AVX-512 n × 32 doubles (800 KB at n = 3136) stay in L2 while a panel's
     * reflectors pass over them.
     */
    static final int COLUMNS = 4 * LD;

    /** The orthonormal factor Q of {@code a = Q·R} (Householder, in double), one thread, scratch of its own. */
    static void qr(float[] a, int n, float[] q) {
        try (WorkerPool one = new WorkerPool(1)) {
            qr(a, n, q, new QrScratch(n), one);
        }
    }

    /**
     * The orthonormal factor Q of {@code a = Q·R} (Householder, in double): reflector k zeroes column k below the
     * diagonal, Q = H₀·H₁·…·H_{n−1} is formed by applying them to the identity from the last. Blocked by columns:
     * a panel of {@link #COLUMNS} columns makes its reflectors, then each block of the columns right of it takes
     * all of them in turn while it sits in cache; Q's blocks of columns take every reflector each. Blocks go to
     * {@code pool}'s threads, and the inner loops run along rows (vectorized). The bits are those of the
     * column-by-column algorithm: every column meets the same reflectors in the same order, each dot product is
     * the same sum in the same order (rows k, k + 1, …), and columns never mix, so neither the blocking nor the
     * thread count changes a bit.
     */
    static void qr(float[] a, int n, float[] q, QrScratch w, WorkerPool pool) {
        if (w.n < n) {
            throw new IllegalArgumentException("QR scratch holds " + w.n + " × " + w.n + ", the matrix is " + n + " × " + n);
        }
        double[] r = w.r, h = w.h, tau = w.tau, dot = w.dot;
        for (int i = 0; i < n * n; i++) {
            r[i] = a[i];
        }
        boolean parallel = pool.threads() > 1 && n >= 4 * COLUMNS;
        for (int p0 = 0; p0 < n; p0 += COLUMNS) {
            int p1 = Math.min(n, p0 + COLUMNS);
            for (int k = p0; k < p1; k++) {
                tau[k] = reflector(r, n, k);   // column k becomes the reflector v (rows k..n)
                if (tau[k] != 0) {
                    reflectBlock(r, n, r, k, tau[k], k, k + 1, p1, dot);
                }
            }
            int blocks = (n - p1 + COLUMNS - 1) / COLUMNS, first = p0, last = p1, from = p1;
            IntConsumer trailing = b -> {
                int j0 = from + b * COLUMNS, j1 = Math.min(n, j0 + COLUMNS);
                for (int k = first; k < last; k++) {
                    if (tau[k] != 0) {
                        reflectBlock(r, n, r, k, tau[k], k, j0, j1, dot);
                    }
                }
            };
            forBlocks(pool, parallel, blocks, trailing);
        }
        Arrays.fill(h, 0, n * n, 0.0);
        for (int i = 0; i < n; i++) {
            h[i * n + i] = 1;
        }
        // columns before k are still unit vectors above row k when H_k comes, and it leaves them alone
        forBlocks(pool, parallel, (n + COLUMNS - 1) / COLUMNS, b -> {
            int j0 = b * COLUMNS, j1 = Math.min(n, j0 + COLUMNS);
            for (int k = j1 - 1; k >= 0; k--) {
                if (tau[k] != 0) {
                    reflectBlock(h, n, r, k, tau[k], k, Math.max(j0, k), j1, dot);
                }
            }
        });
        for (int i = 0; i < n * n; i++) {
            q[i] = (float) h[i];
        }
    }

    private static void forBlocks(WorkerPool pool, boolean parallel, int blocks, IntConsumer body) {
        if (parallel) {
            pool.forEach(blocks, body);
        } else {
            for (int b = 0; b < blocks; b++) {
                body.accept(b);
            }
        }
    }

    /**
     * Turns column k of {@code r} (rows k..n) into the Householder vector v = x − αe_k, α = −sign(x_k)·‖x‖, and
     * returns τ = 2 / vᵀv (0, and the column left as it is, when x is zero).
     */
    private static double reflector(double[] r, int n, int k) {
        double norm = 0;
        for (int i = k; i < n; i++) {
            norm += r[i * n + k] * r[i * n + k];
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            return 0;
        }
        double xk = r[k * n + k];
        double alpha = xk > 0 ? -norm : norm;   // without cancellation
        r[k * n + k] = xk - alpha;
        double vv = 0;
        for (int i = k; i < n; i++) {
            vv += r[i * n + k] * r[i * n + k];
        }
        return 2 / vv;
    }

    /**
     * Columns [j0, j1) of {@code m} (rows k..n) ← (I − τ·v·vᵀ)·m, v column {@code vc} of {@code vm} from row k:
     * per column, the dot product with v over rows k, k + 1, … in that order, then the update.
     */
    private static void reflectBlock(double[] m, int n, double[] vm, int vc, double tau, int k, int j0, int j1, double[] dot) {
        if (j1 - j0 == COLUMNS) {
            reflectFullBlock(m, n, vm, vc, tau, k, j0);
            return;
        }
        for (int j = j0; j < j1; j++) {
            dot[j] = 0;
        }
        for (int i = k; i < n; i++) {
            double vi = vm[i * n + vc];
            for (int j = j0, o = i * n; j < j1; j++) {
                dot[j] += vi * m[o + j];
            }
        }
        for (int j = j0; j < j1; j++) {
            dot[j] *= tau;
        }
        for (int i = k; i < n; i++) {
            double vi = vm[i * n + vc];
            for (int j = j0, o = i * n; j < j1; j++) {
                m[o + j] -= dot[j] * vi;
            }
        }
    }

    /**
     * {@link #reflectBlock} on a full block, its dot products in four vector registers. Multiply and add stay two
     * roundings (no fused multiply-add), as in the scalar loop, so the bits are the same.
     */
    private static void reflectFullBlock(double[] m, int n, double[] vm, int vc, double tau, int k, int j0) {
        DoubleVector d0 = DoubleVector.zero(D), d1 = d0, d2 = d0, d3 = d0;
        for (int i = k; i < n; i++) {
            DoubleVector vi = DoubleVector.broadcast(D, vm[i * n + vc]);
            int o = i * n + j0;
            d0 = d0.add(vi.mul(DoubleVector.fromArray(D, m, o)));
            d1 = d1.add(vi.mul(DoubleVector.fromArray(D, m, o + LD)));
            d2 = d2.add(vi.mul(DoubleVector.fromArray(D, m, o + 2 * LD)));
            d3 = d3.add(vi.mul(DoubleVector.fromArray(D, m, o + 3 * LD)));
        }
        d0 = d0.mul(tau);
        d1 = d1.mul(tau);
        d2 = d2.mul(tau);
        d3 = d3.mul(tau);
        for (int i = k; i < n; i++) {
            DoubleVector vi = DoubleVector.broadcast(D, vm[i * n + vc]);
            int o = i * n + j0;
            DoubleVector.fromArray(D, m, o).sub(d0.mul(vi)).intoArray(m, o);
            DoubleVector.fromArray(D, m, o + LD).sub(d1.mul(vi)).intoArray(m, o + LD);
            DoubleVector.fromArray(D, m, o + 2 * LD).sub(d2.mul(vi)).intoArray(m, o + 2 * LD);
            DoubleVector.fromArray(D, m, o + 3 * LD).sub(d3.mul(vi)).intoArray(m, o + 3 * LD);
        }
    }

    private static double[][] transpose(double[][] v) {
        int n = v.length;
        double[][] t = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                t[j][i] = v[i][j];
            }
        }
        return t;
    }

    /** Householder reduction of the symmetric {@code v} to tridiagonal form (d diagonal, e off-diagonal), v ← the transformation. */
    private static void tred2(int n, double[][] v, double[] d, double[] e) {
        for (int j = 0; j < n; j++) {
            d[j] = v[n - 1][j];
        }
        for (int i = n - 1; i > 0; i--) {
            double scale = 0, h = 0;
            for (int k = 0; k < i; k++) {
                scale += Math.abs(d[k]);
            }
            if (scale == 0) {
                e[i] = d[i - 1];
                for (int j = 0; j < i; j++) {
                    d[j] = v[i - 1][j];
                    v[i][j] = 0;
                    v[j][i] = 0;
                }
            } else {
                for (int k = 0; k < i; k++) {
                    d[k] /= scale;
                    h += d[k] * d[k];
                }
                double f = d[i - 1], g = Math.sqrt(h);
                if (f > 0) {
                    g = -g;
                }
                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                for (int j = 0; j < i; j++) {
                    e[j] = 0;
                }
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    v[j][i] = f;
                    g = e[j] + v[j][j] * f;
                    for (int k = j + 1; k <= i - 1; k++) {
                        g += v[k][j] * d[k];
                        e[k] += v[k][j] * f;
                    }
                    e[j] = g;
                }
                f = 0;
                for (int j = 0; j < i; j++) {
                    e[j] /= h;
                    f += e[j] * d[j];
                }
                double hh = f / (h + h);
                for (int j = 0; j < i; j++) {
                    e[j] -= hh * d[j];
                }
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    g = e[j];
                    for (int k = j; k <= i - 1; k++) {
                        v[k][j] -= (f * e[k] + g * d[k]);
                    }
                    d[j] = v[i - 1][j];
                    v[i][j] = 0;
                }
            }
            d[i] = h;
        }
        for (int i = 0; i < n - 1; i++) {
            v[n - 1][i] = v[i][i];
            v[i][i] = 1;
            double h = d[i + 1];
            if (h != 0) {
                for (int k = 0; k <= i; k++) {
                    d[k] = v[k][i + 1] / h;
                }
                for (int j = 0; j <= i; j++) {
                    double g = 0;
                    for (int k = 0; k <= i; k++) {
                        g += v[k][i + 1] * v[k][j];
                    }
                    for (int k = 0; k <= i; k++) {
                        v[k][j] -= g * d[k];
                    }
                }
            }
            for (int k = 0; k <= i; k++) {
                v[k][i + 1] = 0;
            }
        }
        for (int j = 0; j < n; j++) {
            d[j] = v[n - 1][j];
            v[n - 1][j] = 0;
        }
        v[n - 1][n - 1] = 1;
        e[0] = 0;
    }

    /** Implicit QL on the tridiagonal (d, e); {@code vt}'s rows, the eigenvectors, are rotated along. */
    private static void tql2(int n, double[][] vt, double[] d, double[] e) {
        for (int i = 1; i < n; i++) {
            e[i - 1] = e[i];
        }
        e[n - 1] = 0;
        double f = 0, tst1 = 0, eps = Math.ulp(1.0);
        for (int l = 0; l < n; l++) {
            tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
            int m = l;
            while (m < n && Math.abs(e[m]) > eps * tst1) {
                m++;
            }
            if (m > l) {
                int iterations = 0;
                do {
                    if (++iterations > 100) {
                        throw new ArithmeticException("eigen-decomposition did not converge (non-finite preconditioner?)");
                    }
                    double g = d[l], p = (d[l + 1] - g) / (2 * e[l]), r = Math.hypot(p, 1);
                    if (p < 0) {
                        r = -r;
                    }
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1], h = g - d[l];
                    for (int i = l + 2; i < n; i++) {
                        d[i] -= h;
                    }
                    f += h;
                    p = d[m];
                    double c = 1, c2 = c, c3 = c, el1 = e[l + 1], s = 0, s2 = 0;
                    for (int i = m - 1; i >= l; i--) {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Math.hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        double[] vi = vt[i], vi1 = vt[i + 1];
                        for (int k = 0; k < n; k++) {
                            h = vi1[k];
                            vi1[k] = s * vi[k] + c * h;
                            vi[k] = c * vi[k] - s * h;
                        }
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.abs(e[l]) > eps * tst1);
            }
            d[l] += f;
            e[l] = 0;
        }
    }
}
