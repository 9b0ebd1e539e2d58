package dev.descent.plot;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.geom.Point2D;

/** The one sans-serif font both canvases use, its metrics, and the shared marker geometry. */
final class Fonts {
    private Fonts() {
    }

    static {
        Awt.ensureHeadless();
    }

    /** SVG font stack; DejaVu Sans first because Java's logical "SansSerif" maps to it on Linux. */
    static final String SVG_FAMILY = "DejaVu Sans, Verdana, Helvetica, Arial, sans-serif";

    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
    private static final Font PLAIN = new Font(Font.SANS_SERIF, Font.PLAIN, 100);
    private static final Font BOLD = new Font(Font.SANS_SERIF, Font.BOLD, 100);

    static Font font(double size, boolean bold) {
        return (bold ? BOLD : PLAIN).deriveFont((float) size);
    }

    static double width(String text, double size, boolean bold) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return font(size, bold).getStringBounds(text, FRC).getWidth();
    }

    /**
     * Offset from the anchor point to the baseline, in px. Fixed fractions of the size (DejaVu Sans'
     * cap height is 0.73 em, descent 0.24 em) so SVG, which cannot measure, lands where PNG does.
     */
    static double baselineOffset(Canvas.VAlign v, double size) {
        return switch (v) {
            case TOP -> 0.76 * size;
            case MIDDLE -> 0.37 * size;
            case BASELINE -> 0;
            case BOTTOM -> -0.24 * size;
        };
    }

    static double hShift(Canvas.HAlign h, double textWidth) {
        return switch (h) {
            case LEFT -> 0;
            case CENTER -> -textWidth / 2;
            case RIGHT -> -textWidth;
        };
    }

    /** A marker outline as one closed ring (interleaved x, y), for every shape but the circle. */
    static double[] markerRing(Canvas.Marker shape, double x, double y, double size) {
        double r = size / 2;
        return switch (shape) {
            case CIRCLE -> regular(x, y, r, 24, 0, 1);
            case SQUARE -> new double[] {x - r * 0.9, y - r * 0.9, x + r * 0.9, y - r * 0.9, x + r * 0.9, y + r * 0.9,
                    x - r * 0.9, y + r * 0.9};
            case DIAMOND -> new double[] {x, y - r, x + r, y, x, y + r, x - r, y};
            case TRIANGLE -> regular(x, y + r * 0.15, r * 1.1, 3, -Math.PI / 2, 1);
            case STAR -> regular(x, y + r * 0.1, r * 1.15, 10, -Math.PI / 2, 0.45);
            case CROSS -> cross(x, y, r);
        };
    }

    /** A regular polygon; with {@code inner < 1} alternate vertices are pulled in (a star). */
    private static double[] regular(double x, double y, double r, int n, double phase, double inner) {
        double[] xy = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double rr = (i % 2 == 1) ? r * inner : r;
            double a = phase + 2 * Math.PI * i / n;
            xy[2 * i] = x + rr * Math.cos(a);
            xy[2 * i + 1] = y + rr * Math.sin(a);
        }
        return xy;
    }

    /** A thick diagonal cross as a 12-gon, so it fills and outlines like every other marker. */
    private static double[] cross(double x, double y, double r) {
        double t = r * 0.28; // half the bar thickness
        double[][] pts = {{-t, -r}, {t, -r}, {t, -t}, {r, -t}, {r, t}, {t, t}, {t, r}, {-t, r}, {-t, t}, {-r, t},
                {-r, -t}, {-t, -t}};
        double[] xy = new double[pts.length * 2];
        double c = Math.cos(Math.PI / 4), s = Math.sin(Math.PI / 4);
        for (int i = 0; i < pts.length; i++) {
            Point2D.Double p = new Point2D.Double(pts[i][0] * c - pts[i][1] * s, pts[i][0] * s + pts[i][1] * c);
            xy[2 * i] = x + p.x;
            xy[2 * i + 1] = y + p.y;
        }
        return xy;
    }
}
