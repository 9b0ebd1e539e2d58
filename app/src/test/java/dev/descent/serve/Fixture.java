package dev.descent.serve;

import dev.descent.study.RunResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Results folders for the server tests, written by hand in the formats descent writes: a study ({@code s1}), a sweep
 * ({@code sw}) and a landscape ({@code ls}) under {@code ROOT/results}; a secret file and folder beside (outside) the
 * root, and symlinks from inside the root to them.
 */
final class Fixture {
    static final String UNIT_HEADER = "step,loss,lr,grad_norm,seconds,validation_loss,validation_accuracy";
    static final byte[] PNG = png();

    /** A real 40 x 30 picture, so a browser shows it. */
    private static byte[] png() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB);
        image.setRGB(5, 5, 0xff0000);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private Fixture() {
    }

    /** The loss written at {@code step} of run {@code seed}: a closed form, so tests check values, not just counts. */
    static double loss(long seed, int step) {
        return 2.0 / (step + seed) + 0.125;
    }

    /** One row of a study's per-run CSV ({@link RunResult#CSV_HEADER}); evaluated every third step; seed S takes S/4 s a step. */
    static String studyRow(String name, long seed, int step) {
        boolean eval = step % 3 == 0;
        return String.format(Locale.ROOT, "%s,%d,%d,%s,0.01,1.5,%.4f,%s,%s%n", name, seed, step, loss(seed, step), step * 0.25 * seed,
                eval ? Double.toString(loss(seed, step)) : "", eval ? "0.75" : "");
    }

    static void study(Path dir, int steps, String... names) throws IOException {
        Files.createDirectories(dir.resolve("runs"));
        Files.writeString(dir.resolve("study.yaml"), "name: " + dir.getFileName() + "\n");
        for (String name : names) {
            for (long seed = 1; seed <= 2; seed++) {
                StringBuilder b = new StringBuilder(RunResult.CSV_HEADER).append('\n');
                for (int t = 1; t <= steps; t++) {
                    b.append(studyRow(name, seed, t));
                }
                Files.writeString(dir.resolve("runs").resolve(name + "__seed" + seed + ".csv"), b);
            }
        }
    }

    /** ROOT/results holding s1, sw and ls; ROOT/secret.txt and ROOT/outside/ outside it. Returns ROOT/results. */
    static Path build(Path root) throws IOException {
        Path results = root.resolve("results");
        Path s1 = results.resolve("s1");
        study(s1, 3, "adam", "sgd");
        Files.createDirectories(s1.resolve("plots"));
        Files.write(s1.resolve("plots/loss.png"), PNG);
        Files.writeString(s1.resolve("report.html"), "<html><body>report</body></html>");
        Files.writeString(s1.resolve("summary.json"), "{}");
        Files.writeString(s1.resolve(".lock"), "process 1");

        Path sw = results.resolve("group/sw");
        Files.createDirectories(sw.resolve("trials"));
        Files.writeString(sw.resolve("sweep.yaml"), "name: sw\n");
        Files.writeString(sw.resolve("trials.csv"), "problem,optimizer,trial,rung,lr,seed,steps,metric\n"
                + "p,adam,0,0,0.001,1,10,0.5\np,adam,1,0,0.01,1,10,0.7\np,sgd,0,0,0.1,1,10,0.6\np,adam,1,1,0.01,1,30,0.8\n");
        Files.writeString(sw.resolve("trials/p__adam__t0__r0.csv"), UNIT_HEADER + "\n1,2.5,0.001,1,0.1,,\n2,2.0,0.001,1,0.2,1.9,0.5\n");

        Path ls = results.resolve("ls");
        Files.createDirectories(ls);
        Files.writeString(ls.resolve("paths.csv"), "optimizer,step,x,y,f\nsgd,0,1,1,2\n");
        Files.write(ls.resolve("rosenbrock-contour.png"), PNG);
        Files.write(ls.resolve("rosenbrock-paths.gif"), PNG);

        Files.writeString(root.resolve("secret.txt"), "secret");
        Files.write(root.resolve("secret.png"), PNG);
        Files.createDirectories(root.resolve("outside"));
        Files.writeString(root.resolve("outside/study.yaml"), "name: outside\n");
        Files.write(root.resolve("outside/plot.png"), PNG);
        Files.createSymbolicLink(s1.resolve("plots/leak.png"), root.resolve("secret.png"));
        Files.createSymbolicLink(results.resolve("linked"), root.resolve("outside"));
        return results;
    }
}
