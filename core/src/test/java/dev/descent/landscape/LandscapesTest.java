package dev.descent.landscape;

import dev.descent.landscape.Landscape.Point;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LandscapesTest {

    static List<String> specs() {
        List<String> s = new ArrayList<>(Landscapes.names());
        s.add("quadratic(condition=1000)");
        s.add("bowl(a=3.5)");
        return s;
    }

    @ParameterizedTest
    @MethodSource("specs")
    void gradient_matchesCentralDifferences(String spec) {
        Landscape f = Landscapes.parse(spec);
        Landscape.Domain d = f.domain();
        double[][] points = {{f.start().x(), f.start().y()}, {0.3, -0.7}, {-1.1, 1.9}, {d.x0() * 0.6, d.y1() * 0.8},
                {d.x1() * 0.45, d.y0() * 0.35}, {2.2, 0.4}};
        double[] g = new double[2];
        for (double[] p : points) {
            f.gradient(p[0], p[1], g);
            double h = 1e-5;
            double gx = (f.value(p[0] + h, p[1]) - f.value(p[0] - h, p[1])) / (2 * h);
            double gy = (f.value(p[0], p[1] + h) - f.value(p[0], p[1] - h)) / (2 * h);
            assertEquals(gx, g[0], 1e-6 * Math.max(1, Math.abs(gx)), spec + " d/dx at " + p[0] + "," + p[1]);
            assertEquals(gy, g[1], 1e-6 * Math.max(1, Math.abs(gy)), spec + " d/dy at " + p[0] + "," + p[1]);
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void minima_haveZeroGradientAndValueFStar(String spec) {
        Landscape f = Landscapes.parse(spec);
        double[] g = new double[2];
        for (Point m : f.minima()) {
            f.gradient(m.x(), m.y(), g);
            assertEquals(0, g[0], 1e-12, spec + " at " + m);
            assertEquals(0, g[1], 1e-12, spec + " at " + m);
            assertEquals(f.fStar(), f.value(m.x(), m.y()), 1e-20, spec + " at " + m);
            // and it is a minimum, not a saddle or a maximum: every nearby point is higher
            for (double a = 0; a < 2 * Math.PI; a += Math.PI / 8) {
                assertTrue(f.value(m.x() + 1e-3 * Math.cos(a), m.y() + 1e-3 * Math.sin(a)) > f.fStar(), spec + " around " + m);
            }
        }
        assertTrue(f.domain().contains(f.start().x(), f.start().y()), spec + " start inside the domain");
    }

    @Test
    void himmelblau_hasFourMinima() {
        Landscape f = Landscapes.parse("himmelblau");
        assertEquals(4, f.minima().size());
        assertEquals(0, f.fStar());
    }

    @Test
    void saddle_hasNoMinimum() {
        Landscape f = Landscapes.parse("saddle");
        assertTrue(f.minima().isEmpty());
        assertTrue(Double.isNaN(f.fStar()));
    }

    @Test
    void parse_readsParametersAndNamesThemBack() {
        Landscape q = Landscapes.parse(" quadratic( condition = 250 ) ");
        assertEquals("quadratic(condition=250)", q.name());
        assertEquals(0.5 * (4 + 250 * 9), q.value(2, 3));
        assertEquals(q.name(), Landscapes.parse(q.name()).name());
        assertEquals(0.02 * 2, Landscapes.parse("slow_bowl").value(1, 1), 1e-15);
        assertEquals(1.98 * 2, Landscapes.parse("fast_bowl").value(1, 1), 1e-15);
    }

    @Test
    void parse_rejectsUnknownNamesKeysAndValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Landscapes.parse("rosenbrok"));
        assertTrue(e.getMessage().contains("known: rosenbrock, beale"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Landscapes.parse("quadratic(kappa=3)"));
        assertTrue(e.getMessage().contains("allowed: condition"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Landscapes.parse("quadratic(condition=0.5)"));
        assertTrue(e.getMessage().contains(">= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Landscapes.parse("bowl(a=x)"));
        assertTrue(e.getMessage().contains("must be a number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Landscapes.parse("beale(a=1)"));
        assertTrue(e.getMessage().contains("takes none"), e.getMessage());
        assertFalse(Landscapes.describe().isEmpty());
    }
}
