package dev.descent.landscape;

import dev.descent.landscape.Landscape.Domain;
import dev.descent.landscape.Landscape.Point;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 * for (Landscapes.Entry e : Landscapes.list()) { ... }   // names, parameters, one-line descriptions
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

    /** One registered function: name, parameters with defaults, a description. */
    public record Entry(String name, Map<String, Double> parameters, String description,
                        Function<Map<String, Double>, Landscape> factory) {
        /** The usage form, e.g. {@code quadratic(condition=100)}. */
        public String usage() {
            if (parameters.isEmpty()) {
                return name;
            }
            List<String> kv = new ArrayList<>();
            parameters.forEach((k, v) -> kv.add(k + "=" + num(v)));
            return name + "(" + String.join(", ", kv) + ")";
        }
    }

    private static final Map<String, Entry> REGISTRY = new LinkedHashMap<>();

    static {
        register("rosenbrock", Map.of(), "Rosenbrock's banana valley (1960); minimum f(1, 1) = 0", p -> new Rosenbrock());
        register("beale", Map.of(), "Beale's function, flat plateaus and steep walls; minimum f(3, 0.5) = 0", p -> new Beale());
        register("himmelblau", Map.of(), "Himmelblau's function, four minima with f = 0", p -> new Himmelblau());
        register("saddle", Map.of(), "x² − y², a saddle at the origin and no minimum", p -> new Saddle());
        register("quadratic", Map.of("condition", 100.0),
                "½(x² + κy²), an ill-conditioned valley with condition number κ = condition (>= 1); minimum f(0, 0) = 0",
                p -> new Quadratic(p.get("condition")));
        register("bowl", Map.of("a", 1.0), "a(x² + y²), a round bowl of steepness a (> 0); minimum f(0, 0) = 0",
                p -> new Bowl(p.get("a"), "bowl"));
        register("slow_bowl", Map.of("a", 0.02), "bowl(a=0.02): a slowly changing objective with small gradients",
                p -> new Bowl(p.get("a"), "slow_bowl"));
        register("fast_bowl", Map.of("a", 1.98), "bowl(a=1.98): a fast changing objective with large gradients",
                p -> new Bowl(p.get("a"), "fast_bowl"));
    }

    private Landscapes() {
    }

    private static void register(String name, Map<String, Double> parameters, String description,
                                 Function<Map<String, Double>, Landscape> factory) {
        REGISTRY.put(name, new Entry(name, Collections.unmodifiableMap(new LinkedHashMap<>(parameters)), description, factory));
    }

    public static Set<String> names() {
        return Collections.unmodifiableSet(REGISTRY.keySet());
    }

    public static List<Entry> list() {
        return List.copyOf(REGISTRY.values());
    }

    /** The functions and their parameters as help text, one per line. */
    public static String describe() {
        StringBuilder b = new StringBuilder();
        for (Entry e : REGISTRY.values()) {
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
        String s = spec.strip();
        int open = s.indexOf('(');
        String name = (open < 0 ? s : s.substring(0, open)).strip().toLowerCase(Locale.ROOT);
        Entry e = REGISTRY.get(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown function '" + name + "'; known: " + String.join(", ", REGISTRY.keySet()));
        }
        Map<String, Double> values = new LinkedHashMap<>(e.parameters());
        if (open >= 0) {
            if (!s.endsWith(")")) {
                throw new IllegalArgumentException("cannot parse function spec '" + spec + "': missing ')' at the end");
            }
            String body = s.substring(open + 1, s.length() - 1).strip();
            for (String part : body.isEmpty() ? new String[0] : body.split(",", -1)) {
                int eq = part.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("cannot parse function spec '" + spec + "': expected key=value, got '" + part.strip() + "'");
                }
                String key = part.substring(0, eq).strip();
                if (!e.parameters().containsKey(key)) {
                    throw new IllegalArgumentException(name + ": unknown parameter '" + key + "'; "
                            + (e.parameters().isEmpty() ? "it takes none" : "allowed: " + String.join(", ", e.parameters().keySet())));
                }
                String text = part.substring(eq + 1).strip();
                try {
                    values.put(key, Double.parseDouble(text));
                } catch (NumberFormatException x) {
                    throw new IllegalArgumentException(name + ": " + key + " must be a number, got '" + text + "'");
                }
            }
        }
        return e.factory().apply(values);
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
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
            super("quadratic(condition=" + num(checkAtLeastOne(kappa)) + ")", "½(x² + " + num(kappa) + "y²)",
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
            super(registeredAs + "(a=" + num(checkPositive(a)) + ")", num(a) + "(x² + y²)",
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
