package dev.descent.optim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizersTest {

    private static String error(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> Optimizers.parse(spec)).getMessage();
    }

    @Test
    void create_unknownName_listsKnownNames() {
        String m = assertThrows(IllegalArgumentException.class, () -> Optimizers.create("adamm", Map.of())).getMessage();
        assertEquals("unknown optimizer 'adamm'; known: " + String.join(", ", Optimizers.names()), m);
        assertTrue(m.contains("adam, amsgrad, adamw"), m);
    }

    @Test
    void create_unknownHyperparameter_listsAllowedOnes() {
        assertEquals("adam: unknown hyperparameter 'beta3'; allowed: beta1, beta2, epsilon, amsgrad, convention, "
                + "weight_decay, weight_decay_mode, clip_norm, clip_value, on_nonfinite", error("adam(beta3=0.5)"));
    }

    @Test
    void create_learningRateGiven_isRejectedAsUnknown() {
        assertTrue(error("sgd(lr=0.1)").startsWith("sgd: unknown hyperparameter 'lr'"));
    }

    @Test
    void create_betaOutOfRange_statesTheRange() {
        assertEquals("adam: beta1 must be in [0, 1), got 1.2", error("adam(beta1=1.2)"));
        assertEquals("adam: beta2 must be in [0, 1), got 1.0", error("adam(beta2=1)"));
        assertEquals("lion: beta1 must be in [0, 1), got -0.1", error("lion(beta1=-0.1)"));
    }

    @Test
    void create_nonPositiveEpsilon_statesTheRange() {
        assertEquals("adam: epsilon must be in (0, inf), got 0.0", error("adam(epsilon=0)"));
        assertEquals("rmsprop: epsilon must be in (0, inf), got -1.0E-8", error("rmsprop(epsilon=-1e-8)"));
    }

    @Test
    void create_adagradWithoutEpsilonOrAccumulator_explains() {
        assertTrue(error("adagrad(epsilon=0, initial_accumulator=0)").contains("epsilon = 0 needs initial_accumulator > 0"));
        assertDoesNotThrow(() -> Optimizers.parse("adagrad(epsilon=0, initial_accumulator=0.01)"));
    }

    @Test
    void create_badValues_sayWhatIsExpected() {
        assertEquals("adam: beta1 must be a number, got 'abc'", error("adam(beta1=abc)"));
        assertEquals("adam: amsgrad must be true or false, got 'yes'", error("adam(amsgrad=yes)"));
        assertEquals("adam: convention must be one of pytorch, tensorflow, keras, got 'jax'", error("adam(convention=jax)"));
        assertEquals("sgd: weight_decay must be in [0, inf), got -0.1", error("sgd(weight_decay=-0.1)"));
        assertEquals("sgd: weight_decay_mode must be one of coupled, decoupled, got 'l1'", error("sgd(weight_decay_mode=l1)"));
        assertEquals("sgd: clip_norm must be in (0, inf), got 0.0", error("sgd(clip_norm=0)"));
        assertEquals("sgd: on_nonfinite must be one of off, skip, stop, got 'ignore'", error("sgd(on_nonfinite=ignore)"));
    }

    @Test
    void parse_malformedSpecs_explain() {
        assertTrue(error("adam(beta1=0.9").contains("missing ')'"));
        assertTrue(error("adam(beta1)").contains("expected key=value, got 'beta1'"));
        assertTrue(error("adam(beta1=0.9, beta1=0.8)").contains("beta1 given twice"));
        assertTrue(error("adam(=0.9)").contains("missing key"));
        assertTrue(error("adam(beta1=0.9,)").contains("expected key=value, got ''"));
    }

    @Test
    void parse_whitespaceAndCase_areTolerated() {
        assertEquals(Optimizers.parse("adam(beta1=0.8,convention=tensorflow)").toString(),
                Optimizers.parse("  Adam ( beta1 = 0.8 , convention = TensorFlow ) ").toString());
        assertEquals(Optimizers.parse("sgd").toString(), Optimizers.parse("sgd()").toString());
    }

    @Test
    void parse_conventionLoadsFrameworkDefaults_explicitKeysWin() {
        assertEquals("rmsprop(rho=0.9, epsilon=1.0E-10, momentum=0.0, centered=false, initial_mean_square=1.0, convention=tensorflow, "
                + "weight_decay=0.0, weight_decay_mode=coupled)", Optimizers.parse("rmsprop(convention=tensorflow)").toString());
        assertEquals("adam(beta1=0.9, beta2=0.999, epsilon=1.0E-7, amsgrad=false, convention=keras, weight_decay=0.0, weight_decay_mode=coupled)",
                Optimizers.parse("adam(convention=keras)").toString());
        assertTrue(Optimizers.parse("adam(epsilon=1e-3, convention=keras)").toString().contains("epsilon=0.001"));
    }

    @Test
    void parse_aliasesSetTheirPresets() {
        assertTrue(Optimizers.parse("nesterov").toString().contains("nesterov=true"));
        assertTrue(Optimizers.parse("amsgrad").toString().contains("amsgrad=true"));
        assertTrue(Optimizers.parse("adamw").toString().endsWith("weight_decay=0.01, weight_decay_mode=decoupled)"));
        assertTrue(Optimizers.parse("adamw(weight_decay=0.1)").toString().endsWith("weight_decay=0.1, weight_decay_mode=decoupled)"));
        assertTrue(Optimizers.parse("lion").toString().endsWith("weight_decay_mode=decoupled)"));
    }

    @Test
    void parse_commonKeys_wrapTheOptimizer() {
        assertInstanceOf(GradientClipping.class, ((GradientChain) Optimizers.parse("adam(clip_norm=1)")).links().getFirst());
        assertInstanceOf(NonFiniteGuard.class, ((GradientChain) Optimizers.parse("adam(clip_value=1, on_nonfinite=stop)")).links().getFirst());
    }

    static Stream<String> specs() {
        return Stream.concat(Optimizers.names().stream(),
                Stream.of("adam(convention=tensorflow, amsgrad=true)", "rmsprop(centered=true, momentum=0.5)",
                        "sgd(clip_norm=2.0, on_nonfinite=skip)", "adam(clip_value=0.1, clip_norm=3)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void toString_isASpecThatParsesToTheSameOptimizer(String spec) {
        String s = Optimizers.parse(spec).toString();
        assertEquals(s, Optimizers.parse(s).toString());
    }

    @Test
    void list_describesEveryOptimizer() {
        List<Optimizers.Info> infos = Optimizers.list();
        assertEquals(Optimizers.names(), infos.stream().map(Optimizers.Info::name).collect(Collectors.toCollection(java.util.LinkedHashSet::new)));
        for (Optimizers.Info info : infos) {
            assertFalse(info.description().isBlank(), info.name());
            for (Optimizers.HyperparameterInfo h : info.hyperparameters()) {
                assertFalse(h.description().isBlank(), info.name() + "." + h.key());
                assertFalse(h.range().isBlank(), info.name() + "." + h.key());
            }
        }
        Optimizers.Info rms = Optimizers.info("rmsprop");
        Optimizers.ConventionInfo tf = rms.conventions().stream().filter(c -> c.name().equals("tensorflow")).findFirst().orElseThrow();
        assertEquals(Map.of("rho", "0.9", "epsilon", "1.0E-10", "initial_mean_square", "1.0"), tf.defaults());
        assertEquals("0.01", Optimizers.info("adamw").hyperparameters().stream().filter(h -> h.key().equals("weight_decay")).findFirst().orElseThrow().defaultValue());
        assertTrue(Optimizers.describe().contains("conventions:"));
    }

    /**
     * The ranges the listing states are the ones the records enforce: for every numeric hyperparameter, a
     * value just outside its stated range is rejected and the bounds that are inside are accepted.
     */
    @Test
    void list_statedRangesMatchValidation() {
        for (Optimizers.Info info : Optimizers.list()) {
            for (Optimizers.HyperparameterInfo h : info.hyperparameters()) {
                if (!h.type().equals("number") || Set.of("clip_norm", "clip_value").contains(h.key())) {
                    continue;
                }
                Map<String, String> extra = new LinkedHashMap<>();
                if (info.name().equals("adagrad") && h.key().equals("epsilon")) {
                    extra.put("initial_accumulator", "0.1");
                }
                String where = info.name() + "." + h.key() + " " + h.range();
                switch (h.range()) {
                    case Checks.UNIT -> {
                        assertRejected(info.name(), h.key(), "-1e-9", extra, where);
                        assertRejected(info.name(), h.key(), "1", extra, where);
                        assertAccepted(info.name(), h.key(), "0", extra, where);
                        assertAccepted(info.name(), h.key(), "0.999999", extra, where);
                    }
                    case Checks.POSITIVE -> {
                        assertRejected(info.name(), h.key(), "0", extra, where);
                        assertRejected(info.name(), h.key(), "Infinity", extra, where);
                        assertAccepted(info.name(), h.key(), "1e-30", extra, where);
                    }
                    case Checks.NON_NEGATIVE -> {
                        assertRejected(info.name(), h.key(), "-1e-9", extra, where);
                        assertRejected(info.name(), h.key(), "NaN", extra, where);
                        assertAccepted(info.name(), h.key(), "0", extra, where);
                    }
                    case "1, 2, ..., 99" -> {
                        assertRejected(info.name(), h.key(), "0", extra, where);
                        assertRejected(info.name(), h.key(), "1.5", extra, where);
                        assertRejected(info.name(), h.key(), "100", extra, where);
                        assertAccepted(info.name(), h.key(), "1", extra, where);
                        assertAccepted(info.name(), h.key(), "99", extra, where);
                    }
                    case Adafactor.COUNT -> {
                        assertRejected(info.name(), h.key(), "0", extra, where);
                        assertRejected(info.name(), h.key(), "2.5", extra, where);
                        assertAccepted(info.name(), h.key(), "1", extra, where);
                        assertAccepted(info.name(), h.key(), "100000", extra, where);
                    }
                    case Adafactor.AT_LEAST_ONE -> {
                        assertRejected(info.name(), h.key(), "0.999", extra, where);
                        assertRejected(info.name(), h.key(), "Infinity", extra, where);
                        assertAccepted(info.name(), h.key(), "1", extra, where);
                    }
                    case "-1 or [0, 1)" -> {
                        assertRejected(info.name(), h.key(), "-0.5", extra, where);
                        assertRejected(info.name(), h.key(), "1", extra, where);
                        assertAccepted(info.name(), h.key(), "-1", extra, where);
                        assertAccepted(info.name(), h.key(), "0", extra, where);
                        assertAccepted(info.name(), h.key(), "0.999999", extra, where);
                    }
                    default -> throw new AssertionError("unexpected range " + where);
                }
            }
        }
    }

    private static void assertRejected(String name, String key, String value, Map<String, String> extra, String where) {
        Map<String, String> m = new LinkedHashMap<>(extra);
        m.put(key, value);
        String msg = assertThrows(IllegalArgumentException.class, () -> Optimizers.create(name, m), where + " = " + value).getMessage();
        assertTrue(msg.contains(key) , where + ": " + msg);
    }

    private static void assertAccepted(String name, String key, String value, Map<String, String> extra, String where) {
        Map<String, String> m = new LinkedHashMap<>(extra);
        m.put(key, value);
        if (name.equals("adagrad") && key.equals("initial_accumulator")) {
            m.putIfAbsent("epsilon", "1e-10");
        }
        assertDoesNotThrow(() -> Optimizers.create(name, m), where + " = " + value);
    }
}
