package dev.descent.cli;

import dev.descent.landscape.LrTuner;
import dev.descent.pictures.LandscapePictures;
import dev.descent.plot.Palette;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LandscapeCommandTest {

    /** Exit code, standard output and errors of one command-line run. */
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        dev.descent.cli.CliRun.Result r = dev.descent.cli.CliRun.run(args);
        return new Run(r.exit(), r.out(), r.err());
    }

    @Test
    void csv_matchesTheUpdatesComputedByHand(@TempDir Path tmp) throws Exception {
        Run r = run("landscape", "quadratic(condition=10)", "--optimizer", "sgd", "--optimizer", "momentum(momentum=0.9)",
                "--lr", "0.05", "--steps", "5", "--start=-9,2", "--out", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = Files.readAllLines(tmp.resolve("paths.csv"));
        assertEquals("optimizer,step,x,y,f", lines.get(0));
        assertEquals(1 + 2 * 6, lines.size());
        // SGD on ½(x² + 10y²): ∇f = (x, 10y), x ← x − lr·∇f, in float as the optimizer computes it
        float lr = 0.05f, x = -9, y = 2;
        for (int t = 0; t <= 5; t++) {
            String[] c = lines.get(1 + t).split(",");
            assertEquals("sgd(lr=0.05)", c[0]);
            assertEquals(t, Integer.parseInt(c[1]));
            assertEquals(x, Double.parseDouble(c[2]), 0, "x at step " + t);
            assertEquals(y, Double.parseDouble(c[3]), 0, "y at step " + t);
            assertEquals(0.5 * ((double) x * x + 10.0 * y * y), Double.parseDouble(c[4]), 1e-9);
            x = x - lr * x;
            y = y - lr * (float) (10.0 * y);
        }
        // heavy ball: v ← βv + g, x ← x − lr·v
        float vx = 0, vy = 0;
        x = -9;
        y = 2;
        for (int t = 0; t <= 5; t++) {
            String[] c = lines.get(7 + t).split(",");
            assertEquals("\"momentum(momentum=0.9", c[0]);
            assertEquals(x, Double.parseDouble(c[3]), 1e-6, "momentum x at step " + t);
            assertEquals(y, Double.parseDouble(c[4]), 1e-6, "momentum y at step " + t);
            vx = 0.9f * vx + x;
            vy = 0.9f * vy + (float) (10.0 * y);
            x -= lr * vx;
            y -= lr * vy;
        }
        assertTrue(lines.get(7).startsWith("\"momentum(momentum=0.9, lr=0.05)\",0,"), lines.get(7));
    }

    @Test
    void pictures_areValidAndHoldOnePathPerOptimizer(@TempDir Path tmp) throws Exception {
        Run r = run("landscape", "rosenbrock", "--optimizer", "sgd(lr=0.001), momentum(momentum=0.9, lr=0.001), adam(lr=0.05)",
                "--steps", "80", "--out", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        for (String svg : List.of("contour.svg", "gap.svg")) {
            Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(tmp.resolve(svg).toFile());
            assertEquals("svg", d.getDocumentElement().getNodeName());
        }
        String contour = Files.readString(tmp.resolve("contour.svg"));
        for (int i = 0; i < 3; i++) {
            String hex = Palette.hex(LandscapePictures.color(i));
            assertEquals(1, count(contour, "<polyline points=\"[^\"]*\" fill=\"none\" stroke=\"" + hex + "\" stroke-width=\"2\""),
                    "one path drawn in " + hex);
        }
        assertEquals(0, count(contour, "stroke=\"" + Palette.hex(LandscapePictures.color(3)) + "\""), "no fourth path");
        assertTrue(contour.contains("adam(lr=0.05)"), "legend names spec and lr");
        BufferedImage png = ImageIO.read(tmp.resolve("contour.png").toFile());
        assertNotNull(png);
        assertEquals(900, png.getWidth());
        for (int i = 0; i < 3; i++) {
            assertTrue(pixels(png, LandscapePictures.color(i)) > 100, "pixels of path " + i);
        }
        assertNotNull(ImageIO.read(tmp.resolve("gap.png").toFile()));
        assertEquals(3, count(Files.readString(tmp.resolve("gap.svg")), "<polyline"), "one curve per optimizer");
        assertEquals(LandscapePictures.gifFrames(80), gifFrames(tmp.resolve("paths.gif")));
    }

    @Test
    void tune_picksTheBestRateOfTheGridAndSaysSo(@TempDir Path tmp) throws Exception {
        // on x² + y² SGD multiplies the point by 1 − 2·lr: of 0.01 … 1 in half decades, 0.316 gets closest to 0
        Run r = run("landscape", "bowl(a=1)", "--optimizer", "sgd", "--tune",
                "--tune-space", "space(lr=range(low=1e-2, high=1, scale=log, points=5))", "--steps", "20", "--out", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readAllLines(tmp.resolve("paths.csv")).get(1).startsWith("sgd(lr=0.316),0,"));
        assertTrue(Files.readString(tmp.resolve("contour.svg")).contains("sgd(lr=0.316) (tuned)"));
        assertTrue(r.out().contains("sgd(lr=0.316) (tuned)"), r.out());
        String how = "lr tuned on a 5-point log grid by the mean of the last 2 values of f";
        assertTrue(Files.readString(tmp.resolve("contour.svg")).contains(how), "the contour legend says how");
        assertTrue(Files.readString(tmp.resolve("gap.svg")).contains(how), "the gap legend says how");
        assertTrue(r.out().contains(how), r.out());
    }

    @Test
    void tune_ranksAnOscillatingPathByTheMeanOfItsLastStepsNotItsFinalValue(@TempDir Path tmp) throws Exception {
        // heavy ball on x² + y² from (−4, 2): both coordinates follow v ← 0.9v + 2s, s ← s − lr·v, and f = 20·s².
        // Both rates swing through the minimum; lr 0.316 happens to stop next to it, lr 0.0316 one step after it.
        double[][] f = new double[2][];
        double[] lrs = {0.0316, 0.316};
        for (int k = 0; k < 2; k++) {
            double s = 1, v = 0;
            f[k] = new double[21];
            f[k][0] = 20;
            for (int t = 1; t <= 20; t++) {
                v = 0.9 * v + 2 * s;
                s -= lrs[k] * v;
                f[k][t] = 20 * s * s;
            }
        }
        assertTrue(f[1][20] < f[0][20] / 3, "by the final value lr 0.316 wins: " + f[1][20] + " < " + f[0][20]);
        double mean0 = (f[0][19] + f[0][20]) / 2, mean1 = (f[1][19] + f[1][20]) / 2; // window: 20 steps / 10
        assertTrue(mean0 < mean1 / 3, "by the mean of the last 2 lr 0.0316 wins: " + mean0 + " < " + mean1);

        Run r = run("landscape", "bowl(a=1)", "--optimizer", "momentum(momentum=0.9)", "--tune",
                "--tune-space", "space(lr=[0.0316, 0.316])", "--steps", "20", "--out", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = Files.readAllLines(tmp.resolve("paths.csv"));
        assertTrue(lines.get(1).startsWith("\"momentum(momentum=0.9, lr=0.0316)\",0,"), lines.get(1));
        for (int t : new int[] {19, 20}) {
            String[] c = lines.get(1 + t).split(",");
            assertEquals(f[0][t], Double.parseDouble(c[5]), 1e-5 * f[0][0], "f at step " + t);
        }
        assertTrue(r.out().contains("lr tuned on 2 given rates by the mean of the last 2 values of f"), r.out());
    }

    @Test
    void saddle_marksNoMinimumAndPlotsFItself(@TempDir Path tmp) throws Exception {
        Run r = run("landscape", "saddle", "--optimizer", "adam", "--lr", "0.05", "--steps", "100", "--out", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        assertFalse(Files.readString(tmp.resolve("contour.svg")).contains(">minimum<"));
        assertTrue(Files.readString(tmp.resolve("gap.svg")).contains("no minimum"));
        assertTrue(r.out().contains("left the domain at step"), r.out());
    }

    @Test
    void lrByName_appliesToThatOptimizerOnly(@TempDir Path tmp) throws Exception {
        Run r = run("landscape", "beale", "--optimizer", "sgd, adam", "--lr", "0.001", "--lr", "adam=0.1", "--steps", "3",
                "--out", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        String csv = Files.readString(tmp.resolve("paths.csv"));
        assertTrue(csv.contains("\nsgd(lr=0.001),0,") && csv.contains("\nadam(lr=0.1),0,"), csv);
    }

    @Test
    void badInput_isReportedWithWhatIsAllowed() {
        Run r = run("landscape", "rosenbrok");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown function 'rosenbrok'; known: rosenbrock, beale"), r.err());
        r = run("landscape", "rosenbrock", "--start", "1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--start must be X,Y"), r.err());
        r = run("landscape", "rosenbrock", "--start", "9,9");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("outside rosenbrock's domain"), r.err());
        r = run("landscape", "rosenbrock", "--optimizer", "adamm");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown optimizer 'adamm'"), r.err());
        r = run("landscape", "rosenbrock", "--lr", "0.1", "--tune");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("not both"), r.err());
        r = run("landscape", "rosenbrock", "--tune-space", "space(lr=range(low=1e-4, high=1, scale=log, points=9)");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--tune-space 'space(lr=range(low=1e-4, high=1, scale=log, points=9)': "), r.err());
        r = run("landscape", "rosenbrock", "--tune-space", "space(lr=range(low=1e-4, high=1, scale=log))");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--tune-space 'space(lr=range(low=1e-4, high=1, scale=log))': lr: a grid needs points"), r.err());
        r = run("landscape", "rosenbrock", "--tune-space", "space(lr=range(low=1e-4, high=1, scale=cubic, points=9))");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("lr: scale must be log or linear, got 'cubic'"), r.err());
        r = run("landscape", "rosenbrock", "--tune-space", "space(momentum=[0.9, 0.99])");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("searches the learning rate only: the space must have the one dimension lr, got momentum"), r.err());
        r = run("landscape", "rosenbrock", "--tune-space", "space(lr=[0, 0.1])");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("every learning rate must be a finite number > 0, got 0"), r.err());
        r = run("landscape", "rosenbrock", "--lr", "0.01", "--tune-space", "space(lr=[0.01, 0.1])");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--tune-space is given but every optimizer has its learning rate"), r.err());
        r = run("landscape", "beale", "--gallery");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("takes only --out"), r.err());
        r = run("landscape", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("--gallery") && r.out().contains("--tune"), r.out());
        assertTrue(r.out().contains("--tune-space") && r.out().contains("lowest mean f over"), r.out());
        assertTrue(r.out().replaceAll("\\s", "").contains("default:" + LrTuner.DEFAULT_SPACE_SPEC.replace(" ", "")), r.out()); // wrapped
    }

    static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    static int pixels(BufferedImage img, Color c) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == (c.getRGB() & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }

    static int gifFrames(Path gif) throws Exception {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            return reader.getNumImages(true);
        } finally {
            reader.dispose();
        }
    }
}
