package dev.descent.bench;

import dev.descent.kernel.Backend;
import dev.descent.kernel.Gemm;
import dev.descent.layer.Layer;
import dev.descent.layer.LayerContext;
import dev.descent.layer.Shape;
import dev.descent.layer.SoftmaxCrossEntropy;
import dev.descent.model.Models;
import dev.descent.model.Network;
import dev.descent.optim.Adam;
import dev.descent.train.Trainer;
import dev.descent.random.Rng;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a CNN training step spends its time: each layer's forward and backward, and each matrix-multiply
 * shape, at batch 50 on random data (medians over the timed steps, after warm-up). Beside the wall time it
 * shows the CPU time of the pool's threads (caller and workers): on a shared machine wall time also counts the
 * time other processes held the cores, CPU time only the work done.
 *
 * <pre>
 * ./mvnw -q -DskipTests package
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.descent.bench.CnnProfile [threads] [steps]
 * </pre>
 */
public final class CnnProfile {
    private CnnProfile() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int batch = 50;
        try (Backend fast = Backend.fast(threads)) {
            CpuClock cpu = new CpuClock(fast.pool().workerThreadIds());
            TimedGemm timed = new TimedGemm(fast.gemm(), cpu);
            Backend be = new Backend(fast.name(), timed, fast.pool());
            Network net = Models.cnn(new Shape(28, 28, 1), 10).build(batch, be);
            net.initialize(1);
            List<Layer> layers = net.layers();
            int L = layers.size();
            float[][] acts = new float[L + 1][], grads = new float[L + 1][];
            acts[0] = new float[batch * 784];
            for (int i = 0; i < L; i++) {
                Layer l = layers.get(i);
                int size = batch * l.outputShape().size();
                acts[i + 1] = l.inPlace() ? acts[i] : new float[size];
                grads[i + 1] = l.inPlace() && grads[i] != null ? grads[i] : new float[size];
            }
            Rng data = new Rng(7);
            for (int i = 0; i < acts[0].length; i++) {
                acts[0][i] = data.nextFloat();
            }
            int[] labels = new int[batch];
            for (int s = 0; s < batch; s++) {
                labels[s] = data.nextInt(10);
            }
            SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(10, batch);
            LayerContext ctx = new LayerContext(be);
            int warm = Math.max(5, steps / 2);
            double[][] fwd = new double[L][steps], bwd = new double[L][steps];
            double[][] fwdCpu = new double[L][steps], bwdCpu = new double[L][steps];
            double[] total = new double[steps], totalCpu = new double[steps], opt = new double[steps], norm = new double[steps];
            Adam adam = new Adam(Adam.Config.DEFAULTS);
            adam.useWorkers(fast.pool());  // as the trainer binds it
            double[] normScratch = new double[dev.descent.optim.GlobalNorm.CHUNKS];
            float[] params = net.parameters().data(), grad = net.parameters().grad();
            for (int step = -warm; step < steps; step++) {
                if (step == 0) {
                    timed.reset();
                }
                long s0 = System.nanoTime(), sc0 = cpu.nanos();
                ctx.prepare(true, Rng.derive(1, Rng.STREAM_DROPOUT, step + warm));
                for (int i = 0; i < L; i++) {
                    long t0 = System.nanoTime(), c0 = cpu.nanos();
                    layers.get(i).forward(acts[i], acts[i + 1], batch, ctx);
                    if (step >= 0) {
                        fwd[i][step] = (System.nanoTime() - t0) * 1e-6;
                        fwdCpu[i][step] = (cpu.nanos() - c0) * 1e-6;
                    }
                }
                loss.forward(acts[L], labels, batch);
                loss.backward(labels, batch, grads[L]);
                for (int i = L - 1; i >= 0; i--) {
                    long t0 = System.nanoTime(), c0 = cpu.nanos();
                    layers.get(i).backward(acts[i], acts[i + 1], grads[i + 1], grads[i], batch, ctx);
                    if (step >= 0) {
                        bwd[i][step] = (System.nanoTime() - t0) * 1e-6;
                        bwdCpu[i][step] = (cpu.nanos() - c0) * 1e-6;
                    }
                }
                long n0 = System.nanoTime(), nc0 = cpu.nanos();
                double gn = dev.descent.optim.GlobalNorm.of(grad, fast.pool(), normScratch);  // on the pool, as the trainer takes it
                long o0 = System.nanoTime();
                adam.step(params, grad, 1e-4 + 0 * gn);
                if (step >= 0) {
                    total[step] = (n0 - s0) * 1e-6;
                    totalCpu[step] = (nc0 - sc0) * 1e-6;
                    norm[step] = (o0 - n0) * 1e-6;
                    opt[step] = (System.nanoTime() - o0) * 1e-6;
                }
            }
            System.out.printf(Locale.ROOT, "%s, batch %d, %d timed steps (median ms)%n", be, batch, steps);
            System.out.printf(Locale.ROOT, "  %-38s %9s %9s %9s %9s%n", "layer", "forward", "backward", "fwd CPU", "bwd CPU");
            double sf = 0, sb = 0, scf = 0, scb = 0;
            for (int i = 0; i < L; i++) {
                double f = median(fwd[i]), b = median(bwd[i]), cf = median(fwdCpu[i]), cb = median(bwdCpu[i]);
                sf += f;
                sb += b;
                scf += cf;
                scb += cb;
                System.out.printf(Locale.ROOT, "  %-38s %9.2f %9.2f %9.2f %9.2f%n", layers.get(i), f, b, cf, cb);
            }
            System.out.printf(Locale.ROOT, "  %-38s %9.2f %9.2f %9.2f %9.2f%n", "sum of medians", sf, sb, scf, scb);
            double step = median(total);
            System.out.printf(Locale.ROOT, "  forward+backward %.2f ms median -> %.0f images/s; CPU %.2f ms median (all pool threads)%n",
                    step, batch / step * 1e3, median(totalCpu));
            System.out.printf(Locale.ROOT, "  then GlobalNorm.of (pool) %.2f ms, adam step (pool) %.2f ms (%d parameters)%n",
                    median(norm), median(opt), params.length);
            System.out.println("gemm calls (mean ms per call over timed steps):");
            timed.report(steps);
        }
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** CPU time of the calling thread plus the pool's workers. */
    static final class CpuClock {
        private final ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        private final long[] workers;

        CpuClock(long[] workers) {
            this.workers = workers;
        }

        long nanos() {
            long t = bean.getCurrentThreadCpuTime();
            for (long id : workers) {
                t += bean.getThreadCpuTime(id);
            }
            return t;
        }
    }

    /** Times every call of the wrapped multiply by shape. */
    static final class TimedGemm implements Gemm {
        private final Gemm inner;
        private final CpuClock cpu;
        private final Map<String, double[]> byShape = new LinkedHashMap<>();  // {ms total, calls, flop, CPU ms total}

        TimedGemm(Gemm inner, CpuClock cpu) {
            this.inner = inner;
            this.cpu = cpu;
        }

        void reset() {
            byShape.clear();
        }

        @Override
        public void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                         float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
            long t0 = System.nanoTime(), c0 = cpu.nanos();
            inner.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            double ms = (System.nanoTime() - t0) * 1e-6, cpuMs = (cpu.nanos() - c0) * 1e-6;
            String key = String.format(Locale.ROOT, "tA=%-5s tB=%-5s m=%5d n=%5d k=%5d", transA, transB, m, n, k);
            double[] v = byShape.computeIfAbsent(key, x -> new double[4]);
            v[0] += ms;
            v[3] += cpuMs;
            v[1]++;
            v[2] = 2.0 * m * n * k;
        }

        /** Calls from inside pool tasks (the convolutions') run on several threads at once: not timed here, they count in their layer's time. */
        @Override
        public Gemm serial() {
            return inner.serial();
        }

        @Override
        public void gemmIndexed(int m, int n, int k, float[] x, int xOff, int[] rows, int rowsOff, int[] runs, int run, int stride,
                                float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
            inner.gemmIndexed(m, n, k, x, xOff, rows, rowsOff, runs, run, stride, b, bOff, ldb, c, cOff, ldc, accumulate);
        }

        void report(int steps) {
            List<String> keys = new ArrayList<>(byShape.keySet());
            double sum = 0, sumCpu = 0;
            for (String key : keys) {
                double[] v = byShape.get(key);
                double perCall = v[0] / v[1], cpuPerCall = v[3] / v[1];
                sum += v[0] / steps;
                sumCpu += v[3] / steps;
                System.out.printf(Locale.ROOT, "  %s  %8.2f ms  %6.1f GFLOP/s   CPU %8.2f ms  %6.1f GFLOP/s per CPU-second%n",
                        key, perCall, v[2] / perCall * 1e-6, cpuPerCall, v[2] / cpuPerCall * 1e-6);
            }
            System.out.printf(Locale.ROOT, "  gemm total per step %.2f ms, CPU %.2f ms%n", sum, sumCpu);
        }

        @Override
        public String toString() {
            return "timed " + inner;
        }
    }
}
