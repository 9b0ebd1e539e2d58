package dev.descent.landscape;

import java.util.List;

/**
 * A smooth function of two variables with what a picture of it needs: the gradient, the known minima and
 * their value f*, a domain to draw and a start point.
 *
 * <pre>{@code
 * Landscape f = Landscapes.parse("quadratic(condition=100)");
 * double[] g = new double[2];
 * f.gradient(1, 2, g);            // g = ∇f(1, 2)
 * double gap = f.value(1, 2) - f.fStar();
 * }</pre>
 */
public interface Landscape {

    /** A point of the plane. */
    record Point(double x, double y) {
        @Override
        public String toString() {
            return x + "," + y;
        }
    }

    /** The drawn rectangle {@code [x0, x1] × [y0, y1]}. */
    record Domain(double x0, double x1, double y0, double y1) {
        public Domain {
            if (!(x0 < x1 && y0 < y1) || !Double.isFinite(x0 + x1 + y0 + y1)) {
                throw new IllegalArgumentException("domain must be finite with x0 < x1 and y0 < y1, got ["
                        + x0 + ", " + x1 + "] x [" + y0 + ", " + y1 + "]");
            }
        }

        public boolean contains(double x, double y) {
            return x >= x0 && x <= x1 && y >= y0 && y <= y1;
        }

        /** This domain grown by {@code factor} times its width and height on every side. */
        public Domain grown(double factor) {
            double w = (x1 - x0) * factor, h = (y1 - y0) * factor;
            return new Domain(x0 - w, x1 + w, y0 - h, y1 + h);
        }
    }

    /** The spec that {@link Landscapes#parse} reads back, e.g. {@code quadratic(condition=100.0)}. */
    String name();

    /** The formula as text for titles, e.g. {@code (1−x)² + 100(y−x²)²}. */
    String formula();

    double value(double x, double y);

    /** Writes {@code ∇f(x, y)} into {@code out[0]}, {@code out[1]}. */
    void gradient(double x, double y, double[] out);

    /** The known global minima (several for Himmelblau, none for the saddle). */
    List<Point> minima();

    /** The value at the minima, or NaN when there is none. */
    default double fStar() {
        List<Point> m = minima();
        return m.isEmpty() ? Double.NaN : value(m.get(0).x(), m.get(0).y());
    }

    Domain domain();

    Point start();
}
