package dev.descent.layer;

import dev.descent.kernel.Backend;
import dev.descent.random.Rng;

/**
 * What a forward or backward pass needs besides its arrays: the kernels, whether this is training
 * (dropout on) or evaluation, and the random stream of this step. One instance per network, mutated
 * between steps, so a step allocates nothing.
 */
public final class LayerContext {
    private final Backend backend;
    private boolean training;
    private Rng rng = new Rng(0);

    public LayerContext(Backend backend) {
        this.backend = backend;
    }

    public Backend backend() {
        return backend;
    }

    public boolean training() {
        return training;
    }

    public Rng rng() {
        return rng;
    }

    /** Sets the mode and random stream for the next pass. */
    public void prepare(boolean training, Rng rng) {
        this.training = training;
        this.rng = rng;
    }
}
