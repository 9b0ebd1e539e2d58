package dev.descent.landscape;

import dev.descent.landscape.Landscape.Domain;
import dev.descent.landscape.Landscape.Point;

import dev.descent.spec.Param;
import dev.descent.spec.Registry;
import dev.descent.spec.Spec;
import dev.descent.spec.Value;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The landscape registry: a spec such as {@code rosenbrock} or {@code quadratic(condition=100)} to a
 * {@link Landscape}, and the list of what it knows.
 *
 * <pre>{@code
 * Landscape r = Landscapes.parse("rosenbrock");
 * Landscape q = Landscapes.parse("quadratic(condition=1000)");
 * for (Registry.Entry<Landscape> e : Landscapes.registry().entries()) { ... } // names, parameters, descriptions
 * }</pre>
 *
 * <p>The two bowls of the AdaGrad illustration are {@code slow_bowl} = {@code bowl(a=0.02)} (small gradients:
 * plain SGD needs a large learning rate) and {@code fast_bowl} = {@code bowl(a=1.98)} (large gradients: the
 * same learning rate makes SGD jump past the minimum). With lr = 0.5 SGD multiplies the point by
 * {@code 1 − 2·a·lr} each step: 0.98 on the slow bowl, where it crawls, and −0.98 on the fast one, where it
 * lands on the other side of the minimum every step, just as slowly. AdaGrad divides by the root of the summed
 * squared gradients, so it takes the same steps on both.
 */
public final class Landscapes {

    private static final Registry<Landscape> REGISTRY = new Registry<>("function", "%1$s: unknown parameter '%2$s'; allowed: %3$s");

    static {
        register("rosenbrock", "Rosenbrock's banana valley (1960); minimum f(1, 1) = 0", List.of(), s -> new Rosenbrock());
        register("beale", "Beale's function, flat plateaus and steep walls; minimum f(3, 0.5) = 0", List.of(), s -> new Beale());
        register("himmelblau", "Himmelblau's function, four minima with f = 0", List.of(), s -> new Himmelblau());
        register("saddle", "x² − y², a saddle at the origin and no minimum", List.of(), s -> new Saddle());
        register("quadratic", "½(x² + κy²), an ill-conditioned valley with condition number κ = condition (>= 1); minimum f(0, 0) = 0",
                List.of(number("condition", 100, ">= 1", "condition number κ")), s -> new Quadratic(s.number("condition")));
        register("bowl", "a(x² + y²), a round bowl of steepness a (> 0); minimum f(0, 0) = 0",
                List.of(number("a", 1, "> 0", "steepness")), s -> new Bowl(s.number("a"), "bowl"));
        register("slow_bowl", "bowl(a=0.02): a slowly changing objective with small gradients",
                List.of(number("a", 0.02, "> 0", "steepness")), s -> new Bowl(s.number("a"), "slow_bowl"));
        register("fast_bowl", "bowl(a=1.98): a fast changing objective with large gradients",
                List.of(number("a", 1.98, "> 0", "steepness")), s -> new Bowl(s.number("a"), "fast_bowl"));
    }

    /** A spec's numbers with the entry's defaults filled in. */
    private record Numbers(String function, Spec spec, List<Param> params) {
        double number(String key) {
            Value v = spec.get(key);
            if (v == null) {
                return Double.parseDouble(params.stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow().defaultValue());
            }
            if (v instanceof Value.Num n) {
                return n.value();
            }
            throw new IllegalArgumentException(function + ": " + key + " must be a number, got '" + v + "'");
        }
    }

    private Landscapes() {
    }

    private static Param number(String key, double defaultValue, String range, String doc) {
        return new Param(key, Param.Type.NUMBER, Value.compact(defaultValue).toString(), range, doc);
    }

    private static void register(String name, String description, List<Param> params, Function<Numbers, Landscape> factory) {
        REGISTRY.add(new Registry.Entry<>(name, description, params, spec -> factory.apply(new Numbers(name, spec, params))));
    }

    /** The registry: names, parameters and factories, in the shape every registry has. */
    public static Registry<Landscape> registry() {
        return REGISTRY;
    }

    public static Set<String> names() {
        return REGISTRY.names();
    }

    /** The functions and their parameters as help text, one per line. */
    public static String describe() {
        StringBuilder b = new StringBuilder();
        for (Registry.Entry<Landscape> e : REGISTRY.entries()) {
            b.append(String.format(Locale.ROOT, "  %-26s %s%n", e.usage(), e.description()));
        }
        return b.toString();
    }

    /**
     * The landscape for {@code spec}: {@code name} or {@code name(key=value, ...)}.
     *
     * @throws IllegalArgumentException for an unknown name (listing the known ones), an unknown key (listing
     *                                  the allowed ones), or a value that is not a number or out of range
     */
    public static Landscape parse(String spec) {
        return REGISTRY.parse(spec);
    }

    /** A number as function names print it: whole numbers without {@code .0}. */
    static String num(double v) {
        return Value.compact(v).toString();
    }

    /** The parts every function shares; subclasses give the value and the gradient side by side. */
    private abstract static class Base implements Landscape {
        private final String name, formula;
        private final List<Point> minima;
        private final double fStar;
        private final Domain domain;
        private final Point start;

        Base(String name, String formula, List<Point> minima, double fStar, Domain domain, Point start) {
            this.name = name;
            this.formula = formula;
            this.minima = List.copyOf(minima);
            this.fStar = fStar;
            this.domain = domain;
            this.start = start;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String formula() {
            return formula;
        }

        @Override
        public List<Point> minima() {
            return minima;
        }

        @Override
        public double fStar() {
            return fStar;
        }

        @Override
        public Domain domain() {
            return domain;
        }

        @Override
        public Point start() {
            return start;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** (1 − x)² + 100(y − x²)². */
    static final class Rosenbrock extends Base {
        Rosenbrock() {
            super("rosenbrock", "(1−x)² + 100(y−x²)²", List.of(new Point(1, 1)), 0,
                    new Domain(-2, 2, -1, 3), new Point(-1.5, 2.5));
        }

        @Override
        public double value(double x, double y) {
            double a = 1 - x, b = y - x * x;
            return a * a + 100 * b * b;
        }

        @Override
        public void gradient(double x, double y, double[] g) {
            double b = y - x * x;
            g[0] = -2 * (1 - x) - 400 * x * b;
            g[1] = 200 * b;
        }
    }

    /** (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)². */
    static final class Beale extends Base {
        Beale() {
            super("beale", "(1.5−x+xy)² + (2.25−x+xy²)² + (2.625−x+xy³)²", List.of(new Point(3, 0.5)), 0,
                    new Domain(-4.5, 4.5, -4.5, 4.5), new Point(1, 1.5));
        }

        @Override
        public double value(double x, double y) {
            double a = 1.5 - x + x * y, b = 2.25 - x + x * y * y, c = 2.625 - x + x * y * y * y;
            return a * a + b * b + c * c;
        }

        @Override
        public void gradient(double x, double y, double[] g) {
            double a = 1.5 - x + x * y, b = 2.25 - x + x * y * y, c = 2.625 - x + x * y * y * y;
            g[0] = 2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y * y * y - 1);
            g[1] = 2 * a * x + 4 * b * x * y + 6 * c * x * y * y;
        }
    }

    /** (x² + y − 11)² + (x + y² − 7)². */
    static final class Himmelblau extends Base {
        Himmelblau() {
            super("himmelblau", "(x²+y−11)² + (x+y²−7)²", List.of(new Point(3, 2),
                            new Point(-2.805118086952745, 3.131312518250573),
                            new Point(-3.779310253377747, -3.283185991286169),
                            new Point(3.5844283403304917, -1.8481265269644034)), 0,
                    new Domain(-5, 5, -5, 5), new Point(-0.27, -0.92));
        }

        @Override
        public double value(double x, double y) {
            double u = x * x + y - 11, v = x + y * y - 7;
            return u * u + v * v;
        }

        @Override
        public void gradient(double x, double y, double[] g) {
            double u = x * x + y - 11, v = x + y * y - 7;
            g[0] = 4 * x * u + 2 * v;
            g[1] = 2 * u + 4 * y * v;
        }
    }

    /**
     * x² − y². Starts a hair off the ridge (y = 1e-3): on it exactly the gradient never points away from the
     * saddle point, and a tiny offset shows how long each optimizer takes to notice the way down.
     */
    static final class Saddle extends Base {
        Saddle() {
            super("saddle", "x² − y²", List.of(), Double.NaN, new Domain(-2, 2, -2, 2), new Point(-1.8, 1e-3));
        }

        @Override
        public double value(double x, double y) {
            return x * x - y * y;
        }

        @Override
        public void gradient(double x, double y, double[] g) {
            g[0] = 2 * x;
            g[1] = -2 * y;
        }
    }

    /** ½(x² + κy²): curvature 1 along x, κ along y. */
    static final class Quadratic extends Base {
        private final double kappa;

        Quadratic(double kappa) {
            super(Spec.of("quadratic", Map.of("condition", Value.compact(checkAtLeastOne(kappa)))).toString(), "½(x² + " + num(kappa) + "y²)",
                    List.of(new Point(0, 0)), 0, new Domain(-10, 10, -5, 5), new Point(-9, 2));
            this.kappa = kappa;
        }

        private static double checkAtLeastOne(double kappa) {
            if (!(kappa >= 1) || Double.isInfinite(kappa)) {
                throw new IllegalArgumentException("quadratic: condition must be finite and >= 1, got " + kappa);
            }
            return kappa;
        }

        @Override
        public double value(double x, double y) {
            return 0.5 * (x * x + kappa * y * y);
        }

        @Override
        public void gradient(double x, double y, double[] g) {
            g[0] = x;
            g[1] = kappa * y;
        }
    }

    /** a(x² + y²). */
    static final class Bowl extends Base {
        private final double a;

        Bowl(double a, String registeredAs) {
            super(Spec.of(registeredAs, Map.of("a", Value.compact(checkPositive(a)))).toString(), num(a) + "(x² + y²)",
                    List.of(new Point(0, 0)), 0, new Domain(-5, 5, -5, 5), new Point(-4, 2));
            this.a = a;
        }

        private static double checkPositive(double a) {
            if (!(a > 0) || Double.isInfinite(a)) {
                throw new IllegalArgumentException("bowl: a must be finite and > 0, got " + a);
            }
            return a;
        }

        @Override
        public double value(double x, double y) {
            return a * (x * x + y * y);
        }

        @Override
        public void gradient(double x, double y, double[] g) {
            g[0] = 2 * a * x;
            g[1] = 2 * a * y;
        }
    }
}
