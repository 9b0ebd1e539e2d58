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

    /** Train and test halves of a named dataset. */
    public record Split(Dataset train, Dataset test) {
    }
}
