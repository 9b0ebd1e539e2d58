package dev.descent.plot;

import dev.descent.stats.Ema;
import dev.descent.stats.Quantiles;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Curves against a shared x axis: training loss per step, loss against wall-clock seconds, accuracy or
 * learning rate per step. Each {@link Series} has a name (its legend text; {@code null} keeps it out of
 * the legend), a colour (the next {@link Palette} colour unless given), a width, an opacity, optionally
 * dashes and a shaded band (e.g. min–max or ±1 std across seeds) drawn underneath in its colour.
 *
 * <p>Axes are linear or log10. The y range is the range of the finite data (positive data on a log
 * axis), padded a little; it can be fixed, clipped to percentiles, scaled by quantiles ignoring outliers
 * (TensorBoard's rule, {@link Builder#yIgnoreOutliers}), or computed without the first points of each series (the
 * initial loss spike). {@linkplain Series#asContext() Context} series, such as the raw signal behind a smoothed curve or
 * its min–max {@link Envelope}, never set it. Data outside the range is clipped at the frame.
 *
 * <pre>{@code
 * LineChart chart = LineChart.builder()
 *         .title("MNIST CNN, batch 50").xLabel("step").yLabel("training loss").yLog()
 *         .smoothed("sgd", steps, sgdLoss, 0.9)      // faint raw + bold "sgd (EMA 0.9)"
 *         .smoothed("adam", steps, adamLoss, 0.9)
 *         .add(Series.of("adam, 3 seeds", steps, s.mean()).band(s.min(), s.max()).dashed())
 *         .verticalLine(500, "lr decay")
 *         .yIgnoreFirst(10)
 *         .build();
 * chart.writePng(Path.of("loss.png"));
 * }</pre>
 */
public final class LineChart implements Chart {

    /** A legend or axis suffix naming the smoothing of a curve, e.g. {@code "EMA 0.9"}. */
    public static String emaLabel(double smoothing) {
        return "EMA " + Ticks.plain(smoothing);
    }

    /**
     * One curve. Arrays are copied on construction. {@code lo}/{@code hi} (both or neither) shade a band
     * under the curve at the same x. Without {@code line} only the markers are drawn (a scatter, e.g. one trial per
     * point); {@code hollowMarkers} are outlined in the series colour instead of filled.
     */
    public record Series(String name, double[] x, double[] y, double[] lo, double[] hi, Color color, double width,
                         double alpha, boolean dashes, Canvas.Marker marker, boolean line, boolean hollowMarkers,
                         boolean context) {

        public Series {
            Objects.requireNonNull(x, "x");
            Objects.requireNonNull(y, "y");
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "': x and y must have the same length, got "
                        + x.length + " and " + y.length);
            }
            if ((lo == null) != (hi == null)) {
                throw new IllegalArgumentException("series '" + name + "': give both band bounds or neither");
            }
            if (lo != null && (lo.length != y.length || hi.length != y.length)) {
                throw new IllegalArgumentException("series '" + name + "': band bounds must have length " + y.length
                        + ", got " + lo.length + " and " + hi.length);
            }
            if (!(width > 0) || !Double.isFinite(width)) {
                throw new IllegalArgumentException("series '" + name + "': width must be > 0, got " + width);
            }
            if (!(alpha >= 0 && alpha <= 1)) {
                throw new IllegalArgumentException("series '" + name + "': alpha must be in [0, 1], got " + alpha);
            }
            if (!line && marker == null && lo == null) {
                throw new IllegalArgumentException("series '" + name + "': without a line it needs a marker or a band");
            }
            x = x.clone();
            y = y.clone();
            lo = lo == null ? null : lo.clone();
            hi = hi == null ? null : hi.clone();
        }

        /** A solid, opaque 2 px curve in an automatic colour. */
        public static Series of(String name, double[] x, double[] y) {
            return new Series(name, x, y, null, null, null, 2, 1, false, null, true, false, false);
        }

        /**
         * A band alone, no line: the {@link Envelope} of a long raw signal, faint (alpha 0.6 of a band's usual opacity), out of the legend and
         * {@linkplain #asContext() context} (it does not set the y range; what leaves the frame is clipped).
         */
        public static Series envelope(Envelope e) {
            double[] mid = new double[e.x().length];
            for (int i = 0; i < mid.length; i++) {
                mid[i] = 0.5 * (e.lo()[i] + e.hi()[i]);
            }
            return new Series(null, e.x(), mid, e.lo(), e.hi(), null, 1, 0.6, false, null, false, false, true);
        }

        /**
         * Drawn for context only: the automatic y range ignores it and the frame clips it, e.g. the raw signal behind
         * a smoothed curve, whose single-batch lows would otherwise stretch a log axis by decades.
         */
        public Series asContext() {
            return new Series(name, x, y, lo, hi, color, width, alpha, dashes, marker, line, hollowMarkers, true);
        }

        /** As {@link #of(String, double[], double[])} with x = 0, 1, 2, ... */
        public static Series of(String name, double[] y) {
            double[] x = new double[y.length];
            Arrays.setAll(x, i -> i);
            return of(name, x, y);
        }

        public Series color(Color c) {
            return new Series(name, x, y, lo, hi, c, width, alpha, dashes, marker, line, hollowMarkers, context);
        }

        public Series width(double w) {
            return new Series(name, x, y, lo, hi, color, w, alpha, dashes, marker, line, hollowMarkers, context);
        }

        public Series alpha(double a) {
            return new Series(name, x, y, lo, hi, color, width, a, dashes, marker, line, hollowMarkers, context);
        }

        public Series dashed() {
            return new Series(name, x, y, lo, hi, color, width, alpha, true, marker, line, hollowMarkers, context);
        }

        /** A marker at every point, e.g. for accuracy measured every few hundred steps. */
        public Series marker(Canvas.Marker m) {
            return new Series(name, x, y, lo, hi, color, width, alpha, dashes, m, line, hollowMarkers, context);
        }

        /**
         * Markers only, no connecting line: a scatter. Gives the series a circle marker unless it has one; its
         * {@code width} sets the marker size as for any marker.
         */
        public Series points() {
            return new Series(name, x, y, lo, hi, color, width, alpha, dashes, marker == null ? Canvas.Marker.CIRCLE : marker,
                    false, hollowMarkers, context);
        }

        /** Markers outlined in the series colour on white instead of filled, e.g. for a weaker kind of point. */
        public Series hollow() {
            return new Series(name, x, y, lo, hi, color, width, alpha, dashes, marker == null ? Canvas.Marker.CIRCLE : marker,
                    line, true, context);
        }

        public Series band(double[] bandLo, double[] bandHi) {
            return new Series(name, x, y, bandLo, bandHi, color, width, alpha, dashes, marker, line, hollowMarkers, context);
        }

        LineStyle style() {
            LineStyle s = new LineStyle(color, width, alpha, null);
            return dashes ? s.dashed() : s;
        }
    }

    private record VLine(double x, String label) {
    }

    private static final double BAND_ALPHA = 0.18;
    /** How far {@link #ignoringOutliers} widens the quantile range on each side, as a share of it (TensorBoard's 20 %). */
    static final double OUTLIER_PADDING = 0.2;
    private static final Color MARKER_COLOR = new Color(0x666666);

    private final String title, xLabel, yLabel;
    private final boolean xLog, yLog;
    private final int width, height;
    private final double xMin, xMax, yMin, yMax, pLo, pHi, qLo, qHi;
    private final int ignoreFirst;
    private final LegendPosition legend;
    private final List<Series> series;
    private final List<VLine> vlines;
    private final List<String> notes;

    private LineChart(Builder b) {
        title = b.title;
        xLabel = b.xLabel;
        yLabel = b.yLabel;
        xLog = b.xLog;
        yLog = b.yLog;
        width = b.width;
        height = b.height;
        xMin = b.xMin;
        xMax = b.xMax;
        yMin = b.yMin;
        yMax = b.yMax;
        pLo = b.pLo;
        pHi = b.pHi;
        qLo = b.qLo;
        qHi = b.qHi;
        ignoreFirst = b.ignoreFirst;
        legend = b.legend;
        series = List.copyOf(b.series);
        vlines = List.copyOf(b.vlines);
        notes = List.copyOf(b.notes);
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

    public List<Series> series() {
        return series;
    }

    /** The x range drawn, {lo, hi}, after automatic choice and padding. */
    double[] xRange() {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : s.x()) {
                if (Double.isFinite(v) && (!xLog || v > 0)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!Double.isNaN(xMin)) {
            lo = xMin;
        }
        if (!Double.isNaN(xMax)) {
            hi = xMax;
        }
        if (!(lo <= hi)) {
            return xLog ? new double[] {1, 10} : new double[] {0, 1};
        }
        if (lo == hi || xLog) {
            return Scale.padded(lo, hi, xLog ? 0.01 : 0, xLog);
        }
        double[] r = Scale.snapped(lo, hi, Math.max(3, width / 100));
        return new double[] {Double.isNaN(xMin) ? r[0] : lo, Double.isNaN(xMax) ? r[1] : hi};
    }

    /**
     * The y range drawn, {lo, hi}: from the finite data in the x range of every series that is not
     * {@linkplain Series#asContext() context}, then percentile clipping or {@link #ignoringOutliers}, then padding and
     * fixed bounds.
     */
    double[] yRange(double[] xr) {
        double[] vals = new double[64];
        int n = 0;
        for (Series s : series) {
            if (s.context()) {
                continue;
            }
            for (int i = Math.min(ignoreFirst, s.y().length); i < s.y().length; i++) {
                double xv = s.x()[i];
                if (!(xv >= xr[0] && xv <= xr[1])) {
                    continue;
                }
                for (double[] arr : s.lo() == null ? new double[][] {s.y()} : new double[][] {s.y(), s.lo(), s.hi()}) {
                    double v = arr[i];
                    if (Double.isFinite(v) && (!yLog || v > 0)) {
                        if (n == vals.length) {
                            vals = Arrays.copyOf(vals, 2 * n);
                        }
                        vals[n++] = v;
                    }
                }
            }
        }
        double lo, hi;
        if (n == 0) {
            lo = yLog ? 0.1 : 0;
            hi = yLog ? 10 : 1;
        } else if (!Double.isNaN(qLo)) {
            double[] r = ignoringOutliers(Arrays.copyOf(vals, n), qLo, qHi, yLog);
            lo = r[0];
            hi = r[1];
        } else {
            double[] q = Quantiles.of(Arrays.copyOf(vals, n), pLo / 100, pHi / 100);
            lo = q[0];
            hi = q[1];
        }
        double[] r = Scale.padded(lo, hi, 0.04, yLog);
        if (!Double.isNaN(yMin)) {
            r[0] = yMin;
        }
        if (!Double.isNaN(yMax)) {
            r[1] = yMax;
        }
        if (!(r[0] < r[1])) {
            r = Scale.padded(r[0], r[0], 0, yLog);
        }
        return r;
    }

    /**
     * TensorBoard's "ignore outliers in chart scaling", kept inside the data: the {@code qLo} and {@code qHi}
     * quantiles of the values, widened on each side by a fifth of the distance between them, but never past the
     * smallest or largest value. On a log axis all of it is measured in log10 (positive values only). TensorBoard uses
     * 0.05 and 0.95; a loss plot keeps its lowest smoothed value ({@code qLo = 0}), where curves are compared.
     *
     * @return {lo, hi} before the chart's usual padding; {NaN, NaN} when no value is usable
     */
    static double[] ignoringOutliers(double[] values, double qLo, double qHi, boolean log) {
        double[] v = Arrays.stream(values).filter(d -> Double.isFinite(d) && (!log || d > 0))
                .map(d -> log ? Math.log10(d) : d).toArray();
        if (v.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[] q = Quantiles.of(v, 0, qLo, qHi, 1);
        double widen = OUTLIER_PADDING * (q[2] - q[1]);
        double lo = Math.max(q[0], q[1] - widen), hi = Math.min(q[3], q[2] + widen);
        return log ? new double[] {Math.pow(10, lo), Math.pow(10, hi)} : new double[] {lo, hi};
    }

    /** Everything placed: plot box {x0, y0, x1, y1}, scales, and the visible pixel curves per series. */
    private record Layout(double[] plot, Scale sx, Scale sy, List<List<double[]>> curves, List<List<double[]>> bands) {
    }

    private Layout layout(Canvas c, double[] xr, double[] yr, double right) {
        double top = Axes.topMargin(title), bottom = height - Axes.bottomMargin(xLabel);
        Scale probe = new Scale(yr[0], yr[1], bottom, top, yLog);
        double left = Axes.leftMargin(c, Ticks.labels(probe.ticks()), yLabel);
        double[] plot = {left, top, width - right, bottom};
        Scale sx = new Scale(xr[0], xr[1], plot[0], plot[2], xLog);
        Scale sy = new Scale(yr[0], yr[1], plot[3], plot[1], yLog);
        double pad = 4;
        double[] box = {plot[0] - pad, plot[1] - pad, plot[2] + pad, plot[3] + pad};
        List<List<double[]>> curves = new ArrayList<>(), bands = new ArrayList<>();
        for (Series s : series) {
            List<double[]> pieces = new ArrayList<>();
            if (s.line()) {
                for (double[] p : Geom.mapAndClip(s.x(), s.y(), s.y().length, sx, sy, box)) {
                    pieces.add(Geom.decimate(p));
                }
            }
            curves.add(pieces);
            bands.add(s.lo() == null ? List.of() : bandRings(s, sx, sy, plot));
        }
        return new Layout(plot, sx, sy, curves, bands);
    }

    /** Closed rings (upper edge forward, lower edge back) over each run of finite band points. */
    private static List<double[]> bandRings(Series s, Scale sx, Scale sy, double[] plot) {
        List<double[]> rings = new ArrayList<>();
        int n = s.y().length, i = 0;
        double limit = 1e5; // keeps Java2D away from astronomically large coordinates; far outside any frame
        while (i < n) {
            while (i < n && !finitePx(s, i, sx, sy)) {
                i++;
            }
            int j = i;
            while (j < n && finitePx(s, j, sx, sy)) {
                j++;
            }
            if (j - i >= 2) {
                // one column of pixels keeps the envelope: highest upper and lowest lower bound in it
                Geom.Buf top = new Geom.Buf(), bot = new Geom.Buf();
                long col = Long.MIN_VALUE;
                for (int k = i; k < j; k++) {
                    double px = sx.map(s.x()[k]);
                    double hy = clamp(sy.map(s.hi()[k]), limit), ly = clamp(sy.map(s.lo()[k]), limit);
                    double up = Math.min(hy, ly), down = Math.max(hy, ly);
                    long cc = (long) Math.floor(px);
                    boolean sameCol = cc == col && k != j - 1 && top.n > 0 && px >= top.lastX();
                    if (sameCol) {
                        top.a[top.n - 1] = Math.min(top.a[top.n - 1], up);
                        bot.a[bot.n - 1] = Math.max(bot.a[bot.n - 1], down);
                    } else {
                        top.add(clamp(px, limit), up);
                        bot.add(clamp(px, limit), down);
                        col = cc;
                    }
                }
                double[] t = top.toArray(), b = bot.toArray();
                double[] ring = new double[t.length + b.length];
                System.arraycopy(t, 0, ring, 0, t.length);
                for (int k = 0; k < b.length / 2; k++) {
                    int src = b.length / 2 - 1 - k;
                    ring[t.length + 2 * k] = b[2 * src];
                    ring[t.length + 2 * k + 1] = b[2 * src + 1];
                }
                rings.add(ring);
            }
            i = j;
        }
        return rings;
    }

    private static boolean finitePx(Series s, int k, Scale sx, Scale sy) {
        return Double.isFinite(sx.map(s.x()[k])) && Double.isFinite(sy.map(s.lo()[k]))
                && Double.isFinite(sy.map(s.hi()[k]));
    }

    private static double clamp(double v, double limit) {
        return Math.max(-limit, Math.min(limit, v));
    }

    private List<Legend.Entry> legendEntries() {
        List<Legend.Entry> entries = new ArrayList<>();
        for (Series s : series) {
            if (s.name() != null && !s.name().isEmpty()) {
                entries.add(new Legend.Entry(s.name(), s.line() ? s.style() : null, s.lo() != null ? s.color() : null,
                        s.marker(), s.color(), s.hollowMarkers()));
            }
        }
        for (String n : notes) {
            entries.add(Legend.Entry.note(n));
        }
        return entries;
    }

    @Override
    public void render(Canvas c) {
        double[] xr = xRange(), yr = yRange(xr);
        List<Legend.Entry> entries = legend == LegendPosition.NONE ? List.of() : legendEntries();
        double[] ls = entries.isEmpty() ? null : Legend.size(c, entries);
        double outsideRight = ls == null ? 24 : ls[0] + 2 * Legend.MARGIN + 6;
        Layout lay = layout(c, xr, yr, legend == LegendPosition.OUTSIDE_RIGHT && ls != null ? outsideRight : 24);
        double[] legendAt = null;
        if (ls != null && legend != LegendPosition.OUTSIDE_RIGHT) {
            List<double[]> all = new ArrayList<>();   // what the legend must not cover: context may hide under it
            for (int k = 0; k < series.size(); k++) {
                if (!series.get(k).context()) {
                    all.addAll(lay.curves().get(k));
                    all.addAll(lay.bands().get(k));
                }
            }
            legendAt = Legend.emptiestCorner(lay.plot(), ls[0], ls[1], all, legend);
            if (legendAt == null) {
                lay = layout(c, xr, yr, outsideRight);
            }
        }
        if (ls != null && legendAt == null) {
            legendAt = new double[] {lay.plot()[2] + Legend.MARGIN + 6, lay.plot()[1]};
        }

        double[] plot = lay.plot();
        double[] xt = lay.sx().ticks(), yt = lay.sy().ticks();
        Axes.title(c, plot, title);
        Axes.grid(c, plot, lay.sx(), lay.sy(), xt, yt);
        c.clip(plot[0], plot[1], plot[2] - plot[0], plot[3] - plot[1]);
        for (int k = 0; k < series.size(); k++) {
            if (!lay.bands().get(k).isEmpty()) {
                c.fill(lay.bands().get(k), series.get(k).color(), BAND_ALPHA * series.get(k).alpha());
            }
        }
        for (int k = 0; k < series.size(); k++) {
            LineStyle st = series.get(k).style();
            for (double[] piece : lay.curves().get(k)) {
                c.polyline(piece, st);
            }
        }
        for (Series s : series) {
            if (s.marker() != null) {
                for (int i = 0; i < s.y().length; i++) {
                    double px = lay.sx().map(s.x()[i]), py = lay.sy().map(s.y()[i]);
                    if (px >= plot[0] && px <= plot[2] && py >= plot[1] && py <= plot[3]) {
                        c.marker(px, py, s.marker(), 3 * s.width() + 4, s.hollowMarkers() ? Color.WHITE : s.color(),
                                s.hollowMarkers() ? LineStyle.of(s.color()).withWidth(1.6) : LineStyle.of(Color.WHITE).withWidth(1));
                    }
                }
            }
        }
        for (VLine v : vlines) {
            double px = lay.sx().map(v.x());
            if (Double.isFinite(px)) {
                c.line(px, plot[1], px, plot[3], LineStyle.of(MARKER_COLOR).withWidth(1.2).dashed());
                if (v.label() != null) {
                    c.text(px + 4, plot[1] + 4, v.label(), 12, false, MARKER_COLOR, Canvas.HAlign.LEFT,
                            Canvas.VAlign.TOP, 0);
                }
            }
        }
        c.unclip();
        Axes.frame(c, plot, lay.sx(), lay.sy(), xt, yt, xLabel, yLabel);
        if (legendAt != null) {
            Legend.draw(c, legendAt[0], legendAt[1], entries);
        }
    }

    @Override
    public String toString() {
        return "LineChart[title=" + title + ", series=" + series.size() + ", " + width + "x" + height + "]";
    }

    /** Collects the parts of a {@link LineChart}; every setter validates its argument. */
    public static final class Builder {
        private String title, xLabel, yLabel;
        private boolean xLog, yLog;
        private int width = 1000, height = 600;
        private double xMin = Double.NaN, xMax = Double.NaN, yMin = Double.NaN, yMax = Double.NaN;
        private double pLo = 0, pHi = 100, qLo = Double.NaN, qHi = Double.NaN;
        private int ignoreFirst;
        private LegendPosition legend = LegendPosition.AUTO;
        private final List<Series> series = new ArrayList<>();
        private final List<VLine> vlines = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private int nextColor;

        private Builder() {
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

        public Builder xLog() {
            xLog = true;
            return this;
        }

        public Builder yLog() {
            yLog = true;
            return this;
        }

        /** Image size in pixels; default 1000 x 600. */
        public Builder size(int w, int h) {
            if (w < 200 || h < 150) {
                throw new IllegalArgumentException("chart size must be at least 200x150, got " + w + "x" + h);
            }
            width = w;
            height = h;
            return this;
        }

        /** Fixes the x range; either bound may be NaN to keep it automatic. */
        public Builder xRange(double lo, double hi) {
            checkRange("x", lo, hi, xLog);
            xMin = lo;
            xMax = hi;
            return this;
        }

        /** Fixes the y range; either bound may be NaN to keep it automatic. */
        public Builder yRange(double lo, double hi) {
            checkRange("y", lo, hi, yLog);
            yMin = lo;
            yMax = hi;
            return this;
        }

        /**
         * Automatic y range from the {@code lo}-th to the {@code hi}-th percentile of the finite values,
         * e.g. {@code (0, 99)} to ignore the top 1% — a few spikes no longer flatten the rest.
         */
        public Builder yClipPercentile(double lo, double hi) {
            if (!(lo >= 0 && lo < hi && hi <= 100)) {
                throw new IllegalArgumentException("percentiles must satisfy 0 <= lo < hi <= 100, got " + lo + ", " + hi);
            }
            pLo = lo;
            pHi = hi;
            return this;
        }

        /**
         * Automatic y range by {@link LineChart#ignoringOutliers}: from the {@code lo} to the {@code hi} quantile of
         * the values (each in [0, 1]), widened by a fifth of that span but never past the data. Replaces
         * {@link #yClipPercentile}. {@code (0.05, 0.95)} is TensorBoard's rule.
         */
        public Builder yIgnoreOutliers(double lo, double hi) {
            if (!(lo >= 0 && lo < hi && hi <= 1)) {
                throw new IllegalArgumentException("outlier quantiles must satisfy 0 <= lo < hi <= 1, got " + lo + ", " + hi);
            }
            qLo = lo;
            qHi = hi;
            return this;
        }

        /** Automatic y range ignores the first {@code n} points of every series (they are still drawn, clipped). */
        public Builder yIgnoreFirst(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("yIgnoreFirst must be >= 0, got " + n);
            }
            ignoreFirst = n;
            return this;
        }

        public Builder legend(LegendPosition p) {
            legend = Objects.requireNonNull(p, "legend position");
            return this;
        }

        /** Adds a series; without a colour it gets the next palette colour. */
        public Builder add(Series s) {
            series.add(s.color() == null ? s.color(Palette.color(nextColor++)) : s);
            return this;
        }

        /**
         * Adds a noisy curve twice in one colour: the raw values faint and thin (not in the legend, context: they do
         * not set the y range), then
         * their {@link Ema#debiased(double[], double) EMA} bold on top, labelled e.g. {@code "adam (EMA 0.9)"}.
         */
        public Builder smoothed(String name, double[] x, double[] y, double smoothing) {
            return smoothed(name, x, y, smoothing, Palette.color(nextColor++));
        }

        public Builder smoothed(String name, double[] x, double[] y, double smoothing, Color color) {
            Objects.requireNonNull(color, "color");
            double[] ema = Ema.debiased(y, smoothing);
            series.add(new Series(null, x, y, null, null, color, 1, 0.22, false, null, true, false, true));
            series.add(new Series(name + " (" + emaLabel(smoothing) + ")", x, ema, null, null, color, 2.2, 1,
                    false, null, true, false, false));
            return this;
        }

        /** A dashed grey vertical line at {@code x}, e.g. a learning-rate drop; {@code label} may be null. */
        public Builder verticalLine(double x, String label) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("vertical line x must be finite, got " + x);
            }
            vlines.add(new VLine(x, label));
            return this;
        }

        /** A row of text at the end of the legend, without a swatch: e.g. how the drawn rates were chosen. */
        public Builder note(String text) {
            notes.add(Objects.requireNonNull(text, "note"));
            return this;
        }

        public LineChart build() {
            if (xLog && xMin <= 0 || yLog && yMin <= 0) {
                throw new IllegalArgumentException("a log axis needs a range > 0");
            }
            return new LineChart(this);
        }

        private static void checkRange(String axis, double lo, double hi, boolean log) {
            if (Double.isInfinite(lo) || Double.isInfinite(hi) || (lo >= hi)) {
                throw new IllegalArgumentException(axis + " range must be finite with lo < hi (NaN = automatic), got ["
                        + lo + ", " + hi + "]");
            }
        }
    }
}
