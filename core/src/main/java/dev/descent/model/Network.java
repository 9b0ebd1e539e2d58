package dev.descent.model;

import dev.descent.init.Initializer;
import dev.descent.kernel.Backend;
import dev.descent.layer.Conv2d;
import dev.descent.layer.Dense;
import dev.descent.layer.Dropout;
import dev.descent.layer.Flatten;
import dev.descent.layer.Layer;
import dev.descent.layer.LayerContext;
import dev.descent.layer.MaxPool2d;
import dev.descent.layer.Padding;
import dev.descent.layer.Relu;
import dev.descent.layer.Shape;
import dev.descent.layer.SoftmaxCrossEntropy;
import dev.descent.random.Rng;
import dev.descent.tensor.Parameters;

import java.util.ArrayList;
import java.util.List;

/**
 * A feed-forward classifier: a chain of layers ending in logits, trained with softmax cross-entropy.
 *
 * <p>All parameters are one flat {@link Parameters}; every activation and its gradient is preallocated for
 * {@code capacity} examples, so {@link #trainStep} allocates nothing. Built with {@link #builder}:
 *
 * <pre>{@code
 * Network net = Network.builder(new Shape(28, 28, 1))
 *         .conv(5, 32, Padding.SAME, Initializer.heNormal(), 0.1f).relu().maxPool()
 *         .flatten().dense(10, Initializer.glorotUniform(), 0f)
 *         .build(50, Backend.fast(2));
 * net.initialize(seed);
 * double loss = net.trainStep(x, y, 50, Rng.derive(seed, Rng.STREAM_DROPOUT, step));
 * }</pre>
 */
public final class Network {
    private final String name;
    private final List<Layer> layers;
    private final Parameters params;
    private final int capacity;
    private final float[][] acts;   // acts[i] is the input of layer i; acts[layers] the logits
    private final float[][] grads;  // same shapes as acts; null up to the first trainable layer's input
    private final int firstTrainable; // layers before it need no backward pass
    private final SoftmaxCrossEntropy loss;
    private final LayerContext ctx;

    private Network(String name, List<Layer> layers, int capacity, Backend backend) {
        this.name = name;
        this.layers = List.copyOf(layers);
        this.capacity = capacity;
        Parameters.Builder pb = Parameters.builder();
        int convs = 0, denses = 0, first = -1;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            int before = pb.size();
            l.declare(pb, l instanceof Conv2d ? "conv" + (++convs) + "/" : l instanceof Dense ? "fc" + (++denses) + "/" : "layer" + i + "/");
            if (first < 0 && pb.size() > before) {
                first = i;
            }
        }
        this.params = pb.build();
        this.firstTrainable = Math.max(first, 0);
        this.ctx = new LayerContext(backend);
        int L = layers.size();
        acts = new float[L + 1][];
        grads = new float[L + 1][];
        acts[0] = new float[capacity * layers.get(0).inputShape().size()];
        for (int i = 0; i < L; i++) {
            Layer l = layers.get(i);
            int size = capacity * l.outputShape().size();
            acts[i + 1] = l.inPlace() ? acts[i] : new float[size];
            // no gradient flows into the first trainable layer's input: nothing before it learns
            grads[i + 1] = i < firstTrainable ? null : l.inPlace() && grads[i] != null ? grads[i] : new float[size];
            l.bind(params, capacity, ctx);
        }
        this.loss = new SoftmaxCrossEntropy(outputShape().size(), capacity);
    }

    public static Builder builder(Shape input) {
        return new Builder(input);
    }

    public String name() {
        return name;
    }

    public Parameters parameters() {
        return params;
    }

    public List<Layer> layers() {
        return layers;
    }

    public int capacity() {
        return capacity;
    }

    public Shape inputShape() {
        return layers.get(0).inputShape();
    }

    public Shape outputShape() {
        return layers.get(layers.size() - 1).outputShape();
    }

    public Backend backend() {
        return ctx.backend();
    }

    /** Sets every parameter from {@code seed} (each layer draws from its own derived stream). */
    public void initialize(long seed) {
        for (Layer l : layers) {
            l.initialize(params.data(), seed);
        }
    }

    /**
     * Forward pass on {@code n ≤ capacity} examples ({@code x} NHWC); returns the logits array (valid until
     * the next call, {@code n × classes}). {@code rng} drives dropout when {@code training}.
     */
    public float[] forward(float[] x, int n, boolean training, Rng rng) {
        checkBatch(n);
        int inSize = inputShape().size();
        if (x.length < n * inSize) {
            throw new IllegalArgumentException("input has " + x.length + " floats, " + n + " examples need " + n * inSize);
        }
        System.arraycopy(x, 0, acts[0], 0, n * inSize);
        ctx.prepare(training, rng);
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).forward(acts[i], acts[i + 1], n, ctx);
        }
        return acts[layers.size()];
    }

    /** Mean softmax cross-entropy of the logits of the latest {@link #forward}. */
    public double loss(int[] labels, int n) {
        return loss.forward(acts[layers.size()], labels, n);
    }

    /**
     * One forward and backward pass in training mode: returns the mean loss and leaves
     * {@code ∂loss/∂params} in {@code parameters().grad()} (overwritten, not accumulated).
     */
    public double trainStep(float[] x, int[] labels, int n, Rng dropoutRng) {
        forward(x, n, true, dropoutRng);
        double value = loss.forward(acts[layers.size()], labels, n);
        backward(labels, n);
        return value;
    }

    private void backward(int[] labels, int n) {
        int L = layers.size();
        loss.backward(labels, n, grads[L]);
        for (int i = L - 1; i >= firstTrainable; i--) {
            layers.get(i).backward(acts[i], acts[i + 1], grads[i + 1], grads[i], n, ctx);
        }
    }

    private void checkBatch(int n) {
        if (n < 1 || n > capacity) {
            throw new IllegalArgumentException("batch of " + n + " examples; this network holds 1 to " + capacity);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(" (").append(params.size()).append(" parameters): ");
        for (int i = 0; i < layers.size(); i++) {
            sb.append(i == 0 ? "" : " → ").append(layers.get(i));
        }
        return sb.toString();
    }

    /** Chains layers, each taking the previous one's output shape. */
    public static final class Builder {
        private final List<Layer> layers = new ArrayList<>();
        private Shape shape;
        private String name = "network";

        private Builder(Shape input) {
            this.shape = input;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder add(Layer layer) {
            if (!layer.inputShape().equals(shape)) {
                throw new IllegalArgumentException(layer + " expects input " + layer.inputShape() + " but receives " + shape);
            }
            layers.add(layer);
            shape = layer.outputShape();
            return this;
        }

        public Builder conv(int kernel, int outChannels, Padding padding, Initializer init, float bias) {
            return add(new Conv2d(shape, kernel, kernel, outChannels, padding, init, bias));
        }

        public Builder relu() {
            return add(new Relu(shape));
        }

        public Builder maxPool() {
            return add(new MaxPool2d(shape));
        }

        public Builder flatten() {
            return add(new Flatten(shape));
        }

        public Builder dense(int out, Initializer init, float bias) {
            return add(new Dense(shape, out, init, bias));
        }

        public Builder dropout(double keep) {
            return add(new Dropout(shape, keep));
        }

        public Shape currentShape() {
            return shape;
        }

        /**
         * Floats {@link #build} allocates per example of capacity: every activation and its gradient, each layer's
         * scratch, the softmax's probabilities. What a batch size costs in memory, known before anything is allocated.
         */
        public long floatsPerExample() {
            long floats = layers.isEmpty() ? 0 : layers.get(0).inputShape().size();
            for (Layer l : layers) {
                floats += 2L * l.outputShape().size() + l.scratchPerExample();
            }
            return floats + shape.size();
        }

        /** The largest capacity whose every per-layer array still fits in one Java array (int-indexed). */
        public int maxCapacity() {
            long largest = layers.isEmpty() ? 1 : layers.get(0).inputShape().size();
            for (Layer l : layers) {
                largest = Math.max(largest, Math.max(l.outputShape().size(), l.scratchPerExample()));
            }
            return (int) Math.min(Integer.MAX_VALUE, (Integer.MAX_VALUE - 8) / largest);
        }

        /** Allocates parameters and activations for batches of up to {@code capacity} examples. */
        public Network build(int capacity, Backend backend) {
            if (layers.isEmpty()) {
                throw new IllegalStateException("a network needs at least one layer");
            }
            if (capacity < 1) {
                throw new IllegalArgumentException("batch capacity must be >= 1, got " + capacity);
            }
            if (capacity > maxCapacity()) {
                throw new IllegalArgumentException("batch capacity must be at most " + maxCapacity() + " for " + name
                        + " (its largest per-layer array must fit in one Java array), got " + capacity);
            }
            return new Network(name, layers, capacity, backend);
        }
    }
}
