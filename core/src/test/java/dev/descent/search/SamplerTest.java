package dev.descent.search;

import dev.descent.spec.Spec;
import dev.descent.spec.Value;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplerTest {

    private static double num(Spec point, String key) {
        return ((Value.Num) point.get(key)).value();
    }

    @Test
    void grid_logHalfDecades_areTheHandWrittenValues() {
        SearchSpace s = SearchSpace.parse("space(lr=range(low=1e-5, high=1, scale=log, points=11))");
        List<Spec> g = Sampler.grid().sample(s);
        double[] expected = {1e-5, 3.16227766017e-5, 1e-4, 3.16227766017e-4, 1e-3, 3.16227766017e-3, 1e-2,
                3.16227766017e-2, 0.1, 0.316227766017, 1};
        assertEquals(expected.length, g.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], num(g.get(i), "lr"), 0.0, "point " + i); // exact: decades are the parsed doubles
        }
        assertEquals(0.001, num(g.get(4), "lr"), 0.0);
        assertEquals(List.of("1.0E-5", "3.16227766017E-5", "1.0E-4", "3.16227766017E-4", "0.001", "0.00316227766017",
                        "0.01", "0.0316227766017", "0.1", "0.316227766017", "1"),
                g.stream().map(p -> p.get("lr").toString()).toList());
    }

    @Test
    void grid_deepObs36Points_hitsEveryDecadeExactly() {
        // 1e-5 .. 1e2 in 36 points: 7 decades, 5 steps per decade, ratio 10^(1/5)
        List<Spec> g = Sampler.grid().sample(SearchSpace.parse("space(lr=range(low=1e-5, high=100, scale=log, points=36))"));
        double[] decades = {1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100};
        for (int k = 0; k < decades.length; k++) {
            assertEquals(decades[k], num(g.get(5 * k), "lr"), 0.0);
        }
        assertEquals(1.58489319246e-5, num(g.get(1), "lr"), 0.0); // 10^(-4.8), 12 significant digits
    }

    @Test
    void grid_linear_roundsToTwelveDigits() {
        List<Spec> g = Sampler.grid().sample(SearchSpace.parse("space(x=range(low=0, high=0.3, scale=linear, points=4))"));
        assertEquals(List.of(0.0, 0.1, 0.2, 0.3), g.stream().map(p -> num(p, "x")).toList()); // 0.3/3 alone is 0.09999999999999999
    }

    @Test
    void grid_onePoint_isLow() {
        assertEquals(List.of("point(x=0.5)"), Sampler.grid().sample(SearchSpace.parse("space(x=range(low=0.5, high=2, points=1))"))
                .stream().map(Spec::toString).toList());
    }

    @Test
    void grid_product_lastDimensionFastest() {
        SearchSpace s = SearchSpace.parse("space(lr=range(low=0.01, high=1, scale=log, points=3), nesterov=[false, true])");
        assertEquals(List.of("point(lr=0.01, nesterov=false)", "point(lr=0.01, nesterov=true)",
                        "point(lr=0.1, nesterov=false)", "point(lr=0.1, nesterov=true)",
                        "point(lr=1, nesterov=false)", "point(lr=1, nesterov=true)"),
                Sampler.grid().sample(s).stream().map(Spec::toString).toList());
    }

    @Test
    void grid_rangeWithoutPoints_saysHowToGiveThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sampler.grid().sample(SearchSpace.parse("space(lr=range(low=1e-3, high=1, scale=log))")));
        assertTrue(e.getMessage().startsWith("lr: a grid needs points"), e.getMessage());
    }

    private static final SearchSpace MIXED = SearchSpace.parse(
            "space(lr=range(low=1e-5, high=1, scale=log), momentum=range(low=0.5, high=0.99), convention=[tensorflow, pytorch, keras])");

    @Test
    void random_sameSeedSame_otherSeedDiffers_inBounds() {
        List<Spec> a = Sampler.random(200, 7).sample(MIXED);
        assertEquals(a, Sampler.random(200, 7).sample(MIXED));
        assertNotEquals(a, Sampler.random(200, 8).sample(MIXED));
        assertEquals(a.subList(0, 50), Sampler.random(50, 7).sample(MIXED)); // more trials never change the earlier ones
        for (Spec p : a) {
            assertTrue(num(p, "lr") >= 1e-5 && num(p, "lr") <= 1, p.toString());
            assertTrue(num(p, "momentum") >= 0.5 && num(p, "momentum") <= 0.99, p.toString());
        }
    }

    @Test
    void random_isLogUniformOnLogRanges_andUniformOverChoices() {
        List<Spec> a = Sampler.random(3000, 1).sample(MIXED);
        long belowMilli = a.stream().filter(p -> num(p, "lr") < 1e-3).count(); // 2 of 5 decades: 1200 expected
        assertTrue(belowMilli > 1100 && belowMilli < 1300, "below 1e-3: " + belowMilli);
        long lowMomentum = a.stream().filter(p -> num(p, "momentum") < 0.745).count(); // half the interval: 1500
        assertTrue(lowMomentum > 1400 && lowMomentum < 1600, "below the middle: " + lowMomentum);
        for (String c : List.of("tensorflow", "pytorch", "keras")) {
            long n = a.stream().filter(p -> p.get("convention").equals(new Value.Str(c))).count();
            assertTrue(n > 900 && n < 1100, c + ": " + n);
        }
    }

    @Test
    void quasiRandom_sameSeedSame_otherSeedDiffers_inBounds() {
        List<Spec> a = Sampler.quasiRandom(100, 3).sample(MIXED);
        assertEquals(a, Sampler.quasiRandom(100, 3).sample(MIXED));
        assertNotEquals(a, Sampler.quasiRandom(100, 4).sample(MIXED));
        for (Spec p : a) {
            assertTrue(num(p, "lr") >= 1e-5 && num(p, "lr") <= 1, p.toString());
        }
        // 81 = 3^4 consecutive points from index 1 stratify the second (base-3) coordinate: 27 of each of the 3 choices
        List<Spec> b = Sampler.quasiRandom(81, 3).sample(SearchSpace.parse(
                "space(lr=range(low=1e-5, high=1, scale=log), convention=[tensorflow, pytorch, keras])"));
        for (String c : List.of("tensorflow", "pytorch", "keras")) {
            assertEquals(27, b.stream().filter(p -> p.get("convention").equals(new Value.Str(c))).count(), c);
        }
    }

    @Test
    void trials_outOfRange_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sampler.random(0, 1));
        assertEquals("trials must be in [1, 1000000], got 0", e.getMessage());
        assertEquals("quasi_random(trials=5, seed=2)", Sampler.quasiRandom(5, 2).toString());
    }

    @Test
    void parse_print_roundTrips() {
        for (Sampler s : List.of(Sampler.grid(), Sampler.random(20, 7), Sampler.quasiRandom(5, -3))) {
            assertEquals(s, Sampler.parse(s.toString()));
        }
        assertEquals(Sampler.quasiRandom(20, 0), Sampler.parse("quasi_random(trials=20)"));
    }

    @Test
    void parse_badSampler_saysWhatIsAllowed() {
        assertEquals("unknown sampler 'hyperband'; known: grid, random, quasi_random",
                assertThrows(IllegalArgumentException.class, () -> Sampler.parse("hyperband")).getMessage());
        assertEquals("random: unknown parameter 'n'; allowed: trials, seed",
                assertThrows(IllegalArgumentException.class, () -> Sampler.parse("random(n=3)")).getMessage());
        assertEquals("random needs trials, e.g. random(trials=20)",
                assertThrows(IllegalArgumentException.class, () -> Sampler.parse("random")).getMessage());
        assertEquals("quasi_random: trials must be a whole number in [1, 1000000], got 0.5",
                assertThrows(IllegalArgumentException.class, () -> Sampler.parse("quasi_random(trials=0.5)")).getMessage());
    }
}
