package dev.descent.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;

/**
 * A 2-D function as filled and/or line contours, with optimizer trajectories and marked points on top
 * — e.g. the paths of SGD, momentum and Adam across the Rosenbrock valley. The contours are computed once
 * (marching squares), so rendering many animation frames only redraws.
 *
 * <p>Filled contours: for each level, the region {@code f >= level} is the even-odd interior of that
 * level's contour rings on the grid padded with a border lower than every level (so every ring closes);
 * painting those regions from the lowest level up leaves each band in its own colour. Bands are coloured
 * by index on a lightened viridis, so log-spaced levels get evenly spread colours, and a colour bar lists
 * the levels.
 *
 * <pre>{@code
 * DoubleBinaryOperator rosenbrock = (x, y) -> (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
 * ContourPlot plot = ContourPlot.builder()
 *         .title("Rosenbrock").function(rosenbrock, -2, 2, -1, 3)   // log levels chosen automatically
 *         .trajectory("sgd", sgdX, sgdY)
 *         .trajectory("adam", adamX, adamY)
 *         .start(-1.5, 2).minimum(1, 1)
 *         .build();
 * plot.writePng(Path.of("rosenbrock.png"));
 * plot.writeGif(Path.of("rosenbrock.gif"), 60, 80);       // 60 frames, paths advancing together
 * }</pre>
 */
public final class ContourPlot implements Chart {

    /** An optimizer path: points (x[i], y[i]) in order; non-finite points break the line. */
    public record Trajectory(String name, double[] x, double[] y, Color color) {
        public Trajectory {
            Objects.requireNonNull(x, "x");
            Objects.requireNonNull(y, "y");
            if (x.length != y.length) {
                throw new IllegalArgumentException("trajectory '" + name + "': x and y must have the same length, got "
                        + x.length + " and " + y.length);
            }
            Objects.requireNonNull(color, "color");
            x = x.clone();
            y = y.clone();
        }
    }

    /** A marked point such as the start or the minimum; {@code label} (may be null) goes in the legend. */
    public record Point(double x, double y, Canvas.Marker marker, Color color, String label) {
        public Point {
            Objects.requireNonNull(marker, "marker");
            Objects.requireNonNull(color, "color");
        }
    }

    private static final Color LINE = new Color(0x333333);

    private final Grid grid;
    private final double[] levels;
    private final boolean filled, lines, equalAspect;
    private final String title, xLabel, yLabel, colorbarLabel;
    private final int width, height;
    private final List<Trajectory> trajectories;
    private final List<Point> points;
    private final List<String> notes;
    private final List<List<double[]>> fillRings = new ArrayList<>(); // per level, data coordinates
    private final List<List<double[]>> lineRings = new ArrayList<>();

    private ContourPlot(Builder b) {
        grid = b.grid;
        levels = b.levels != null ? b.levels.clone() : Levels.auto(b.grid, b.autoLevels);
        filled = b.filled;
        lines = b.lines;
        equalAspect = b.equalAspect;
        title = b.title;
        xLabel = b.xLabel;
        yLabel = b.yLabel;
        colorbarLabel = b.colorbarLabel;
        width = b.width;
        height = b.height;
        trajectories = List.copyOf(b.trajectories);
        points = List.copyOf(b.points);
        notes = List.copyOf(b.notes);
        Arrays.sort(levels);
        double[][] padded = filled ? paddedValues() : null;
        double[] pxs = filled ? paddedCoords(grid.xs()) : null, pys = filled ? paddedCoords(grid.ys()) : null;
        for (double level : levels) {
            if (filled) {
                fillRings.add(MarchingSquares.contour(padded, pxs, pys, level));
            }
            if (lines) {
                lineRings.add(MarchingSquares.contour(grid, level));
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    /** The contour levels drawn, ascending. */
    public double[] levels() {
        return levels.clone();
    }

    /** Length of the longest trajectory: the number of distinct animation steps. */
    public int steps() {
        int n = 0;
        for (Trajectory t : trajectories) {
            n = Math.max(n, t.x().length);
        }
        return n;
    }

    /** The grid with one extra cell on each side holding a value below every level, so all rings close. */
    private double[][] paddedValues() {
        double[] st = grid.finiteStats();
        double low = Double.isNaN(st[0]) ? 0 : st[0];
        double high = Double.isNaN(st[1]) ? 0 : st[1];
        if (levels.length > 0) {
            low = Math.min(low, levels[0]);
        }
        double pad = low - 1 - Math.abs(low);
        int ny = grid.ny(), nx = grid.nx();
        double[][] v = new double[ny + 2][nx + 2];
        for (double[] row : v) {
            Arrays.fill(row, pad);
        }
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                double x = grid.values()[j][i];
                // a NaN or overflow is "very high": it is filled like the top band instead of leaving a hole
                v[j + 1][i + 1] = Double.isFinite(x) ? x : Double.isInfinite(x) && x < 0 ? pad : high;
            }
        }
        return v;
    }

    private static double[] paddedCoords(double[] a) {
        double[] p = new double[a.length + 2];
        System.arraycopy(a, 0, p, 1, a.length);
        p[0] = a[0] - (a[1] - a[0]);
        p[p.length - 1] = a[a.length - 1] + (a[a.length - 1] - a[a.length - 2]);
        return p;
    }

    static Color fillColor(int k, int levelCount) {
        return Palette.mix(Palette.viridis(levelCount == 0 ? 0.5 : (double) k / levelCount), Color.WHITE, 0.4);
    }

    @Override
    public void render(Canvas c) {
        draw(c, Integer.MAX_VALUE, false);
    }

    /**
     * Draws the chart with every trajectory cut after point {@code step} (0 = start points only), the
     * current points marked, and "step N" in the top-right corner — one frame of an animation.
     */
    public void renderFrame(Canvas c, int step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        draw(c, step, true);
    }

    /**
     * {@code count} frames with the trajectories advancing together from their start to the longest one's
     * end (evenly spaced steps, first and last included).
     */
    public List<BufferedImage> frames(int count) {
        List<BufferedImage> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(frame(i, count));
        }
        return out;
    }

    /** Writes {@link #frames(int) frames} as a looping GIF, {@code delayMillis} per frame, one frame in memory at a time. */
    public void writeGif(java.nio.file.Path file, int count, int delayMillis) throws IOException {
        AnimatedGif.write(file, count, i -> frame(i, count), delayMillis, 0);
    }

    private BufferedImage frame(int i, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("frame count must be >= 1, got " + count);
        }
        int last = Math.max(0, steps() - 1);
        int step = count == 1 ? last : (int) Math.round((double) i * last / (count - 1));
        PngCanvas c = new PngCanvas(width, height);
        renderFrame(c, step);
        return c.image();
    }

    private void draw(Canvas c, int step, boolean framed) {
        double top = Axes.topMargin(framed && (title == null || title.isEmpty()) ? " " : title);
        double bottom = height - Axes.bottomMargin(xLabel);
        double right = width - colorbarWidth(c) - 20;
        Scale probe = new Scale(grid.y0(), grid.y1(), bottom, top, false);
        double left = Axes.leftMargin(c, Ticks.labels(probe.ticks()), yLabel);
        double[] plot = {left, top, right, bottom};
        if (equalAspect) {
            double dataAspect = (grid.x1() - grid.x0()) / (grid.y1() - grid.y0());
            double w = plot[2] - plot[0], h = plot[3] - plot[1];
            if (w / h > dataAspect) {
                double nw = h * dataAspect;
                plot[0] += (w - nw) / 2;
                plot[2] = plot[0] + nw;
            } else {
                double nh = w / dataAspect;
                plot[1] += (h - nh) / 2;
                plot[3] = plot[1] + nh;
            }
        }
        Scale sx = new Scale(grid.x0(), grid.x1(), plot[0], plot[2], false);
        Scale sy = new Scale(grid.y0(), grid.y1(), plot[3], plot[1], false);
        double[] xt = sx.ticks(), yt = sy.ticks();
        double pw = plot[2] - plot[0], ph = plot[3] - plot[1];

        Axes.title(c, plot, title);
        if (!filled) {
            Axes.grid(c, plot, sx, sy, xt, yt);
        }
        c.clip(plot[0], plot[1], pw, ph);
        if (filled) {
            c.rect(plot[0], plot[1], pw, ph, fillColor(0, levels.length), null);
            for (int k = 0; k < levels.length; k++) {
                c.fill(toPixels(fillRings.get(k), sx, sy), fillColor(k + 1, levels.length), 1);
            }
        }
        if (lines) {
            LineStyle ls = LineStyle.of(LINE).withWidth(0.8).withAlpha(filled ? 0.35 : 0.6);
            for (List<double[]> rings : lineRings) {
                for (double[] ring : toPixels(rings, sx, sy)) {
                    c.polyline(ring, ls);
                }
            }
        }
        double[] box = {plot[0] - 2, plot[1] - 2, plot[2] + 2, plot[3] + 2};
        for (Trajectory t : trajectories) {
            int n = (int) Math.min(t.x().length, (long) step + 1);
            List<double[]> pieces = Geom.mapAndClip(t.x(), t.y(), n, sx, sy, box);
            LineStyle halo = LineStyle.of(Color.WHITE).withWidth(4.5).withAlpha(0.85);
            LineStyle line = LineStyle.of(t.color()).withWidth(2);
            for (double[] p : pieces) {
                c.polyline(Geom.decimate(p), halo);
            }
            for (double[] p : pieces) {
                c.polyline(Geom.decimate(p), line);
            }
            if (n <= 150) { // few steps: show each iterate, so step sizes are visible
                for (int i = 0; i < n; i++) {
                    double px = sx.map(t.x()[i]), py = sy.map(t.y()[i]);
                    if (inside(px, py, plot)) {
                        c.marker(px, py, Canvas.Marker.CIRCLE, 4.5, t.color(), null);
                    }
                }
            }
        }
        for (Point p : points) {
            c.marker(sx.map(p.x()), sy.map(p.y()), p.marker(), p.marker() == Canvas.Marker.STAR ? 18 : 12, p.color(),
                    LineStyle.of(Color.WHITE).withWidth(1.5));
        }
        for (Trajectory t : trajectories) { // current positions on top of everything
            int n = (int) Math.min(t.x().length, (long) step + 1);
            for (int i = n - 1; i >= 0; i--) {
                double px = sx.map(t.x()[i]), py = sy.map(t.y()[i]);
                if (Double.isFinite(px) && Double.isFinite(py)) {
                    if (inside(px, py, plot)) {
                        c.marker(px, py, Canvas.Marker.CIRCLE, 10, t.color(), LineStyle.of(Color.WHITE).withWidth(1.5));
                    }
                    break;
                }
            }
        }
        c.unclip();
        Axes.frame(c, plot, sx, sy, xt, yt, xLabel, yLabel);
        if (filled && levels.length > 0) {
            colorbar(c, plot);
        }
        if (framed) {
            c.text(plot[2], 16, "step " + Math.min(step, Math.max(0, steps() - 1)), 14, false, Axes.TEXT,
                    Canvas.HAlign.RIGHT, Canvas.VAlign.TOP, 0);
        }
        legend(c, plot, sx, sy);
    }

    private static boolean inside(double px, double py, double[] plot) {
        return px >= plot[0] && px <= plot[2] && py >= plot[1] && py <= plot[3];
    }

    private static List<double[]> toPixels(List<double[]> rings, Scale sx, Scale sy) {
        List<double[]> out = new ArrayList<>(rings.size());
        for (double[] r : rings) {
            double[] p = new double[r.length];
            for (int i = 0; i < r.length; i += 2) {
                p[i] = sx.map(r[i]);
                p[i + 1] = sy.map(r[i + 1]);
            }
            out.add(p);
        }
        return out;
    }

    private static final double BAR = 16, BAR_GAP = 22;

    private double colorbarWidth(Canvas c) {
        if (!filled || levels.length == 0) {
            return 0;
        }
        double w = 0;
        for (String s : Ticks.labels(levels)) {
            w = Math.max(w, c.textWidth(s, Axes.TICK, false));
        }
        return BAR_GAP + BAR + 6 + w + (colorbarLabel == null ? 0 : Axes.LABEL + 14);
    }

    /** Discrete bands, one per colour, with the levels at their boundaries (thinned when crowded). */
    private void colorbar(Canvas c, double[] plot) {
        double x = plot[2] + BAR_GAP, y0 = plot[1], y1 = plot[3];
        int bands = levels.length + 1;
        double seg = (y1 - y0) / bands;
        for (int k = 0; k < bands; k++) {
            c.rect(x, y1 - (k + 1) * seg, BAR, seg + 0.5, fillColor(k, levels.length), null);
        }
        c.rect(x, y0, BAR, y1 - y0, null, LineStyle.of(Axes.MUTED).withWidth(1));
        String[] labels = Ticks.labels(levels);
        int every = (int) Math.ceil(18 / seg);
        double maxW = 0;
        for (int k = 0; k < levels.length; k++) {
            double y = y1 - (k + 1) * seg;
            c.line(x, y, x + BAR, y, LineStyle.of(Axes.MUTED).withWidth(0.8));
            if (k % Math.max(1, every) == 0) {
                c.text(x + BAR + 5, y, labels[k], Axes.TICK, false, Axes.TEXT, Canvas.HAlign.LEFT, Canvas.VAlign.MIDDLE, 0);
                maxW = Math.max(maxW, c.textWidth(labels[k], Axes.TICK, false));
            }
        }
        if (colorbarLabel != null) {
            c.text(x + BAR + 5 + maxW + 8, (y0 + y1) / 2, colorbarLabel, Axes.LABEL, false, Axes.TEXT,
                    Canvas.HAlign.CENTER, Canvas.VAlign.BOTTOM, 90);
        }
    }

    private void legend(Canvas c, double[] plot, Scale sx, Scale sy) {
        List<Legend.Entry> entries = new ArrayList<>();
        for (Trajectory t : trajectories) {
            if (t.name() != null && !t.name().isEmpty()) {
                entries.add(new Legend.Entry(t.name(), LineStyle.of(t.color()).withWidth(2), null, null, null));
            }
        }
        for (Point p : points) {
            if (p.label() != null && !p.label().isEmpty()) {
                entries.add(new Legend.Entry(p.label(), null, null, p.marker(), p.color()));
            }
        }
        for (String n : notes) {
            entries.add(Legend.Entry.note(n));
        }
        if (entries.isEmpty()) {
            return;
        }
        // placed from the full paths, so the legend stays put while an animation plays
        List<double[]> pieces = new ArrayList<>();
        double[] box = {plot[0], plot[1], plot[2], plot[3]};
        for (Trajectory t : trajectories) {
            pieces.addAll(Geom.mapAndClip(t.x(), t.y(), t.x().length, sx, sy, box));
        }
        for (Point p : points) {
            double px = sx.map(p.x()), py = sy.map(p.y());
            pieces.add(new double[] {px - 8, py - 8, px + 8, py + 8, px - 8, py + 8, px + 8, py - 8});
        }
        double[] s = Legend.size(c, entries);
        double[] at = Legend.bestCorner(plot, s[0], s[1], pieces);
        Legend.draw(c, at[0], at[1], entries);
    }

    @Override
    public String toString() {
        return "ContourPlot[title=" + title + ", grid=" + grid.nx() + "x" + grid.ny() + ", levels=" + levels.length
                + ", trajectories=" + trajectories.size() + "]";
    }

    /** Collects the parts of a {@link ContourPlot}; a grid or function is required. */
    public static final class Builder {
        private Grid grid;
        private double[] levels;
        private int autoLevels = 10;
        private boolean filled = true, lines = true, equalAspect = true;
        private String title, xLabel = "x", yLabel = "y", colorbarLabel;
        private int width = 900, height = 700;
        private final List<Trajectory> trajectories = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final List<Point> points = new ArrayList<>();

        private Builder() {
        }

        public Builder grid(Grid g) {
            grid = Objects.requireNonNull(g, "grid");
            return this;
        }

        /** Samples {@code f} on a 241 x 241 grid over the ranges. */
        public Builder function(DoubleBinaryOperator f, double x0, double x1, double y0, double y1) {
            return grid(Grid.sample(f, x0, x1, 241, y0, y1, 241));
        }

        /** Explicit contour levels (any order; sorted). */
        public Builder levels(double... l) {
            for (double v : l) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("contour levels must be finite, got " + v);
                }
            }
            levels = l.clone();
            return this;
        }

        /** About {@code n} automatic levels ({@link Levels#auto}); the default is 10. */
        public Builder autoLevels(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("number of levels must be >= 1, got " + n);
            }
            autoLevels = n;
            levels = null;
            return this;
        }

        /** Filled bands (default on). */
        public Builder filled(boolean on) {
            filled = on;
            return this;
        }

        /** Contour lines (default on). */
        public Builder lines(boolean on) {
            lines = on;
            return this;
        }

        /** Same scale on both axes (default on), so angles and distances look as they are. */
        public Builder equalAspect(boolean on) {
            equalAspect = on;
            return this;
        }

        public Builder title(String t) {
            title = t;
            return this;
        }

        public Builder xLabel(String t) {
            xLabel = t;
            return this;
        }

        public Builder yLabel(String t) {
            yLabel = t;
            return this;
        }

        /** Text beside the colour bar, e.g. "f(x, y)". */
        public Builder colorbarLabel(String t) {
            colorbarLabel = t;
            return this;
        }

        /** Image size in pixels; default 900 x 700. */
        public Builder size(int w, int h) {
            if (w < 200 || h < 150) {
                throw new IllegalArgumentException("chart size must be at least 200x150, got " + w + "x" + h);
            }
            width = w;
            height = h;
            return this;
        }

        /** A path in the next palette colour. */
        public Builder trajectory(String name, double[] x, double[] y) {
            return trajectory(name, x, y, Palette.color(trajectories.size()));
        }

        public Builder trajectory(String name, double[] x, double[] y, Color color) {
            trajectories.add(new Trajectory(name, x, y, color));
            return this;
        }

        /** A black circle labelled "start". */
        public Builder start(double x, double y) {
            return point(x, y, Canvas.Marker.CIRCLE, Color.BLACK, "start");
        }

        /** A black star labelled "minimum". */
        public Builder minimum(double x, double y) {
            return point(x, y, Canvas.Marker.STAR, Color.BLACK, "minimum");
        }

        public Builder point(double x, double y, Canvas.Marker marker, Color color, String label) {
            points.add(new Point(x, y, marker, color, label));
            return this;
        }

        /** A row of text at the end of the legend, without a swatch: e.g. how the drawn rates were chosen. */
        public Builder note(String text) {
            notes.add(Objects.requireNonNull(text, "note"));
            return this;
        }

        public ContourPlot build() {
            if (grid == null) {
                throw new IllegalStateException("a contour plot needs grid(...) or function(...)");
            }
            return new ContourPlot(this);
        }
    }
}
