package dev.descent.plot;

import java.awt.Color;
import java.util.Arrays;
import java.util.Objects;

/**
 * How a line is stroked: colour, width in pixels, opacity and an optional dash pattern.
 *
 * <pre>{@code
 * LineStyle faint = LineStyle.of(Palette.color(0)).withWidth(1).withAlpha(0.25);
 * LineStyle dashed = LineStyle.of(Color.GRAY).dashed();
 * }</pre>
 *
 * @param color the stroke colour (its own alpha is ignored; use {@code alpha})
 * @param width stroke width in pixels, &gt; 0
 * @param alpha opacity in [0, 1]
 * @param dash  dash pattern in pixels (on, off, ...), or {@code null} for a solid line
 */
public record LineStyle(Color color, double width, double alpha, double[] dash) {

    public LineStyle {
        Objects.requireNonNull(color, "color");
        if (!(width > 0) || !Double.isFinite(width)) {
            throw new IllegalArgumentException("width must be a finite number > 0, got " + width);
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        if (dash != null) {
            dash = dash.clone();
            if (dash.length == 0 || Arrays.stream(dash).anyMatch(d -> !(d > 0))) {
                throw new IllegalArgumentException("dash must be a non-empty list of lengths > 0, got " + Arrays.toString(dash));
            }
        }
    }

    /** A solid, opaque line 1.5 px wide. */
    public static LineStyle of(Color color) {
        return new LineStyle(color, 1.5, 1, null);
    }

    public LineStyle withWidth(double w) {
        return new LineStyle(color, w, alpha, dash);
    }

    public LineStyle withAlpha(double a) {
        return new LineStyle(color, width, a, dash);
    }

    public LineStyle withColor(Color c) {
        return new LineStyle(c, width, alpha, dash);
    }

    /** Dashes proportional to the width, so thick dashed lines still read as dashed. */
    public LineStyle dashed() {
        double u = Math.max(width, 1);
        return new LineStyle(color, width, alpha, new double[] {5 * u, 3 * u});
    }

    @Override
    public double[] dash() {
        return dash == null ? null : dash.clone();
    }

    boolean isDashed() {
        return dash != null;
    }

    double[] dashUnsafe() {
        return dash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LineStyle s && s.color.equals(color) && s.width == width && s.alpha == alpha
                && Arrays.equals(s.dash, dash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(color, width, alpha, Arrays.hashCode(dash));
    }

    @Override
    public String toString() {
        return "LineStyle[color=" + Palette.hex(color) + ", width=" + width + ", alpha=" + alpha
                + ", dash=" + Arrays.toString(dash) + "]";
    }
}
