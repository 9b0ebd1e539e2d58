package dev.descent.data;

import java.util.Objects;

/**
 * An in-memory image classification dataset: {@code count} images of {@code height × width × channels}
 * pixels scaled to [0, 1], stored NHWC in one flat array, with an integer label per image.
 *
 * <p>Invariants (checked at construction): {@code pixels.length == count * height * width * channels},
 * {@code labels.length == count}, every label in {@code [0, classes)}.
 */
public record Dataset(String name, float[] pixels, int[] labels, int count, int height, int width,
                      int channels, int classes) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        if (count < 0 || height <= 0 || width <= 0 || channels <= 0 || classes <= 0) {
            throw new IllegalArgumentException("dataset " + name + ": dimensions must be positive, got count="
                    + count + " height=" + height + " width=" + width + " channels=" + channels + " classes=" + classes);
        }
        if ((long) count * height * width * channels != pixels.length) {
            throw new IllegalArgumentException("dataset " + name + ": " + pixels.length + " pixels for " + count
                    + " images of " + height + "x" + width + "x" + channels);
        }
        if (labels.length != count) {
            throw new IllegalArgumentException("dataset " + name + ": " + labels.length + " labels for " + count + " images");
        }
        for (int i = 0; i < count; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("dataset " + name + ": label " + labels[i] + " of image " + i
                        + " is outside [0, " + classes + ")");
            }
        }
    }

    /** Pixels of one image. */
    public int imageSize() {
        return height * width * channels;
    }

    /** The first {@code n} images, as a new dataset (copies). */
    public Dataset head(int n) {
        if (n < 0 || n > count) {
            throw new IllegalArgumentException("head(" + n + ") of a dataset of " + count + " images");
        }
        float[] p = java.util.Arrays.copyOf(pixels, n * imageSize());
        int[] l = java.util.Arrays.copyOf(labels, n);
        return new Dataset(name, p, l, n, height, width, channels, classes);
    }

    /**
     * The parts of a named dataset: the examples to train on, optionally a validation set held out of the
     * training file, and the test set.
     *
     * <p>{@code validation} is {@code null} when nothing is held out, as for every split a dataset is loaded
     * as; {@link #holdOut(Validation)} makes one that has it. The validation set never overlaps the
     * training set, and together they are the original training set.
     *
     * <pre>{@code
     * Dataset.Split loaded = Datasets.standard().load("mnist", dir, log, progress); // train + test
     * Dataset.Split tuned = loaded.holdOut(Validation.parse("tf1"));  // train 55000, validation 5000, test
     * }</pre>
     */
    public record Split(Dataset train, Dataset validation, Dataset test) {
        /** Train and test, nothing held out. */
        public Split(Dataset train, Dataset test) {
            this(train, null, test);
        }

        /** Whether a validation set was held out. */
        public boolean hasValidation() {
            return validation != null;
        }

        /**
         * This split with {@code rule}'s examples moved from the training set to a validation set; the
         * test set is the same object. Both parts keep the original order of their examples and are new
         * arrays, filled in one pass by block copies, so the training pixels are copied once in all (no
         * view fits this record, whose arrays start at image 0). {@code none} returns this split.
         *
         * @throws IllegalStateException    if a validation set is already held out
         * @throws IllegalArgumentException if the rule does not leave an example on each side (see
         *                                  {@link Validation#indices})
         */
        public Split holdOut(Validation rule) {
            Objects.requireNonNull(rule, "rule");
            if (hasValidation()) {
                throw new IllegalStateException("dataset " + train.name() + " already holds out a validation set of "
                        + validation.count() + " examples; hold out from a split loaded without one");
            }
            int[] held = rule.indices(train);
            if (held.length == 0) {
                return this;
            }
            int size = train.imageSize();
            int kept = train.count() - held.length;
            float[] tp = new float[kept * size], vp = new float[held.length * size];
            int[] tl = new int[kept], vl = new int[held.length];
            int t = 0, v = 0, from = 0;
            for (int h = 0; h <= held.length; h++) {
                int to = h < held.length ? held[h] : train.count(); // [from, to) stays for training
                System.arraycopy(train.pixels(), from * size, tp, t * size, (to - from) * size);
                System.arraycopy(train.labels(), from, tl, t, to - from);
                t += to - from;
                if (h < held.length) {
                    System.arraycopy(train.pixels(), to * size, vp, v * size, size);
                    vl[v++] = train.labels()[to];
                    from = to + 1;
                }
            }
            return new Split(new Dataset(train.name(), tp, tl, kept, train.height(), train.width(), train.channels(),
                    train.classes()), new Dataset(train.name(), vp, vl, held.length, train.height(), train.width(),
                    train.channels(), train.classes()), test);
        }
    }
}
