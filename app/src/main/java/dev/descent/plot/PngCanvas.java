package dev.descent.plot;

import dev.descent.io.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@link Canvas} that paints an RGB {@link BufferedImage} with Java2D, antialiased, on a white
 * background; {@link #write} saves it as PNG.
 *
 * <pre>{@code
 * PngCanvas c = new PngCanvas(1000, 600);
 * chart.render(c);
 * c.write(Path.of("loss.png"));
 * }</pre>
 */
public final class PngCanvas implements Canvas {
    static {
        Awt.ensureHeadless();
    }

    private final BufferedImage image;
    private final Graphics2D g;

    public PngCanvas(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("canvas size must be positive, got " + width + "x" + height);
        }
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
    }

    @Override
    public int width() {
        return image.getWidth();
    }

    @Override
    public int height() {
        return image.getHeight();
    }

    /** The image drawn so far (live: later drawing shows in it). */
    public BufferedImage image() {
        return image;
    }

    /** Writes the image as a PNG file, atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available in this JDK");
            }
        });
    }

    @Override
    public void polyline(double[] xy, LineStyle style) {
        if (xy.length < 4) {
            return;
        }
        Path2D.Double p = new Path2D.Double(Path2D.WIND_NON_ZERO, xy.length / 2);
        p.moveTo(xy[0], xy[1]);
        for (int i = 2; i + 1 < xy.length; i += 2) {
            p.lineTo(xy[i], xy[i + 1]);
        }
        apply(style);
        g.draw(p);
    }

    @Override
    public void fill(List<double[]> rings, Color color, double alpha) {
        Path2D.Double p = new Path2D.Double(Path2D.WIND_EVEN_ODD);
        for (double[] ring : rings) {
            if (ring.length < 6) {
                continue;
            }
            p.moveTo(ring[0], ring[1]);
            for (int i = 2; i + 1 < ring.length; i += 2) {
                p.lineTo(ring[i], ring[i + 1]);
            }
            p.closePath();
        }
        g.setColor(withAlpha(color, alpha));
        g.fill(p);
    }

    @Override
    public void rect(double x, double y, double w, double h, Color fill, LineStyle stroke) {
        Rectangle2D.Double r = new Rectangle2D.Double(x, y, w, h);
        paint(r, fill, stroke);
    }

    @Override
    public void marker(double x, double y, Marker shape, double size, Color fill, LineStyle stroke) {
        java.awt.Shape s;
        if (shape == Marker.CIRCLE) {
            s = new Ellipse2D.Double(x - size / 2, y - size / 2, size, size);
        } else {
            double[] ring = Fonts.markerRing(shape, x, y, size);
            Path2D.Double p = new Path2D.Double();
            p.moveTo(ring[0], ring[1]);
            for (int i = 2; i < ring.length; i += 2) {
                p.lineTo(ring[i], ring[i + 1]);
            }
            p.closePath();
            s = p;
        }
        paint(s, fill, stroke);
    }

    @Override
    public void text(double x, double y, String text, double size, boolean bold, Color color, HAlign h, VAlign v,
                     double rotationDeg) {
        if (text == null || text.isEmpty()) {
            return;
        }
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        if (rotationDeg != 0) {
            g.rotate(Math.toRadians(rotationDeg));
        }
        g.setFont(Fonts.font(size, bold));
        g.setColor(color);
        double w = Fonts.width(text, size, bold);
        g.drawString(text, (float) Fonts.hShift(h, w), (float) Fonts.baselineOffset(v, size));
        g.setTransform(saved);
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        g.setClip(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void unclip() {
        g.setClip(null);
    }

    private void paint(java.awt.Shape s, Color fill, LineStyle stroke) {
        if (fill != null) {
            g.setColor(fill);
            g.fill(s);
        }
        if (stroke != null) {
            apply(stroke);
            g.draw(s);
        }
    }

    private void apply(LineStyle s) {
        float w = (float) s.width();
        if (s.isDashed()) {
            double[] d = s.dashUnsafe();
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            g.setStroke(new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, f, 0f));
        } else {
            g.setStroke(new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }
        g.setColor(withAlpha(s.color(), s.alpha()));
    }

    private static Color withAlpha(Color c, double alpha) {
        return alpha >= 1 ? new Color(c.getRGB() | 0xFF000000, false)
                : new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(alpha * 255));
    }
}
