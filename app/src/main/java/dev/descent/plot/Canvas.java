package dev.descent.plot;

import java.awt.Color;
import java.util.List;

/**
 * A drawing surface in pixels, origin top-left, y down. Charts draw only through this interface, so the
 * SVG ({@link SvgCanvas}) and PNG ({@link PngCanvas}) of a chart come from the same code.
 *
 * <p>Coordinates are interleaved: a polyline of {@code n} points is {@code [x0, y0, x1, y1, ...]}.
 * Text is sans-serif; {@link #textWidth} gives the width both implementations assume for layout.
 *
 * <pre>{@code
 * Canvas c = new SvgCanvas(400, 300);
 * c.polyline(new double[] {10, 10, 200, 150}, LineStyle.of(Palette.color(0)).withWidth(2));
 * c.text(200, 20, "title", 16, true, Color.BLACK, Canvas.HAlign.CENTER, Canvas.VAlign.TOP, 0);
 * }</pre>
 */
public interface Canvas {

    /** Horizontal anchor of text, relative to the given point (before rotation). */
    enum HAlign { LEFT, CENTER, RIGHT }

    /** Vertical anchor of text: the point is at the top, middle, baseline or bottom of the glyphs. */
    enum VAlign { TOP, MIDDLE, BASELINE, BOTTOM }

    /** Shapes for {@link #marker}. */
    enum Marker { CIRCLE, SQUARE, DIAMOND, TRIANGLE, STAR, CROSS }

    int width();

    int height();

    /** A straight segment. */
    default void line(double x1, double y1, double x2, double y2, LineStyle style) {
        polyline(new double[] {x1, y1, x2, y2}, style);
    }

    /** An open polyline through {@code xy.length / 2} points; fewer than two points draw nothing. */
    void polyline(double[] xy, LineStyle style);

    /** Fills the union of closed rings under the even-odd rule (a ring inside another is a hole). */
    void fill(List<double[]> rings, Color color, double alpha);

    /** A rectangle; {@code fill} and {@code stroke} may each be {@code null} to skip that part. */
    void rect(double x, double y, double w, double h, Color fill, LineStyle stroke);

    /** A marker of the given size (diameter in px) centred on (x, y); {@code fill}/{@code stroke} may be null. */
    void marker(double x, double y, Marker shape, double size, Color fill, LineStyle stroke);

    /** Text of {@code size} px anchored at (x, y), rotated by {@code rotationDeg} clockwise about that point. */
    void text(double x, double y, String text, double size, boolean bold, Color color, HAlign h, VAlign v,
              double rotationDeg);

    /** Clips everything drawn after this to the rectangle, until {@link #unclip()}. Clips do not nest. */
    void clip(double x, double y, double w, double h);

    void unclip();

    /** Width in px of {@code text} in the canvas font; used for layout. */
    default double textWidth(String text, double size, boolean bold) {
        return Fonts.width(text, size, bold);
    }
}
