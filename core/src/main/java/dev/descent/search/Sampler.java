package dev.descent.search;

import dev.descent.random.Rng;
import dev.descent.spec.Param;
import dev.descent.spec.Registry;
import dev.descent.spec.Spec;
import dev.descent.spec.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * A way to pick the trial points of a {@link SearchSpace}: the full grid, seeded random search, or seeded
 * quasi-random search. Every sampler is deterministic: the same space (and seed) gives the same points in the
 * same order.
 *
 * <pre>{@code
 * SearchSpace s = SearchSpace.parse("space(lr=range(low=1e-5, high=1, scale=log, points=11))");
 * Sampler.grid().sample(s);               // 11 points: lr=1.0E-5, 3.16227766017E-5, 1.0E-4, ..., 1
 * Sampler.random(20, 7).sample(s);        // 20 log-uniform learning rates, seed 7
 * Sampler.quasiRandom(20, 7).sample(s);   // 20 points of a scrambled Halton sequence, seed 7
 * }</pre>
 *
 * <p>Spec form ({@link #parse}, printed by {@code toString()}): {@code grid}, {@code random(trials=20, seed=7)},
 * {@code quasi_random(trials=20, seed=7)}; {@code seed} defaults to 0.
 *
 * <p>References: Bergstra &amp; Bengio 2012 (random search); Schneider et al. 2019, DeepOBS (log grid);
 * Dahl et al. 2023, AlgoPerf (quasi-random search); Halton 1960 and Owen 2017 (scrambled Halton).
 */
public sealed interface Sampler permits Sampler.Grid, Sampler.Random, Sampler.QuasiRandom {

    /** The trial points, each a {@code point(...)} spec with one value per dimension in the space's order. */
    List<Spec> sample(SearchSpace space);

    /** The Cartesian product of every dimension's grid; the last dimension varies fastest. */
    static Sampler grid() {
        return new Grid();
    }

    /** {@code trials} independent points, uniform in each range's scale (log-uniform on log ranges) and over choices. */
    static Sampler random(int trials, long seed) {
        return new Random(trials, seed);
    }

    /** {@code trials} points of a Halton sequence scrambled by random digit permutations ({@link Halton}). */
    static Sampler quasiRandom(int trials, long seed) {
        return new QuasiRandom(trials, seed);
    }

    /** The samplers by name, in the one registry shape. */
    Registry<Sampler> SAMPLERS = samplers();

    /**
     * The sampler a spec names: {@code grid}, {@code random(trials=N, seed=S)} or {@code quasi_random(trials=N, seed=S)}.
     *
     * @throws IllegalArgumentException for an unknown name or key, listing what is known or allowed
     */
    static Sampler parse(String text) {
        return SAMPLERS.parse(text);
    }

    private static Registry<Sampler> samplers() {
        Registry<Sampler> r = new Registry<>("sampler", "%1$s: unknown parameter '%2$s'; allowed: %3$s");
        List<Param> sampled = List.of(
                new Param("trials", Param.Type.WHOLE, null, "[1, 1000000]", "how many points"),
                new Param("seed", Param.Type.WHOLE, "0", "any whole number", "the seed of the points"));
        r.add(new Registry.Entry<>("grid", "every combination of the dimensions' grid points", List.of(), s -> grid()));
        r.add(new Registry.Entry<>("random", "independent points, uniform in each range's scale", sampled,
                s -> random((int) whole(s, "trials", null, 1, 1_000_000), whole(s, "seed", 0L, Long.MIN_VALUE, Long.MAX_VALUE))));
        r.add(new Registry.Entry<>("quasi_random", "a scrambled Halton sequence", sampled,
                s -> quasiRandom((int) whole(s, "trials", null, 1, 1_000_000), whole(s, "seed", 0L, Long.MIN_VALUE, Long.MAX_VALUE))));
        return r;
    }

    private static long whole(Spec s, String key, Long fallback, long min, long max) {
        if (!s.has(key)) {
            if (fallback == null) {
                throw new IllegalArgumentException(s.name() + " needs " + key + ", e.g. " + s.name() + "(" + key + "=20)");
            }
            return fallback;
        }
        Long w = s.get(key) instanceof Value.Num n ? n.whole() : null;
        if (w == null || w < min || w > max) {
            throw new IllegalArgumentException(s.name() + ": " + key + " must be a whole number in [" + min + ", " + max
                    + "], got " + s.get(key));
        }
        return w;
    }

    /** The full grid. */
    record Grid() implements Sampler {
        @Override
        public List<Spec> sample(SearchSpace space) {
            List<List<Value>> axes = space.dimensions().stream().map(Dimension::grid).toList();
            long total = 1;
            for (List<Value> a : axes) {
                total *= a.size();
                if (total > 1_000_000) {
                    throw new IllegalArgumentException("the grid has more than 1000000 points; use fewer points or a sampled search");
                }
            }
            List<Spec> out = new ArrayList<>((int) total);
            int[] idx = new int[axes.size()];
            for (long t = 0; t < total; t++) {
                List<Value> vs = new ArrayList<>(idx.length);
                for (int d = 0; d < idx.length; d++) {
                    vs.add(axes.get(d).get(idx[d]));
                }
                out.add(space.point(vs));
                for (int d = idx.length - 1; d >= 0 && ++idx[d] == axes.get(d).size(); d--) {
                    idx[d] = 0;
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return "grid";
        }
    }

    /**
     * Random search: trial {@code t} draws one uniform number per dimension, in order, from
     * {@code Rng.derive(seed, STREAM_SEARCH, 0, t)}, so adding trials never changes the earlier ones.
     */
    record Random(int trials, long seed) implements Sampler {
        public Random {
            checkTrials(trials);
        }

        @Override
        public List<Spec> sample(SearchSpace space) {
            List<Spec> out = new ArrayList<>(trials);
            for (int t = 0; t < trials; t++) {
                Rng rng = Rng.derive(seed, Rng.STREAM_SEARCH, 0, t);
                out.add(space.point(space.dimensions().stream().map(d -> d.at(rng.nextDouble())).toList()));
            }
            return out;
        }

        @Override
        public String toString() {
            return "random(trials=" + trials + ", seed=" + seed + ")";
        }
    }

    /**
     * Quasi-random search: trial {@code t} is point {@code t + 1} of {@link Halton#scrambled(int, long)} in as
     * many dimensions as the space has (index 0 is skipped, as its plain point is the origin), each coordinate
     * mapped by {@link Dimension#at}.
     */
    record QuasiRandom(int trials, long seed) implements Sampler {
        public QuasiRandom {
            checkTrials(trials);
        }

        @Override
        public List<Spec> sample(SearchSpace space) {
            Halton h = Halton.scrambled(space.dimensions().size(), seed);
            List<Spec> out = new ArrayList<>(trials);
            for (int t = 0; t < trials; t++) {
                double[] u = h.point(t + 1L);
                List<Value> vs = new ArrayList<>(u.length);
                for (int d = 0; d < u.length; d++) {
                    vs.add(space.dimensions().get(d).at(u[d]));
                }
                out.add(space.point(vs));
            }
            return out;
        }

        @Override
        public String toString() {
            return "quasi_random(trials=" + trials + ", seed=" + seed + ")";
        }
    }

    private static void checkTrials(int trials) {
        if (trials < 1 || trials > 1_000_000) {
            throw new IllegalArgumentException("trials must be in [1, 1000000], got " + trials);
        }
    }
}
