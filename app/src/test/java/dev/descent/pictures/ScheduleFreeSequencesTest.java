package dev.descent.pictures;

import dev.descent.landscape.Comparison;
import dev.descent.landscape.GradientNoise;
import dev.descent.landscape.LandscapePath;
import dev.descent.landscape.Landscapes;
import dev.descent.landscape.LrTuner;
import dev.descent.landscape.PathSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleFreeSequencesTest {

    private static Comparison of(String spec) {
        return new Comparison(Landscapes.parse("quadratic(condition=10)"), List.of(PathSpec.parse(spec)), null, 40,
                GradientNoise.of(3, 1), LrTuner.DEFAULT_SPACE);
    }

    /** x is the path every other picture draws (PathRunner's evaluated point); y = β·x + (1 − β)·z; the noisy z travels farthest. */
    @Test
    void paths_xIsTheDrawnPath_yInterpolates() {
        for (String spec : new String[] {"schedule_free_sgd(lr=0.05)", "schedule_free_adamw(beta1=0.8, lr=0.1)"}) {
            Comparison c = of(spec);
            List<LandscapePictures.Drawn> d = ScheduleFreeSequences.paths(c);
            assertEquals(3, d.size());
            LandscapePath z = d.get(0).path(), y = d.get(1).path(), x = d.get(2).path();
            assertTrue(d.get(0).label().startsWith("z: ") && d.get(1).label().startsWith("y: ") && d.get(2).label().startsWith("x: "));
            assertEquals(spec + " [x]", d.get(2).name());
            LandscapePath drawn = c.run().getFirst().path();
            assertArrayEquals(drawn.x(), x.x(), spec);
            assertArrayEquals(drawn.y(), x.y(), spec);
            double beta = spec.contains("adamw") ? 0.8 : 0.9;
            double zMoves = 0, xMoves = 0;
            for (int t = 1; t < x.x().length; t++) {
                assertEquals(beta * x.x()[t] + (1 - beta) * z.x()[t], y.x()[t], 1e-5 * (1 + Math.abs(y.x()[t])), spec + " step " + t);
                assertEquals(beta * x.y()[t] + (1 - beta) * z.y()[t], y.y()[t], 1e-5 * (1 + Math.abs(y.y()[t])), spec + " step " + t);
                zMoves += Math.hypot(z.x()[t] - z.x()[t - 1], z.y()[t] - z.y()[t - 1]);
                xMoves += Math.hypot(x.x()[t] - x.x()[t - 1], x.y()[t] - x.y()[t - 1]);
            }
            assertTrue(zMoves > 1.5 * xMoves, spec + ": z travels " + zMoves + ", x " + xMoves);
        }
    }

    @Test
    void paths_otherOptimizerOrNoLr_refusedWithWhatIsAllowed() {
        String msg = assertThrows(IllegalArgumentException.class, () -> ScheduleFreeSequences.paths(of("sgd(lr=0.1)"))).getMessage();
        assertTrue(msg.contains("schedule_free_sgd") && msg.contains("got sgd"), msg);
        msg = assertThrows(IllegalArgumentException.class, () -> ScheduleFreeSequences.paths(of("schedule_free_sgd"))).getMessage();
        assertTrue(msg.contains("lr"), msg);
    }
}
