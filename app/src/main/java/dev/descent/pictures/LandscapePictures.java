package dev.descent.pictures;

import dev.descent.landscape.Comparison;
import dev.descent.io.AtomicFiles;
import dev.descent.landscape.Landscape;
import dev.descent.landscape.Landscape.Point;
import dev.descent.landscape.LandscapePath;
import dev.descent.plot.Canvas;
import dev.descent.plot.ContourPlot;
import dev.descent.plot.LineChart;
import dev.descent.plot.Palette;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The pictures and the CSV of a landscape comparison, all drawn from the paths' arrays.
 *
 * <ul>
 *   <li>{@code PREFIXcontour.png/.svg}: the function's contours (log-spaced where it spans orders of
 *       magnitude), each path in its own colour, start and minima marked, legend with spec and lr, and
 *       when a rate was tuned, how ({@link Comparison#tuning()});
 *   <li>{@code PREFIXgap.png/.svg}: f(x_t) − f* against the step on a log axis (f itself, linear, when the
 *       function has no minimum), the same legend;
 *   <li>{@code PREFIXpaths.gif}: the paths advancing together;
 *   <li>{@code PREFIXpaths.csv}: {@code optimizer,step,x,y,f}, step 0 the start, optimizer the extended spec.
 * </ul>
 */
public final class LandscapePictures {
    /** Animation frames (fewer when the paths are shorter) and the time each is shown. */
    public static final int GIF_FRAMES = 60, GIF_DELAY_MILLIS = 100;
    private static final int WIDTH = 900;

    private LandscapePictures() {
    }

    /**
     * One drawn path: its legend text, its name in the CSV's {@code optimizer} column, and the path. A comparison
     * draws one per optimizer ({@link #of}); Schedule-Free's sequences are three of one optimizer
     * ({@link ScheduleFreeSequences}).
     */
    public record Drawn(String label, String name, LandscapePath path) {
    }

    /** One {@link Drawn} per result: legend {@link Comparison.Result#label()}, CSV name the extended spec. */
    public static List<Drawn> of(List<Comparison.Result> results) {
        return results.stream().map(r -> new Drawn(r.label(), r.spec().toString(), r.path())).toList();
    }

    /** Colour of the {@code i}-th optimizer, the same in every picture. */
    public static Color color(int i) {
        return Palette.color(i);
    }

    /** The title: function and formula, start, steps, noise. */
    public static String title(Comparison c) {
        String t = c.function().name() + ": f = " + c.function().formula() + ", " + c.steps() + " steps";
        return c.noise().isNone() ? t : t + ", " + c.noise();
    }

    /**
     * The contour plot, {@code width} wide and as high as the domain's aspect needs (both axes share one
     * scale). {@code animation} shortens the title to the function's name, so it fits beside the step counter.
     */
    public static ContourPlot contour(Comparison c, List<Comparison.Result> results, int width, boolean animation) {
        return contourOf(c, of(results), width, animation);
    }

    private static ContourPlot contourOf(Comparison c, List<Drawn> results, int width, boolean animation) {
        Landscape f = c.function();
        Landscape.Domain d = f.domain();
        double aspect = (d.y1() - d.y0()) / (d.x1() - d.x0());
        int height = (int) Math.round(Math.clamp(130 + (width - 210) * aspect, width * 0.45, width * 0.8));
        ContourPlot.Builder b = ContourPlot.builder().title(animation ? f.name() : title(c)).size(width, height)
                .colorbarLabel("f(x, y)")
                .function(f::value, d.x0(), d.x1(), d.y0(), d.y1());
        for (int i = 0; i < results.size(); i++) {
            Drawn r = results.get(i);
            b.trajectory(r.label(), r.path().x(), r.path().y(), color(i));
        }
        b.start(c.start().x(), c.start().y());
        List<Point> minima = f.minima();
        for (int i = 0; i < minima.size(); i++) {
            String label = i > 0 ? null : minima.size() == 1 ? "minimum" : minima.size() + " minima";
            b.point(minima.get(i).x(), minima.get(i).y(), Canvas.Marker.STAR, Color.BLACK, label);
        }
        c.tuning().ifPresent(b::note);
        return b.build();
    }

    /** f − f* per step, log y; for a function without a minimum f itself on a linear axis. */
    public static LineChart gap(Comparison c, List<Comparison.Result> results) {
        return gapOf(c, of(results));
    }

    private static LineChart gapOf(Comparison c, List<Drawn> results) {
        boolean hasMin = !Double.isNaN(c.function().fStar());
        LineChart.Builder b = LineChart.builder().title(title(c)).xLabel("step")
                .yLabel(hasMin ? "f(x_t) − f*" : "f(x_t)  (no minimum)");
        if (hasMin) {
            b.yLog();
        } else { // f is unbounded below: show the range f takes on the domain, and a path that escapes runs off it
            Landscape.Domain d = c.function().domain();
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i <= 50; i++) {
                for (int j = 0; j <= 50; j++) {
                    double v = c.function().value(d.x0() + i * (d.x1() - d.x0()) / 50, d.y0() + j * (d.y1() - d.y0()) / 50);
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            double pad = 0.05 * (hi - lo);
            b.yRange(lo - pad, hi + pad);
        }
        for (int i = 0; i < results.size(); i++) {
            Drawn r = results.get(i);
            double[] f = r.path().f(), x = new double[f.length], y = new double[f.length];
            for (int t = 0; t < f.length; t++) {
                x[t] = t;
                // an exact hit of the minimum has no place on a log axis: the curve ends there
                y[t] = hasMin ? (f[t] - c.function().fStar() > 0 ? f[t] - c.function().fStar() : Double.NaN) : f[t];
            }
            b.add(LineChart.Series.of(r.label(), x, y).color(color(i)));
        }
        c.tuning().ifPresent(b::note);
        return b.build();
    }

    /** The CSV text: header {@code optimizer,step,x,y,f}, then every point of every path in order. */
    public static String csv(List<Comparison.Result> results) {
        return csvOf(of(results));
    }

    private static String csvOf(List<Drawn> results) {
        StringBuilder s = new StringBuilder("optimizer,step,x,y,f\n");
        for (Drawn r : results) {
            String name = quote(r.name());
            LandscapePath p = r.path();
            for (int t = 0; t < p.x().length; t++) {
                s.append(name).append(',').append(t).append(',').append(p.x()[t]).append(',').append(p.y()[t])
                        .append(',').append(p.f()[t]).append('\n');
            }
        }
        return s.toString();
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. */
    static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }

    /** The files written, relative to the folder. */
    public record Written(String contourPng, String contourSvg, String gapPng, String gapSvg, String gif, String csv) {
    }

    /** Writes every picture and the CSV into {@code dir}, each name starting with {@code prefix}. */
    public static Written write(Path dir, String prefix, Comparison c, List<Comparison.Result> results) throws IOException {
        return writeDrawn(dir, prefix, c, of(results));
    }

    /** {@link #write} for paths that are not one per optimizer, such as {@link ScheduleFreeSequences}. */
    public static Written writeDrawn(Path dir, String prefix, Comparison c, List<Drawn> results) throws IOException {
        Files.createDirectories(dir);
        Written names = new Written(prefix + "contour.png", prefix + "contour.svg", prefix + "gap.png", prefix + "gap.svg",
                prefix + "paths.gif", prefix + "paths.csv");
        AtomicFiles.write(dir.resolve(names.csv()), csvOf(results));
        ContourPlot contour = contourOf(c, results, WIDTH, false);
        contour.writePng(dir.resolve(names.contourPng()));
        contour.writeSvg(dir.resolve(names.contourSvg()));
        LineChart gap = gapOf(c, results);
        gap.writePng(dir.resolve(names.gapPng()));
        gap.writeSvg(dir.resolve(names.gapSvg()));
        ContourPlot animation = contourOf(c, results, WIDTH, true);
        animation.writeGif(dir.resolve(names.gif()), gifFrames(c.steps()), GIF_DELAY_MILLIS);
        return names;
    }

    /** Frames of the animation for paths of {@code steps} steps: one per step up to {@link #GIF_FRAMES}. */
    public static int gifFrames(int steps) {
        return Math.min(GIF_FRAMES, steps + 1);
    }

    /** One line per optimizer: spec, final value, gap, how it stopped; then how the rates were tuned, if they were. */
    public static String summary(Comparison c, List<Comparison.Result> results) {
        StringBuilder s = new StringBuilder();
        double fStar = c.function().fStar();
        for (Comparison.Result r : results) {
            LandscapePath p = r.path();
            s.append(String.format(Locale.ROOT, "  %-44s final f %-12.4g%s%s%n", r.spec() + (r.tuned() ? " (tuned)" : ""),
                    p.finalValue(), Double.isNaN(fStar) ? "" : String.format(Locale.ROOT, " gap %-12.4g", p.finalValue() - fStar),
                    p.diverged() ? " " + p.describeStop() : ""));
        }
        c.tuning().ifPresent(t -> s.append("  (tuned): ").append(t).append('\n'));
        return s.toString();
    }
}
