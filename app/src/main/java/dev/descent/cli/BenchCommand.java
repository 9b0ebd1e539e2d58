package dev.descent.cli;

import dev.descent.io.Json;
import dev.descent.kernel.Backend;
import dev.descent.layer.Shape;
import dev.descent.model.Models;
import dev.descent.model.Network;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Optimizers;
import dev.descent.random.Rng;
import dev.descent.study.Environment;
import dev.descent.study.RunSpec;
import dev.descent.study.StudyFile;
import dev.descent.train.Limits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code descent bench}: the reference study's training workload (the CNN, batch 50, each of the four
 * reference optimizers) timed after warm-up, in images per second, optionally beside the same workload in
 * PyTorch and TensorFlow (TF-Java) on the same thread count, interleaved so drift cancels.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time the reference CNN's training step (batch 50) with each reference optimizer: images/s after warm-up, "
                + "data loading excluded (fixed in-memory batches).",
                "With --peers, runs the identical workload in PyTorch (tools/bench/pytorch_cnn.py, if `python3 -c 'import torch'` works) "
                        + "and TensorFlow (tools/tf-bench, if built) on the same threads, alternating descent and peer runs, and prints descent's "
                        + "images/s divided by each peer's (medians)."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--steps", defaultValue = "200", description = "Timed steps per optimizer (default: ${DEFAULT-VALUE}; 1000 for the full figure).")
    int steps;

    @Option(names = "--warmup", defaultValue = "20", description = "Untimed warm-up steps per optimizer (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repeat", defaultValue = "1", description = "Repetitions; medians are reported (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--threads", description = "Worker threads for descent and the peers (default: all cores).")
    Integer threads;

    @Option(names = "--peers", description = "Also run PyTorch and TensorFlow where available, interleaved.")
    boolean peers;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with torch for the PyTorch peer (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--json", description = "Print the figures as one JSON object on the last line.")
    boolean json;

    static final int BATCH = 50, DISTINCT_BATCHES = 20;

    /** Builds the TensorFlow peer and the class path file the bench command reads. */
    static final String TF_BUILD = "./mvnw -q -P tf-bench -pl tools/tf-bench compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt";

    @Override
    public Integer call() throws Exception {
        if (steps < 1 || warmup < 0 || repeat < 1) {
            throw new IllegalArgumentException("--steps and --repeat must be >= 1 and --warmup >= 0, got steps=" + steps
                    + " warmup=" + warmup + " repeat=" + repeat);
        }
        int nThreads = Limits.threads("--threads", threads);
        List<RunSpec> optimizers = StudyFile.preset("reference").runs();
        List<Peer> available = peers ? Peer.available(python, nThreads, steps, warmup) : List.of();
        Map<String, List<Double>> ours = new LinkedHashMap<>();
        Map<String, Map<String, List<Double>>> theirs = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        double trainingSeconds = 0;
        for (int r = 0; r < repeat; r++) {
            for (RunSpec o : optimizers) {
                double[] m = measure(o, nThreads);
                ours.computeIfAbsent(o.name(), k -> new ArrayList<>()).add(m[0]);
                trainingSeconds += m[1];
                System.err.printf(Locale.ROOT, "descent %-9s repeat %d: %8.1f images/s%n", o.name(), r + 1, m[0]);
            }
            for (Peer p : available) {
                Map<String, Double> res = p.run(System.err);
                res.forEach((k, v) -> theirs.computeIfAbsent(p.name(), x -> new LinkedHashMap<>()).computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%-10s %14s", "optimizer", "descent img/s");
        for (String p : theirs.keySet()) {
            System.out.printf(Locale.ROOT, " %14s %12s", p + " img/s", "descent/" + p);
        }
        System.out.println();
        Map<String, Object> rows = new LinkedHashMap<>();
        for (String name : ours.keySet()) {
            double mine = median(ours.get(name));
            System.out.printf(Locale.ROOT, "%-10s %14.1f", name, mine);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("descent_images_per_second", mine);
            row.put("descent_samples", ours.get(name));
            for (var e : theirs.entrySet()) {
                List<Double> v = e.getValue().get(name);
                double peer = v == null ? Double.NaN : median(v);
                System.out.printf(Locale.ROOT, " %14.1f %12.2f", peer, mine / peer);
                row.put(e.getKey() + "_images_per_second", peer);
                row.put(e.getKey() + "_samples", v);
                row.put("ratio_vs_" + e.getKey(), mine / peer);
            }
            System.out.println();
            rows.put(name, row);
        }
        double fullStudy = 0;
        for (String name : ours.keySet()) {
            fullStudy += 1000.0 * BATCH / median(ours.get(name));
        }
        System.out.printf(Locale.ROOT, "threads %d, %d timed steps of %d after %d warm-up; descent training time %.1f s; "
                        + "the reference study's 4 x 1000 steps would take %.1f s of training at these rates; wall time %.1f s%n",
                nThreads, steps, BATCH, warmup, trainingSeconds, fullStudy, wall);
        if (peers && available.isEmpty()) {
            System.out.println("no peer available: PyTorch needs `" + python + " -c 'import torch'` to work; TensorFlow needs tools/tf-bench built: "
                    + TF_BUILD + " (see tools/bench/README.md)");
        }
        if (json) {
            System.out.println(Json.write(Json.object("threads", nThreads, "batch", BATCH, "steps", steps, "warmup", warmup,
                    "repeat", repeat, "optimizers", rows, "reference_study_training_seconds", fullStudy, "wall_seconds", wall,
                    "environment", Environment.describe(nThreads))));
        }
        return 0;
    }

    /** Images/s and seconds of {@code steps} timed steps of one optimizer. */
    private double[] measure(RunSpec spec, int nThreads) {
        try (Backend backend = Backend.fast(nThreads)) {
            Network net = Models.create("cnn", new Shape(28, 28, 1), 10, BATCH, backend);
            net.initialize(1);
            Optimizer opt = Optimizers.create(spec.optimizer(), spec.params());
            Rng rng = new Rng(7);
            float[][] xs = new float[DISTINCT_BATCHES][BATCH * 784];
            int[][] ys = new int[DISTINCT_BATCHES][BATCH];
            for (int b = 0; b < DISTINCT_BATCHES; b++) {
                for (int i = 0; i < xs[b].length; i++) {
                    xs[b][i] = rng.nextFloat();
                }
                for (int i = 0; i < BATCH; i++) {
                    ys[b][i] = rng.nextInt(10);
                }
            }
            float[] p = net.parameters().data(), g = net.parameters().grad();
            long start = 0;
            for (int t = 0; t < warmup + steps; t++) {
                if (t == warmup) {
                    start = System.nanoTime();
                }
                int b = t % DISTINCT_BATCHES;
                net.trainStep(xs[b], ys[b], BATCH, Rng.derive(1, Rng.STREAM_DROPOUT, t));
                opt.step(p, g, spec.lr());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new double[]{steps * (double) BATCH / seconds, seconds};
        }
    }

    static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length == 0 ? Double.NaN : a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    /** A peer framework run as a subprocess that prints one JSON object on its last line. */
    record Peer(String name, List<String> command) {

        static List<Peer> available(String python, int threads, int steps, int warmup) {
            List<Peer> out = new ArrayList<>();
            Path root = Path.of(System.getProperty("descent.home", "."));
            List<String> args = List.of("--threads", String.valueOf(threads), "--steps", String.valueOf(steps),
                    "--warmup", String.valueOf(warmup), "--batch", String.valueOf(BATCH), "--repeat", "1");
            Path script = root.resolve("tools/bench/pytorch_cnn.py");
            if (Files.isRegularFile(script) && works(List.of(python, "-c", "import torch"))) {
                List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
                cmd.addAll(args);
                out.add(new Peer("pytorch", cmd));
            }
            Path cp = root.resolve("tools/tf-bench/target/classpath.txt");
            Path classes = root.resolve("tools/tf-bench/target/classes");
            if (Files.isRegularFile(cp) && Files.isDirectory(classes)) {
                try {
                    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                    List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                            classes + ":" + Files.readString(cp).strip(), "dev.descent.tools.tfbench.TfBench"));
                    cmd.addAll(args);
                    out.add(new Peer("tensorflow", cmd));
                } catch (IOException e) {
                    System.err.println("tensorflow peer skipped: " + e.getMessage());
                }
            }
            return out;
        }

        private static boolean works(List<String> cmd) {
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        }

        /** Runs once; returns images/s per optimizer name from the last JSON line. */
        Map<String, Double> run(java.io.PrintStream log) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                }
            }
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0 || lines.isEmpty()) {
                throw new IOException(name + " peer failed (exit " + p.exitValue() + "): " + String.join(" ", command));
            }
            String last = lines.get(lines.size() - 1);
            Map<String, Double> out = new LinkedHashMap<>();
            // {"optimizer":"gd","images_per_second":123.4,...} entries inside "results"
            var m = java.util.regex.Pattern.compile("\"optimizer\"\\s*:\\s*\"([^\"]+)\"[^}]*?\"images_per_second\"\\s*:\\s*([0-9.eE+-]+)").matcher(last);
            while (m.find()) {
                out.put(m.group(1), Double.parseDouble(m.group(2)));
                log.printf(Locale.ROOT, "%-10s %-9s: %8.1f images/s%n", name, m.group(1), Double.parseDouble(m.group(2)));
            }
            if (out.isEmpty()) {
                throw new IOException(name + " peer printed no results: " + last + " (command: " + String.join(" ", command) + ")");
            }
            return out;
        }
    }
}
