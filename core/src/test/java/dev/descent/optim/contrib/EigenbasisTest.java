package dev.descent.optim.contrib;

import dev.descent.random.Rng;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The eigen-decomposition against a slow cyclic Jacobi in double, and both factorizations by their definitions. */
class EigenbasisTest {

    /** Cyclic Jacobi rotations until the off-diagonal vanishes: the eigenvalues, ascending. Slow and obviously right. */
    static double[] jacobiEigenvalues(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    off += m[i][j] * m[i][j];
                }
            }
            if (off < 1e-30) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (m[p][q] == 0) {
                        continue;
                    }
                    double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
                    double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++) {   // M ← Jᵀ M J
                        double mkp = m[k][p], mkq = m[k][q];
                        m[k][p] = c * mkp - s * mkq;
                        m[k][q] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < n; k++) {
                        double mpk = m[p][k], mqk = m[q][k];
                        m[p][k] = c * mpk - s * mqk;
                        m[q][k] = s * mpk + c * mqk;
                    }
                }
            }
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = m[i][i];
        }
        Arrays.sort(d);
        return d;
    }

    private static float[] symmetric(int n, int rank, long seed) {
        Rng r = new Rng(seed);
        double[][] g = new double[n][rank];
        for (double[] row : g) {
            for (int k = 0; k < rank; k++) {
                row[k] = r.nextGaussian();
            }
        }
        float[] a = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < rank; k++) {
                    s += g[i][k] * g[j][k];
                }
                a[i * n + j] = (float) s;
            }
        }
        for (int i = 0; i < n; i++) {   // exactly symmetric after rounding
            for (int j = 0; j < i; j++) {
                a[i * n + j] = a[j * n + i];
            }
        }
        return a;
    }

    @Test
    void eigh_matchesJacobiAndReconstructs() {
        for (int n : new int[] {1, 2, 3, 5, 8, 13, 40}) {
            for (int rank : new int[] {1, Math.max(1, n / 2), n}) {
                float[] a = symmetric(n, rank, 31L * n + rank);
                float[] q = new float[n * n];
                double[] values = new double[n];
                Eigenbasis.eigh(a, n, q, values);
                double[][] ad = new double[n][n];
                double scale = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        ad[i][j] = a[i * n + j];
                        scale = Math.max(scale, Math.abs(ad[i][j]));
                    }
                }
                double[] expected = jacobiEigenvalues(ad);
                for (int k = 0; k < n; k++) {
                    assertEquals(expected[n - 1 - k], values[k], 1e-10 * scale * n, "n " + n + " rank " + rank + " λ" + k);
                }
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double qq = 0, rec = 0;
                        for (int k = 0; k < n; k++) {
                            qq += (double) q[k * n + i] * q[k * n + j];
                            rec += (double) q[i * n + k] * values[k] * q[j * n + k];
                        }
                        assertEquals(i == j ? 1 : 0, qq, 1e-6, "QᵀQ, n " + n);
                        assertEquals(ad[i][j], rec, 1e-6 * scale * n, "QΛQᵀ, n " + n + " rank " + rank);
                    }
                }
            }
        }
    }

    @Test
    void qr_orthonormalAndUpperTriangular() {
        int n = 17;
        Rng r = new Rng(5);
        float[] a = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextGaussian();
        }
        float[] q = new float[n * n];
        Eigenbasis.qr(a, n, q);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double qq = 0, qta = 0;
                for (int k = 0; k < n; k++) {
                    qq += (double) q[k * n + i] * q[k * n + j];
                    qta += (double) q[k * n + i] * a[k * n + j];   // (QᵀA)[i][j] = R
                }
                assertEquals(i == j ? 1 : 0, qq, 1e-6, "QᵀQ");
                if (i > j) {
                    assertEquals(0, qta, 1e-5, "R below the diagonal at " + i + "," + j);
                }
            }
        }
    }

    /** The column-by-column Householder QR, one reflection per column in turn: slow, and the bits qr must keep. */
    static void qrByColumns(float[] a, int n, float[] q) {
        double[][] cols = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                cols[j][i] = a[i * n + j];
            }
        }
        double[][] reflectors = new double[n][];
        double[] tau = new double[n];
        for (int k = 0; k < n; k++) {
            double[] x = cols[k];
            double norm = 0;
            for (int i = k; i < n; i++) {
                norm += x[i] * x[i];
            }
            norm = Math.sqrt(norm);
            double[] v = new double[n];
            reflectors[k] = v;
            if (norm == 0) {
                continue;
            }
            double alpha = x[k] > 0 ? -norm : norm;
            v[k] = x[k] - alpha;
            for (int i = k + 1; i < n; i++) {
                v[i] = x[i];
            }
            double vv = 0;
            for (int i = k; i < n; i++) {
                vv += v[i] * v[i];
            }
            tau[k] = 2 / vv;
            for (int j = k; j < n; j++) {
                reflectColumn(cols[j], v, tau[k], k, n);
            }
        }
        for (int j = 0; j < n; j++) {
            double[] col = new double[n];
            col[j] = 1;
            for (int k = n - 1; k >= 0; k--) {
                if (tau[k] != 0) {
                    reflectColumn(col, reflectors[k], tau[k], k, n);
                }
            }
            for (int i = 0; i < n; i++) {
                q[i * n + j] = (float) col[i];
            }
        }
    }

    private static void reflectColumn(double[] x, double[] v, double tau, int k, int n) {
        double dot = 0;
        for (int i = k; i < n; i++) {
            dot += v[i] * x[i];
        }
        dot *= tau;
        for (int i = k; i < n; i++) {
            x[i] -= dot * v[i];
        }
    }

    /** Blocks of columns on 1 or 3 threads, a rank-deficient input (a zero reflector), scratch larger than needed. */
    @Test
    void qr_blockedOnThreads_equalsTheColumnByColumnAlgorithmBitForBit() {
        for (int n : new int[] {5, 150}) {
            Rng r = new Rng(n);
            float[] a = new float[n * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) r.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
                a[i * n + 1] = 0;   // column 1 zero: its reflector is skipped
            }
            float[] expected = new float[n * n];
            qrByColumns(a, n, expected);
            Eigenbasis.QrScratch scratch = new Eigenbasis.QrScratch(n + 7);
            for (int threads : new int[] {1, 3}) {
                try (dev.descent.kernel.WorkerPool pool = new dev.descent.kernel.WorkerPool(threads)) {
                    float[] q = new float[n * n];
                    Eigenbasis.qr(a, n, q, scratch, pool);
                    for (int i = 0; i < n * n; i++) {
                        assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(q[i]), "n " + n + ", threads " + threads + ", entry " + i);
                    }
                }
            }
        }
    }
}
