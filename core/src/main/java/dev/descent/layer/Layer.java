package dev.descent.layer;

import dev.descent.tensor.Parameters;

/**
 * A layer: a map from a batch of inputs to a batch of outputs, with its backward pass beside it.
 *
 * <p>Activations are flat NHWC arrays of {@code n × shape.size()} floats, preallocated by the network for
 * its batch capacity. Lifecycle: {@link #declare} reserves parameter views, {@link #bind} hands over the
 * flat parameter and gradient arrays and the batch capacity (allocate scratch here, never in forward or
 * backward), then any number of forward/backward pairs.
 */
public interface Layer {

    Shape inputShape();

    Shape outputShape();

    /** Reserves this layer's parameters in the flat layout; {@code prefix} names them (e.g. "conv1/"). */
    default void declare(Parameters.Builder params, String prefix) {
    }

    /** Receives the flat parameter and gradient arrays and allocates scratch for up to {@code capacity} examples. */
    default void bind(Parameters params, int capacity, LayerContext ctx) {
    }

    /** Floats of scratch {@link #bind} allocates per example of capacity (for memory estimates before building). */
    default long scratchPerExample() {
        return 0;
    }

    /** Writes initial parameter values from {@code ctx}'s seed. */
    default void initialize(float[] params, long seed) {
    }

    /** {@code y = f(x)} for {@code n} examples. */
    void forward(float[] x, float[] y, int n, LayerContext ctx);

    /**
     * Given {@code dy = ∂L/∂y}, writes parameter gradients (overwriting) and, unless {@code dx} is null (the
     * first layer), {@code dx = ∂L/∂x}. {@code x} and {@code y} are the arrays of the latest forward pass.
     */
    void backward(float[] x, float[] y, float[] dy, float[] dx, int n, LayerContext ctx);

    /** True when {@code y} may be the very array {@code x} (the layer works in place). */
    default boolean inPlace() {
        return false;
    }
}
