package dev.descent.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContourPlotTest {

    static final Grid CIRCLE = Grid.sample((x, y) -> x * x + y * y, -2, 2, 101, -2, 2, 101);

    @Test
    void marchingSquares_circleLevelOne_isOneClosedRingNearRadiusOne() {
        List<double[]> lines = MarchingSquares.contour(CIRCLE, 1);
        assertEquals(1, lines.size());
        double[] r = lines.getFirst();
        assertTrue(r.length / 2 > 50, "ring of " + r.length / 2 + " points");
        assertEquals(r[0], r[r.length - 2], 1e-12, "closed: ends where it starts");
        assertEquals(r[1], r[r.length - 1], 1e-12);
        for (int i = 0; i < r.length; i += 2) {
            double radius = Math.hypot(r[i], r[i + 1]);
            assertEquals(1, radius, 0.01, "point " + i / 2);
        }
    }

    @Test
    void marchingSquares_levelOutsideRange_isEmpty_andOpenLinesStayOpen() {
        assertTrue(MarchingSquares.contour(CIRCLE, 100).isEmpty());
        // x*y = 0.5 in [-2,2]^2: two open hyperbola branches that leave the grid
        Grid saddle = Grid.sample((x, y) -> x * y, -2, 2, 41, -2, 2, 41);
        List<double[]> branches = MarchingSquares.contour(saddle, 0.5);
        assertEquals(2, branches.size());
        for (double[] b : branches) {
            assertTrue(b[0] != b[b.length - 2] || b[1] != b[b.length - 1], "open branch");
        }
        // level exactly at the saddle value: no exception, some segments
        assertTrue(!MarchingSquares.contour(saddle, 0).isEmpty());
    }

    @Test
    void marchingSquares_skipsNonFiniteCells() {
        Grid g = Grid.sample((x, y) -> x < 0 ? Double.NaN : x * x + y * y, -2, 2, 81, -2, 2, 81);
        for (double[] line : MarchingSquares.contour(g, 1)) {
            for (int i = 0; i < line.length; i += 2) {
                assertTrue(line[i] >= -0.06, "no contour in the NaN half: x=" + line[i]);
            }
        }
    }

    @Test
    void levels_logForWideRanges_linearOtherwise() {
        assertArrayEquals(new double[] {0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000, 3000},
                Levels.log(0.01, 3000), 0);
        assertArrayEquals(new double[] {0.5, 1, 1.5, 2, 2.5, 3, 3.5}, Levels.linear(0, 4, 8), 0);
        Grid rosen = Grid.sample(Samples::rosenbrock, -2, 2, 81, -1, 3, 81);
        double[] auto = Levels.auto(rosen, 10);
        assertTrue(auto[auto.length - 1] / auto[0] > 1e3, "log-spaced for Rosenbrock");
        double[] lin = Levels.auto(CIRCLE, 8);
        assertTrue(lin[1] - lin[0] == lin[2] - lin[1], "linear for x^2+y^2 on [-2,2]^2");
    }

    @Test
    void svg_isWellFormed_withFilledBands_contourLines_andTrajectoryLegend() throws Exception {
        double[][] p = Samples.rosenbrockPath(2, 100);
        ContourPlot plot = ContourPlot.builder().function(Samples::rosenbrock, -2, 2, -1, 3)
                .trajectory("adam & co", p[0], p[1]).start(-1.5, 2).minimum(1, 1).build();
        Document d = Xml.parse(plot.toSvg());
        long filledPaths = Xml.elements(d, "path").stream().filter(e -> "evenodd".equals(e.getAttribute("fill-rule"))).count();
        assertEquals(plot.levels().length, filledPaths, "one filled region per level");
        List<String> texts = Xml.texts(d);
        assertTrue(texts.contains("adam & co") && texts.contains("start") && texts.contains("minimum"), texts.toString());
    }

    @Test
    void png_showsTrajectoryColours_andFillsEveryBand() {
        double[][] p = Samples.rosenbrockPath(2, 300);
        double[][] q = Samples.rosenbrockPath(1, 300);
        ContourPlot plot = ContourPlot.builder().function(Samples::rosenbrock, -2, 2, -1, 3).size(600, 500)
                .trajectory("adam", p[0], p[1]).trajectory("momentum", q[0], q[1]).build();
        BufferedImage img = plot.toImage();
        assertEquals(600, img.getWidth());
        assertTrue(LineChartTest.countPixels(img, Palette.color(0)) > 30);
        assertTrue(LineChartTest.countPixels(img, Palette.color(1)) > 30);
        int bandsSeen = 0;
        for (int k = 0; k <= plot.levels().length; k++) {
            if (LineChartTest.countPixels(img, ContourPlot.fillColor(k, plot.levels().length)) > 0) {
                bandsSeen++;
            }
        }
        assertTrue(bandsSeen >= plot.levels().length, "band colours present: " + bandsSeen);
    }

    @Test
    void frames_cutPathsAtStep() throws Exception {
        double[] x = {-1, 0, 1}, y = {0, 0, 0};
        ContourPlot plot = ContourPlot.builder().function((a, b) -> a * a + b * b, -2, 2, -2, 2).filled(false)
                .lines(false).trajectory("p", x, y, Color.RED).size(400, 400).build();
        SvgCanvas c0 = new SvgCanvas(400, 400);
        plot.renderFrame(c0, 0);
        assertEquals(0, Xml.elements(Xml.parse(c0.toSvg()), "polyline").size(), "step 0: only the start point");
        assertTrue(c0.toSvg().contains(">step 0<"));
        SvgCanvas c1 = new SvgCanvas(400, 400);
        plot.renderFrame(c1, 1);
        var lines = Xml.elements(Xml.parse(c1.toSvg()), "polyline");
        assertEquals(2, lines.size(), "halo and line up to step 1");
        assertEquals(2, lines.get(1).getAttribute("points").split(" ").length);
        assertEquals(3, plot.steps());
    }

    @Test
    void animatedGif_hasOneImagePerFrame_andLoops(@TempDir Path tmp) throws Exception {
        List<BufferedImage> frames = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            PngCanvas c = new PngCanvas(120, 80);
            c.marker(20 + 20 * i, 40, Canvas.Marker.CIRCLE, 12, Palette.color(i), null);
            frames.add(c.image());
        }
        Path file = tmp.resolve("a.gif");
        AnimatedGif.write(file, frames, 100, 0);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
            r.setInput(in);
            assertEquals(5, r.getNumImages(true));
            IIOMetadataNode root = (IIOMetadataNode) r.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode app = (IIOMetadataNode) root.getElementsByTagName("ApplicationExtension").item(0);
            assertEquals("NETSCAPE", app.getAttribute("applicationID"));
            IIOMetadataNode gce = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
            assertEquals("10", gce.getAttribute("delayTime"));
            // later frames hold only the rectangle that changed; the animation's size is the logical screen's
            IIOMetadataNode stream = (IIOMetadataNode) r.getStreamMetadata().getAsTree("javax_imageio_gif_stream_1.0");
            IIOMetadataNode screen = (IIOMetadataNode) stream.getElementsByTagName("LogicalScreenDescriptor").item(0);
            assertEquals("120", screen.getAttribute("logicalScreenWidth"));
            assertEquals("80", screen.getAttribute("logicalScreenHeight"));
            r.dispose();
        }
    }

    @Test
    void contourPlot_writesGifWithRequestedFrames(@TempDir Path tmp) throws Exception {
        double[][] p = Samples.rosenbrockPath(2, 50);
        ContourPlot plot = ContourPlot.builder().function(Samples::rosenbrock, -2, 2, -1, 3).size(300, 260)
                .trajectory("adam", p[0], p[1]).build();
        Path file = tmp.resolve("p.gif");
        plot.writeGif(file, 7, 50);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
            r.setInput(in);
            assertEquals(7, r.getNumImages(true));
            r.dispose();
        }
    }

    @Test
    void builder_validates() {
        assertThrows(IllegalStateException.class, () -> ContourPlot.builder().build());
        assertThrows(IllegalArgumentException.class, () -> ContourPlot.builder().levels(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Grid(0, 0, 0, 1, new double[2][2]));
        assertThrows(IllegalArgumentException.class, () -> AnimatedGif.write(Path.of("x.gif"), List.of(), 10, 0));
    }
}
