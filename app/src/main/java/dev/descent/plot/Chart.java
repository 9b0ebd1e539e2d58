package dev.descent.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A picture of a fixed size that can draw itself on any {@link Canvas}; the default methods give its
 * SVG text, its image, and files.
 *
 * <pre>{@code
 * chart.writePng(Path.of("out/loss.png"));
 * String svg = chart.toSvg();
 * }</pre>
 */
public interface Chart {
    int width();

    int height();

    /** Draws the whole chart on {@code canvas}, whose size should be {@link #width()} x {@link #height()}. */
    void render(Canvas canvas);

    default String toSvg() {
        SvgCanvas c = new SvgCanvas(width(), height());
        render(c);
        return c.toSvg();
    }

    default BufferedImage toImage() {
        PngCanvas c = new PngCanvas(width(), height());
        render(c);
        return c.image();
    }

    default void writeSvg(Path file) throws IOException {
        SvgCanvas c = new SvgCanvas(width(), height());
        render(c);
        c.write(file);
    }

    default void writePng(Path file) throws IOException {
        PngCanvas c = new PngCanvas(width(), height());
        render(c);
        c.write(file);
    }
}
