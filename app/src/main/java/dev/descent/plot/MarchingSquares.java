package dev.descent.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Contour lines of a sampled function by marching squares (Lorensen &amp; Cline's marching cubes in 2-D).
 * Each grid cell whose corners straddle the level contributes one segment (two at a saddle, resolved by
 * the cell's centre value), with end points linearly interpolated along the cell edges; segments that
 * share an edge are then joined into polylines.
 *
 * <pre>{@code
 * Grid g = Grid.sample((x, y) -> x * x + y * y, -2, 2, 101, -2, 2, 101);
 * List<double[]> lines = MarchingSquares.contour(g, 1.0);   // one closed ring near radius 1
 * }</pre>
 */
public final class MarchingSquares {
    private MarchingSquares() {
    }

    /**
     * The contour {@code f = level} as polylines of interleaved (x, y) data coordinates. A closed ring
     * ends with its first point repeated. Cells with a non-finite corner are skipped.
     */
    public static List<double[]> contour(Grid g, double level) {
        return contour(g.values(), g.xs(), g.ys(), level);
    }

    /** {@code v[j][i]} sampled at ({@code xs[i]}, {@code ys[j]}). */
    static List<double[]> contour(double[][] v, double[] xs, double[] ys, double level) {
        int ny = v.length, nx = v[0].length;
        int hCount = ny * (nx - 1);
        int edges = hCount + (ny - 1) * nx;
        int[] first = new int[edges], second = new int[edges];
        Arrays.fill(first, -1);
        Arrays.fill(second, -1);
        int[] segs = new int[256];
        int n = 0; // segments; segment s joins edges segs[2s] and segs[2s+1]
        for (int j = 0; j + 1 < ny; j++) {
            for (int i = 0; i + 1 < nx; i++) {
                double a = v[j][i], b = v[j][i + 1], c = v[j + 1][i + 1], d = v[j + 1][i];
                if (!(Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c) && Double.isFinite(d))) {
                    continue;
                }
                int idx = (a >= level ? 1 : 0) | (b >= level ? 2 : 0) | (c >= level ? 4 : 0) | (d >= level ? 8 : 0);
                if (idx == 0 || idx == 15) {
                    continue;
                }
                int bottom = j * (nx - 1) + i, top = (j + 1) * (nx - 1) + i;
                int left = hCount + j * nx + i, right = hCount + j * nx + i + 1;
                boolean centreAbove = (a + b + c + d) / 4 >= level;
                int[] pairs = switch (idx) {
                    case 1, 14 -> new int[] {left, bottom};
                    case 2, 13 -> new int[] {bottom, right};
                    case 3, 12 -> new int[] {left, right};
                    case 4, 11 -> new int[] {right, top};
                    case 6, 9 -> new int[] {bottom, top};
                    case 7, 8 -> new int[] {left, top};
                    // saddles: a centre above joins the two high corners, cutting off the low ones
                    case 5 -> centreAbove ? new int[] {bottom, right, top, left} : new int[] {left, bottom, right, top};
                    case 10 -> centreAbove ? new int[] {left, bottom, right, top} : new int[] {bottom, right, top, left};
                    default -> throw new AssertionError(idx);
                };
                for (int p = 0; p < pairs.length; p += 2) {
                    if (2 * n + 2 > segs.length) {
                        segs = Arrays.copyOf(segs, segs.length * 2);
                    }
                    segs[2 * n] = pairs[p];
                    segs[2 * n + 1] = pairs[p + 1];
                    for (int e : new int[] {pairs[p], pairs[p + 1]}) {
                        if (first[e] < 0) {
                            first[e] = n;
                        } else {
                            second[e] = n;
                        }
                    }
                    n++;
                }
            }
        }

        List<double[]> lines = new ArrayList<>();
        boolean[] used = new boolean[n];
        int[] fwd = new int[n + 2], bwd = new int[n + 2];
        for (int s = 0; s < n; s++) {
            if (used[s]) {
                continue;
            }
            used[s] = true;
            int nf = walk(s, segs[2 * s + 1], segs, first, second, used, fwd);
            int nb = walk(s, segs[2 * s], segs, first, second, used, bwd);
            double[] xy = new double[2 * (nb + 2 + nf)];
            int k = 0;
            for (int q = nb - 1; q >= 0; q--) {
                k = point(bwd[q], v, xs, ys, level, hCount, nx, xy, k);
            }
            k = point(segs[2 * s], v, xs, ys, level, hCount, nx, xy, k);
            k = point(segs[2 * s + 1], v, xs, ys, level, hCount, nx, xy, k);
            for (int q = 0; q < nf; q++) {
                k = point(fwd[q], v, xs, ys, level, hCount, nx, xy, k);
            }
            lines.add(xy);
        }
        return lines;
    }

    /** Follows the chain from segment {@code s} through edge {@code e}; stores the edges reached, returns how many. */
    private static int walk(int s, int e, int[] segs, int[] first, int[] second, boolean[] used, int[] out) {
        int count = 0, cur = s;
        while (true) {
            int next = first[e] == cur ? second[e] : first[e];
            if (next < 0 || used[next]) { // open end, or back at the start of a ring
                return count;
            }
            used[next] = true;
            e = segs[2 * next] == e ? segs[2 * next + 1] : segs[2 * next];
            out[count++] = e;
            cur = next;
        }
    }

    /** Writes the interpolated crossing on edge {@code e} at {@code xy[k]}, returns k + 2. */
    private static int point(int e, double[][] v, double[] xs, double[] ys, double level, int hCount, int nx,
                             double[] xy, int k) {
        double x0, y0, x1, y1, v0, v1;
        if (e < hCount) {
            int j = e / (nx - 1), i = e % (nx - 1);
            x0 = xs[i];
            x1 = xs[i + 1];
            y0 = y1 = ys[j];
            v0 = v[j][i];
            v1 = v[j][i + 1];
        } else {
            int r = e - hCount, j = r / nx, i = r % nx;
            x0 = x1 = xs[i];
            y0 = ys[j];
            y1 = ys[j + 1];
            v0 = v[j][i];
            v1 = v[j + 1][i];
        }
        double t = v1 == v0 ? 0.5 : (level - v0) / (v1 - v0);
        xy[k] = x0 + t * (x1 - x0);
        xy[k + 1] = y0 + t * (y1 - y0);
        return k + 2;
    }
}
