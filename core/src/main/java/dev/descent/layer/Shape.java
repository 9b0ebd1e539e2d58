package dev.descent.layer;

/** The shape of one example as it flows between layers: {@code height × width × channels}, stored NHWC. */
public record Shape(int height, int width, int channels) {

    public Shape {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("shape dimensions must be positive, got " + height + "x" + width + "x" + channels);
        }
    }

    /** A flat vector of {@code n} features. */
    public static Shape vector(int n) {
        return new Shape(1, 1, n);
    }

    public int size() {
        return height * width * channels;
    }

    @Override
    public String toString() {
        return height == 1 && width == 1 ? "[" + channels + "]" : "[" + height + "x" + width + "x" + channels + "]";
    }
}
