package dev.descent.plot;

import dev.descent.io.AtomicFiles;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@link Canvas} that writes SVG 1.1 markup. Coordinates are rounded to one decimal and repeated points
 * dropped, which keeps curves of thousands of points compact; text is XML-escaped.
 *
 * <pre>{@code
 * SvgCanvas c = new SvgCanvas(1000, 600);
 * chart.render(c);
 * c.write(Path.of("loss.svg"));
 * }</pre>
 */
public final class SvgCanvas implements Canvas {
    private final int width;
    private final int height;
    private final StringBuilder out = new StringBuilder(1 << 16);
    private int clipIds;
    private boolean clipped;

    public SvgCanvas(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("canvas size must be positive, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" font-family=\"").append(Fonts.SVG_FAMILY).append("\">\n");
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    /** A {@code <line>} element, so that grid and tick lines are told apart from data polylines. */
    @Override
    public void line(double x1, double y1, double x2, double y2, LineStyle style) {
        out.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"").append(num(x2))
                .append("\" y2=\"").append(num(y2)).append('"');
        stroke(style);
        out.append("/>\n");
    }

    @Override
    public void polyline(double[] xy, LineStyle style) {
        if (xy.length < 4) {
            return;
        }
        out.append("<polyline points=\"");
        appendPoints(xy);
        out.append("\" fill=\"none\"");
        stroke(style);
        out.append("/>\n");
    }

    @Override
    public void fill(List<double[]> rings, Color color, double alpha) {
        StringBuilder d = new StringBuilder();
        for (double[] ring : rings) {
            if (ring.length < 6) {
                continue;
            }
            d.append('M');
            appendPath(d, ring);
            d.append('Z');
        }
        if (d.isEmpty()) {
            return;
        }
        out.append("<path d=\"").append(d).append("\" fill=\"").append(Palette.hex(color)).append('"');
        opacity("fill-opacity", alpha);
        out.append(" fill-rule=\"evenodd\" stroke=\"none\"/>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, Color fill, LineStyle stroke) {
        out.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"")
                .append(num(w)).append("\" height=\"").append(num(h)).append('"');
        paint(fill, stroke);
        out.append("/>\n");
    }

    @Override
    public void marker(double x, double y, Marker shape, double size, Color fill, LineStyle stroke) {
        if (shape == Marker.CIRCLE) {
            out.append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(num(y)).append("\" r=\"")
                    .append(num(size / 2)).append('"');
        } else {
            out.append("<polygon points=\"");
            appendPoints(Fonts.markerRing(shape, x, y, size));
            out.append('"');
        }
        paint(fill, stroke);
        out.append("/>\n");
    }

    @Override
    public void text(double x, double y, String text, double size, boolean bold, Color color, HAlign h, VAlign v,
                     double rotationDeg) {
        if (text == null || text.isEmpty()) {
            return;
        }
        String anchor = switch (h) {
            case LEFT -> "start";
            case CENTER -> "middle";
            case RIGHT -> "end";
        };
        out.append("<text x=\"0\" y=\"").append(num(Fonts.baselineOffset(v, size))).append("\" transform=\"translate(")
                .append(num(x)).append(',').append(num(y)).append(')');
        if (rotationDeg != 0) {
            out.append(" rotate(").append(num(rotationDeg)).append(')');
        }
        out.append("\" font-size=\"").append(num(size)).append("\" text-anchor=\"").append(anchor).append('"');
        if (bold) {
            out.append(" font-weight=\"bold\"");
        }
        out.append(" fill=\"").append(Palette.hex(color)).append("\">").append(escape(text)).append("</text>\n");
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        unclip();
        String id = "clip" + (clipIds++);
        out.append("<clipPath id=\"").append(id).append("\"><rect x=\"").append(num(x)).append("\" y=\"")
                .append(num(y)).append("\" width=\"").append(num(w)).append("\" height=\"").append(num(h))
                .append("\"/></clipPath>\n<g clip-path=\"url(#").append(id).append(")\">\n");
        clipped = true;
    }

    @Override
    public void unclip() {
        if (clipped) {
            out.append("</g>\n");
            clipped = false;
        }
    }

    /** The complete document so far (an open clip group is closed in the returned text, not in the canvas). */
    public String toSvg() {
        return out + (clipped ? "</g>\n" : "") + "</svg>\n";
    }

    /** Writes the drawing as an SVG file, atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, toSvg());
    }

    /** Escapes the five XML specials and drops characters XML 1.0 forbids. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        if (c != 0xFFFE && c != 0xFFFF) {
                            b.append(c);
                        }
                    }
                }
            }
        }
        return b.toString();
    }

    private void stroke(LineStyle s) {
        out.append(" stroke=\"").append(Palette.hex(s.color())).append("\" stroke-width=\"").append(num(s.width()))
                .append('"');
        opacity("stroke-opacity", s.alpha());
        if (s.isDashed()) {
            out.append(" stroke-dasharray=\"");
            double[] d = s.dashUnsafe();
            for (int i = 0; i < d.length; i++) {
                out.append(i == 0 ? "" : ",").append(num(d[i]));
            }
            out.append('"');
        } else {
            out.append(" stroke-linecap=\"round\"");
        }
        out.append(" stroke-linejoin=\"round\"");
    }

    private void paint(Color fill, LineStyle stroke) {
        out.append(" fill=\"").append(fill == null ? "none" : Palette.hex(fill)).append('"');
        if (fill != null && fill.getAlpha() < 255) {
            opacity("fill-opacity", fill.getAlpha() / 255.0);
        }
        if (stroke != null) {
            stroke(stroke);
        }
    }

    private void opacity(String attr, double alpha) {
        if (alpha < 1) {
            out.append(' ').append(attr).append("=\"").append(Math.round(alpha * 1000) / 1000.0).append('"');
        }
    }

    /** Polyline/polygon points: "x,y x,y ..." in tenths of a pixel, repeated points dropped. */
    private void appendPoints(double[] xy) {
        appendCoordinates(out, xy, ' ', ',');
    }

    /** Path data after an "M": "x yLx y..." in tenths of a pixel, repeated points dropped. */
    private static void appendPath(StringBuilder d, double[] xy) {
        appendCoordinates(d, xy, 'L', ' ');
    }

    private static void appendCoordinates(StringBuilder b, double[] xy, char betweenPoints, char betweenXY) {
        long px = Long.MIN_VALUE, py = Long.MIN_VALUE;
        boolean first = true;
        for (int i = 0; i + 1 < xy.length; i += 2) {
            long x = Math.round(xy[i] * 10), y = Math.round(xy[i + 1] * 10);
            if (x == px && y == py) {
                continue;
            }
            if (!first) {
                b.append(betweenPoints);
            }
            first = false;
            tenths(b, x);
            b.append(betweenXY);
            tenths(b, y);
            px = x;
            py = y;
        }
    }

    /** One decimal, without a trailing ".0". */
    static String num(double v) {
        StringBuilder b = new StringBuilder(12);
        tenths(b, Math.round(v * 10));
        return b.toString();
    }

    private static void tenths(StringBuilder b, long t) {
        if (t < 0) {
            b.append('-');
            t = -t;
        }
        b.append(t / 10);
        if (t % 10 != 0) {
            b.append('.').append(t % 10);
        }
    }
}
