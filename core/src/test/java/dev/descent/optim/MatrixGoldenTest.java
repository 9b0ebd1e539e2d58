package dev.descent.optim;

import dev.descent.tensor.ParamView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The matrix golden problem ({@code golden/matrix/problem.csv}, made by {@code tools/golden/matrix_problem.py}):
 * least squares on a tall 6×3 and a wide 3×5 matrix and a 5-vector, gradients recomputed each step from the
 * parameters (in double, rounded to float, as the generators do). Every {@code golden/matrix/<case>.csv} —
 * the reference code run under torch 1.13, or a NumPy transcription where the reference cannot run — is
 * replayed through the registry with the problem's layout and must match every value within the tolerance of
 * {@link GoldenTrajectoryTest}: {@code |java − ref| ≤ 1e-5 · max(1, |ref|)}.
 */
class MatrixGoldenTest {

    private static final Map<String, String> REPORT = new ConcurrentSkipListMap<>();

    record Problem(List<ParamView> views, Map<String, float[]> data) {
        float[] initial() {
            return data.get("initial");
        }
    }

    record Reference(String optimizer, Map<String, String> params, double baseLr, String source, float[][] trajectory) {
    }

    static Path folder() {
        return GoldenTrajectoryTest.golden().resolve("matrix");
    }

    static Problem problem() throws IOException {
        List<ParamView> views = new ArrayList<>();
        Map<String, float[]> data = new HashMap<>();
        int offset = 0;
        for (String line : Files.readAllLines(folder().resolve("problem.csv"))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] c = line.split(",");
            if (c[0].equals("view")) {
                int[] shape = new int[c.length - 3];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = Integer.parseInt(c[i + 3]);
                }
                ParamView v = new ParamView(c[1], offset, shape, ParamView.Kind.valueOf(c[2].toUpperCase()));
                views.add(v);
                offset = v.end();
            } else {
                float[] x = new float[c.length - 1];
                for (int i = 0; i < x.length; i++) {
                    x[i] = Float.parseFloat(c[i + 1]);
                }
                data.put(c[0], x);
            }
        }
        assertEquals(offset, data.get("initial").length, "views cover the initial parameters");
        return new Problem(List.copyOf(views), data);
    }

    /** ½/N‖X·W − Y‖² for W1 and W2, ½‖b − c‖² for b: the gradient in double, rounded to float (as matrix_problem.py). */
    static void gradient(Problem pr, float[] p, float[] g) {
        leastSquares(pr.data().get("X1"), pr.data().get("Y1"), p, 0, 6, 3, g);
        float[] c = pr.data().get("c");
        for (int i = 0; i < 5; i++) {
            g[18 + i] = (float) ((double) p[18 + i] - c[i]);
        }
        leastSquares(pr.data().get("X2"), pr.data().get("Y2"), p, 23, 3, 5, g);
    }

    private static void leastSquares(float[] x, float[] y, float[] p, int off, int in, int out, float[] g) {
        int n = x.length / in;
        double[] r = new double[n * out];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < out; j++) {
                double acc = 0;
                for (int i = 0; i < in; i++) {
                    acc += (double) x[s * in + i] * p[off + i * out + j];
                }
                r[s * out + j] = acc - y[s * out + j];
            }
        }
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < out; j++) {
                double acc = 0;
                for (int s = 0; s < n; s++) {
                    acc += (double) x[s * in + i] * r[s * out + j];
                }
                g[off + i * out + j] = (float) (acc / n);
            }
        }
    }

    static Reference reference(Path file) throws IOException {
        String optimizer = null, source = null;
        double baseLr = Double.NaN;
        Map<String, String> params = new LinkedHashMap<>();
        List<float[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("#")) {
                String s = line.substring(1).strip();
                if (s.startsWith("optimizer=")) {
                    optimizer = s.substring("optimizer=".length());
                } else if (s.startsWith("param ")) {
                    String kv = s.substring("param ".length());
                    params.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                } else if (s.startsWith("base_lr=")) {
                    baseLr = Double.parseDouble(s.substring("base_lr=".length()));
                } else if (s.startsWith("source=")) {
                    source = s.substring("source=".length());
                }
            } else if (!line.startsWith("step") && !line.isBlank()) {
                String[] c = line.split(",");
                assertEquals(rows.size(), Integer.parseInt(c[0]), file + ": steps count from 0");
                float[] p = new float[c.length - 1];
                for (int i = 0; i < p.length; i++) {
                    p[i] = Float.parseFloat(c[i + 1]);
                }
                rows.add(p);
            }
        }
        assertNotNull(optimizer, file + ": no '# optimizer=' line");
        assertTrue(baseLr > 0, file + ": no '# base_lr=' line");
        return new Reference(optimizer, params, baseLr, source, rows.toArray(float[][]::new));
    }

    static Stream<String> references() throws IOException {
        try (Stream<Path> files = Files.list(folder())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".csv") && !n.equals("problem.csv")).sorted().toList().stream();
        }
    }

    /** Steps 1..10 at base lr, 11..20 at half of it (matrix_problem.lr_at). */
    static float[][] replay(Optimizer o, Problem pr, double baseLr, int steps) {
        o.useLayout(pr.views());
        float[] p = pr.initial().clone(), g = new float[p.length];
        float[][] out = new float[steps + 1][];
        out[0] = p.clone();
        for (int t = 1; t <= steps; t++) {
            gradient(pr, p, g);
            o.step(p, g, t <= 10 ? baseLr : baseLr / 2);
            out[t] = p.clone();
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void replay_matchesReference(String file) throws IOException {
        Reference ref = reference(folder().resolve(file));
        Problem pr = problem();
        Optimizer o = Optimizers.create(ref.optimizer(), ref.params());
        float[][] actual = replay(o, pr, ref.baseLr(), ref.trajectory().length - 1);
        double err = GoldenTrajectoryTest.maxRelativeError(actual, ref.trajectory());
        REPORT.put(file, String.format("%-40s %-10s %-10s max rel err %.2e   %s", file, ref.optimizer(),
                ref.params().getOrDefault("convention", "-"), err, ref.source()));
        for (int t = 0; t < ref.trajectory().length; t++) {
            for (int i = 0; i < ref.trajectory()[t].length; i++) {
                float e = ref.trajectory()[t][i], a = actual[t][i];
                if (!(Math.abs((double) a - e) <= GoldenTrajectoryTest.TOLERANCE * Math.max(1, Math.abs(e)))) {
                    fail(file + " (" + o + "): step " + t + " p" + i + ": expected " + e + ", got " + a);
                }
            }
        }
    }

    /** The problem separates what the files pin: conventions, lr adjustments, and orthogonalizing at all. */
    @Test
    void variants_differOnMatrixProblem() throws IOException {
        Problem pr = problem();
        String[][] pairs = {
                {"muon(convention=reference, aux_first_last=false)", "muon(convention=keras, aux_first_last=false)"},
                {"muon(convention=pytorch, aux_first_last=false)", "muon(convention=pytorch, aux_first_last=false, lr_adjust=match_rms_adamw)"},
                {"muon(convention=pytorch, aux_first_last=false)", "muon(convention=pytorch, aux_first_last=false, nesterov=false)"},
                {"muon(convention=pytorch, aux_first_last=false)", "muon(convention=pytorch, aux_first_last=true)"},
                {"adafactor(convention=optax, min_dim_size_to_factor=3)", "adafactor(convention=optax, min_dim_size_to_factor=128)"},
                {"adafactor(convention=optax, min_dim_size_to_factor=3)", "adafactor(convention=optax, min_dim_size_to_factor=3, momentum=0.9)"},
                {"adafactor(convention=pytorch)", "adafactor(convention=pytorch, clipping_threshold=1.2, decay_rate=0.6)"},
        };
        for (String[] pair : pairs) {
            double diff = GoldenTrajectoryTest.maxRelativeError(replay(Optimizers.parse(pair[0]), pr, 0.02, 20),
                    replay(Optimizers.parse(pair[1]), pr, 0.02, 20));
            assertTrue(diff > 10 * GoldenTrajectoryTest.TOLERANCE, pair[0] + " vs " + pair[1] + ": differ by only " + diff);
        }
    }

    @AfterAll
    static void printReport() {
        StringBuilder b = new StringBuilder("matrix golden trajectories, tolerance |a-b| <= " + GoldenTrajectoryTest.TOLERANCE + " * max(1,|b|)\n");
        REPORT.values().forEach(line -> b.append(line).append('\n'));
        try {
            Path out = Path.of("target", "matrix-golden-report.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.print(b);
    }
}
