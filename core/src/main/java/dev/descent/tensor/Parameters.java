package dev.descent.tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * All parameters of a model in one flat {@code float[]}, with named views, and their gradients in a
 * second array of the same layout. An optimizer step is then one loop over {@link #size()} floats.
 *
 * <pre>{@code
 * Parameters.Builder b = Parameters.builder();
 * ParamView w = b.add("fc1/w", ParamView.Kind.WEIGHT, 3136, 1024);
 * Parameters p = b.build();
 * p.data()[w.offset()] = 1f;
 * }</pre>
 */
public final class Parameters {
    private final float[] data;
    private final float[] grad;
    private final List<ParamView> views;

    private Parameters(List<ParamView> views, int size) {
        this.views = Collections.unmodifiableList(new ArrayList<>(views));
        this.data = new float[size];
        this.grad = new float[size];
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The parameter values (live, not a copy). */
    public float[] data() {
        return data;
    }

    /** The gradients, same layout as {@link #data()} (live, not a copy). */
    public float[] grad() {
        return grad;
    }

    public List<ParamView> views() {
        return views;
    }

    public int size() {
        return data.length;
    }

    public ParamView view(String name) {
        for (ParamView v : views) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("no parameter named " + name + "; known: " + views);
    }

    /** A copy of the values, e.g. to start several runs from the same initial weights. */
    public float[] snapshot() {
        return data.clone();
    }

    public void restore(float[] values) {
        if (values.length != data.length) {
            throw new IllegalArgumentException("restore: expected " + data.length + " values, got " + values.length);
        }
        System.arraycopy(values, 0, data, 0, data.length);
    }

    /** Builds the layout: each {@link #add} reserves the next {@code product(shape)} floats. */
    public static final class Builder {
        private final List<ParamView> views = new ArrayList<>();
        private int size;

        public ParamView add(String name, ParamView.Kind kind, int... shape) {
            for (ParamView v : views) {
                if (v.name().equals(name)) {
                    throw new IllegalArgumentException("duplicate parameter name " + name);
                }
            }
            ParamView v = new ParamView(name, size, shape, kind);
            long end = (long) size + v.size();
            if (end > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("parameters exceed one Java array: " + end);
            }
            size = (int) end;
            views.add(v);
            return v;
        }

        /** Floats reserved so far. */
        public int size() {
            return size;
        }

        public Parameters build() {
            return new Parameters(views, size);
        }
    }
}
