package dev.descent.bench;

import dev.descent.kernel.Ceilings;
import dev.descent.kernel.WorkerPool;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Runs the JMH benchmarks and, in the same run, the machine's ceilings, then prints each kernel's figure
 * as a fraction of its ceiling: GEMM and convolution GFLOP/s against {@code threads ×} the per-core FMA
 * peak, optimizer steps' GB/s against the triad bandwidth.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar [--quick] [--threads N] [--only REGEX]
 * </pre>
 */
public final class Suite {
    private Suite() {
    }

    public static void main(String[] args) throws RunnerException {
        boolean quick = false;
        int threads = Runtime.getRuntime().availableProcessors();
        String only = ".*";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--only" -> only = args[++i];
                case "-h", "--help" -> {
                    System.out.println("usage: java --add-modules jdk.incubator.vector -jar benchmarks.jar [--quick] [--threads N] [--only REGEX]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; try --help");
            }
        }
        run(System.out, threads, only, quick);
    }

    /** Runs and prints; {@code smoke} runs every benchmark once, in this JVM, for a test. */
    public static List<String> run(PrintStream out, int threads, String only, boolean quick) throws RunnerException {
        double fma;
        double triad;
        double triadDram;
        // optimizer steps are single-threaded: their ceiling is one thread's triad over the same bytes
        int sameBytes = (int) (OptimizerBench.bytesPerStep("adam") / 12);
        try (WorkerPool one = new WorkerPool(1); WorkerPool pool = new WorkerPool(threads)) {
            fma = Ceilings.fmaGflopsPerCore(quick ? 0.2 : 1.0);
            triad = Ceilings.triadGBs(one, quick ? 0.2 : 1.0, sameBytes);
            triadDram = Ceilings.triadGBs(pool, quick ? 0.2 : 1.0, quick ? 16 << 20 : 128 << 20);
        }
        out.printf(Locale.ROOT, "ceilings: FMA %.1f GFLOP/s per core (%d float lanes), x%d threads = %.1f GFLOP/s; "
                        + "triad %.1f GB/s (1 thread, %d MB working set like an Adam step); triad %.1f GB/s (%d threads, %d MB)%n",
                fma, Ceilings.vectorLanes(), threads, fma * threads, triad, 12L * sameBytes >> 20, triadDram, threads,
                12L * (quick ? 16 << 20 : 128 << 20) >> 20);
        ChainedOptionsBuilder opts = new OptionsBuilder()
                .include("dev\\.descent\\.bench\\.(" + only + ")")
                .param("threads", String.valueOf(threads))
                .shouldFailOnError(true);
        if (quick) {
            opts.forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(100)).measurementIterations(1).measurementTime(TimeValue.milliseconds(200));
        } else {
            opts.forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1)).measurementIterations(5).measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(opts.build()).run();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-48s %12s %14s %12s", "kernel", "time (µs)", "rate", "of ceiling"));
        for (RunResult r : results) {
            var p = r.getParams();
            double us = r.getPrimaryResult().getScore();
            String name = p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.', p.getBenchmark().lastIndexOf('.') - 1) + 1);
            String label;
            double rate;
            String unit;
            double ceiling;
            if (name.startsWith("GemmBench")) {
                GemmShape s = GemmShape.valueOf(p.getParam("shape"));
                label = "gemm " + s.describe();
                rate = s.flops() / (us * 1e3);
                unit = "GFLOP/s";
                ceiling = fma * threads;
            } else if (name.startsWith("ConvBench")) {
                String layer = p.getParam("layer");
                boolean fwd = name.endsWith("forward");
                label = layer + (fwd ? " forward" : " backward") + " (batch 50)";
                double flops = ConvBench.forwardFlops(layer) * (fwd ? 1 : layer.equals("conv1") ? 1 : 2);
                rate = flops / (us * 1e3);
                unit = "GFLOP/s";
                ceiling = fma * threads;
            } else if (name.startsWith("OptimizerBench")) {
                String o = p.getParam("optimizer");
                label = o + " step (" + OptimizerBench.PARAMS + " params, 1 thread)";
                rate = OptimizerBench.bytesPerStep(o) / (us * 1e3);
                unit = "GB/s";
                ceiling = triad;
            } else if (name.startsWith("MatrixOptimizerBench") && !p.getParam("optimizer").startsWith("adafactor")) {
                String o = p.getParam("optimizer");
                label = o + " step (CNN layout, " + threads + " threads)";
                rate = MatrixOptimizerBench.stepFlops(o) / (us * 1e3);
                unit = "GFLOP/s";
                ceiling = fma * threads;
            } else {
                continue;
            }
            lines.add(String.format(Locale.ROOT, "%-48s %12.1f %8.1f %-7s %9.0f%%", label, us, rate, unit, 100 * rate / ceiling));
        }
        lines.forEach(out::println);
        return lines;
    }
}
