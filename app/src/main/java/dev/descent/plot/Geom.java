package dev.descent.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Pixel geometry shared by the charts: mapping with breaks at bad values, clipping, decimation. */
final class Geom {
    private Geom() {
    }

    /**
     * Maps points to pixels and clips them to the box; returns the visible pieces (interleaved x, y). A
     * point that is non-finite in data or in pixels (NaN, infinity, &le; 0 on a log axis) breaks the line.
     */
    static List<double[]> mapAndClip(double[] x, double[] y, int n, Scale sx, Scale sy, double[] box) {
        double[] xy = new double[2 * n];
        for (int i = 0; i < n; i++) {
            xy[2 * i] = Double.isFinite(x[i]) ? sx.map(x[i]) : Double.NaN;
            xy[2 * i + 1] = Double.isFinite(y[i]) ? sy.map(y[i]) : Double.NaN;
        }
        return clip(xy, box);
    }

    /** Liang–Barsky clipping of each segment of a polyline to box {xmin, ymin, xmax, ymax}. */
    static List<double[]> clip(double[] xy, double[] box) {
        List<double[]> pieces = new ArrayList<>();
        Buf cur = null;
        double lx = Double.NaN, ly = Double.NaN;
        double[] c = new double[4];
        for (int i = 0; i + 3 < xy.length; i += 2) {
            double x0 = xy[i], y0 = xy[i + 1], x1 = xy[i + 2], y1 = xy[i + 3];
            if (!(Double.isFinite(x0) && Double.isFinite(y0) && Double.isFinite(x1) && Double.isFinite(y1))
                    || !clipSegment(x0, y0, x1, y1, box, c)) {
                cur = flush(pieces, cur);
                continue;
            }
            if (cur == null || c[0] != lx || c[1] != ly) {
                cur = flush(pieces, cur);
                cur = new Buf();
                cur.add(c[0], c[1]);
            }
            cur.add(c[2], c[3]);
            lx = c[2];
            ly = c[3];
            if (c[2] != x1 || c[3] != y1) {
                cur = flush(pieces, cur); // left the box
            }
        }
        flush(pieces, cur);
        return pieces;
    }

    private static Buf flush(List<double[]> pieces, Buf b) {
        if (b != null && b.n >= 4) {
            pieces.add(b.toArray());
        }
        return null;
    }

    /** Clips segment to box; writes the visible part to {@code out} and returns whether anything is left. */
    static boolean clipSegment(double x0, double y0, double x1, double y1, double[] box, double[] out) {
        double dx = x1 - x0, dy = y1 - y0, t0 = 0, t1 = 1;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {x0 - box[0], box[2] - x0, y0 - box[1], box[3] - y0};
        for (int k = 0; k < 4; k++) {
            if (p[k] == 0) {
                if (q[k] < 0) {
                    return false;
                }
            } else {
                double r = q[k] / p[k];
                if (p[k] < 0) {
                    if (r > t1) {
                        return false;
                    }
                    t0 = Math.max(t0, r);
                } else {
                    if (r < t0) {
                        return false;
                    }
                    t1 = Math.min(t1, r);
                }
            }
        }
        out[0] = t0 == 0 ? x0 : x0 + t0 * dx;
        out[1] = t0 == 0 ? y0 : y0 + t0 * dy;
        out[2] = t1 == 1 ? x1 : x0 + t1 * dx;
        out[3] = t1 == 1 ? y1 : y0 + t1 * dy;
        return true;
    }

    /**
     * Fewer points, same picture: when x never decreases, each pixel column keeps its first, lowest,
     * highest and last point (so spikes survive); otherwise points closer than half a pixel to the last
     * kept one are dropped.
     */
    static double[] decimate(double[] xy) {
        int n = xy.length / 2;
        if (n <= 4) {
            return xy;
        }
        boolean monotone = true;
        for (int i = 1; i < n && monotone; i++) {
            monotone = xy[2 * i] >= xy[2 * i - 2];
        }
        Buf out = new Buf();
        if (!monotone) {
            out.add(xy[0], xy[1]);
            for (int i = 1; i < n; i++) {
                double dx = xy[2 * i] - out.lastX(), dy = xy[2 * i + 1] - out.lastY();
                if (dx * dx + dy * dy >= 0.25 || i == n - 1) {
                    out.add(xy[2 * i], xy[2 * i + 1]);
                }
            }
            return out.toArray();
        }
        int i = 0;
        while (i < n) {
            long col = (long) Math.floor(xy[2 * i]);
            int j = i, lo = i, hi = i;
            while (j + 1 < n && (long) Math.floor(xy[2 * j + 2]) == col) {
                j++;
                if (xy[2 * j + 1] < xy[2 * lo + 1]) {
                    lo = j;
                }
                if (xy[2 * j + 1] > xy[2 * hi + 1]) {
                    hi = j;
                }
            }
            int[] keep = {i, Math.min(lo, hi), Math.max(lo, hi), j};
            int prev = -1;
            for (int k : keep) {
                if (k != prev) {
                    out.add(xy[2 * k], xy[2 * k + 1]);
                    prev = k;
                }
            }
            i = j + 1;
        }
        return out.toArray();
    }

    /** A growable interleaved point list. */
    static final class Buf {
        double[] a = new double[64];
        int n;

        void add(double x, double y) {
            if (n + 2 > a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = x;
            a[n++] = y;
        }

        double lastX() {
            return a[n - 2];
        }

        double lastY() {
            return a[n - 1];
        }

        double[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
