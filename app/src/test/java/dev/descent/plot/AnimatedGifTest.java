package dev.descent.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnimatedGifTest {

    /** A white picture with a grey box and a red line grown to {@code i} segments; few colours, so no quantization. */
    private static BufferedImage frame(int i) {
        BufferedImage img = new BufferedImage(200, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 120);
        g.setColor(Color.GRAY);
        g.fillRect(20, 20, 60, 40);
        g.setColor(Color.RED);
        for (int k = 0; k < i; k++) {
            g.drawLine(10 + 15 * k, 100 - 7 * k, 25 + 15 * k, 100 - 7 * (k + 1));
        }
        g.setColor(Color.BLUE);
        g.fillOval(8 + 15 * i, 96 - 7 * i, 6, 6); // the current point moves: pixels change back to earlier colours too
        g.dispose();
        return img;
    }

    @Test
    void deltaFrames_compositeBackToEveryFrame(@TempDir Path tmp) throws Exception {
        Path gif = tmp.resolve("a.gif");
        int n = 8;
        AnimatedGif.write(gif, n, AnimatedGifTest::frame, 50, 0);
        ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            r.setInput(in);
            assertEquals(n, r.getNumImages(true));
            BufferedImage canvas = new BufferedImage(200, 120, BufferedImage.TYPE_INT_RGB);
            for (int i = 0; i < n; i++) {
                BufferedImage part = r.read(i);
                IIOMetadataNode root = (IIOMetadataNode) r.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode d = (IIOMetadataNode) root.getElementsByTagName("ImageDescriptor").item(0);
                int x = Integer.parseInt(d.getAttribute("imageLeftPosition")), y = Integer.parseInt(d.getAttribute("imageTopPosition"));
                if (i > 0) {
                    assertTrue(part.getWidth() * part.getHeight() < 200 * 120 / 2, "frame " + i + " stores only what changed");
                }
                Graphics2D g = canvas.createGraphics();
                g.drawImage(part, x, y, null);
                g.dispose();
                BufferedImage want = frame(i);
                for (int py = 0; py < 120; py++) {
                    for (int px = 0; px < 200; px++) {
                        assertEquals(want.getRGB(px, py) & 0xFFFFFF, canvas.getRGB(px, py) & 0xFFFFFF,
                                "frame " + i + " pixel " + px + "," + py);
                    }
                }
            }
        } finally {
            r.dispose();
        }
        assertTrue(Files.size(gif) < 20_000, "size " + Files.size(gif));
    }
}
