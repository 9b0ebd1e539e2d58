package dev.descent.plot;

import java.awt.Color;
import java.util.List;

/** Legend layout and drawing, shared by the charts. */
final class Legend {
    private Legend() {
    }

    /**
     * One row: a line swatch (with a band behind it if {@code band}) and/or a marker, then the label; a
     * {@code hollow} marker is outlined in {@code markerFill}'s colour on white.
     */
    record Entry(String label, LineStyle line, Color bandColor, Canvas.Marker marker, Color markerFill, boolean hollow) {
        Entry(String label, LineStyle line, Color bandColor, Canvas.Marker marker, Color markerFill) {
            this(label, line, bandColor, marker, markerFill, false);
        }

        /** A row of text only. */
        static Entry note(String label) {
            return new Entry(label, null, null, null, null);
        }
    }

    static final double FONT = 13, ROW = 21, PAD = 9, SWATCH = 28, GAP = 8, MARGIN = 10;

    /** {width, height} of the box. */
    static double[] size(Canvas c, List<Entry> entries) {
        double w = 0;
        for (Entry e : entries) {
            w = Math.max(w, c.textWidth(e.label(), FONT, false));
        }
        return new double[] {PAD + SWATCH + GAP + w + PAD, 2 * PAD + entries.size() * ROW - (ROW - FONT) + 2};
    }

    static void draw(Canvas c, double x, double y, List<Entry> entries) {
        double[] s = size(c, entries);
        c.rect(x, y, s[0], s[1], new Color(255, 255, 255, 235), LineStyle.of(new Color(0xBBBBBB)).withWidth(1));
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            double cy = y + PAD + i * ROW + FONT / 2 + 1;
            double sx = x + PAD;
            if (e.bandColor() != null) {
                c.rect(sx, cy - 6, SWATCH, 12, new Color(e.bandColor().getRed(), e.bandColor().getGreen(),
                        e.bandColor().getBlue(), 60), null);
            }
            if (e.line() != null) {
                c.line(sx, cy, sx + SWATCH, cy, e.line().withWidth(Math.max(e.line().width(), 2)).withAlpha(
                        Math.max(e.line().alpha(), 0.8)));
            }
            if (e.marker() != null) {
                c.marker(sx + SWATCH / 2, cy, e.marker(), 10, e.hollow() ? Color.WHITE : e.markerFill(),
                        e.hollow() ? LineStyle.of(e.markerFill()).withWidth(1.6) : LineStyle.of(Color.WHITE).withWidth(1));
            }
            c.text(sx + SWATCH + GAP, cy, e.label(), FONT, false, Axes.TEXT, Canvas.HAlign.LEFT, Canvas.VAlign.MIDDLE, 0);
        }
    }

    /**
     * The box {x, y} of the inside corner (top-right, bottom-right, top-left, bottom-left) that covers
     * the fewest samples of {@code pieces}, or {@code null} if every corner covers some.
     */
    static double[] emptiestCorner(double[] plot, double w, double h, List<double[]> pieces, LegendPosition fixed) {
        double x0 = plot[0] + MARGIN, x1 = plot[2] - MARGIN - w, y0 = plot[1] + MARGIN, y1 = plot[3] - MARGIN - h;
        double[][] corners = {{x1, y0}, {x1, y1}, {x0, y0}, {x0, y1}};
        LegendPosition[] names = {LegendPosition.TOP_RIGHT, LegendPosition.BOTTOM_RIGHT, LegendPosition.TOP_LEFT,
                LegendPosition.BOTTOM_LEFT};
        for (int k = 0; k < 4; k++) {
            if (names[k] == fixed) {
                return corners[k];
            }
        }
        if (w > (plot[2] - plot[0]) * 0.6 || h > (plot[3] - plot[1]) * 0.6) {
            return null;
        }
        for (double[] corner : corners) {
            if (hits(corner[0] - 4, corner[1] - 4, w + 8, h + 8, pieces) == 0) {
                return corner;
            }
        }
        return null;
    }

    /** The inside corner covering the fewest samples of {@code pieces} (top-right first on ties). */
    static double[] bestCorner(double[] plot, double w, double h, List<double[]> pieces) {
        double x0 = plot[0] + MARGIN, x1 = plot[2] - MARGIN - w, y0 = plot[1] + MARGIN, y1 = plot[3] - MARGIN - h;
        double[][] corners = {{x1, y0}, {x1, y1}, {x0, y0}, {x0, y1}};
        double[] best = corners[0];
        int bestHits = Integer.MAX_VALUE;
        for (double[] corner : corners) {
            int hits = hits(corner[0] - 4, corner[1] - 4, w + 8, h + 8, pieces);
            if (hits < bestHits) {
                best = corner;
                bestHits = hits;
            }
        }
        return best;
    }

    /** Samples every polyline about every 3 px and counts samples inside the rectangle. */
    private static int hits(double x, double y, double w, double h, List<double[]> pieces) {
        int count = 0;
        for (double[] p : pieces) {
            for (int i = 0; i + 3 < p.length; i += 2) {
                double dx = p[i + 2] - p[i], dy = p[i + 3] - p[i + 1];
                int steps = 1 + (int) (Math.hypot(dx, dy) / 3);
                for (int s = 0; s <= steps; s++) {
                    double px = p[i] + dx * s / steps, py = p[i + 1] + dy * s / steps;
                    if (px >= x && px <= x + w && py >= y && py <= y + h) {
                        count++;
                    }
                }
            }
        }
        return count;
    }
}
