package dev.descent.plot;

import java.util.Objects;
import java.util.function.DoubleBinaryOperator;

/**
 * Samples of a function on a regular grid: {@code values[j][i]} is the value at
 * {@code x = x0 + i (x1 - x0) / (nx - 1)}, {@code y = y0 + j (y1 - y0) / (ny - 1)} (row j is one y).
 * Values may be NaN or infinite (e.g. where a function overflows).
 *
 * <pre>{@code
 * Grid g = Grid.sample((x, y) -> (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x), -2, 2, 201, -1, 3, 201);
 * }</pre>
 */
public record Grid(double x0, double x1, double y0, double y1, double[][] values) {

    public Grid {
        if (!(Double.isFinite(x0) && Double.isFinite(x1) && x0 < x1)) {
            throw new IllegalArgumentException("grid x range must be finite with x0 < x1, got [" + x0 + ", " + x1 + "]");
        }
        if (!(Double.isFinite(y0) && Double.isFinite(y1) && y0 < y1)) {
            throw new IllegalArgumentException("grid y range must be finite with y0 < y1, got [" + y0 + ", " + y1 + "]");
        }
        Objects.requireNonNull(values, "values");
        if (values.length < 2 || values[0].length < 2) {
            throw new IllegalArgumentException("grid needs at least 2x2 values, got " + values.length + " rows");
        }
        double[][] copy = new double[values.length][];
        for (int j = 0; j < values.length; j++) {
            if (values[j].length != values[0].length) {
                throw new IllegalArgumentException("grid rows must have equal length: row 0 has " + values[0].length
                        + ", row " + j + " has " + values[j].length);
            }
            copy[j] = values[j].clone();
        }
        values = copy;
    }

    /** Samples {@code f} at {@code nx} x {@code ny} points spanning the ranges, ends included. */
    public static Grid sample(DoubleBinaryOperator f, double x0, double x1, int nx, double y0, double y1, int ny) {
        if (nx < 2 || ny < 2) {
            throw new IllegalArgumentException("grid needs nx, ny >= 2, got " + nx + ", " + ny);
        }
        double[][] v = new double[ny][nx];
        for (int j = 0; j < ny; j++) {
            double y = y0 + j * (y1 - y0) / (ny - 1);
            for (int i = 0; i < nx; i++) {
                v[j][i] = f.applyAsDouble(x0 + i * (x1 - x0) / (nx - 1), y);
            }
        }
        return new Grid(x0, x1, y0, y1, v);
    }

    public int nx() {
        return values[0].length;
    }

    public int ny() {
        return values.length;
    }

    public double x(int i) {
        return x0 + i * (x1 - x0) / (nx() - 1);
    }

    public double y(int j) {
        return y0 + j * (y1 - y0) / (ny() - 1);
    }

    double[] xs() {
        double[] a = new double[nx()];
        for (int i = 0; i < a.length; i++) {
            a[i] = x(i);
        }
        return a;
    }

    double[] ys() {
        double[] a = new double[ny()];
        for (int j = 0; j < a.length; j++) {
            a[j] = y(j);
        }
        return a;
    }

    /** {min, max, smallest value &gt; 0} of the finite values; NaN where there are none. */
    double[] finiteStats() {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, pos = Double.POSITIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    if (v > 0) {
                        pos = Math.min(pos, v);
                    }
                }
            }
        }
        return new double[] {lo <= hi ? lo : Double.NaN, lo <= hi ? hi : Double.NaN,
                Double.isFinite(pos) ? pos : Double.NaN};
    }
}
