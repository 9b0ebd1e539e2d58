package dev.descent.bench;

import dev.descent.kernel.WorkerPool;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Optimizers;
import dev.descent.tensor.ParamView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One step of a matrix optimizer (Muon, Adafactor, SOAP) over the reference CNN's layout (conv 5×5×1×32, conv 5×5×32×64,
 * fc 3136×1024, fc 1024×10, with biases), and the Newton–Schulz GFLOP/s that step reaches. By default Muon
 * orthogonalizes conv2 (800×64) and fc1 (3136×1024) and leaves the input layer and the head to AdamW;
 * {@code aux_first_last=false} orthogonalizes all four. SOAP keeps one factor per dimension up to max_precond_dim
 * (default 10000, so fc1's 3136 side too); its JMH step is the steady step (the first step's eigen-decomposition
 * happens in setup; with precondition_frequency=1 every step refreshes the eigenbasis), and {@link #soapCost} measures
 * the first step, a steady step and a refresh step apart. {@link Suite} reports the steps as GFLOP/s ({@link #stepFlops}).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.descent.bench.MatrixOptimizerBench [threads] [steps] [soap|soap-all|-] ["spec;spec"]
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MatrixOptimizerBench {

    /** The reference CNN's parameter views, in the order the model builds them. */
    public static List<ParamView> cnnLayout() {
        int[][] shapes = {{5, 5, 1, 32}, {32}, {5, 5, 32, 64}, {64}, {3136, 1024}, {1024}, {1024, 10}, {10}};
        String[] names = {"conv1/w", "conv1/b", "conv2/w", "conv2/b", "fc1/w", "fc1/b", "fc2/w", "fc2/b"};
        ParamView[] views = new ParamView[shapes.length];
        int offset = 0;
        for (int k = 0; k < shapes.length; k++) {
            views[k] = new ParamView(names[k], offset, shapes[k], shapes[k].length == 1 ? ParamView.Kind.BIAS : ParamView.Kind.WEIGHT);
            offset = views[k].end();
        }
        return List.of(views);
    }

    /** Newton–Schulz flops of one step: per matrix and iteration 2·s²·l (X·Xᵀ) + 2·s³ (A·A) + 2·s²·l (B·X). */
    public static double newtonSchulzFlops(List<ParamView> layout, boolean auxFirstLast, int steps) {
        double flops = 0;
        int first = 0, last = layout.size() - 2;   // conv1/w and fc2/w
        for (int k = 0; k < layout.size(); k++) {
            int[] s = layout.get(k).shape();
            if (s.length < 2 || (auxFirstLast && (k == first || k == last))) {
                continue;
            }
            double cols = s[s.length - 1], rows = layout.get(k).size() / cols;
            double sm = Math.min(rows, cols), lg = Math.max(rows, cols);
            flops += steps * (4 * sm * sm * lg + 2 * sm * sm * sm);
        }
        return flops;
    }

    @Param({"muon", "muon(aux_first_last=false)", "adafactor", "adafactor(convention=optax)", "soap(max_precond_dim=1024)",
            "soap(max_precond_dim=1024, precondition_frequency=1)", "soap"})
    public String optimizer;

    @Param({"1", "2"})
    public int threads;

    private Optimizer opt;
    private WorkerPool pool;
    private float[] params, grads;

    @Setup(Level.Trial)
    public void setup() {
        pool = new WorkerPool(threads);
        opt = Optimizers.parse(optimizer);
        List<ParamView> layout = cnnLayout();
        opt.useLayout(layout);
        opt.useWorkers(pool);
        int n = layout.getLast().end();
        Random r = new Random(3);
        params = new float[n];
        grads = new float[n];
        for (int i = 0; i < n; i++) {
            params[i] = r.nextFloat() - 0.5f;
            grads[i] = (r.nextFloat() - 0.5f) * 1e-3f;
        }
        opt.step(params, grads, 1e-3);   // allocates state and scratch outside the measurement
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public float[] step() {
        opt.step(params, grads, 1e-3);
        return params;
    }

    /**
     * The matrix flops of one step of {@code spec} on {@link #cnnLayout()}: Newton–Schulz for Muon (counted as full
     * products, though the symmetric ones are computed half), the mode products for SOAP's steady step, and with
     * precondition_frequency=1 (a refresh every step) the eigenbasis refresh's L·Q and QR too.
     */
    public static double stepFlops(String spec) {
        if (spec.startsWith("muon")) {
            return newtonSchulzFlops(cnnLayout(), !spec.contains("aux_first_last=false"), 5);
        }
        if (spec.startsWith("soap")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("max_precond_dim=(\\d+)").matcher(spec);
            int dim = m.find() ? Integer.parseInt(m.group(1)) : 10000;
            boolean refreshEveryStep = spec.contains("precondition_frequency=1)") || spec.contains("precondition_frequency=1,");
            return soapStepFlops(cnnLayout(), dim) + (refreshEveryStep ? soapRefreshFlops(cnnLayout(), dim) : 0);
        }
        throw new IllegalArgumentException("no matrix flops for " + spec);
    }

    /**
     * SOAP flops per steady step: five passes of mode products (project, project back, m back and forth, the factor
     * statistics), each 2·n·d_k per factored dimension d_k of a tensor of n entries.
     */
    public static double soapStepFlops(List<ParamView> layout, int maxPrecondDim) {
        double flops = 0;
        for (ParamView v : layout) {
            if (v.shape().length < 2) {
                continue;
            }
            for (int d : v.shape()) {
                flops += d <= maxPrecondDim ? 5 * 2.0 * v.size() * d : 0;
            }
        }
        return flops;
    }

    /** SOAP flops of one eigenbasis refresh: per factor L·Q (2·d³) and a Householder QR with Q formed (8/3·d³). */
    public static double soapRefreshFlops(List<ParamView> layout, int maxPrecondDim) {
        double flops = 0;
        for (ParamView v : layout) {
            if (v.shape().length < 2) {
                continue;
            }
            for (int d : v.shape()) {
                flops += d <= maxPrecondDim ? (2 + 8.0 / 3) * d * (double) d * d : 0;
            }
        }
        return flops;
    }

    /**
     * Seconds of SOAP's first step (statistics and eigh), of a steady step, and of a step that refreshes the basis;
     * {@code spec} must set precondition_frequency=3.
     */
    public static void soapCost(String spec, int threads, int maxPrecondDim) {
        MatrixOptimizerBench b = new MatrixOptimizerBench();
        b.optimizer = spec;
        b.threads = threads;
        long t0 = System.nanoTime();
        b.setup();   // step 1: factors and eigen-decompositions
        double first = (System.nanoTime() - t0) / 1e9, firstCpu = cpuSeconds(b.pool);
        for (int s = 1; s <= 3; s++) {
            b.step();   // s = 1, 2, 3 (a first refresh): the JIT compiles what the measured steps run
        }
        double cpu0 = cpuSeconds(b.pool);
        t0 = System.nanoTime();
        b.step();    // s = 4
        double steady = (System.nanoTime() - t0) / 1e9, steadyCpu = cpuSeconds(b.pool) - cpu0;
        b.step();    // s = 5
        cpu0 = cpuSeconds(b.pool);
        t0 = System.nanoTime();
        b.step();    // s = 6: refresh
        double refresh = (System.nanoTime() - t0) / 1e9, refreshCpu = cpuSeconds(b.pool) - cpu0;
        double stepGflop = soapStepFlops(cnnLayout(), maxPrecondDim) / 1e9, refreshGflop = soapRefreshFlops(cnnLayout(), maxPrecondDim) / 1e9;
        System.out.printf(Locale.ROOT, "%-28s threads %d: first step %.1f s (CPU %.1f s); steady step %.2f s (CPU %.2f s; %.1f GFLOP,"
                        + " %.1f GFLOP/s, %.1f per CPU second); refresh step %.2f s (CPU %.2f s; refresh %.1f GFLOP, %.1f GFLOP/s,"
                        + " %.1f per CPU second)%n", spec, threads, first, firstCpu, steady, steadyCpu, stepGflop, stepGflop / steady,
                stepGflop / steadyCpu, refresh, refreshCpu, refreshGflop, refreshGflop / Math.max(1e-9, refresh - steady),
                refreshGflop / Math.max(1e-9, refreshCpu - steadyCpu));
        b.tearDown();
    }

    /**
     * CPU seconds spent so far by the calling thread and the pool's workers: on a loaded machine wall time
     * measures the neighbours too, CPU time only the work.
     */
    static double cpuSeconds(WorkerPool pool) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long ns = mx.getCurrentThreadCpuTime();
        for (long id : pool.workerThreadIds()) {
            ns += Math.max(0, mx.getThreadCpuTime(id));
        }
        return ns / 1e9;
    }

    /**
     * A quick measurement without JMH: ms per step, wall and CPU (caller and workers), and Newton–Schulz GFLOP/s
     * per wall second and per CPU second. Only the specs named in the fourth argument (comma-separated) if given.
     */
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String[] specs = args.length > 3 ? args[3].split(";")
                : new String[] {"muon", "muon(aux_first_last=false)", "adafactor", "adafactor(convention=optax)", "adamw"};
        for (String spec : specs) {
            MatrixOptimizerBench b = new MatrixOptimizerBench();
            b.optimizer = spec;
            b.threads = threads;
            b.setup();
            b.step();
            double cpu0 = cpuSeconds(b.pool);
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                b.step();
            }
            double ms = (System.nanoTime() - t0) / 1e6 / steps;
            double cpuMs = (cpuSeconds(b.pool) - cpu0) * 1e3 / steps;
            double gflop = spec.startsWith("muon") ? newtonSchulzFlops(cnnLayout(), !spec.contains("false"), 5) / 1e9 : 0;
            System.out.printf(Locale.ROOT, "%-28s threads %d: %8.1f ms/step wall, %8.1f ms/step CPU; Newton-Schulz %.1f GFLOP/step,"
                            + " %.1f GFLOP/s wall, %.1f GFLOP per CPU second%n",
                    spec, threads, ms, cpuMs, gflop, gflop / (ms / 1e3), gflop / (cpuMs / 1e3));
            b.tearDown();
        }
        if (args.length > 2 && args[2].startsWith("soap")) {
            soapCost("soap(max_precond_dim=1024, precondition_frequency=3)", threads, 1024);
            if (args[2].equals("soap-all")) {   // fc1's 3136 side too: the first step's eigh takes minutes
                soapCost("soap(precondition_frequency=3)", threads, 10000);
            }
        }
    }
}
