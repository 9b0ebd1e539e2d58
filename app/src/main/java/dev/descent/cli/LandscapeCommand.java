package dev.descent.cli;

import dev.descent.io.AtomicFiles;
import dev.descent.landscape.GradientNoise;
import dev.descent.landscape.Landscape;
import dev.descent.landscape.Landscapes;
import dev.descent.landscape.LrTuner;
import dev.descent.landscape.PathSpec;
import dev.descent.landscape.Comparison;
import dev.descent.pictures.Gallery;
import dev.descent.pictures.LandscapePictures;
import dev.descent.search.SearchSpace;
import dev.descent.train.Limits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code descent landscape}: optimizers' paths on a 2-D function, as pictures, an animation and a CSV. */
@Command(name = "landscape", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Watch optimizers move on a 2-D function: a contour plot with every path, f − f* per step, "
                + "an animated GIF and paths.csv (optimizer,step,x,y,f). Each path is a float[2] stepped by the same "
                + "optimizer classes that train networks.",
                "FUNCTION is one of rosenbrock, beale, himmelblau, saddle, quadratic(condition=K), bowl(a=A), slow_bowl, "
                        + "fast_bowl; --functions describes them.",
                "Learning rate of each optimizer, first that applies: lr= inside its spec, e.g. 'adam(lr=0.05)'; "
                        + "--lr NAME=LR; --lr LR; otherwise it is tuned (as with --tune).",
                "Tuning runs every rate of the --tune-space grid and keeps the one whose path has the lowest mean f over "
                        + "its last tenth of steps, not the lowest final f, which favours a rate that oscillates and "
                        + "stops on a low swing; paths that diverge or leave the domain are out, equal means go to the smaller rate. "
                        + "The legends say how the rates were tuned."},
        footer = {"", "Examples:",
                "  descent landscape rosenbrock --tune",
                "  descent landscape 'quadratic(condition=100)' --lr 0.01 --steps 300",
                "  descent landscape beale --optimizer 'adam(lr=0.1), sgd(lr=0.001)'",
                "  descent landscape himmelblau --optimizer sgd,adam --lr 0.01 --start=0,0",
                "  descent landscape rosenbrock --lr 0.001 --schedule 'cosine(decay_steps=200)'",
                "  descent landscape rosenbrock --noise 0.5 --seed 1 --tune",
                "  descent landscape beale --tune --tune-space 'space(lr=range(low=1e-3, high=1, scale=log, points=13))'",
                "  descent landscape --gallery --out docs/landscapes"})
public final class LandscapeCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FUNCTION",
            description = "The function, e.g. rosenbrock or 'quadratic(condition=100)' (default: rosenbrock).")
    String function;

    @Option(names = "--optimizer", paramLabel = "SPEC",
            description = "An optimizer spec, repeatable or comma-separated, with optional lr= and schedule= keys: "
                    + "sgd, 'momentum(momentum=0.9, lr=0.01)'; `descent optimizers` lists them (default: sgd, momentum(momentum=0.9), adam).")
    List<String> optimizers = new ArrayList<>();

    @Option(names = "--lr", paramLabel = "LR|NAME=LR",
            description = "Learning rate for every optimizer, or NAME=LR for those of one registry name (repeatable).")
    List<String> lrs = new ArrayList<>();

    @Option(names = "--tune", description = "Tune the learning rate of every optimizer without its own (lr= or NAME=LR): "
            + "lowest mean f over the last tenth of the steps on the --tune-space grid, ties to the smaller rate, "
            + "diverged runs excluded.")
    boolean tune;

    @Option(names = "--tune-space", paramLabel = "SPACE", defaultValue = LrTuner.DEFAULT_SPACE_SPEC,
            description = "The learning rates tuning tries, as a sweep's search space with the one dimension lr, every point "
                    + "of its grid: a range with points, or a list such as space(lr=[0.01, 0.1]) (default: ${DEFAULT-VALUE}, "
                    + "1e-4 to 1 in half decades).")
    String tuneSpace;

    @Option(names = "--schedule", paramLabel = "SPEC",
            description = "Learning-rate schedule for every optimizer without schedule= in its spec, one step per epoch, "
                    + "e.g. 'cosine(decay_steps=200)'; `descent schedules` lists them (default: constant).")
    String schedule;

    @Option(names = "--start", paramLabel = "X,Y", description = "Start point, e.g. --start=-1,2 (with '=' when X is negative; default: the function's own).")
    String start;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "200", description = "Steps per optimizer (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--noise", paramLabel = "SIGMA", defaultValue = "0",
            description = "Standard deviation of Gaussian noise added to each gradient component (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the gradient noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: results/landscape-FUNCTION-DATE-TIME; "
            + "with --gallery results/landscape-gallery-DATE-TIME).")
    Path out;

    @Option(names = "--gallery", description = "Render the standard set of pictures with an index.html into one folder; "
            + "takes only --out.")
    boolean gallery;

    @Option(names = "--functions", description = "List the functions and their parameters, then exit.")
    boolean listFunctions;

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        if (listFunctions) {
            System.out.print(Landscapes.describe());
            return 0;
        }
        if (gallery) {
            // every option the gallery would ignore (--steps and --seed included, though they have defaults) is refused
            List<String> ignored = new ArrayList<>();
            for (var o : spec.commandLine().getParseResult().matchedOptions()) {
                if (!o.longestName().equals("--gallery") && !o.longestName().equals("--out")) {
                    ignored.add(o.longestName());
                }
            }
            if (function != null) {
                ignored.add(0, "FUNCTION " + function);
            }
            if (!ignored.isEmpty()) {
                throw new IllegalArgumentException("--gallery renders a fixed set of pictures and takes only --out; got "
                        + String.join(", ", new LinkedHashSet<>(ignored)));
            }
            Path dir = out != null ? out : Path.of("results", "landscape-gallery-" + time);
            AtomicFiles.checkWritable(dir.resolve("index.html"));
            double seconds = Gallery.write(dir, err);
            System.out.printf(Locale.ROOT, "gallery: %s (%.1f s)%n", dir.resolve("index.html").toAbsolutePath(), seconds);
            return 0;
        }
        Limits.count("--steps", steps, 1, Limits.MAX_PATH_STEPS, "every point of every path is kept, drawn and written to paths.csv");
        Landscape f = Landscapes.parse(function == null ? "rosenbrock" : function);
        List<PathSpec> specs = specs();
        if (specs.stream().allMatch(p -> p.lr() != null) && spec.commandLine().getParseResult().hasMatchedOption("--tune-space")) {
            throw new IllegalArgumentException("--tune-space is given but every optimizer has its learning rate, so none is tuned");
        }
        Comparison c = new Comparison(f, specs, start == null ? null : parseStart(start), steps,
                GradientNoise.of(noise, seed), tuneSpace(tuneSpace));
        Path dir = out != null ? out : Path.of("results", "landscape-" + f.name().replaceAll("[^A-Za-z0-9_.=-]+", "_") + "-" + time);
        AtomicFiles.checkWritable(dir.resolve("paths.csv")); // before the runs, not after
        long t0 = System.nanoTime();
        List<Comparison.Result> results = c.run();
        LandscapePictures.Written w = LandscapePictures.write(dir, "", c, results);
        err.printf(Locale.ROOT, "%s%n", LandscapePictures.title(c));
        System.out.print(LandscapePictures.summary(c, results));
        System.out.printf(Locale.ROOT, "wrote %s, %s, %s, %s in %s (%.1f s)%n", w.contourPng(), w.gapPng(), w.gif(), w.csv(),
                dir.toAbsolutePath(), (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /** The optimizers with every learning rate and schedule resolved; null lr = tune. */
    private List<PathSpec> specs() {
        List<PathSpec> given = new ArrayList<>();
        for (String o : optimizers.isEmpty() ? List.of("sgd, momentum(momentum=0.9), adam") : optimizers) {
            given.addAll(PathSpec.parseAll(o));
        }
        Double all = null;
        Map<String, Double> byName = new LinkedHashMap<>();
        for (String l : lrs) {
            int eq = l.indexOf('=');
            if (eq < 0) {
                if (all != null) {
                    throw new IllegalArgumentException("--lr LR given twice (" + all + " and " + l + "); use NAME=LR for one optimizer");
                }
                all = number("--lr", l);
            } else {
                String name = l.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                if (byName.put(name, number("--lr " + name, l.substring(eq + 1))) != null) {
                    throw new IllegalArgumentException("--lr " + name + "= given twice");
                }
            }
        }
        if (tune && all != null) {
            throw new IllegalArgumentException("give --lr LR or --tune, not both (NAME=LR and lr= in a spec still apply with --tune)");
        }
        List<PathSpec> out = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (PathSpec g : given) {
            PathSpec p = g;
            if (p.lr() == null && byName.containsKey(p.name())) {
                p = p.withLr(byName.get(p.name()));
            } else if (p.lr() == null && all != null) {
                p = p.withLr(all);
            }
            used.add(p.name());
            if (p.schedule() == null && schedule != null) {
                p = p.withSchedule(schedule);
            }
            out.add(p);
        }
        for (String name : byName.keySet()) {
            if (!used.contains(name)) {
                throw new IllegalArgumentException("--lr " + name + "=...: no optimizer named " + name + " is compared; given: "
                        + String.join(", ", used));
            }
        }
        return out;
    }

    static Landscape.Point parseStart(String s) {
        String[] xy = s.split(",");
        if (xy.length != 2) {
            throw new IllegalArgumentException("--start must be X,Y (two numbers separated by a comma), got '" + s + "'");
        }
        return new Landscape.Point(number("--start x", xy[0]), number("--start y", xy[1]));
    }

    /** The tuning space of {@code --tune-space}, checked as tuning will use it; errors name the option and the text. */
    static SearchSpace tuneSpace(String text) {
        try {
            SearchSpace s = SearchSpace.parse(text);
            LrTuner.rates(s);
            return s;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tune-space '" + text + "': " + e.getMessage(), e);
        }
    }

    private static double number(String what, String text) {
        try {
            double v = Double.parseDouble(text.strip());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a finite number, got '" + text.strip() + "'");
        }
    }
}
