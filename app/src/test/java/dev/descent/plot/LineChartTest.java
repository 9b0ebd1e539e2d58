package dev.descent.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineChartTest {

    static LineChart threeSeries() {
        double[] x = Samples.steps(200);
        double[][] y = new double[3][200];
        for (int i = 0; i < 200; i++) {
            y[0][i] = 1 + 0.2 * Math.sin(i / 10.0);
            y[1][i] = 2 + 0.2 * Math.sin(i / 10.0);
            y[2][i] = 3 + 0.2 * Math.sin(i / 10.0);
        }
        return LineChart.builder().title("three").xLabel("step").yLabel("value")
                .add(LineChart.Series.of("alpha", x, y[0]).width(3))
                .add(LineChart.Series.of("beta <&> 'q'", x, y[1]).width(3))
                .add(LineChart.Series.of("gamma", x, y[2]).width(3).dashed())
                .build();
    }

    @Test
    void svg_isWellFormed_withOnePolylinePerSeries_andLegendText() throws Exception {
        LineChart chart = threeSeries();
        Document d = Xml.parse(chart.toSvg());
        var polylines = Xml.elements(d, "polyline");
        assertEquals(3, polylines.size(), "one polyline per continuous series");
        for (int k = 0; k < 3; k++) {
            assertEquals(Palette.hex(Palette.color(k)), polylines.get(k).getAttribute("stroke"));
        }
        List<String> texts = Xml.texts(d);
        assertTrue(texts.contains("alpha"), texts.toString());
        assertTrue(texts.contains("beta <&> 'q'"), "escaped legend text survives parsing: " + texts);
        assertTrue(texts.contains("gamma"));
        assertTrue(texts.contains("three") && texts.contains("step") && texts.contains("value"));
        assertFalse(polylines.get(2).getAttribute("stroke-dasharray").isEmpty());
    }

    @Test
    void png_decodes_hasRequestedSize_andShowsEverySeriesColour(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("c.png");
        LineChart chart = LineChart.builder().size(640, 400)
                .add(LineChart.Series.of("a", new double[] {0, 1, 2}, new double[] {1, 1, 1}).width(3))
                .add(LineChart.Series.of("b", new double[] {0, 1, 2}, new double[] {2, 2, 2}).width(3))
                .add(LineChart.Series.of("c", new double[] {0, 1, 2}, new double[] {3, 3, 3}).width(3))
                .legend(LegendPosition.NONE).build();
        chart.writePng(file);
        BufferedImage img = ImageIO.read(file.toFile());
        assertNotNull(img, "ImageIO decodes the PNG");
        assertEquals(640, img.getWidth());
        assertEquals(400, img.getHeight());
        for (int k = 0; k < 3; k++) {
            int n = countPixels(img, Palette.color(k));
            assertTrue(n > 300, "series " + k + " colour " + Palette.hex(Palette.color(k)) + " found in " + n + " pixels");
        }
    }

    static int countPixels(BufferedImage img, Color c) {
        int want = c.getRGB() & 0xFFFFFF, n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == want) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void nanAndInfinity_areSkipped_withoutExceptions() throws Exception {
        double[] x = {0, 1, 2, 3, 4, 5, Double.NaN, 7};
        double[] y = {1, Double.NaN, 2, Double.POSITIVE_INFINITY, 3, -1, 4, 5};
        double[] allNaN = {Double.NaN, Double.NaN};
        LineChart chart = LineChart.builder().yLog()
                .add(LineChart.Series.of("bad", x, y).band(y, y))
                .add(LineChart.Series.of("nan", new double[] {0, 1}, allNaN))
                .add(LineChart.Series.of("empty", new double[0], new double[0]))
                .build();
        double[] xr = chart.xRange(), yr = chart.yRange(xr);
        assertTrue(Double.isFinite(yr[0]) && Double.isFinite(yr[1]) && yr[0] > 0 && yr[0] < 1 && yr[1] > 5,
                "y range from the finite positive values: " + yr[0] + ".." + yr[1]);
        Document d = Xml.parse(chart.toSvg());
        // 1 -> (NaN) -> 2 -> (inf) -> 3 -> (-1 off log axis) -> 4 -> (x NaN) -> 5: no two neighbours are finite
        // except none, so nothing but isolated points: no data polylines at all
        assertEquals(0, Xml.elements(d, "polyline").size());
        assertNotNull(chart.toImage());
        LineChart empty = LineChart.builder().build();
        Xml.parse(empty.toSvg());
        empty.toImage();
    }

    @Test
    void yRange_canIgnoreTheFirstSpike_orClipToPercentiles() {
        double[] y = new double[100];
        for (int i = 0; i < y.length; i++) {
            y[i] = 1 + (i % 10) / 10.0;
        }
        y[0] = 1000;
        LineChart.Series s = LineChart.Series.of("loss", y);
        LineChart auto = LineChart.builder().add(s).build();
        assertTrue(auto.yRange(auto.xRange())[1] >= 1000);
        LineChart skip = LineChart.builder().add(s).yIgnoreFirst(1).build();
        assertTrue(skip.yRange(skip.xRange())[1] < 2.1, "spike ignored");
        LineChart pct = LineChart.builder().add(s).yClipPercentile(0, 98).build();
        assertTrue(pct.yRange(pct.xRange())[1] < 2.1, "top 2% clipped");
        LineChart fixed = LineChart.builder().add(s).yRange(0, 5).build();
        double[] r = fixed.yRange(fixed.xRange());
        assertEquals(0, r[0]);
        assertEquals(5, r[1]);
    }

    @Test
    void ignoringOutliers_linear_byHand() {
        // 0, 1, ..., 19 and an outlier 1000 (21 values): q05 at h = 20 * 0.05 = 1 is 1, q95 at h = 19 is 19; widened by
        // 0.2 * 18 = 3.6 to [-2.6, 22.6], then kept inside the data: [0, 22.6]
        double[] v = new double[21];
        for (int i = 0; i < 20; i++) {
            v[i] = i;
        }
        v[20] = 1000;
        double[] r = LineChart.ignoringOutliers(v, 0.05, 0.95, false);
        assertEquals(0, r[0], 1e-12);
        assertEquals(22.6, r[1], 1e-12);
        // the loss plots' rule keeps the lowest value: q0 = 0, q95 = 19, widened by 0.2 * 19 = 3.8 at the top
        r = LineChart.ignoringOutliers(v, 0, 0.95, false);
        assertEquals(0, r[0], 1e-12);
        assertEquals(22.8, r[1], 1e-12);
    }

    @Test
    void ignoringOutliers_log_measuresInDecades_byHand() {
        // log10 values 0, 0.1, ..., 1.9 and a 1e-7 outlier (log -7), a zero and a NaN (both unusable on a log axis):
        // q05 = 0, q95 = 1.8, widened by 0.36 to [-0.36, 2.16], kept inside the data: [10^-0.36, 10^1.9]
        double[] v = new double[23];
        for (int i = 0; i < 20; i++) {
            v[i] = Math.pow(10, i / 10.0);
        }
        v[20] = 1e-7;
        v[21] = 0;
        v[22] = Double.NaN;
        double[] r = LineChart.ignoringOutliers(v, 0.05, 0.95, true);
        assertEquals(Math.pow(10, -0.36), r[0], 1e-12);
        assertEquals(Math.pow(10, 1.9), r[1], 1e-9);
        assertTrue(Double.isNaN(LineChart.ignoringOutliers(new double[] {0, -1}, 0.05, 0.95, true)[0]), "nothing usable");
    }

    @Test
    void contextSeries_neverSetTheYRange_andAnEnvelopeDrawsABandOnly() throws Exception {
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] smooth = {2, 1.5, 1.2, 1, 0.9, 0.8};
        double[] raw = {2, 1e-7, 1.3, 0.9, 1e-6, 0.8};   // single-batch lows that would stretch a log axis by decades
        LineChart chart = LineChart.builder().yLog()
                .add(LineChart.Series.of("smoothed", x, smooth).width(3))
                .add(LineChart.Series.of(null, x, raw).width(1).asContext())
                .add(LineChart.Series.envelope(Envelope.of(x, raw, 2)))
                .build();
        double[] r = chart.yRange(chart.xRange());
        double[] alone = LineChart.builder().yLog().add(LineChart.Series.of("smoothed", x, smooth)).build().yRange(new double[] {1, 6});
        assertArrayEquals(alone, r, "the same range as the smoothed curve alone");
        assertTrue(r[0] > 0.7 && r[1] < 2.2, r[0] + ".." + r[1]);
        Document d = Xml.parse(chart.toSvg());
        assertEquals(1, Xml.elements(d, "polyline").stream().filter(p -> p.getAttribute("stroke-width").equals("3")).count(),
                "one whole smoothed line");
        assertTrue(Xml.elements(d, "polyline").stream().filter(p -> p.getAttribute("stroke-width").equals("1")).count() > 1,
                "the raw line cut where it leaves the frame");
        assertFalse(Xml.elements(d, "path").isEmpty(), "the envelope is a filled band");
        var e = assertThrows(IllegalArgumentException.class,
                () -> new LineChart.Series("s", x, x, null, null, null, 1, 1, false, null, false, false, false));
        assertTrue(e.getMessage().contains("a marker or a band"), e.getMessage());
    }

    @Test
    void thousandsOfPoints_giveCompactSvg_withOneDecimalCoordinates() throws Exception {
        int n = 1000;
        double[] x = Samples.steps(n);
        LineChart.Builder b = LineChart.builder().yLog();
        for (int opt = 0; opt < 4; opt++) {
            for (int seed = 0; seed < 3; seed++) {
                b.smoothed("opt" + opt + " seed" + seed, x, Samples.loss(n, 0.003 * (opt + 1), 0.05, 10 * opt + seed),
                        0.9, Palette.color(opt));
            }
        }
        String svg = b.build().toSvg();
        assertTrue(svg.length() < 500_000, "24 curves of 1000 points in " + svg.length() + " chars");
        var polylines = Xml.elements(Xml.parse(svg), "polyline");
        // the 12 smoothed curves set the y range and are drawn whole; the 12 raw ones are context, cut at the frame
        assertEquals(12, polylines.stream().filter(p -> p.getAttribute("stroke-width").equals("2.2")).count());
        assertTrue(polylines.size() > 24, "raw curves cut where they leave the smoothed range: " + polylines.size());
        Pattern twoDecimals = Pattern.compile("\\d\\.\\d\\d");
        for (var p : polylines) {
            assertFalse(twoDecimals.matcher(p.getAttribute("points")).find(), "coordinates carry at most one decimal");
        }
    }

    @Test
    void decimation_keepsSpikes_andBoundsPointsPerColumn() {
        int n = 100_000;
        double[] xy = new double[2 * n];
        for (int i = 0; i < n; i++) {
            xy[2 * i] = i / 200.0; // 500 px wide
            xy[2 * i + 1] = i == 50_000 ? -400 : Math.sin(i / 500.0);
        }
        double[] d = Geom.decimate(xy);
        assertTrue(d.length / 2 <= 4 * 501, "at most 4 points per column, got " + d.length / 2);
        double min = Double.POSITIVE_INFINITY;
        for (int i = 1; i < d.length; i += 2) {
            min = Math.min(min, d[i]);
        }
        assertEquals(-400, min, "the one-point spike survives");
    }

    @Test
    void clipping_cutsSegmentsAtTheBox() {
        List<double[]> pieces = Geom.clip(new double[] {-10, 5, 10, 5, 30, 5, 30, 50, 5, 8}, new double[] {0, 0, 20, 10});
        assertEquals(2, pieces.size());
        assertEquals(0, pieces.get(0)[0], 1e-12);
        assertEquals(20, pieces.get(0)[pieces.get(0).length - 2], 1e-12);
    }

    @Test
    void series_validatesLengths() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> LineChart.Series.of("s", new double[3], new double[2]));
        assertTrue(e.getMessage().contains("same length"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LineChart.Series.of("s", new double[2]).alpha(2));
        assertThrows(IllegalArgumentException.class, () -> LineChart.builder().yClipPercentile(50, 10));
    }

    @Test
    void legend_avoidsData_orMovesOutside() throws Exception {
        // data fills the top-right corner only: the legend goes to another inside corner
        LineChart a = LineChart.builder()
                .add(LineChart.Series.of("rising", new double[] {0, 1}, new double[] {0, 1}))
                .build();
        Document d = Xml.parse(a.toSvg());
        var rect = Xml.elements(d, "rect").getLast();
        double lx = Double.parseDouble(rect.getAttribute("x"));
        double ly = Double.parseDouble(rect.getAttribute("y"));
        assertTrue(lx > 500 && ly > 300, "legend at bottom-right, away from the rising line: " + lx + "," + ly);
    }
}
