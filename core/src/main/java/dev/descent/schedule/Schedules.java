package dev.descent.schedule;

import dev.descent.spec.Param;
import dev.descent.spec.Registry;
import dev.descent.spec.Spec;
import dev.descent.spec.SpecSyntaxException;
import dev.descent.spec.Value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The schedule registry: builds a {@link Schedule} from a name and string parameters, as written on the command
 * line or in a config file, and lists what it knows for help text.
 *
 * <pre>{@code
 * Schedule s = Schedules.parse("step_decay(drop=0.5, epochs_drop=4)", stepsPerEpoch, 0.1);
 * Schedule c = Schedules.parse("cosine(decay_epochs=90, alpha=0.01, warmup_epochs=5)", stepsPerEpoch, 0.1);
 * Schedule j = Schedules.parse("join(schedules=[constant, cosine(decay_steps=900)], boundaries=[100])", 1, 0.1);
 * Schedule m = Schedules.create("exponential", Map.of("rate", "0.96", "decay_steps", "1000"), 1, 0.1);
 * }</pre>
 *
 * <p>Syntax: the one of {@link Spec}: {@code name} or {@code name(key=value, ...)}; a list value is
 * {@code [a, b, ...]}; a schedule-valued key takes another spec. Every schedule's {@code toString()} is a spec this
 * class reads back, printed by the one spec printer. The registry has the shape of every registry,
 * {@link Registry}.
 *
 * <ul>
 *   <li>{@code lr} (or {@code max_lr}) defaults to the base learning rate passed in.
 *   <li>Every key ending in {@code _steps} may instead be given in epochs by the same name ending in
 *       {@code _epochs} ({@code decay_epochs=90}); {@code boundaries} likewise as {@code boundary_epochs}.
 *       Epochs are multiplied by {@code stepsPerEpoch} and rounded to the nearest step.
 *   <li>Every schedule except {@code warmup} also takes {@code warmup_steps} (or {@code warmup_epochs}) and
 *       {@code warmup_start}, which put a linear warmup in front ({@link Schedule#withWarmup}).
 * </ul>
 *
 * <p>Errors name what was wrong and what is allowed: an unknown name lists the known ones, an unknown key lists
 * the allowed keys, and a value the factory rejects is reported with the spec it came from.
 */
public final class Schedules {

    /** One registered schedule: its name, a one-line summary and its keys in order. */
    public record Entry(String name, String summary, List<Param> params) {
        /** The usage line, e.g. {@code cosine(lr=<base lr>, decay_steps=<required>, alpha=0)}. */
        public String usage() {
            return REGISTRY.entry(name).usage();
        }
    }

    /** A schedule waiting for the two numbers a spec may leave to the run: steps per epoch and the base rate. */
    @FunctionalInterface
    private interface Maker {
        Schedule make(long stepsPerEpoch, double baseLearningRate);
    }

    /** Default that stands for the base learning rate given to {@link #parse}. */
    public static final String BASE_LR = "<base lr>";
    /** Default that stands for the steps per epoch given to {@link #parse}. */
    public static final String STEPS_PER_EPOCH = "<steps per epoch>";

    private static final List<Param> WARMUP = List.of(
            param("warmup_steps", Kind.STEPS, "0", "linear warmup before the schedule, whose steps then start at 0"),
            param("warmup_start", Kind.NUMBER, "0", "rate at step 0 of the warmup"));

    private static final Registry<Maker> REGISTRY = new Registry<>("schedule", "unknown key '%2$s' for schedule %1$s; allowed: %3$s");

    /** What a key holds; decides how its value is read and whether it has an {@code _epochs} form. */
    private enum Kind {
        NUMBER(Param.Type.NUMBER), STEPS(Param.Type.WHOLE), BOOLEAN(Param.Type.BOOLEAN), NUMBER_LIST(Param.Type.NUMBER_LIST),
        STEPS_LIST(Param.Type.WHOLE_LIST), SCHEDULE(Param.Type.SPEC), SCHEDULE_LIST(Param.Type.SPEC_LIST);

        private final Param.Type type;

        Kind(Param.Type type) {
            this.type = type;
        }
    }

    static {
        Param lr = param("lr", Kind.NUMBER, BASE_LR, "initial learning rate");
        register("constant", "the same rate at every step", a -> Schedule.constant(a.number("lr")), lr);
        register("step_decay", "Keras example: lr · drop^floor((1 + epoch) / epochs_drop); first drop one epoch early",
                a -> Schedule.stepDecay(a.number("lr"), a.number("drop"), a.number("epochs_drop"),
                        a.steps("steps_per_epoch")),
                lr, param("drop", Kind.NUMBER, "0.5", "factor per drop, in (0, 1]"),
                param("epochs_drop", Kind.NUMBER, null, "epochs between drops"),
                param("steps_per_epoch", Kind.NUMBER, STEPS_PER_EPOCH, "optimizer steps per epoch"));
        register("exponential", "TF ExponentialDecay: lr · rate^(step / decay_steps), floored with staircase",
                a -> Schedule.exponentialDecay(a.number("lr"), a.number("rate"), a.steps("decay_steps"),
                        a.bool("staircase")),
                lr, param("rate", Kind.NUMBER, null, "factor per decay_steps"),
                param("decay_steps", Kind.STEPS, null, "steps per factor of rate"),
                param("staircase", Kind.BOOLEAN, "false", "floor step / decay_steps (PyTorch StepLR)"));
        register("piecewise_constant", "TF PiecewiseConstantDecay: values[i] while step <= boundaries[i]",
                a -> Schedule.piecewiseConstant(a.stepsList("boundaries"), a.numbers("values")),
                param("boundaries", Kind.STEPS_LIST, null, "strictly increasing steps; a boundary keeps the earlier value"),
                param("values", Kind.NUMBER_LIST, null, "one more than boundaries"));
        register("inverse_time", "TF InverseTimeDecay: lr / (1 + rate · step / decay_steps); Robbins–Monro",
                a -> Schedule.inverseTimeDecay(a.number("lr"), a.number("rate"), a.steps("decay_steps"),
                        a.bool("staircase")),
                lr, param("rate", Kind.NUMBER, null, "k in lr / (1 + k t)"),
                param("decay_steps", Kind.STEPS, "1", "unit of t"),
                param("staircase", Kind.BOOLEAN, "false", "floor step / decay_steps"));
        register("polynomial", "TF PolynomialDecay: (lr − end_lr)(1 − step / decay_steps)^power + end_lr",
                a -> Schedule.polynomial(a.number("lr"), a.steps("decay_steps"), a.number("end_lr"),
                        a.number("power"), a.bool("cycle")),
                lr, param("decay_steps", Kind.STEPS, null, "steps to reach end_lr"),
                param("end_lr", Kind.NUMBER, "0.0001", "final rate"),
                param("power", Kind.NUMBER, "1", "exponent; 1 is linear"),
                param("cycle", Kind.BOOLEAN, "false", "restart at each multiple of decay_steps"));
        register("cosine", "TF CosineDecay: half a cosine from lr to alpha · lr over decay_steps",
                a -> Schedule.cosine(a.number("lr"), a.steps("decay_steps"), a.number("alpha")),
                lr, param("decay_steps", Kind.STEPS, null, "length of the decay"),
                param("alpha", Kind.NUMBER, "0", "final rate as a fraction of lr"));
        register("cosine_restarts", "SGDR, TF CosineDecayRestarts: cosine periods growing by t_mul, peaks by m_mul",
                a -> Schedule.cosineWarmRestarts(a.number("lr"), a.steps("first_decay_steps"), a.number("t_mul"),
                        a.number("m_mul"), a.number("alpha")),
                lr, param("first_decay_steps", Kind.STEPS, null, "length of the first period"),
                param("t_mul", Kind.NUMBER, "2", "period growth per restart, >= 1"),
                param("m_mul", Kind.NUMBER, "1", "peak factor per restart"),
                param("alpha", Kind.NUMBER, "0", "floor as a fraction of lr"));
        register("one_cycle", "PyTorch OneCycleLR (cos): max_lr/div_factor up to max_lr, then down to /final_div_factor",
                a -> Schedule.oneCycle(a.number("max_lr"), a.steps("total_steps"), a.number("pct_start"),
                        a.number("div_factor"), a.number("final_div_factor")),
                param("max_lr", Kind.NUMBER, BASE_LR, "peak rate"),
                param("total_steps", Kind.STEPS, null, "length of the cycle"),
                param("pct_start", Kind.NUMBER, "0.3", "fraction of the cycle spent rising"),
                param("div_factor", Kind.NUMBER, "25", "initial rate = max_lr / div_factor"),
                param("final_div_factor", Kind.NUMBER, "10000", "final rate = initial rate / final_div_factor"));
        register("warmup", "linear warmup from warmup_start to the schedule's first rate, then the schedule from its step 0",
                a -> a.schedule("schedule").withWarmup(a.steps("warmup_steps"), a.number("warmup_start")),
                param("warmup_steps", Kind.STEPS, null, "length of the warmup"),
                param("warmup_start", Kind.NUMBER, "0", "rate at step 0"),
                param("schedule", Kind.SCHEDULE, null, "the schedule after warmup"));
        register("join", "Optax join_schedules: schedules[i] from boundaries[i-1] on, at step − boundaries[i-1]",
                a -> Schedule.join(a.schedules("schedules"), a.stepsList("boundaries")),
                param("schedules", Kind.SCHEDULE_LIST, null, "the schedules, in order"),
                param("boundaries", Kind.STEPS_LIST, null, "one fewer than schedules; a boundary starts the later one"));
        register("per_epoch", "a schedule over epochs, held constant within each epoch (PyTorch stepped per epoch)",
                a -> new Epochs(a.steps("steps_per_epoch")).perEpoch(a.schedule("schedule")),
                param("steps_per_epoch", Kind.NUMBER, STEPS_PER_EPOCH, "optimizer steps per epoch"),
                param("schedule", Kind.SCHEDULE, null, "the schedule, evaluated at the epoch number"));
    }

    private Schedules() {
    }

    /** A key; one of {@code STEPS} kind ending in {@code _steps}, and {@code boundaries}, may be given in epochs. */
    private static Param param(String key, Kind kind, String defaultValue, String description) {
        String epochs = kind == Kind.STEPS && key.endsWith("_steps") ? key.substring(0, key.length() - "_steps".length()) + "_epochs"
                : kind == Kind.STEPS_LIST && key.equals("boundaries") ? "boundary_epochs" : null;
        return new Param(key, kind.type, defaultValue, "", description, epochs);
    }

    private static void register(String name, String summary, Function<Args, Schedule> build, Param... params) {
        List<Param> all = new ArrayList<>(List.of(params));
        if (!name.equals("warmup")) {
            all.addAll(WARMUP);
        }
        REGISTRY.add(new Registry.Entry<>(name, summary, all, spec -> {
            Args.checkEpochKeys(REGISTRY.entry(name), spec);
            return (stepsPerEpoch, baseLr) -> {
                Args args = new Args(REGISTRY.entry(name), spec, stepsPerEpoch, baseLr);
                Schedule s = build.apply(args);
                return name.equals("warmup") ? s : s.withWarmup(args.steps("warmup_steps"), args.number("warmup_start"));
            };
        }));
    }

    /** The registry: names, parameters and factories, in the shape every registry has. */
    public static Registry<?> registry() {
        return REGISTRY;
    }

    /** Registered names, in registration order. */
    public static List<String> names() {
        return List.copyOf(REGISTRY.names());
    }

    /** Every registered schedule with its keys and defaults. */
    public static List<Entry> catalog() {
        return REGISTRY.entries().stream().map(e -> new Entry(e.name(), e.description(), e.params())).toList();
    }

    /** Help text for {@code descent schedules}: one block per schedule, its usage line, summary and keys. */
    public static String help() {
        StringBuilder b = new StringBuilder();
        for (Entry e : catalog()) {
            b.append(e.usage()).append('\n').append("    ").append(e.summary()).append('\n');
            for (Param p : e.params()) {
                b.append(String.format(Locale.ROOT, "      %-42s %s%n", p.display(), p.doc()));
            }
        }
        return b.toString();
    }

    /**
     * Builds a schedule from a spec such as {@code "cosine(decay_steps=1000, alpha=0.1)"}.
     *
     * @param stepsPerEpoch used for {@code _epochs} keys and epoch-based schedules, {@code > 0}
     * @param baseLearningRate the default of {@code lr} / {@code max_lr}
     * @throws IllegalArgumentException with a message naming the problem and what is allowed
     */
    public static Schedule parse(String spec, long stepsPerEpoch, double baseLearningRate) {
        Check.notNull("schedule spec", spec);
        Check.positive("steps_per_epoch", stepsPerEpoch);
        String s = spec.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty schedule spec; known schedules: " + String.join(", ", names()));
        }
        return build(parseSpec(s), stepsPerEpoch, baseLearningRate, s);
    }

    /**
     * Reads a schedule spec without building it. The wording of three syntax errors is the one this registry has
     * always used (a text that does not end with ')', unbalanced brackets, a key given twice).
     */
    public static Spec parseSpec(String text) {
        try {
            return Spec.parse(text, "schedule");
        } catch (SpecSyntaxException e) {
            String quoted = "schedule spec '" + e.text().strip() + "'";
            throw switch (e.problem()) {
                case MISSING_CLOSE -> new IllegalArgumentException(quoted + " must end with ')'", e);
                case UNBALANCED -> new IllegalArgumentException("unbalanced brackets in " + quoted, e);
                case DUPLICATE_KEY -> new IllegalArgumentException("key '" + e.detail().substring(0, e.detail().indexOf(' '))
                        + "' given twice in " + quoted, e);
                default -> e;
            };
        }
    }

    /** Builds a schedule from a spec value. See {@link #parse}. */
    public static Schedule create(Spec spec, long stepsPerEpoch, double baseLearningRate) {
        Check.notNull("schedule spec", spec);
        Check.positive("steps_per_epoch", stepsPerEpoch);
        return build(spec, stepsPerEpoch, baseLearningRate, spec.toString());
    }

    /** Builds a schedule from a name and its parameters as strings (e.g. from a YAML map). See {@link #parse}. */
    public static Schedule create(String name, Map<String, String> params, long stepsPerEpoch, double baseLearningRate) {
        Check.notNull("schedule name", name);
        Check.notNull("schedule params", params);
        Check.positive("steps_per_epoch", stepsPerEpoch);
        Map<String, Value> values = new LinkedHashMap<>();
        params.forEach((k, v) -> values.put(k, Value.parse(v)));
        return build(Spec.of(name.strip(), values), stepsPerEpoch, baseLearningRate, name + params);
    }

    /**
     * The spec with every {@code lr} and {@code max_lr} left to the base rate written in, nested schedules
     * included: the spec that says the whole schedule by itself.
     */
    public static Spec withBaseRate(Spec spec, double baseLearningRate) {
        Registry.Entry<Maker> e = REGISTRY.entry(spec.name());
        Spec out = spec;
        for (Param p : e.params()) {
            Value v = spec.get(p.key());
            if (BASE_LR.equals(p.defaultValue()) && v == null) {
                out = out.with(p.key(), baseLearningRate);
            } else if (p.type() == Param.Type.SPEC && v != null) {
                out = out.with(p.key(), withBaseRate(Spec.from(p.key(), v), baseLearningRate));
            } else if (p.type() == Param.Type.SPEC_LIST && v instanceof Value.Lst(List<Value> items)) {
                out = out.with(p.key(), items.stream().map(i -> (Value) withBaseRate(Spec.from(p.key(), i), baseLearningRate)).toList());
            }
        }
        return out;
    }

    private static Schedule build(Spec spec, long stepsPerEpoch, double baseLr, String source) {
        Maker m = REGISTRY.create(spec);
        try {
            return m.make(stepsPerEpoch, baseLr);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid schedule '" + source + "': " + e.getMessage(), e);
        }
    }

    /** The values of one spec, read by key with the entry's defaults (the registry has checked the keys). */
    private static final class Args {
        private final Registry.Entry<Maker> entry;
        private final Spec spec;
        private final long stepsPerEpoch;
        private final double baseLr;

        Args(Registry.Entry<Maker> entry, Spec spec, long stepsPerEpoch, double baseLr) {
            this.entry = entry;
            this.spec = spec;
            this.stepsPerEpoch = stepsPerEpoch;
            this.baseLr = baseLr;
        }

        /** Rejects a key given both in steps and in epochs. */
        static void checkEpochKeys(Registry.Entry<Maker> entry, Spec spec) {
            for (Param p : entry.params()) {
                if (p.alias() != null && spec.has(p.key()) && spec.has(p.alias())) {
                    throw new IllegalArgumentException("give " + p.key() + " or " + p.alias() + " for schedule "
                            + entry.name() + ", not both");
                }
            }
        }

        private Param param(String key) {
            for (Param p : entry.params()) {
                if (p.key().equals(key)) {
                    return p;
                }
            }
            throw new IllegalStateException("schedule " + entry.name() + " reads undeclared key " + key);
        }

        /** The value, the default, or a "needs" error; {@code inEpochs} tells whether the epoch key was used. */
        private Value raw(Param p, boolean[] inEpochs) {
            if (spec.has(p.key())) {
                return spec.get(p.key());
            }
            if (p.alias() != null && spec.has(p.alias())) {
                inEpochs[0] = true;
                return spec.get(p.alias());
            }
            if (p.required()) {
                throw new IllegalArgumentException("schedule " + entry.name() + " needs " + p.display());
            }
            return switch (p.defaultValue()) {
                case BASE_LR -> Value.of(baseLr);
                case STEPS_PER_EPOCH -> Value.of(stepsPerEpoch);
                default -> Value.parse(p.defaultValue());
            };
        }

        double number(String key) {
            return number(key, raw(param(key), new boolean[1]));
        }

        long steps(String key) {
            Param p = param(key);
            boolean[] inEpochs = new boolean[1];
            Value v = raw(p, inEpochs);
            return inEpochs[0] ? new Epochs(stepsPerEpoch).toSteps(number(p.alias(), v)) : whole(key, v);
        }

        boolean bool(String key) {
            Value v = raw(param(key), new boolean[1]);
            if (v instanceof Value.Bool(boolean b)) {
                return b;
            }
            throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
        }

        double[] numbers(String key) {
            List<Value> items = list(key, raw(param(key), new boolean[1]));
            double[] out = new double[items.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = number(key, items.get(i));
            }
            return out;
        }

        long[] stepsList(String key) {
            Param p = param(key);
            boolean[] inEpochs = new boolean[1];
            Value v = raw(p, inEpochs);
            String name = inEpochs[0] ? p.alias() : key;
            List<Value> items = list(name, v);
            long[] out = new long[items.size()];
            Epochs epochs = new Epochs(stepsPerEpoch);
            for (int i = 0; i < out.length; i++) {
                out[i] = inEpochs[0] ? epochs.toSteps(number(name, items.get(i))) : whole(name, items.get(i));
            }
            return out;
        }

        Schedule schedule(String key) {
            return create(Spec.from(key, raw(param(key), new boolean[1])), stepsPerEpoch, baseLr);
        }

        List<Schedule> schedules(String key) {
            List<Schedule> out = new ArrayList<>();
            for (Value item : list(key, raw(param(key), new boolean[1]))) {
                out.add(create(Spec.from(key, item), stepsPerEpoch, baseLr));
            }
            return Collections.unmodifiableList(out);
        }

        private static List<Value> list(String key, Value v) {
            if (v instanceof Value.Lst(List<Value> items)) {
                return items;
            }
            throw new IllegalArgumentException(key + " must be a list like [a, b], got '" + v + "'");
        }

        private static double number(String key, Value v) {
            if (v instanceof Value.Num n) {
                return n.value();
            }
            throw new IllegalArgumentException(key + " must be a number, got '" + v + "'");
        }

        private static long whole(String key, Value v) {
            if (v instanceof Value.Num n && n.whole() != null) {
                return n.whole();
            }
            throw new IllegalArgumentException(key + " must be a whole number of steps, got '" + v + "'");
        }
    }
}
