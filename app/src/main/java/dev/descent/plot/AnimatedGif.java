package dev.descent.plot;

import dev.descent.io.AtomicFiles;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Writes frames as an animated GIF with the JDK's GIF writer: each frame gets a Graphics Control
 * Extension with the delay, and the first the {@code NETSCAPE2.0} application extension that makes
 * browsers loop. Colours are reduced to a 256-colour palette per frame by the writer.
 *
 * <p>Frames after the first are stored as changes: only the rectangle where the frame differs from the one
 * before is written, left in place on top of it ({@code doNotDispose}); when that rectangle holds at most 255
 * colours, pixels that did not change are transparent, which compresses to almost nothing. An animation whose
 * frames differ by a growing line (optimizer paths) thus costs little more than its first frame.
 *
 * <pre>{@code
 * List<BufferedImage> frames = contourPlot.frames(60);
 * AnimatedGif.write(Path.of("paths.gif"), frames, 80, 0);   // 80 ms per frame, loop forever
 * }</pre>
 */
public final class AnimatedGif {
    static {
        Awt.ensureHeadless();
    }

    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    private AnimatedGif() {
    }

    /**
     * @param frames      the images, all the same size
     * @param delayMillis time each frame is shown; GIF stores hundredths of a second, so this is rounded
     *                    (and at least 20 ms: many viewers slow faster frames down to 100 ms)
     * @param loops       how many times to play; 0 loops forever
     */
    public static void write(Path file, List<BufferedImage> frames, int delayMillis, int loops) throws IOException {
        write(file, frames.size(), frames::get, delayMillis, loops);
    }

    /**
     * As {@link #write(Path, List, int, int)} with frames made one at a time by {@code frame.apply(i)},
     * so a long animation never holds all its images in memory.
     */
    public static void write(Path file, int count, IntFunction<BufferedImage> frame, int delayMillis, int loops)
            throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("an animated GIF needs at least one frame, got " + count);
        }
        if (delayMillis < 0 || loops < 0 || loops > 0xFFFF) {
            throw new IllegalArgumentException("delayMillis must be >= 0 and loops in [0, 65535], got "
                    + delayMillis + ", " + loops);
        }
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("gif");
        if (!it.hasNext()) {
            throw new IOException("no GIF writer available in this JDK");
        }
        ImageWriter writer = it.next();
        AtomicFiles.write(file, stream -> writeFrames(writer, stream, count, frame, delayMillis, loops));
    }

    private static void writeFrames(ImageWriter writer, OutputStream stream, int count, IntFunction<BufferedImage> frame,
                                    int delayMillis, int loops) throws IOException {
        try (ImageOutputStream out = ImageIO.createImageOutputStream(stream)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            int centis = Math.max(2, Math.round(delayMillis / 10f));
            int w = -1, h = -1;
            int[] previous = null;
            for (int i = 0; i < count; i++) {
                BufferedImage img = toRgb(frame.apply(i));
                if (i == 0) {
                    w = img.getWidth();
                    h = img.getHeight();
                } else if (img.getWidth() != w || img.getHeight() != h) {
                    throw new IllegalArgumentException("all frames must be " + w + "x" + h + ", frame " + i + " is "
                            + img.getWidth() + "x" + img.getHeight());
                }
                int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
                Delta d = previous == null ? new Delta(img, 0, 0, -1) : delta(previous, rgb, w, h);
                previous = rgb;
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(d.image()), param);
                configure(meta, centis, i == 0, loops, d);
                writer.writeToSequence(new IIOImage(d.image(), null, meta), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    private static BufferedImage toRgb(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_INT_RGB) {
            return img;
        }
        BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        var g = rgb.createGraphics();
        g.drawImage(img, 0, 0, java.awt.Color.WHITE, null);
        g.dispose();
        return rgb;
    }

    /** What is written for one frame: an image placed at (left, top), with a transparent index or -1. */
    private record Delta(BufferedImage image, int left, int top, int transparent) {
    }

    /** The bounding box of the pixels that changed, as an indexed image with unchanged pixels transparent. */
    private static Delta delta(int[] before, int[] after, int w, int h) {
        int x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0, k = y * w; x < w; x++, k++) {
                if (before[k] != after[k]) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        if (x1 < 0) { // nothing changed: one pixel, as it was
            x0 = x1 = y0 = y1 = 0;
        }
        int bw = x1 - x0 + 1, bh = y1 - y0 + 1;
        java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
        for (int y = y0; y <= y1; y++) {
            for (int x = x0, k = y * w + x0; x <= x1; x++, k++) {
                if (before[k] != after[k]) {
                    counts.merge(after[k] & 0xFFFFFF, 1, Integer::sum);
                }
            }
        }
        // at most 255 colours, the most frequent; the rare rest (antialiased edges) take the nearest of them
        List<Integer> colours = new java.util.ArrayList<>(counts.keySet());
        colours.sort((p, q) -> Integer.compare(counts.get(q), counts.get(p)));
        if (colours.size() > 255) {
            colours = colours.subList(0, 255);
        }
        java.util.Map<Integer, Integer> index = new java.util.HashMap<>();
        for (int c : colours) {
            index.put(c, index.size());
        }
        for (int c : counts.keySet()) {
            if (!index.containsKey(c)) {
                index.put(c, nearest(c, colours));
            }
        }
        int transparent = colours.size(), size = Math.max(2, transparent + 1);
        byte[] r = new byte[size], g = new byte[size], b = new byte[size];
        for (int i = 0; i < colours.size(); i++) {
            int c = colours.get(i);
            r[i] = (byte) (c >> 16);
            g[i] = (byte) (c >> 8);
            b[i] = (byte) c;
        }
        java.awt.image.IndexColorModel cm = new java.awt.image.IndexColorModel(8, size, r, g, b, transparent);
        BufferedImage box = new BufferedImage(bw, bh, BufferedImage.TYPE_BYTE_INDEXED, cm);
        byte[] px = ((java.awt.image.DataBufferByte) box.getRaster().getDataBuffer()).getData();
        for (int y = y0; y <= y1; y++) {
            for (int x = x0, k = y * w + x0; x <= x1; x++, k++) {
                px[(y - y0) * bw + (x - x0)] = (byte) (before[k] == after[k] ? transparent : index.get(after[k] & 0xFFFFFF));
            }
        }
        return new Delta(box, x0, y0, transparent);
    }

    private static int nearest(int c, List<Integer> palette) {
        int best = 0;
        long bestD = Long.MAX_VALUE;
        for (int i = 0; i < palette.size(); i++) {
            int p = palette.get(i);
            long dr = ((c >> 16) & 0xFF) - ((p >> 16) & 0xFF), dg = ((c >> 8) & 0xFF) - ((p >> 8) & 0xFF), db = (c & 0xFF) - (p & 0xFF);
            long d = dr * dr + dg * dg + db * db;
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    private static void configure(IIOMetadata meta, int centis, boolean first, int loops, Delta d) throws IIOInvalidTreeException {
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(FORMAT);
        IIOMetadataNode desc = child(root, "ImageDescriptor");
        desc.setAttribute("imageLeftPosition", Integer.toString(d.left()));
        desc.setAttribute("imageTopPosition", Integer.toString(d.top()));
        desc.setAttribute("imageWidth", Integer.toString(d.image().getWidth()));
        desc.setAttribute("imageHeight", Integer.toString(d.image().getHeight()));
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "doNotDispose");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", d.transparent() >= 0 ? "TRUE" : "FALSE");
        gce.setAttribute("delayTime", Integer.toString(centis));
        gce.setAttribute("transparentColorIndex", Integer.toString(Math.max(0, d.transparent())));
        if (first) {
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            // sub-block 1 = loop count, little-endian 16 bits
            app.setUserObject(new byte[] {1, (byte) (loops & 0xFF), (byte) ((loops >> 8) & 0xFF)});
            apps.appendChild(app);
        }
        meta.setFromTree(FORMAT, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode n = new IIOMetadataNode(name);
        root.appendChild(n);
        return n;
    }
}
