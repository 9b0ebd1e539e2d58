package dev.descent.schedule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

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
 * <p>Syntax: {@code name} or {@code name(key=value, ...)}; a list value is {@code [a, b, ...]}; a schedule-valued
 * key takes another spec. Every schedule's {@code toString()} is a spec this class reads back.
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

    /** What a key holds; decides how its value is read and whether it has an {@code _epochs} form. */
    public enum Kind {
        NUMBER, STEPS, BOOLEAN, NUMBER_LIST, STEPS_LIST, SCHEDULE, SCHEDULE_LIST
    }

    /**
     * One key of a schedule.
     *
     * @param defaultValue the default as it would be written, or {@code null} when the key is required;
     *     {@link #BASE_LR} and {@link #STEPS_PER_EPOCH} stand for the values passed to {@link #parse}
     */
    public record Param(String key, Kind kind, String defaultValue, String description) {
        /** The alternative key in epochs, or {@code null}. */
        public String epochKey() {
            if (kind == Kind.STEPS && key.endsWith("_steps")) {
                return key.substring(0, key.length() - "_steps".length()) + "_epochs";
            }
            return kind == Kind.STEPS_LIST && key.equals("boundaries") ? "boundary_epochs" : null;
        }

        public boolean required() {
            return defaultValue == null;
        }

        String display() {
            String e = epochKey();
            return e == null ? key : key + " (or " + e + ")";
        }
    }

    /** One registered schedule: its name, a one-line summary and its keys in order. */
    public record Entry(String name, String summary, List<Param> params) {
        /** The usage line, e.g. {@code cosine(lr=<base lr>, decay_steps=<required>, alpha=0)}. */
        public String usage() {
            return name + params.stream()
                    .map(p -> p.key() + "=" + (p.required() ? "<required>" : p.defaultValue()))
                    .collect(Collectors.joining(", ", "(", ")"));
        }
    }

    /** Default that stands for the base learning rate given to {@link #parse}. */
    public static final String BASE_LR = "<base lr>";
    /** Default that stands for the steps per epoch given to {@link #parse}. */
    public static final String STEPS_PER_EPOCH = "<steps per epoch>";

    private static final List<Param> WARMUP = List.of(
            new Param("warmup_steps", Kind.STEPS, "0", "linear warmup before the schedule, whose steps then start at 0"),
            new Param("warmup_start", Kind.NUMBER, "0", "rate at step 0 of the warmup"));

    private record Registered(Entry entry, Function<Args, Schedule> build) {
    }

    private static final Map<String, Registered> REGISTRY = new LinkedHashMap<>();

    static {
        Param lr = new Param("lr", Kind.NUMBER, BASE_LR, "initial learning rate");
        register("constant", "the same rate at every step", a -> Schedule.constant(a.number("lr")), lr);
        register("step_decay", "Keras example: lr · drop^floor((1 + epoch) / epochs_drop); first drop one epoch early",
                a -> Schedule.stepDecay(a.number("lr"), a.number("drop"), a.number("epochs_drop"),
                        a.steps("steps_per_epoch")),
                lr, new Param("drop", Kind.NUMBER, "0.5", "factor per drop, in (0, 1]"),
                new Param("epochs_drop", Kind.NUMBER, null, "epochs between drops"),
                new Param("steps_per_epoch", Kind.NUMBER, STEPS_PER_EPOCH, "optimizer steps per epoch"));
        register("exponential", "TF ExponentialDecay: lr · rate^(step / decay_steps), floored with staircase",
                a -> Schedule.exponentialDecay(a.number("lr"), a.number("rate"), a.steps("decay_steps"),
                        a.bool("staircase")),
                lr, new Param("rate", Kind.NUMBER, null, "factor per decay_steps"),
                new Param("decay_steps", Kind.STEPS, null, "steps per factor of rate"),
                new Param("staircase", Kind.BOOLEAN, "false", "floor step / decay_steps (PyTorch StepLR)"));
        register("piecewise_constant", "TF PiecewiseConstantDecay: values[i] while step <= boundaries[i]",
                a -> Schedule.piecewiseConstant(a.stepsList("boundaries"), a.numbers("values")),
                new Param("boundaries", Kind.STEPS_LIST, null, "strictly increasing steps; a boundary keeps the earlier value"),
                new Param("values", Kind.NUMBER_LIST, null, "one more than boundaries"));
        register("inverse_time", "TF InverseTimeDecay: lr / (1 + rate · step / decay_steps); Robbins–Monro",
                a -> Schedule.inverseTimeDecay(a.number("lr"), a.number("rate"), a.steps("decay_steps"),
                        a.bool("staircase")),
                lr, new Param("rate", Kind.NUMBER, null, "k in lr / (1 + k t)"),
                new Param("decay_steps", Kind.STEPS, "1", "unit of t"),
                new Param("staircase", Kind.BOOLEAN, "false", "floor step / decay_steps"));
        register("polynomial", "TF PolynomialDecay: (lr − end_lr)(1 − step / decay_steps)^power + end_lr",
                a -> Schedule.polynomial(a.number("lr"), a.steps("decay_steps"), a.number("end_lr"),
                        a.number("power"), a.bool("cycle")),
                lr, new Param("decay_steps", Kind.STEPS, null, "steps to reach end_lr"),
                new Param("end_lr", Kind.NUMBER, "0.0001", "final rate"),
                new Param("power", Kind.NUMBER, "1", "exponent; 1 is linear"),
                new Param("cycle", Kind.BOOLEAN, "false", "restart at each multiple of decay_steps"));
        register("cosine", "TF CosineDecay: half a cosine from lr to alpha · lr over decay_steps",
                a -> Schedule.cosine(a.number("lr"), a.steps("decay_steps"), a.number("alpha")),
                lr, new Param("decay_steps", Kind.STEPS, null, "length of the decay"),
                new Param("alpha", Kind.NUMBER, "0", "final rate as a fraction of lr"));
        register("cosine_restarts", "SGDR, TF CosineDecayRestarts: cosine periods growing by t_mul, peaks by m_mul",
                a -> Schedule.cosineWarmRestarts(a.number("lr"), a.steps("first_decay_steps"), a.number("t_mul"),
                        a.number("m_mul"), a.number("alpha")),
                lr, new Param("first_decay_steps", Kind.STEPS, null, "length of the first period"),
                new Param("t_mul", Kind.NUMBER, "2", "period growth per restart, >= 1"),
                new Param("m_mul", Kind.NUMBER, "1", "peak factor per restart"),
                new Param("alpha", Kind.NUMBER, "0", "floor as a fraction of lr"));
        register("one_cycle", "PyTorch OneCycleLR (cos): max_lr/div_factor up to max_lr, then down to /final_div_factor",
                a -> Schedule.oneCycle(a.number("max_lr"), a.steps("total_steps"), a.number("pct_start"),
                        a.number("div_factor"), a.number("final_div_factor")),
                new Param("max_lr", Kind.NUMBER, BASE_LR, "peak rate"),
                new Param("total_steps", Kind.STEPS, null, "length of the cycle"),
                new Param("pct_start", Kind.NUMBER, "0.3", "fraction of the cycle spent rising"),
                new Param("div_factor", Kind.NUMBER, "25", "initial rate = max_lr / div_factor"),
                new Param("final_div_factor", Kind.NUMBER, "10000", "final rate = initial rate / final_div_factor"));
        register("warmup", "linear warmup from warmup_start to the schedule's first rate, then the schedule from its step 0",
                a -> a.schedule("schedule").withWarmup(a.steps("warmup_steps"), a.number("warmup_start")),
                new Param("warmup_steps", Kind.STEPS, null, "length of the warmup"),
                new Param("warmup_start", Kind.NUMBER, "0", "rate at step 0"),
                new Param("schedule", Kind.SCHEDULE, null, "the schedule after warmup"));
        register("join", "Optax join_schedules: schedules[i] from boundaries[i-1] on, at step − boundaries[i-1]",
                a -> Schedule.join(a.schedules("schedules"), a.stepsList("boundaries")),
                new Param("schedules", Kind.SCHEDULE_LIST, null, "the schedules, in order"),
                new Param("boundaries", Kind.STEPS_LIST, null, "one fewer than schedules; a boundary starts the later one"));
        register("per_epoch", "a schedule over epochs, held constant within each epoch (PyTorch stepped per epoch)",
                a -> new Epochs(a.steps("steps_per_epoch")).perEpoch(a.schedule("schedule")),
                new Param("steps_per_epoch", Kind.NUMBER, STEPS_PER_EPOCH, "optimizer steps per epoch"),
                new Param("schedule", Kind.SCHEDULE, null, "the schedule, evaluated at the epoch number"));
    }

    private Schedules() {
    }

    private static void register(String name, String summary, Function<Args, Schedule> build, Param... params) {
        List<Param> all = new ArrayList<>(List.of(params));
        if (!name.equals("warmup")) {
            all.addAll(WARMUP);
        }
        REGISTRY.put(name, new Registered(new Entry(name, summary, List.copyOf(all)), build));
    }

    /** Registered names, in registration order. */
    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    /** Every registered schedule with its keys and defaults. */
    public static List<Entry> catalog() {
        return REGISTRY.values().stream().map(Registered::entry).toList();
    }

    /** Help text for {@code descent schedules}: one block per schedule, its usage line, summary and keys. */
    public static String help() {
        StringBuilder b = new StringBuilder();
        for (Entry e : catalog()) {
            b.append(e.usage()).append('\n').append("    ").append(e.summary()).append('\n');
            for (Param p : e.params()) {
                b.append(String.format(Locale.ROOT, "      %-42s %s%n", p.display(), p.description()));
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
        int open = s.indexOf('(');
        String name = open < 0 ? s : s.substring(0, open).strip();
        Map<String, String> params = new LinkedHashMap<>();
        if (open >= 0) {
            if (!s.endsWith(")")) {
                throw new IllegalArgumentException("schedule spec '" + s + "' must end with ')'");
            }
            String body = s.substring(open + 1, s.length() - 1);
            for (String arg : splitTopLevel(body, s)) {
                int eq = arg.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("expected key=value in schedule spec '" + s + "', got '" + arg + "'");
                }
                String key = arg.substring(0, eq).strip();
                if (params.put(key, arg.substring(eq + 1).strip()) != null) {
                    throw new IllegalArgumentException("key '" + key + "' given twice in schedule spec '" + s + "'");
                }
            }
        }
        return build(name, params, stepsPerEpoch, baseLearningRate, s);
    }

    /** Builds a schedule from a name and its parameters as strings (e.g. from a YAML map). See {@link #parse}. */
    public static Schedule create(String name, Map<String, String> params, long stepsPerEpoch, double baseLearningRate) {
        Check.notNull("schedule name", name);
        Check.notNull("schedule params", params);
        Check.positive("steps_per_epoch", stepsPerEpoch);
        return build(name.strip(), new LinkedHashMap<>(params), stepsPerEpoch, baseLearningRate, name + params);
    }

    private static Schedule build(String name, Map<String, String> params, long stepsPerEpoch, double baseLr,
            String source) {
        Registered r = REGISTRY.get(name.toLowerCase(Locale.ROOT));
        if (r == null) {
            throw new IllegalArgumentException("unknown schedule '" + name + "'; known: " + String.join(", ", names()));
        }
        Args args = new Args(r.entry(), params, stepsPerEpoch, baseLr);
        try {
            Schedule s = r.build().apply(args);
            if (!r.entry().name().equals("warmup")) {
                s = s.withWarmup(args.steps("warmup_steps"), args.number("warmup_start"));
            }
            return s;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid schedule '" + source + "': " + e.getMessage(), e);
        }
    }

    /** Splits on commas outside brackets and parentheses; an empty body gives no parts. */
    static List<String> splitTopLevel(String body, String source) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                if (--depth < 0) {
                    throw new IllegalArgumentException("unbalanced '" + c + "' in schedule spec '" + source + "'");
                }
            } else if (c == ',' && depth == 0) {
                parts.add(body.substring(from, i).strip());
                from = i + 1;
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("unbalanced brackets in schedule spec '" + source + "'");
        }
        String last = body.substring(from).strip();
        if (!last.isEmpty() || !parts.isEmpty()) {
            parts.add(last);
        }
        for (String p : parts) {
            if (p.isEmpty()) {
                throw new IllegalArgumentException("empty item in schedule spec '" + source + "'");
            }
        }
        return parts;
    }

    /** The parameters of one spec, read by key with the entry's defaults; rejects keys the entry does not have. */
    private static final class Args {
        private final Entry entry;
        private final Map<String, String> values;
        private final long stepsPerEpoch;
        private final double baseLr;

        Args(Entry entry, Map<String, String> values, long stepsPerEpoch, double baseLr) {
            this.entry = entry;
            this.values = values;
            this.stepsPerEpoch = stepsPerEpoch;
            this.baseLr = baseLr;
            Set<String> allowed = new LinkedHashSet<>();
            for (Param p : entry.params()) {
                allowed.add(p.key());
                if (p.epochKey() != null) {
                    allowed.add(p.epochKey());
                }
            }
            for (String key : values.keySet()) {
                if (!allowed.contains(key)) {
                    throw new IllegalArgumentException("unknown key '" + key + "' for schedule " + entry.name()
                            + "; allowed: " + entry.params().stream().map(Param::display).collect(Collectors.joining(", ")));
                }
            }
            for (Param p : entry.params()) {
                if (p.epochKey() != null && values.containsKey(p.key()) && values.containsKey(p.epochKey())) {
                    throw new IllegalArgumentException("give " + p.key() + " or " + p.epochKey() + " for schedule "
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

        /** The raw value, the default, or a "needs" error; {@code inEpochs} tells whether the epoch key was used. */
        private String raw(Param p, boolean[] inEpochs) {
            if (values.containsKey(p.key())) {
                return values.get(p.key());
            }
            if (p.epochKey() != null && values.containsKey(p.epochKey())) {
                inEpochs[0] = true;
                return values.get(p.epochKey());
            }
            if (p.required()) {
                throw new IllegalArgumentException("schedule " + entry.name() + " needs " + p.display());
            }
            return switch (p.defaultValue()) {
                case BASE_LR -> Double.toString(baseLr);
                case STEPS_PER_EPOCH -> Long.toString(stepsPerEpoch);
                default -> p.defaultValue();
            };
        }

        double number(String key) {
            Param p = param(key);
            return parseNumber(key, raw(p, new boolean[1]));
        }

        long steps(String key) {
            Param p = param(key);
            boolean[] inEpochs = new boolean[1];
            String v = raw(p, inEpochs);
            return inEpochs[0] ? new Epochs(stepsPerEpoch).toSteps(parseNumber(p.epochKey(), v)) : parseLong(key, v);
        }

        boolean bool(String key) {
            String v = raw(param(key), new boolean[1]).toLowerCase(Locale.ROOT);
            return switch (v) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
            };
        }

        double[] numbers(String key) {
            List<String> items = list(key, raw(param(key), new boolean[1]));
            double[] out = new double[items.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = parseNumber(key, items.get(i));
            }
            return out;
        }

        long[] stepsList(String key) {
            Param p = param(key);
            boolean[] inEpochs = new boolean[1];
            String name = values.containsKey(key) || p.epochKey() == null ? key : p.epochKey();
            List<String> items = list(name, raw(p, inEpochs));
            long[] out = new long[items.size()];
            Epochs epochs = new Epochs(stepsPerEpoch);
            for (int i = 0; i < out.length; i++) {
                out[i] = inEpochs[0] ? epochs.toSteps(parseNumber(name, items.get(i))) : parseLong(name, items.get(i));
            }
            return out;
        }

        Schedule schedule(String key) {
            return parse(raw(param(key), new boolean[1]), stepsPerEpoch, baseLr);
        }

        List<Schedule> schedules(String key) {
            List<Schedule> out = new ArrayList<>();
            for (String item : list(key, raw(param(key), new boolean[1]))) {
                out.add(parse(item, stepsPerEpoch, baseLr));
            }
            return Collections.unmodifiableList(out);
        }

        private static List<String> list(String key, String v) {
            String s = v.strip();
            if (!s.startsWith("[") || !s.endsWith("]")) {
                throw new IllegalArgumentException(key + " must be a list like [a, b], got '" + v + "'");
            }
            return splitTopLevel(s.substring(1, s.length() - 1), v);
        }

        private static double parseNumber(String key, String v) {
            try {
                return Double.parseDouble(v.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a number, got '" + v + "'");
            }
        }

        private static long parseLong(String key, String v) {
            try {
                return Long.parseLong(v.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a whole number of steps, got '" + v + "'");
            }
        }
    }
}
