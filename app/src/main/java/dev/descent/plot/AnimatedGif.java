package dev.descent.plot;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Writes frames as an animated GIF with the JDK's GIF writer: each frame gets a Graphics Control
 * Extension with the delay, and the first the {@code NETSCAPE2.0} application extension that makes
 * browsers loop. Colours are reduced to a 256-colour palette per frame by the writer.
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
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.deleteIfExists(file); // the stream would otherwise leave a longer old file's tail in place
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            int centis = Math.max(2, Math.round(delayMillis / 10f));
            int w = -1, h = -1;
            for (int i = 0; i < count; i++) {
                BufferedImage img = toRgb(frame.apply(i));
                if (i == 0) {
                    w = img.getWidth();
                    h = img.getHeight();
                } else if (img.getWidth() != w || img.getHeight() != h) {
                    throw new IllegalArgumentException("all frames must be " + w + "x" + h + ", frame " + i + " is "
                            + img.getWidth() + "x" + img.getHeight());
                }
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
                configure(meta, centis, i == 0, loops);
                writer.writeToSequence(new IIOImage(img, null, meta), param);
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

    private static void configure(IIOMetadata meta, int centis, boolean first, int loops) throws IIOInvalidTreeException {
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(FORMAT);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(centis));
        gce.setAttribute("transparentColorIndex", "0");
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
