package dev.descent.optim.contrib;

import java.util.Arrays;

/**
 * The dense linear algebra SOAP needs, in double on float inputs: the eigenvectors of a symmetric matrix (Householder
 * tridiagonalization and the implicit QL algorithm, EISPACK's {@code tred2}/{@code tql2} as JAMA writes them) and the
 * Q of a Householder QR. Matrices are row-major {@code n × n} float arrays; results are rounded to float at the end.
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

    /** The orthonormal factor Q of {@code a = Q·R} (Householder, in double). */
    static void qr(float[] a, int n, float[] q) {
        double[][] cols = new double[n][n];   // cols[j] is column j of a, reduced in place to R and the reflectors
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
            if (norm == 0) {
                reflectors[k] = v;
                continue;
            }
            double alpha = x[k] > 0 ? -norm : norm;   // v = x − αe_k without cancellation
            v[k] = x[k] - alpha;
            for (int i = k + 1; i < n; i++) {
                v[i] = x[i];
            }
            double vv = 0;
            for (int i = k; i < n; i++) {
                vv += v[i] * v[i];
            }
            tau[k] = 2 / vv;
            reflectors[k] = v;
            for (int j = k; j < n; j++) {
                reflect(cols[j], v, tau[k], k, n);
            }
        }
        for (int j = 0; j < n; j++) {
            double[] col = new double[n];
            col[j] = 1;
            for (int k = n - 1; k >= 0; k--) {
                if (tau[k] != 0) {
                    reflect(col, reflectors[k], tau[k], k, n);
                }
            }
            for (int i = 0; i < n; i++) {
                q[i * n + j] = (float) col[i];
            }
        }
    }

    /** x ← (I − τ·v·vᵀ)·x on rows [k, n). */
    private static void reflect(double[] x, double[] v, double tau, int k, int n) {
        double dot = 0;
        for (int i = k; i < n; i++) {
            dot += v[i] * x[i];
        }
        dot *= tau;
        for (int i = k; i < n; i++) {
            x[i] -= dot * v[i];
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
