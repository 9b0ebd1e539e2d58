package dev.descent.plot;

import java.awt.Color;

/** Axis frame, grid, ticks, tick labels, axis labels and title — shared by the charts. */
final class Axes {
    private Axes() {
    }

    static final Color TEXT = new Color(0x222222);
    static final Color MUTED = new Color(0x555555);
    static final Color GRID = new Color(0xE2E2E2);
    static final Color GRID_MINOR = new Color(0xF2F2F2);
    static final double TITLE = 18, LABEL = 15, TICK = 13, TICK_LEN = 5;

    /** Left margin needed for y tick labels and the rotated y label. */
    static double leftMargin(Canvas c, String[] yLabels, String yLabel) {
        double w = 0;
        for (String s : yLabels) {
            w = Math.max(w, c.textWidth(s, TICK, false));
        }
        return 12 + (yLabel == null || yLabel.isEmpty() ? 0 : LABEL + 12) + w + TICK_LEN + 6;
    }

    static double bottomMargin(String xLabel) {
        return TICK_LEN + 6 + TICK + 10 + (xLabel == null || xLabel.isEmpty() ? 0 : LABEL + 12);
    }

    static double topMargin(String title) {
        return title == null || title.isEmpty() ? 16 : 16 + TITLE + 14;
    }

    /** Grid lines (behind data). {@code plot} is {x0, y0, x1, y1}. */
    static void grid(Canvas c, double[] plot, Scale sx, Scale sy, double[] xt, double[] yt) {
        LineStyle minor = LineStyle.of(GRID_MINOR).withWidth(1);
        LineStyle major = LineStyle.of(GRID).withWidth(1);
        if (sx.log) {
            for (double v : Ticks.logMinor(sx.d0, sx.d1)) {
                double px = sx.map(v);
                c.line(px, plot[1], px, plot[3], minor);
            }
        }
        if (sy.log) {
            for (double v : Ticks.logMinor(sy.d0, sy.d1)) {
                double py = sy.map(v);
                c.line(plot[0], py, plot[2], py, minor);
            }
        }
        for (double v : xt) {
            double px = sx.map(v);
            c.line(px, plot[1], px, plot[3], major);
        }
        for (double v : yt) {
            double py = sy.map(v);
            c.line(plot[0], py, plot[2], py, major);
        }
    }

    /** Frame, tick marks and labels, axis labels (over data). */
    static void frame(Canvas c, double[] plot, Scale sx, Scale sy, double[] xt, double[] yt, String xLabel,
                      String yLabel) {
        LineStyle axis = LineStyle.of(MUTED).withWidth(1);
        c.rect(plot[0], plot[1], plot[2] - plot[0], plot[3] - plot[1], null, axis);
        String[] xl = Ticks.labels(xt), yl = Ticks.labels(yt);
        double lastRight = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < xt.length; i++) {
            double px = sx.map(xt[i]);
            c.line(px, plot[3], px, plot[3] + TICK_LEN, axis);
            double w = c.textWidth(xl[i], TICK, false);
            if (px - w / 2 > lastRight + 6) { // skip a label that would overlap its left neighbour
                c.text(px, plot[3] + TICK_LEN + 4, xl[i], TICK, false, TEXT, Canvas.HAlign.CENTER, Canvas.VAlign.TOP, 0);
                lastRight = px + w / 2;
            }
        }
        double maxW = 0;
        for (int i = 0; i < yt.length; i++) {
            double py = sy.map(yt[i]);
            c.line(plot[0] - TICK_LEN, py, plot[0], py, axis);
            c.text(plot[0] - TICK_LEN - 4, py, yl[i], TICK, false, TEXT, Canvas.HAlign.RIGHT, Canvas.VAlign.MIDDLE, 0);
            maxW = Math.max(maxW, c.textWidth(yl[i], TICK, false));
        }
        if (xLabel != null && !xLabel.isEmpty()) {
            c.text((plot[0] + plot[2]) / 2, plot[3] + TICK_LEN + 4 + TICK + 10, xLabel, LABEL, false, TEXT,
                    Canvas.HAlign.CENTER, Canvas.VAlign.TOP, 0);
        }
        if (yLabel != null && !yLabel.isEmpty()) {
            c.text(plot[0] - TICK_LEN - 6 - maxW - 12, (plot[1] + plot[3]) / 2, yLabel, LABEL, false, TEXT,
                    Canvas.HAlign.CENTER, Canvas.VAlign.BOTTOM, -90);
        }
    }

    static void title(Canvas c, double[] plot, String title) {
        if (title != null && !title.isEmpty()) {
            c.text((plot[0] + plot[2]) / 2, 16, title, TITLE, true, TEXT, Canvas.HAlign.CENTER, Canvas.VAlign.TOP, 0);
        }
    }
}
