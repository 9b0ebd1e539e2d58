package dev.descent.pictures;

import dev.descent.landscape.Comparison;
import dev.descent.io.AtomicFiles;
import dev.descent.landscape.GradientNoise;
import dev.descent.landscape.Landscapes;
import dev.descent.landscape.LrTuner;
import dev.descent.landscape.PathSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The standard set of landscape pictures, rendered into one folder with an {@code index.html} that links
 * them relatively (the folder can be moved or committed as it is). The index shows the PNGs and GIFs and
 * links the CSVs; the SVGs are written too but not linked, so a copy without them is still complete.
 *
 * <pre>{@code
 * Gallery.write(Path.of("docs/landscapes"), System.err);
 * }</pre>
 */
public final class Gallery {

    /**
     * One picture set: a file-name prefix, a heading, one sentence on what it shows, and the runs; with
     * {@code sequences}, the comparison's one Schedule-Free optimizer drawn as its three sequences y, x and z
     * ({@link ScheduleFreeSequences}) instead of one path per optimizer.
     */
    public record Entry(String id, String heading, String caption, Comparison comparison, boolean sequences) {
        public Entry(String id, String heading, String caption, Comparison comparison) {
            this(id, heading, caption, comparison, false);
        }
    }

    private Gallery() {
    }

    private static Comparison comparison(String function, int steps, GradientNoise noise, String... optimizers) {
        List<PathSpec> specs = new ArrayList<>();
        for (String o : optimizers) {
            specs.add(PathSpec.parse(o));
        }
        return new Comparison(Landscapes.parse(function), specs, null, steps, noise, LrTuner.DEFAULT_SPACE);
    }

    /** The entries, in the order the index shows them. */
    public static List<Entry> entries() {
        return List.of(
                new Entry("adagrad-slow", "AdaGrad vs SGD on a slowly changing bowl",
                        "On 0.02(x² + y²) the gradients are small: SGD at lr 0.5 shrinks the distance by only 2% a step and "
                                + "crawls, while AdaGrad divides by the root of the summed squared gradients and takes full-size steps.",
                        comparison("slow_bowl", 60, GradientNoise.NONE, "sgd(lr=0.5)", "adagrad(lr=0.5)")),
                new Entry("adagrad-fast", "AdaGrad vs SGD on a fast changing bowl, same learning rate",
                        "On 1.98(x² + y²) the gradients are large: the same lr 0.5 makes SGD jump past the minimum to −0.98 "
                                + "times its last point every step, as slow as on the slow bowl but bouncing, while AdaGrad's "
                                + "path is the same as on the slow bowl.",
                        comparison("fast_bowl", 60, GradientNoise.NONE, "sgd(lr=0.5)", "adagrad(lr=0.5)")),
                new Entry("momentum-overshoot", "Momentum overshoots on an ill-conditioned valley",
                        "On ½(x² + 50y²) at lr 0.01, SGD drops into the valley and then crawls along its flat floor, while "
                                + "heavy-ball momentum (β = 0.9) zigzags across it, speeds along it, overshoots the minimum and swings back.",
                        comparison("quadratic(condition=50)", 150, GradientNoise.NONE,
                                "sgd(lr=0.01)", "momentum(momentum=0.9, lr=0.01)")),
                new Entry("rosenbrock-tuned", "Rosenbrock's valley, each optimizer at its tuned learning rate",
                        "With each learning rate picked from 1e-4 … 1 by the mean of its last 50 values of f, SGD first bounces between the steep "
                                + "walls near the start and is still on the left arm of the valley after 500 steps, while momentum "
                                + "and Adam follow the curved floor to near (1, 1).",
                        comparison("rosenbrock", 500, GradientNoise.NONE, "sgd", "momentum(momentum=0.9)", "adam")),
                new Entry("saddle", "Escaping a saddle point",
                        "Starting a hair (y = 0.001) off the ridge of x² − y², SGD at lr 0.02 slides into the saddle point and "
                                + "stalls there, while momentum and Adam at the same lr turn away and escape down the y direction.",
                        comparison("saddle", 120, GradientNoise.NONE, "sgd(lr=0.02)", "momentum(momentum=0.9, lr=0.02)",
                                "adam(lr=0.02)")),
                new Entry("beale-tuned", "Beale's function: flat plateau, steep walls",
                        "At tuned learning rates SGD, RMSProp and Adam all reach the minimum (3, 0.5) by different routes: "
                                + "SGD first jumps down the steep wall, RMSProp goes straight along the valley floor, Adam's momentum "
                                + "carries it round a loop. Near the end RMSProp's gap jumps up: as its gradients vanish so does its running "
                                + "mean of squared gradients, and its steps grow again.",
                        comparison("beale", 300, GradientNoise.NONE, "sgd", "rmsprop", "adam")),
                new Entry("noisy-quadratic", "A noisy gradient",
                        "With Gaussian noise σ = 5 added to each gradient component (seed 1), SGD at lr 0.03 jitters around its "
                                + "path while momentum at the same effective step (lr 0.003 / (1 − 0.9)) averages the noise away; "
                                + "Adam (lr 0.1) also moves smoothly.",
                        comparison("quadratic(condition=10)", 200, GradientNoise.of(5, 1), "sgd(lr=0.03)",
                                "momentum(momentum=0.9, lr=0.003)", "adam(lr=0.1)")),
                new Entry("himmelblau", "Himmelblau's four minima",
                        "From next to the local maximum at (−0.27, −0.92), SGD and momentum roll into the minimum at "
                                + "(3.58, −1.85), while Adam's equal-sized first steps in x and y carry it to the one at (3, 2).",
                        comparison("himmelblau", 200, GradientNoise.NONE, "sgd(lr=0.01)", "momentum(momentum=0.9, lr=0.002)",
                                "adam(lr=0.1)")),
                new Entry("schedule-free-sequences", "Schedule-Free's three sequences",
                        "Schedule-Free SGD (lr 0.05, β = 0.9) on ½(x² + 10y²) with Gaussian noise σ = 3 on each gradient "
                                + "component (seed 1) keeps three points: z takes plain SGD steps, with the gradient taken at y, "
                                + "and jitters with the noise; x is the running average of the z's, which averages the noise away "
                                + "(what evaluation uses, and what the other pictures draw for Schedule-Free); y = 0.9·x + 0.1·z, "
                                + "the parameters while training, stays close to x.",
                        comparison("quadratic(condition=10)", 200, GradientNoise.of(3, 1), "schedule_free_sgd(lr=0.05)"), true));
    }

    /** Runs every entry, writes its files and the index; returns the seconds taken. */
    public static double write(Path dir, PrintStream log) throws IOException {
        return write(dir, log, entries());
    }

    static double write(Path dir, PrintStream log, List<Entry> entries) throws IOException {
        long t0 = System.nanoTime();
        StringBuilder body = new StringBuilder();
        for (Entry e : entries) {
            long t = System.nanoTime();
            List<LandscapePictures.Drawn> drawn;
            String summary;
            if (e.sequences()) {
                drawn = ScheduleFreeSequences.paths(e.comparison());
                StringBuilder b = new StringBuilder();
                drawn.forEach(d -> b.append(String.format(Locale.ROOT, "  %-44s final f %.4g%n", d.name(), d.path().finalValue())));
                summary = b.toString();
            } else {
                List<Comparison.Result> results = e.comparison().run();
                drawn = LandscapePictures.of(results);
                summary = LandscapePictures.summary(e.comparison(), results);
            }
            LandscapePictures.Written w = LandscapePictures.writeDrawn(dir, e.id() + "-", e.comparison(), drawn);
            log.printf(Locale.ROOT, "%-20s %.1f s%n%s", e.id(), (System.nanoTime() - t) / 1e9, summary);
            body.append(section(e, w, drawn));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        AtomicFiles.write(dir.resolve("index.html"), page(body.toString(), seconds));
        return seconds;
    }

    private static String section(Entry e, LandscapePictures.Written w, List<LandscapePictures.Drawn> results) {
        StringBuilder s = new StringBuilder();
        s.append("<section id=\"").append(e.id()).append("\">\n<h2>").append(esc(e.heading())).append("</h2>\n<p>")
                .append(esc(e.caption())).append("</p>\n<ul class=\"runs\">\n");
        double fStar = e.comparison().function().fStar();
        for (LandscapePictures.Drawn r : results) {
            double end = r.path().finalValue();
            s.append("<li><code>").append(esc(e.sequences() ? r.name() : r.label())).append("</code>: after ").append(r.path().steps())
                    .append(" steps ").append(Double.isNaN(fStar) ? "f = " + fmt(end) : "f − f* = " + fmt(end - fStar))
                    .append("</li>\n");
        }
        s.append("</ul>\n");
        e.comparison().tuning().ifPresent(t -> s.append("<p class=\"files\">(tuned): ").append(esc(t)).append("</p>\n"));
        s.append("<div class=\"row\">\n")
                .append(img(w.contourPng(), e.heading() + ": paths on the contour plot"))
                .append(img(w.gif(), e.heading() + ": animation"))
                .append(img(w.gapPng(), e.heading() + ": f − f* per step"))
                .append("</div>\n<p class=\"files\">data: <a href=\"").append(w.csv()).append("\">").append(w.csv())
                .append("</a></p>\n</section>\n");
        return s.toString();
    }

    private static String img(String src, String alt) {
        return "<a href=\"" + src + "\"><img src=\"" + src + "\" alt=\"" + esc(alt) + "\"></a>\n";
    }

    private static String page(String body, double seconds) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>descent: optimizers on 2-D landscapes</title>
                <style>
                body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1400px; padding: 0 1em; color: #222; }
                .row { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
                .row img { max-width: 440px; height: auto; border: 1px solid #ddd; }
                code { font-size: 0.9em; }
                .files { font-size: 0.9em; color: #555; }
                section { border-top: 1px solid #ccc; padding-top: 0.5em; margin-top: 1.5em; }
                </style>
                </head>
                <body>
                <h1>Optimizers on 2-D landscapes</h1>
                <p>Each path is a <code>float[2]</code> stepped by the same optimizer classes that train networks in descent.
                Made by <code>./descent landscape --gallery</code> in %s s. Click a picture for the full size; the SVG of each static plot is written beside its PNG.</p>
                """.formatted(String.format(Locale.ROOT, "%.1f", seconds)) + body + "</body>\n</html>\n";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
