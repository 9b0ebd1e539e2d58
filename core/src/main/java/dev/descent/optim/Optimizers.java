package dev.descent.optim;

import dev.descent.optim.contrib.AdaBelief;
import dev.descent.optim.contrib.Lion;
import dev.descent.optim.contrib.Muon;
import dev.descent.optim.contrib.Prodigy;
import dev.descent.optim.contrib.ScheduleFreeAdamW;
import dev.descent.optim.contrib.ScheduleFreeSgd;
import dev.descent.optim.contrib.Soap;
import dev.descent.spec.Param;
import dev.descent.spec.Registry;
import dev.descent.spec.Spec;
import dev.descent.spec.Value;

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
 * <p>Spec syntax is the one of {@link dev.descent.spec.Spec}: {@code name} or {@code name(key=value, ...)};
 * whitespace is ignored around names, keys and values; keys are snake case; booleans are
 * {@code true}/{@code false}; choices are case-insensitive. Giving {@code convention=<framework>} first loads
 * that framework's defaults, then the other keys override them. The registry has the shape of every registry,
 * {@link dev.descent.spec.Registry}; the {@code Config} records declare each optimizer's parameters. The
 * learning rate is not a hyperparameter: the schedule gives it. Its default belongs to the optimizer and its
 * convention, as in the frameworks ({@link #defaultLearningRate}), and {@code descent optimizers} lists it.
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

    /**
     * One registered optimizer in the listing.
     *
     * @param learningRates the default learning rate under each convention (one entry, {@code default}, for an
     *                      optimizer without conventions)
     */
    public record Info(String name, String description, List<HyperparameterInfo> hyperparameters,
                       List<ConventionInfo> conventions, Map<String, Double> learningRates) {
    }

    /**
     * How an optimizer is declared: its {@code Config} record's defaults (which declare its parameters, see
     * {@link Hyperparameters}), the keys its alias presets, the factory, and its default learning rate per
     * convention.
     */
    private record Declared<C extends Record>(String name, String description, C defaults, Map<String, String> presets,
                                              BiFunction<C, WeightDecay, Optimizer> factory, LearningRates lr,
                                              Map<String, Map<String, String>> conventionPresets) {
        /** The convention a spec runs under: its own, the alias's, or the {@code Config}'s default (null: none). */
        String convention(Spec spec) {
            Value c = spec.get(CONVENTION);
            if (c != null) {
                return text(c).toLowerCase(Locale.ROOT);
            }
            if (presets.containsKey(CONVENTION)) {
                return presets.get(CONVENTION).toLowerCase(Locale.ROOT);
            }
            for (Param p : Hyperparameters.params(defaults)) {
                if (p.key().equals(CONVENTION)) {
                    return p.defaultValue().toLowerCase(Locale.ROOT);
                }
            }
            return null;
        }

        /** The common keys' presets under {@code convention}: the alias's, then the convention's own. */
        Map<String, String> presetsUnder(String convention) {
            Map<String, String> p = new LinkedHashMap<>(presets);
            p.putAll(conventionPresets.getOrDefault(convention, Map.of()));
            return p;
        }
    }

    /**
     * Default learning rates as the frameworks set them: {@code standard} for the default convention (or for an
     * optimizer without conventions), and one per other convention where it differs.
     */
    private record LearningRates(double standard, Map<String, Double> byConvention) {
        static LearningRates of(double lr) {
            return new LearningRates(lr, Map.of());
        }

        static LearningRates of(double pytorch, double tensorflow, double keras) {
            return new LearningRates(pytorch, Map.of("pytorch", pytorch, "tensorflow", tensorflow, "keras", keras));
        }

        double of(String convention) {
            return convention == null ? standard : byConvention.getOrDefault(convention, standard);
        }
    }

    static final String WEIGHT_DECAY = "weight_decay";
    static final String WEIGHT_DECAY_MODE = "weight_decay_mode";
    static final String CLIP_NORM = "clip_norm";
    static final String CLIP_VALUE = "clip_value";
    static final String ON_NONFINITE = "on_nonfinite";
    private static final String CONVENTION = "convention";
    private static final List<String> COMMON = List.of(WEIGHT_DECAY, WEIGHT_DECAY_MODE, CLIP_NORM, CLIP_VALUE, ON_NONFINITE);

    private static final Registry<Optimizer> REGISTRY = new Registry<>("optimizer", "%1$s: unknown hyperparameter '%2$s'; allowed: %3$s");
    private static final Map<String, Declared<?>> DECLARED = new LinkedHashMap<>();

    /*
     * Default learning rates: PyTorch 2.x torch.optim for the pytorch convention; TF1 where its optimizer has a
     * default (AdamOptimizer 0.001, AdadeltaOptimizer 0.001) and otherwise Keras's (SGD 0.01, RMSprop 0.001,
     * Adagrad 0.001, Adamax 0.001) for tensorflow; Keras's for keras; the papers' for the contrib optimizers.
     */
    static {
        register("sgd", "stochastic gradient descent (Robbins & Monro 1951)", Sgd.Config.DEFAULTS, Sgd::new, LearningRates.of(0.001));
        register("momentum", "SGD with heavy-ball momentum (Polyak 1964)", Momentum.Config.DEFAULTS, Momentum::new, LearningRates.of(0.001, 0.01, 0.01));
        register("nesterov", "SGD with Nesterov momentum (Sutskever et al. 2013)", Momentum.Config.DEFAULTS, Momentum::new, LearningRates.of(0.001, 0.01, 0.01), "nesterov=true");
        register("adagrad", "AdaGrad (Duchi, Hazan & Singer 2011)", AdaGrad.Config.DEFAULTS, AdaGrad::new, LearningRates.of(0.01, 0.001, 0.001));
        register("rmsprop", "RMSProp, optionally centered and with momentum (Tieleman & Hinton 2012; Graves 2013)", RmsProp.Config.DEFAULTS, RmsProp::new, LearningRates.of(0.01, 0.001, 0.001));
        register("adam", "Adam (Kingma & Ba 2015)", Adam.Config.DEFAULTS, Adam::new, LearningRates.of(0.001, 0.001, 0.001));
        register("amsgrad", "Adam with AMSGrad's running maximum (Reddi, Kale & Kumar 2018)", Adam.Config.DEFAULTS, Adam::new, LearningRates.of(0.001, 0.001, 0.001), "amsgrad=true");
        register("adamw", "Adam with decoupled weight decay (Loshchilov & Hutter 2019)", Adam.Config.DEFAULTS, Adam::new, LearningRates.of(0.001, 0.001, 0.001), "weight_decay=0.01", "weight_decay_mode=decoupled");
        register("nadam", "Adam with Nesterov momentum (Dozat 2016)", Nadam.Config.DEFAULTS, Nadam::new,
                new LearningRates(0.002, Map.of("keras", 0.001, "pytorch_1_13", 0.002))); // no convention: torch >= 2.0, whose arithmetic KERAS is
        register("adamax", "AdaMax, Adam with the infinity norm (Kingma & Ba 2015, section 7.1)", Adamax.Config.DEFAULTS, Adamax::new, LearningRates.of(0.002, 0.001, 0.001));
        register("adadelta", "AdaDelta (Zeiler 2012)", AdaDelta.Config.DEFAULTS, AdaDelta::new, LearningRates.of(1.0, 0.001, 0.001));
        register("radam", "Rectified Adam (Liu et al. 2020)", RAdam.Config.DEFAULTS, RAdam::new, LearningRates.of(0.001));
        register("adabelief", "AdaBelief (Zhuang et al. 2020) [contrib]", AdaBelief.Config.DEFAULTS, AdaBelief::new, LearningRates.of(0.001));
        register("lion", "Lion, sign momentum (Chen et al. 2023) [contrib]", Lion.Config.DEFAULTS, Lion::new, LearningRates.of(1e-4), "weight_decay_mode=decoupled");
        // matrix optimizers (Muon, Adafactor, SOAP): whole tensors, shapes from Optimizer.useLayout
        register("muon", "Muon, momentum orthogonalized by Newton–Schulz, AdamW for the rest (Jordan et al. 2024) [contrib]",
                Muon.Config.DEFAULTS, Muon::new, new LearningRates(0.001, Map.of("reference", 0.02, "pytorch", 0.001, "keras", 0.001)),
                "weight_decay_mode=decoupled", "weight_decay@pytorch=0.1", "weight_decay@keras=0.004");
        // layer-wise and schedule-free rules: Optax's lr for LAMB's docstring example is 3e-3, timm's LAMB 1e-3 and LARS 1.0;
        // the Schedule-Free reference's SGD 1.0 and AdamW 0.0025; Prodigy's reference 1.0
        register("lamb", "LAMB, Adam with a per-tensor trust ratio (You et al. 2020)", Lamb.Config.DEFAULTS, Lamb::new, LearningRates.of(1e-3), "weight_decay_mode=decoupled");
        register("lars", "LARS, momentum with a per-tensor trust ratio (You, Gitman & Ginsburg 2017)", Lars.Config.DEFAULTS, Lars::new, LearningRates.of(1.0));
        register("schedule_free_sgd", "Schedule-Free SGD; evaluate at x (Defazio et al. 2024) [contrib]", ScheduleFreeSgd.Config.DEFAULTS, ScheduleFreeSgd::new, LearningRates.of(1.0));
        register("schedule_free_adamw", "Schedule-Free AdamW; evaluate at x (Defazio et al. 2024) [contrib]", ScheduleFreeAdamW.Config.DEFAULTS, ScheduleFreeAdamW::new, LearningRates.of(0.0025), "weight_decay_mode=decoupled");
        register("prodigy", "Prodigy, Adam with an estimated step size d (Mishchenko & Defazio 2024) [contrib]", Prodigy.Config.DEFAULTS, Prodigy::new, LearningRates.of(1.0), "weight_decay_mode=decoupled");
        // Adafactor: torch's default lr caps its relative step; optax has none (None: no lr scaling), the paper's cap 1e-2 stands in
        register("adafactor", "Adafactor, factored second moments, update clipping, relative steps (Shazeer & Stern 2018)",
                Adafactor.Config.DEFAULTS, Adafactor::new, new LearningRates(0.01, Map.of("optax", 0.01, "pytorch", 0.01)),
                "weight_decay_mode=decoupled");
        register("soap", "SOAP, Adam in the eigenbasis of Shampoo's factors (Vyas et al. 2024) [contrib]",
                Soap.Config.DEFAULTS, Soap::new, LearningRates.of(3e-3), "weight_decay=0.01", "weight_decay_mode=decoupled");
    }

    private Optimizers() {
    }

    private static <C extends Record> void register(String name, String description, C defaults,
                                                    BiFunction<C, WeightDecay, Optimizer> factory, LearningRates lr,
                                                    String... presets) {
        Map<String, String> p = new LinkedHashMap<>();
        Map<String, Map<String, String>> byConvention = new LinkedHashMap<>();
        for (String kv : presets) {
            int eq = kv.indexOf('='), at = kv.indexOf('@');
            if (at >= 0 && at < eq) {   // key@convention=value: a common key's default under one convention
                byConvention.computeIfAbsent(kv.substring(at + 1, eq), c -> new LinkedHashMap<>()).put(kv.substring(0, at), kv.substring(eq + 1));
            } else {
                p.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        Declared<C> d = new Declared<>(name, description, defaults, Collections.unmodifiableMap(p), factory, lr,
                Collections.unmodifiableMap(byConvention));
        DECLARED.put(name, d);
        List<Param> params = new ArrayList<>();
        for (HyperparameterInfo h : hyperparameters(d)) {
            params.add(new Param(h.key(), Param.Type.valueOf(h.type().toUpperCase(Locale.ROOT)), h.defaultValue(), h.range(), h.description()));
        }
        REGISTRY.add(new Registry.Entry<>(name, description, params, spec -> build(d, spec)));
    }

    /** The registry: names, parameters and factories, in the shape every registry has. */
    public static Registry<Optimizer> registry() {
        return REGISTRY;
    }

    /** Registered names, in listing order. */
    public static Set<String> names() {
        return REGISTRY.names();
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
        return create(spec(name, hyperparameters));
    }

    /** A new optimizer from a spec such as {@code adam(beta1=0.9, convention=tensorflow)}. */
    public static Optimizer parse(String spec) {
        return create(Spec.parse(spec, "optimizer"));
    }

    /** A new optimizer from a spec value; see {@link #create(String, Map)}. */
    public static Optimizer create(Spec spec) {
        return REGISTRY.create(spec);
    }

    /** The spec of a name and hyperparameters given as strings (from a YAML map); each value is read as a spec value. */
    public static Spec spec(String name, Map<String, String> hyperparameters) {
        Map<String, Value> values = new LinkedHashMap<>();
        hyperparameters.forEach((k, v) -> values.put(k.strip(), value(Objects.requireNonNull(v, k))));
        return Spec.of(name.strip(), values);
    }

    /**
     * The default learning rate of an optimizer spec: the framework's default for the optimizer under the
     * spec's convention (its default convention when none is given).
     */
    public static double defaultLearningRate(Spec spec) {
        Declared<?> d = DECLARED.get(REGISTRY.entry(spec.name()).name());
        Value c = spec.get(CONVENTION);
        String convention = c == null ? d.presets().get(CONVENTION) : text(c).toLowerCase(Locale.ROOT);
        return d.lr().of(convention);
    }

    /** Everything the registry knows, in listing order. */
    public static List<Info> list() {
        List<Info> out = new ArrayList<>();
        for (Declared<?> d : DECLARED.values()) {
            out.add(info(d));
        }
        return out;
    }

    /** The listing of one optimizer. */
    public static Info info(String name) {
        return info(DECLARED.get(REGISTRY.entry(name).name()));
    }

    /**
     * The listing as text, as {@code descent optimizers} prints it: the keys every optimizer accepts once,
     * then each optimizer with its default learning rate, its own keys, the common keys whose default it
     * changes, and its conventions.
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
            b.append(String.format(Locale.ROOT, "    %-20s %s%n", "default lr", learningRates(info)));
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

    /** {@code 0.001} when every convention agrees, else {@code 1.0 (pytorch), 0.001 (tensorflow), ...}. */
    private static String learningRates(Info info) {
        if (new LinkedHashSet<>(info.learningRates().values()).size() == 1) {
            return String.valueOf(info.learningRates().values().iterator().next());
        }
        List<String> parts = new ArrayList<>();
        info.learningRates().forEach((c, lr) -> parts.add(lr + " (" + c + ")"));
        return String.join(", ", parts);
    }

    private static void line(StringBuilder b, HyperparameterInfo h) {
        b.append(String.format(Locale.ROOT, "    %-20s default %-10s allowed %-32s %s%n", h.key(), h.defaultValue(), h.range(), h.description()));
    }

    private static <C extends Record> Optimizer build(Declared<C> d, Spec spec) {
        Map<String, String> given = d.presetsUnder(d.convention(spec));
        spec.values().forEach((k, v) -> given.put(k, text(v)));
        Map<String, String> configKeys = new LinkedHashMap<>(given);
        configKeys.keySet().retainAll(Hyperparameters.keys(d.defaults().getClass()));
        C config = Hyperparameters.build(d.name(), d.defaults(), configKeys);
        WeightDecay wd;
        try {
            wd = new WeightDecay(number(d, WEIGHT_DECAY, given.getOrDefault(WEIGHT_DECAY, "0")),
                    (WeightDecay.Mode) Hyperparameters.parse(d.name(), WEIGHT_DECAY_MODE, WeightDecay.Mode.class,
                            given.getOrDefault(WEIGHT_DECAY_MODE, "coupled")));
        } catch (IllegalArgumentException x) {
            throw prefixed(d, x);
        }
        Optimizer o = d.factory().apply(config, wd);
        GradientTransform clipValue = null, clipNorm = null;
        try {
            if (given.containsKey(CLIP_VALUE)) {
                clipValue = GradientClipping.byValue(number(d, CLIP_VALUE, given.get(CLIP_VALUE)));
            }
            if (given.containsKey(CLIP_NORM)) {
                clipNorm = GradientClipping.byGlobalNorm(number(d, CLIP_NORM, given.get(CLIP_NORM)));
            }
        } catch (IllegalArgumentException x) {
            throw prefixed(d, x);
        }
        String guard = given.getOrDefault(ON_NONFINITE, "off").strip().toLowerCase(Locale.ROOT);
        GradientTransform nonFinite = switch (guard) {
            case "off" -> null;
            case "skip" -> NonFiniteGuard.of(NonFiniteGuard.Policy.SKIP);
            case "stop" -> NonFiniteGuard.of(NonFiniteGuard.Policy.STOP);
            default -> throw new IllegalArgumentException(d.name() + ": " + ON_NONFINITE + " must be one of off, skip, stop, got '" + given.get(ON_NONFINITE) + "'");
        };
        // the guard looks at the gradients as they came, then the norm clip, then the value clip
        GradientTransform[] links = java.util.stream.Stream.of(nonFinite, clipNorm, clipValue)
                .filter(Objects::nonNull).toArray(GradientTransform[]::new);
        return links.length == 0 ? o : GradientChain.of(o, links);
    }

    /** A value as the text the {@code Config} readers take: a string as it is, anything else as printed. */
    private static String text(Value v) {
        return v instanceof Value.Str(String s) ? s : v.toString();
    }

    /** A string from a YAML map or command line as a spec value; text that is not one value stays a string. */
    private static Value value(String text) {
        try {
            return Value.parse(text);
        } catch (IllegalArgumentException e) {
            return new Value.Str(text.strip());
        }
    }

    private static IllegalArgumentException prefixed(Declared<?> d, IllegalArgumentException x) {
        return x.getMessage().startsWith(d.name() + ":") ? x : new IllegalArgumentException(d.name() + ": " + x.getMessage(), x);
    }

    private static double number(Declared<?> d, String key, String text) {
        return (Double) Hyperparameters.parse(d.name(), key, double.class, text);
    }

    private static <C extends Record> List<HyperparameterInfo> hyperparameters(Declared<C> d) {
        Map<String, String> ownPresets = new LinkedHashMap<>(d.presets());
        ownPresets.keySet().retainAll(Hyperparameters.keys(d.defaults().getClass()));
        C defaults = Hyperparameters.build(d.name(), d.defaults(), ownPresets);
        List<HyperparameterInfo> hs = new ArrayList<>();
        for (Param p : Hyperparameters.params(defaults)) {
            hs.add(new HyperparameterInfo(p.key(), p.type().display(), p.defaultValue(), p.range(), p.doc()));
        }
        Map<String, String> common = d.presetsUnder(d.convention(Spec.of(d.name(), Map.of())));
        hs.add(new HyperparameterInfo(WEIGHT_DECAY, "number", common.getOrDefault(WEIGHT_DECAY, "0.0"), Checks.NON_NEGATIVE, "weight-decay coefficient λ"));
        hs.add(new HyperparameterInfo(WEIGHT_DECAY_MODE, "choice", common.getOrDefault(WEIGHT_DECAY_MODE, "coupled"),
                Hyperparameters.choices(WeightDecay.Mode.class), "coupled: g ← g + λθ; decoupled: θ ← θ·(1 − lr·λ)"));
        hs.add(new HyperparameterInfo(CLIP_NORM, "number", "off", Checks.POSITIVE, "clip the gradients' global L2 norm to this"));
        hs.add(new HyperparameterInfo(CLIP_VALUE, "number", "off", Checks.POSITIVE, "clamp each gradient to [−c, c]"));
        hs.add(new HyperparameterInfo(ON_NONFINITE, "choice", "off", "off, skip, stop", "on a NaN/Inf gradient: ignore, skip the step, or throw"));
        return List.copyOf(hs);
    }

    private static <C extends Record> Info info(Declared<C> d) {
        List<ConventionInfo> cs = new ArrayList<>();
        Map<String, Double> lrs = new LinkedHashMap<>();
        Class<?> conv = Hyperparameters.conventionType(d.defaults().getClass());
        if (conv != null) {
            Map<Enum<?>, Record> presets = Hyperparameters.presets(d.defaults().getClass());
            List<Param> base = Hyperparameters.params(d.defaults());
            for (Object c : conv.getEnumConstants()) {
                Map<String, String> differ = new LinkedHashMap<>();
                Record r = presets.get((Enum<?>) c);
                if (r != null) {
                    List<Param> specs = Hyperparameters.params(r);
                    for (int k = 0; k < specs.size(); k++) {
                        if (!specs.get(k).key().equals(CONVENTION) && !specs.get(k).defaultValue().equals(base.get(k).defaultValue())) {
                            differ.put(specs.get(k).key(), specs.get(k).defaultValue());
                        }
                    }
                }
                String description = c instanceof Documented doc ? doc.description() : "";
                String name = Hyperparameters.show(c);
                // the common keys whose default this convention changes (weight_decay@convention presets)
                Map<String, String> standard = d.presetsUnder(d.convention(Spec.of(d.name(), Map.of())));
                Map<String, String> under = d.presetsUnder(name);
                for (String k : List.of(WEIGHT_DECAY, WEIGHT_DECAY_MODE)) {
                    String unset = k.equals(WEIGHT_DECAY) ? "0.0" : "coupled";
                    String v = under.getOrDefault(k, unset);
                    if (!v.equals(standard.getOrDefault(k, unset))) {
                        differ.put(k, v);
                    }
                }
                cs.add(new ConventionInfo(name, description, Collections.unmodifiableMap(differ)));
                lrs.put(name, d.lr().of(name));
            }
        } else {
            lrs.put("default", d.lr().standard());
        }
        return new Info(d.name(), d.description(), hyperparameters(d), List.copyOf(cs), Collections.unmodifiableMap(lrs));
    }

    /** {@code spec} with {@code key=value} added: how a wrapper prints itself after the optimizer it wraps. */
    static String appendKey(String spec, String keyValue) {
        int eq = keyValue.indexOf('=');
        return Spec.parse(spec, "optimizer").with(keyValue.substring(0, eq), Value.parse(keyValue.substring(eq + 1))).toString();
    }
}
