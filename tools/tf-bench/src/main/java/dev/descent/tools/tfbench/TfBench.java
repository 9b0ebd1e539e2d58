package dev.descent.tools.tfbench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.framework.optimizers.GradientDescent;
import org.tensorflow.framework.optimizers.Momentum;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.framework.optimizers.RMSProp;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.random.TruncatedNormal;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * TensorFlow peer of {@code descent bench}: trains the reference CNN with TensorFlow's own kernels through TF-Java
 * (graph mode) and prints images per second per optimizer; the last stdout line is one JSON object.
 *
 * <p>The graph is TF1 style: {@code Variable} (ref) parameters, the model built from raw ops
 * ({@code Conv2D}, {@code BiasAdd}, {@code Relu}, {@code MaxPoolV2}, {@code MatMul}, dropout as
 * {@code floor(keep + uniform)} mask, {@code SparseSoftmaxCrossEntropyWithLogits}, {@code Mean}), gradients from
 * the C++ gradient registry ({@code Graph#addGradients}) and the update from
 * {@code org.tensorflow.framework.optimizers}, which ends in TF's {@code Apply*} kernels. One graph and session
 * per optimizer and repetition; the session's intra- and inter-op pools are sized by {@code --threads} and
 * {@code --interop}. The workload and JSON format are in {@code tools/bench/README.md}.
 *
 * <p>Usage: {@code TfBench [--threads T] [--interop I] [--steps N] [--warmup W] [--batch B] [--repeat R]
 * [--batches K] [--optimizers gd,nesterov,rmsprop,adam] [--seed S]}.
 */
public final class TfBench {

    static final Path MNIST = Path.of("/work/shared/data/mnist");
    static final float LEARNING_RATE = 0.001f;
    static final float KEEP = 0.5f;

    /** TF1 optimizers with the benchmark's hyperparameters, by the names every peer reports. */
    static final Map<String, Function<Graph, Optimizer>> OPTIMIZERS = new LinkedHashMap<>();

    static {
        OPTIMIZERS.put("gd", g -> new GradientDescent(g, LEARNING_RATE));
        OPTIMIZERS.put("nesterov", g -> new Momentum(g, LEARNING_RATE, 0.9f, true));
        OPTIMIZERS.put("rmsprop", g -> new RMSProp(g, LEARNING_RATE, 0.9f, 0.0f, 1e-10f, false));
        OPTIMIZERS.put("adam", g -> new Adam(g, LEARNING_RATE, 0.9f, 0.999f, 1e-8f));
    }

    /** Command-line options, validated at parse time. */
    record Options(int threads, int interop, int steps, int warmup, int batch, int repeat, int batches,
            List<String> optimizers, long seed) {

        static Options parse(String[] args) {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
            v.put("interop", "");   // empty: the same as --threads
            v.put("steps", "200");
            v.put("warmup", "20");
            v.put("batch", "50");
            v.put("repeat", "1");
            v.put("batches", "20");
            v.put("optimizers", String.join(",", OPTIMIZERS.keySet()));
            v.put("seed", "1");
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    System.out.println("options (defaults): " + v);
                    System.exit(0);
                }
                String key = a.startsWith("--") ? a.substring(2) : a;
                String value = null;
                if (key.contains("=")) {
                    value = key.substring(key.indexOf('=') + 1);
                    key = key.substring(0, key.indexOf('='));
                } else if (i + 1 < args.length) {
                    value = args[++i];
                }
                if (!a.startsWith("--") || !v.containsKey(key) || value == null) {
                    throw new IllegalArgumentException("unknown option or missing value: '" + a + "'; known: --"
                            + String.join(", --", v.keySet()));
                }
                v.put(key, value);
            }
            List<String> opts = Arrays.stream(v.get("optimizers").split(",")).map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
            for (String o : opts) {
                if (!OPTIMIZERS.containsKey(o)) {
                    throw new IllegalArgumentException("unknown optimizer '" + o + "'; known: " + OPTIMIZERS.keySet());
                }
            }
            if (v.get("interop").isEmpty()) {
                // inter_op = intra_op = T, as TF1 users set both. On a quiet 2-core machine inter_op 1 was 3-5%
                // faster at T = 2; under load from other processes it stayed near 1 core (README.md).
                v.put("interop", v.get("threads"));
            }
            Options o = new Options(positive(v, "threads"), positive(v, "interop"), positive(v, "steps"),
                    integer(v, "warmup"), positive(v, "batch"), positive(v, "repeat"), positive(v, "batches"), opts,
                    Long.parseLong(v.get("seed")));
            if (o.warmup() < 0) {
                throw new IllegalArgumentException("--warmup must be >= 0, got " + o.warmup());
            }
            return o;
        }

        private static int integer(Map<String, String> v, String key) {
            try {
                return Integer.parseInt(v.get(key));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + key + " must be an integer, got '" + v.get(key) + "'");
            }
        }

        private static int positive(Map<String, String> v, String key) {
            int n = integer(v, key);
            if (n < 1) {
                throw new IllegalArgumentException("--" + key + " must be >= 1, got " + n);
            }
            return n;
        }
    }

    /** The cycled input batches: images (K,B,28,28,1) in [0,1] and labels (K,B); MNIST or seeded noise. */
    record Data(float[][] images, int[][] labels, String source) {

        static Data load(int batches, int batch, long seed) throws IOException {
            int n = batches * batch;
            Path imagesFile = MNIST.resolve("train-images-idx3-ubyte.gz");
            Path labelsFile = MNIST.resolve("train-labels-idx1-ubyte.gz");
            float[][] x = new float[batches][batch * 28 * 28];
            int[][] y = new int[batches][batch];
            if (Files.exists(imagesFile) && Files.exists(labelsFile)) {
                byte[] pixels = readIdx(imagesFile, n * 28 * 28);
                byte[] labels = readIdx(labelsFile, n);
                for (int k = 0; k < batches; k++) {
                    for (int i = 0; i < batch * 28 * 28; i++) {
                        x[k][i] = (pixels[k * batch * 28 * 28 + i] & 0xff) / 255f;
                    }
                    for (int i = 0; i < batch; i++) {
                        y[k][i] = labels[k * batch + i];
                    }
                }
                return new Data(x, y, "mnist");
            }
            Random r = new Random(seed);
            for (int k = 0; k < batches; k++) {
                for (int i = 0; i < x[k].length; i++) {
                    x[k][i] = r.nextFloat();
                }
                for (int i = 0; i < batch; i++) {
                    y[k][i] = r.nextInt(10);
                }
            }
            return new Data(x, y, "random");
        }

        /** The first {@code count} bytes of data after an IDX header (magic, then one int per dimension). */
        private static byte[] readIdx(Path file, int count) throws IOException {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file));
                    DataInputStream d = new DataInputStream(in)) {
                int magic = d.readInt();
                int dims = magic & 0xff;
                long available = 1;
                for (int i = 0; i < dims; i++) {
                    available *= d.readInt();
                }
                if (available < count) {
                    throw new IOException(file + " holds " + available + " values, need " + count);
                }
                byte[] out = new byte[count];
                d.readFully(out);
                return out;
            }
        }
    }

    /** A built training graph: feeds, the train op and the loss. */
    record Model(Placeholder<TFloat32> x, Placeholder<TInt32> y, Op train, Operand<TFloat32> loss) {
    }

    /**
     * Adds the gradient of {@code SparseSoftmaxCrossEntropyWithLogits} to the graph gradient registry, which the
     * C++ registry behind {@code Graph#addGradients} lacks ("No gradient defined for op"). It is TF Python's
     * {@code _SparseSoftmaxCrossEntropyWithLogitsGrad}: d logits = d loss[:, None] * backprop, where backprop (the
     * op's second output, softmax − onehot) is computed by the forward kernel. Labels have none; TF-Java wants an
     * operand anyway, so they get zeros, which nothing consumes (the session prunes them). Only graph
     * construction runs in Java; the added ops are TF kernels.
     */
    static void registerSparseCrossEntropyGradient() {
        TensorFlow.registerCustomGradient("SparseSoftmaxCrossEntropyWithLogits", (tf, op, gradOutputs) -> {
            @SuppressWarnings("unchecked")
            Operand<TFloat32> dLoss = (Operand<TFloat32>) gradOutputs.get(0);
            Operand<TFloat32> backprop = op.<TFloat32>output(1);
            return Arrays.asList(tf.math.mul(tf.expandDims(dLoss, tf.constant(-1)), backprop),
                    tf.zerosLike(op.input(1)));
        });
    }

    /** He-normal (truncated) weights of the given shape, fan-in {@code fanIn}. */
    private static Operand<TFloat32> weights(Ops tf, long seed, int fanIn, int... shape) {
        return tf.variable(tf.math.mul(
                tf.random.truncatedNormal(tf.constant(shape), TFloat32.class, TruncatedNormal.seed(seed)),
                tf.constant((float) Math.sqrt(2.0 / fanIn))));
    }

    private static Operand<TFloat32> bias(Ops tf, int n) {
        return tf.variable(tf.fill(tf.constant(new int[] {n}), tf.constant(0.1f)));
    }

    /** The reference CNN, NHWC, and its training op under {@code optimizer}. */
    static Model build(Graph g, int batch, long seed, Function<Graph, Optimizer> optimizer) {
        Ops tf = Ops.create(g);
        var x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch, 28, 28, 1)));
        var y = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(batch)));
        var w1 = weights(tf, seed, 5 * 5 * 1, 5, 5, 1, 32);
        var b1 = bias(tf, 32);
        var w2 = weights(tf, seed + 1, 5 * 5 * 32, 5, 5, 32, 64);
        var b2 = bias(tf, 64);
        var w3 = weights(tf, seed + 2, 7 * 7 * 64, 7 * 7 * 64, 1024);
        var b3 = bias(tf, 1024);
        var w4 = weights(tf, seed + 3, 1024, 1024, 10);
        var b4 = bias(tf, 10);

        List<Long> unit = List.of(1L, 1L, 1L, 1L);
        var pool = tf.constant(new int[] {1, 2, 2, 1});
        Operand<TFloat32> h = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(x, w1, unit, "SAME"), b1));   // (B,28,28,32)
        h = tf.nn.maxPool(h, pool, pool, "SAME");                                                   // (B,14,14,32)
        h = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(h, w2, unit, "SAME"), b2));                       // (B,14,14,64)
        h = tf.nn.maxPool(h, pool, pool, "SAME");                                                   // (B,7,7,64)
        h = tf.reshape(h, tf.constant(new int[] {batch, 7 * 7 * 64}));                              // (B,3136)
        h = tf.nn.relu(tf.nn.biasAdd(tf.linalg.matMul(h, w3), b3));                                 // (B,1024)
        // TF1 tf.nn.dropout: x / keep * floor(keep + U[0,1)); the mask does not depend on the parameters.
        var mask = tf.math.floor(tf.math.add(tf.constant(KEEP),
                tf.random.randomUniform(tf.constant(new int[] {batch, 1024}), TFloat32.class)));
        h = tf.math.mul(tf.math.div(h, tf.constant(KEEP)), mask);
        var logits = tf.nn.biasAdd(tf.linalg.matMul(h, w4), b4);                                   // (B,10)
        var loss = tf.math.mean(tf.nn.sparseSoftmaxCrossEntropyWithLogits(logits, y).loss(), tf.constant(0));
        Op train = optimizer.apply(g).minimize(loss);
        return new Model(x, y, train, loss);
    }

    /** One measurement: seconds for the timed steps, the process CPU seconds they used, and the last loss. */
    record Sample(double seconds, double cpuSeconds, float loss) {
    }

    static Sample run(Options o, Data data, String optimizer, List<TFloat32> xs, List<TInt32> ys) {
        ConfigProto config = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(o.threads())
                .setInterOpParallelismThreads(o.interop())
                .build();
        try (Graph g = new Graph()) {
            Model m = build(g, o.batch(), o.seed(), OPTIMIZERS.get(optimizer));
            try (Session s = new Session(g, config)) {
                s.initialize();
                for (int i = 0; i < o.warmup(); i++) {
                    step(s, m, xs, ys, i);
                }
                var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                for (int i = 0; i < o.steps() - 1; i++) {
                    step(s, m, xs, ys, o.warmup() + i);
                }
                float loss;
                int j = (o.warmup() + o.steps() - 1) % xs.size();
                try (Result r = s.runner().feed(m.x(), xs.get(j)).feed(m.y(), ys.get(j)).addTarget(m.train())
                        .fetch(m.loss()).run()) {
                    loss = ((TFloat32) r.get(0)).getFloat();
                }
                double seconds = (System.nanoTime() - t0) * 1e-9;
                double cpuSeconds = (os.getProcessCpuTime() - cpu0) * 1e-9;
                return new Sample(seconds, cpuSeconds, loss);
            }
        }
    }

    private static void step(Session s, Model m, List<TFloat32> xs, List<TInt32> ys, int i) {
        int j = i % xs.size();
        s.runner().feed(m.x(), xs.get(j)).feed(m.y(), ys.get(j)).addTarget(m.train()).run().close();
    }

    public static void main(String[] args) throws IOException {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("tf-bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        registerSparseCrossEntropyGradient();
        Data data = Data.load(o.batches(), o.batch(), o.seed());
        List<TFloat32> xs = new ArrayList<>();
        List<TInt32> ys = new ArrayList<>();
        for (int k = 0; k < o.batches(); k++) {
            xs.add(TFloat32.tensorOf(Shape.of(o.batch(), 28, 28, 1), DataBuffers.of(data.images()[k])));
            ys.add(TInt32.tensorOf(Shape.of(o.batch()), DataBuffers.of(data.labels()[k])));
        }
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        o.optimizers().forEach(name -> samples.put(name, new ArrayList<>()));
        // Repetitions outer, optimizers inner: a slow spell on the shared machine hits every optimizer alike.
        for (int r = 1; r <= o.repeat(); r++) {
            for (String name : o.optimizers()) {
                Sample s = run(o, data, name, xs, ys);
                if (!Float.isFinite(s.loss())) {
                    System.err.printf(Locale.ROOT, "%s: loss is %s after %d steps%n", name, s.loss(),
                            o.warmup() + o.steps());
                    System.exit(1);
                }
                samples.get(name).add(s);
                System.err.printf(Locale.ROOT, "repeat %d %-8s %8.1f images/s  %.3f s  cpu %.2f cores  loss %.4f%n", r,
                        name, o.steps() * o.batch() / s.seconds(), s.seconds(), s.cpuSeconds() / s.seconds(), s.loss());
            }
        }
        xs.forEach(TFloat32::close);
        ys.forEach(TInt32::close);
        System.out.println(json(o, data.source(), samples));
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static String json(Options o, String source, Map<String, List<Sample>> samples) {
        StringBuilder b = new StringBuilder();
        b.append("{\"peer\": \"tensorflow\", \"version\": \"").append(TensorFlow.version())
                .append(" (TF-Java 1.1.0)\", \"threads\": ").append(o.threads())
                .append(", \"interop_threads\": ").append(o.interop())
                .append(", \"batch\": ").append(o.batch())
                .append(", \"steps\": ").append(o.steps())
                .append(", \"warmup\": ").append(o.warmup())
                .append(", \"repeat\": ").append(o.repeat())
                .append(", \"data\": \"").append(source).append('"')
                .append(", \"machine\": {\"cpu\": \"").append(cpuName()).append("\", \"cores\": ")
                .append(Runtime.getRuntime().availableProcessors()).append(", \"system\": \"")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(' ').append(System.getProperty("os.arch")).append("\"}")
                .append(", \"results\": [");
        String sep = "";
        for (var e : samples.entrySet()) {
            List<Sample> s = e.getValue();
            double[] ips = s.stream().mapToDouble(x -> o.steps() * o.batch() / x.seconds()).toArray();
            double[] secs = s.stream().mapToDouble(Sample::seconds).toArray();
            double[] cores = s.stream().mapToDouble(x -> x.cpuSeconds() / x.seconds()).toArray();
            b.append(sep).append(String.format(Locale.ROOT,
                    "{\"optimizer\": \"%s\", \"images_per_second\": %.2f, \"seconds\": %.4f, "
                            + "\"samples_images_per_second\": %s, \"cpu_cores_used\": %.2f, \"final_loss\": %.5f}",
                    e.getKey(), median(ips), median(secs), list(ips), median(cores), s.get(s.size() - 1).loss()));
            sep = ", ";
        }
        return b.append("]}").toString();
    }

    private static String list(double[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", v[i]));
        }
        return b.append(']').toString();
    }

    private static String cpuName() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip().replace("\"", "'");
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }
}
