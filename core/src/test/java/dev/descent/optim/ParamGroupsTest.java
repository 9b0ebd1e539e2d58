package dev.descent.optim;

import dev.descent.tensor.ParamView;
import dev.descent.tensor.Parameters;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parameter groups: per-range lr multipliers and weight decay on or off. */
class ParamGroupsTest {

    private static Parameters layer() {
        Parameters.Builder b = Parameters.builder();
        b.add("w", ParamView.Kind.WEIGHT, 2, 2);
        b.add("b", ParamView.Kind.BIAS, 2);
        b.add("w2", ParamView.Kind.WEIGHT, 3);
        Parameters p = b.build();
        java.util.Arrays.fill(p.data(), 1f);
        return p;
    }

    @Test
    void byKind_biasesWithoutDecay_keepTheirValues() {
        Parameters params = layer();
        ParamGroups groups = ParamGroups.byKind(params, Map.of(ParamView.Kind.BIAS, new ParamGroups.Options(1.0, false)));
        assertEquals(3, groups.groups().size());
        Optimizer o = groups.bind(Optimizers.parse("adamw(weight_decay=0.5)"));
        o.step(params.data(), params.grad(), 0.1);   // zero gradients: only the decay moves θ
        // weights: θ·(1 − 0.1·0.5) = 0.95; biases untouched
        assertArrayEquals(new float[] {0.95f, 0.95f, 0.95f, 0.95f, 1f, 1f, 0.95f, 0.95f, 0.95f}, params.data());
    }

    @Test
    void step_lrScaleAndUngroupedRanges_scaledAndFrozen() {
        float[] p = {1f, 1f, 1f, 1f};
        ParamGroups groups = ParamGroups.of(new ParamGroups.Group("slow", 0, 2, 0.5, true), new ParamGroups.Group("fast", 3, 4, 2.0, true));
        new Sgd().step(p, new float[] {1f, 1f, 1f, 1f}, 0.1, groups);
        assertArrayEquals(new float[] {0.95f, 0.95f, 1f, 0.8f}, p);    // index 2 is in no group: frozen
    }

    @Test
    void of_overlappingGroups_isRejected() {
        String m = assertThrows(IllegalArgumentException.class, () -> ParamGroups.of(
                new ParamGroups.Group("a", 0, 3, 1, true), new ParamGroups.Group("b", 2, 4, 1, true))).getMessage();
        assertTrue(m.startsWith("groups overlap"), m);
    }

    @Test
    void step_groupPastTheEnd_isRejected() {
        ParamGroups g = ParamGroups.of(new ParamGroups.Group("a", 0, 5, 1, true));
        Optimizer nadam = Optimizers.parse("nadam");
        String m = assertThrows(IllegalArgumentException.class, () -> nadam.step(new float[4], new float[4], 0.1, g)).getMessage();
        assertTrue(m.contains("ends past the 4 parameters"), m);
        assertEquals(Optimizers.parse("nadam").state(), nadam.state());    // a rejected step changes nothing
    }

    @Test
    void bind_oneGroupCoveringAll_sameAsWholeArray() {
        GoldenTrajectoryTest.Problem problem;
        try {
            problem = GoldenTrajectoryTest.problem();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        ParamGroups one = ParamGroups.of(new ParamGroups.Group("all", 0, 6, 1, true));
        float[][] a = GoldenTrajectoryTest.replay(Optimizers.parse("adamw(weight_decay=0.1)"), problem, null);
        float[][] b = GoldenTrajectoryTest.replay(one.bind(Optimizers.parse("adamw(weight_decay=0.1)")), problem, null);
        assertArrayEquals(a, b);
    }
}
