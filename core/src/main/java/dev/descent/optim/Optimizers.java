package dev.descent.optim;

import dev.descent.optim.contrib.AdaBelief;
import dev.descent.optim.contrib.Lion;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The optimizer registry: names and string hyperparameters (from a command line or a config file) to
 * validated instances, and a listing of everything it knows for {@code descent optimizers}.
 *
 * <p>Spec syntax: {@code name} or {@code name(key=value, key=value, ...)}; whitespace is ignored around
 * names, keys and values; keys are snake case; booleans are {@code true}/{@code false}; choices are
 * case-insensitive. Giving {@code convention=<framework>} first loads that framework's defaults, then
 * the other keys override them. The learning rate is not a hyperparameter: the schedule gives it.
 *
 * <pre>{@code
 * Optimizer a = Optimizers.parse("adam(beta1=0.95, convention=tensorflow)");
 * Optimizer b = Optimizers.create("rmsprop", Map.of("momentum", "0.9", "centered", "true"));
 * Optimizer c = Optimizers.parse(a.toString());          // toString() is a spec, all keys given
 * for (Optimizers.Info info : Optimizers.list()) { ... }  // names, hyperparameters, conventions
 * }</pre>
 *
 * <p>Keys every optimizer accepts, besides its own: {@code weight_decay} (λ ≥ 0) and
 * {@code weight_decay_mode} (coupled, decoupled) — see {@link WeightDecay}; {@code clip_norm} and
 * {@code clip_value} (&gt; 0, off by default) — see {@link GradientClipping}; {@code on_nonfinite}
 * (off, skip, stop) — see {@link NonFiniteGuard}.
 *
 * <p>Adding an optimizer: its class, one {@code register} line below, one row in {@code OptimizerTableTest}.
 */
public final class Optimizers {

    /** One hyperparameter in the listing. */
    public record HyperparameterInfo(String key, String type, String defaultValue, String range, String description) {
    }

    /** One convention in the listing, with the defaults it loads where they differ from the default convention. */
    public record ConventionInfo(String name, String description, Map<String, String> defaults) {
    }

    /** One registered optimizer in the listing. */
    public record Info(String name, String description, List<HyperparameterInfo> hyperparameters,
                       List<ConventionInfo> conventions) {
    }

    private record Entry<C extends Record>(String name, String description, C defaults, Map<String, String> presets,
                                           BiFunction<C, WeightDecay, Optimizer> factory) {
    }

    static final String WEIGHT_DECAY = "weight_decay";
    static final String WEIGHT_DECAY_MODE = "weight_decay_mode";
    static final String CLIP_NORM = "clip_norm";
    static final String CLIP_VALUE = "clip_value";
    static final String ON_NONFINITE = "on_nonfinite";
    private static final List<String> COMMON = List.of(WEIGHT_DECAY, WEIGHT_DECAY_MODE, CLIP_NORM, CLIP_VALUE, ON_NONFINITE);

    private static final Map<String, Entry<?>> REGISTRY = new LinkedHashMap<>();

    static {
        register("sgd", "stochastic gradient descent (Robbins & Monro 1951)", Sgd.Config.DEFAULTS, Sgd::new);
        register("momentum", "SGD with heavy-ball momentum (Polyak 1964)", Momentum.Config.DEFAULTS, Momentum::new);
        register("nesterov", "SGD with Nesterov momentum (Sutskever et al. 2013)", Momentum.Config.DEFAULTS, Momentum::new, "nesterov=true");
        register("adagrad", "AdaGrad (Duchi, Hazan & Singer 2011)", AdaGrad.Config.DEFAULTS, AdaGrad::new);
        register("rmsprop", "RMSProp, optionally centered and with momentum (Tieleman & Hinton 2012; Graves 2013)", RmsProp.Config.DEFAULTS, RmsProp::new);
        register("adam", "Adam (Kingma & Ba 2015)", Adam.Config.DEFAULTS, Adam::new);
        register("amsgrad", "Adam with AMSGrad's running maximum (Reddi, Kale & Kumar 2018)", Adam.Config.DEFAULTS, Adam::new, "amsgrad=true");
        register("adamw", "Adam with decoupled weight decay (Loshchilov & Hutter 2019)", Adam.Config.DEFAULTS, Adam::new, "weight_decay=0.01", "weight_decay_mode=decoupled");
        register("nadam", "Adam with Nesterov momentum (Dozat 2016)", Nadam.Config.DEFAULTS, Nadam::new);
        register("adamax", "AdaMax, Adam with the infinity norm (Kingma & Ba 2015, section 7.1)", Adamax.Config.DEFAULTS, Adamax::new);
        register("adadelta", "AdaDelta (Zeiler 2012)", AdaDelta.Config.DEFAULTS, AdaDelta::new);
        register("radam", "Rectified Adam (Liu et al. 2020)", RAdam.Config.DEFAULTS, RAdam::new);
        register("adabelief", "AdaBelief (Zhuang et al. 2020) [contrib]", AdaBelief.Config.DEFAULTS, AdaBelief::new);
        register("lion", "Lion, sign momentum (Chen et al. 2023) [contrib]", Lion.Config.DEFAULTS, Lion::new, "weight_decay_mode=decoupled");
    }

    private Optimizers() {
    }

    private static <C extends Record> void register(String name, String description, C defaults,
                                                    BiFunction<C, WeightDecay, Optimizer> factory, String... presets) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String kv : presets) {
            int eq = kv.indexOf('=');
            p.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        REGISTRY.put(name, new Entry<>(name, description, defaults, Collections.unmodifiableMap(p), factory));
    }

    /** Registered names, in listing order. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(REGISTRY.keySet());
    }

    /**
     * A new optimizer from its registry name and hyperparameters as strings; missing keys take the defaults
     * (of the chosen convention).
     *
     * @throws IllegalArgumentException for an unknown name (listing the known ones), an unknown key (listing
     *                                  the allowed ones), or a value that does not parse or is out of range
     *                                  (stating the allowed range)
     */
    public static Optimizer create(String name, Map<String, String> hyperparameters) {
        Entry<?> e = entry(name);
        Map<String, String> given = new LinkedHashMap<>(e.presets());
        hyperparameters.forEach((k, v) -> given.put(k.strip(), Objects.requireNonNull(v, k)));
        return build(e, given);
    }

    /** A new optimizer from a spec such as {@code adam(beta1=0.9, convention=tensorflow)}. */
    public static Optimizer parse(String spec) {
        String s = spec.strip();
        int open = s.indexOf('(');
        if (open < 0) {
            return create(s, Map.of());
        }
        if (!s.endsWith(")")) {
            throw new IllegalArgumentException("cannot parse optimizer spec '" + spec + "': missing ')' at the end");
        }
        String name = s.substring(0, open).strip();
        String body = s.substring(open + 1, s.length() - 1).strip();
        Map<String, String> hyper = new LinkedHashMap<>();
        if (!body.isEmpty()) {
            for (String part : body.split(",", -1)) {
                int eq = part.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("cannot parse optimizer spec '" + spec + "': expected key=value, got '" + part.strip() + "'");
                }
                String key = part.substring(0, eq).strip();
                if (key.isEmpty()) {
                    throw new IllegalArgumentException("cannot parse optimizer spec '" + spec + "': missing key before '=' in '" + part.strip() + "'");
                }
                if (hyper.put(key, part.substring(eq + 1).strip()) != null) {
                    throw new IllegalArgumentException("cannot parse optimizer spec '" + spec + "': " + key + " given twice");
                }
            }
        }
        return create(name, hyper);
    }

    /** Everything the registry knows, in listing order. */
    public static List<Info> list() {
        List<Info> out = new ArrayList<>();
        for (Entry<?> e : REGISTRY.values()) {
            out.add(info(e));
        }
        return out;
    }

    /** The listing of one optimizer. */
    public static Info info(String name) {
        return info(entry(name));
    }

    /**
     * The listing as text, as {@code descent optimizers} prints it: the keys every optimizer accepts once,
     * then each optimizer with its own keys, the common keys whose default it changes, and its conventions.
     */
    public static String describe() {
        StringBuilder b = new StringBuilder("keys every optimizer accepts:\n");
        Map<String, String> commonDefaults = new LinkedHashMap<>();
        for (HyperparameterInfo h : info("sgd").hyperparameters()) {
            if (COMMON.contains(h.key())) {
                commonDefaults.put(h.key(), h.defaultValue());
                line(b, h);
            }
        }
        for (Info info : list()) {
            b.append('\n').append(info.name()).append(" — ").append(info.description()).append('\n');
            for (HyperparameterInfo h : info.hyperparameters()) {
                if (!COMMON.contains(h.key()) || !h.defaultValue().equals(commonDefaults.get(h.key()))) {
                    line(b, h);
                }
            }
            if (!info.conventions().isEmpty()) {
                b.append("    conventions:\n");
                for (ConventionInfo c : info.conventions()) {
                    b.append(String.format(Locale.ROOT, "      %-14s %s%s%n", c.name(), c.description(),
                            c.defaults().isEmpty() ? "" : "; loads " + c.defaults()));
                }
            }
        }
        return b.toString();
    }

    private static void line(StringBuilder b, HyperparameterInfo h) {
        b.append(String.format(Locale.ROOT, "    %-20s default %-10s allowed %-32s %s%n", h.key(), h.defaultValue(), h.range(), h.description()));
    }

    private static Entry<?> entry(String name) {
        Entry<?> e = REGISTRY.get(Objects.requireNonNull(name, "name").strip().toLowerCase(Locale.ROOT));
        if (e == null) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "'; known: " + String.join(", ", REGISTRY.keySet()));
        }
        return e;
    }

    private static <C extends Record> Optimizer build(Entry<C> e, Map<String, String> given) {
        List<String> own = Hyperparameters.keys(e.defaults().getClass());
        Map<String, String> configKeys = new LinkedHashMap<>();
        for (Map.Entry<String, String> kv : given.entrySet()) {
            if (own.contains(kv.getKey())) {
                configKeys.put(kv.getKey(), kv.getValue());
            } else if (!COMMON.contains(kv.getKey())) {
                throw new IllegalArgumentException(e.name() + ": unknown hyperparameter '" + kv.getKey() + "'; allowed: "
                        + String.join(", ", allowed(own)));
            }
        }
        C config = Hyperparameters.build(e.name(), e.defaults(), configKeys);
        WeightDecay wd;
        try {
            wd = new WeightDecay(number(e, WEIGHT_DECAY, given.getOrDefault(WEIGHT_DECAY, "0")),
                    (WeightDecay.Mode) Hyperparameters.parse(e.name(), WEIGHT_DECAY_MODE, WeightDecay.Mode.class,
                            given.getOrDefault(WEIGHT_DECAY_MODE, "coupled")));
        } catch (IllegalArgumentException x) {
            throw prefixed(e, x);
        }
        Optimizer o = e.factory().apply(config, wd);
        GradientTransform clipValue = null, clipNorm = null;
        try {
            if (given.containsKey(CLIP_VALUE)) {
                clipValue = GradientClipping.byValue(number(e, CLIP_VALUE, given.get(CLIP_VALUE)));
            }
            if (given.containsKey(CLIP_NORM)) {
                clipNorm = GradientClipping.byGlobalNorm(number(e, CLIP_NORM, given.get(CLIP_NORM)));
            }
        } catch (IllegalArgumentException x) {
            throw prefixed(e, x);
        }
        String guard = given.getOrDefault(ON_NONFINITE, "off").strip().toLowerCase(Locale.ROOT);
        GradientTransform nonFinite = switch (guard) {
            case "off" -> null;
            case "skip" -> NonFiniteGuard.of(NonFiniteGuard.Policy.SKIP);
            case "stop" -> NonFiniteGuard.of(NonFiniteGuard.Policy.STOP);
            default -> throw new IllegalArgumentException(e.name() + ": " + ON_NONFINITE + " must be one of off, skip, stop, got '" + given.get(ON_NONFINITE) + "'");
        };
        // the guard looks at the gradients as they came, then the norm clip, then the value clip
        GradientTransform[] links = java.util.stream.Stream.of(nonFinite, clipNorm, clipValue)
                .filter(Objects::nonNull).toArray(GradientTransform[]::new);
        return links.length == 0 ? o : GradientChain.of(o, links);
    }

    private static IllegalArgumentException prefixed(Entry<?> e, IllegalArgumentException x) {
        return x.getMessage().startsWith(e.name() + ":") ? x : new IllegalArgumentException(e.name() + ": " + x.getMessage(), x);
    }

    private static double number(Entry<?> e, String key, String text) {
        return (Double) Hyperparameters.parse(e.name(), key, double.class, text);
    }

    private static List<String> allowed(List<String> own) {
        Set<String> all = new LinkedHashSet<>(own);
        all.addAll(COMMON);
        return new ArrayList<>(all);
    }

    private static <C extends Record> Info info(Entry<C> e) {
        Map<String, String> ownPresets = new LinkedHashMap<>(e.presets());
        ownPresets.keySet().retainAll(Hyperparameters.keys(e.defaults().getClass()));
        C defaults = Hyperparameters.build(e.name(), e.defaults(), ownPresets);
        List<HyperparameterInfo> hs = new ArrayList<>();
        for (Hyperparameters.Spec s : Hyperparameters.specs(defaults)) {
            hs.add(new HyperparameterInfo(s.key(), s.type(), s.defaultValue(), s.range(), s.doc()));
        }
        hs.add(new HyperparameterInfo(WEIGHT_DECAY, "number", e.presets().getOrDefault(WEIGHT_DECAY, "0.0"), Checks.NON_NEGATIVE, "weight-decay coefficient λ"));
        hs.add(new HyperparameterInfo(WEIGHT_DECAY_MODE, "choice", e.presets().getOrDefault(WEIGHT_DECAY_MODE, "coupled"),
                Hyperparameters.choices(WeightDecay.Mode.class), "coupled: g ← g + λθ; decoupled: θ ← θ·(1 − lr·λ)"));
        hs.add(new HyperparameterInfo(CLIP_NORM, "number", "off", Checks.POSITIVE, "clip the gradients' global L2 norm to this"));
        hs.add(new HyperparameterInfo(CLIP_VALUE, "number", "off", Checks.POSITIVE, "clamp each gradient to [−c, c]"));
        hs.add(new HyperparameterInfo(ON_NONFINITE, "choice", "off", "off, skip, stop", "on a NaN/Inf gradient: ignore, skip the step, or throw"));

        List<ConventionInfo> cs = new ArrayList<>();
        Class<?> conv = Hyperparameters.conventionType(e.defaults().getClass());
        if (conv != null) {
            Map<Enum<?>, Record> presets = Hyperparameters.presets(e.defaults().getClass());
            List<Hyperparameters.Spec> base = Hyperparameters.specs(e.defaults());
            for (Object c : conv.getEnumConstants()) {
                Map<String, String> differ = new LinkedHashMap<>();
                Record r = presets.get((Enum<?>) c);
                if (r != null) {
                    List<Hyperparameters.Spec> specs = Hyperparameters.specs(r);
                    for (int k = 0; k < specs.size(); k++) {
                        if (!specs.get(k).key().equals("convention") && !specs.get(k).defaultValue().equals(base.get(k).defaultValue())) {
                            differ.put(specs.get(k).key(), specs.get(k).defaultValue());
                        }
                    }
                }
                String description = c instanceof Documented d ? d.description() : "";
                cs.add(new ConventionInfo(Hyperparameters.show(c), description, Collections.unmodifiableMap(differ)));
            }
        }
        return new Info(e.name(), e.description(), List.copyOf(hs), List.copyOf(cs));
    }

    /** Inserts {@code ", key=value"} before the closing parenthesis of a spec. */
    static String appendKey(String spec, String keyValue) {
        return spec.endsWith(")") ? spec.substring(0, spec.length() - 1) + ", " + keyValue + ")" : spec + "(" + keyValue + ")";
    }
}
