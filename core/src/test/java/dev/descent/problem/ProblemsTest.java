package dev.descent.problem;

import dev.descent.data.Validation;
import dev.descent.search.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The problem registry: its entries and defaults, overrides in the spec form, and the messages for what is not allowed. */
class ProblemsTest {

    @Test
    void names_areTheSixProblems() {
        assertEquals(List.of("mnist-cnn", "fmnist-cnn", "mnist-mlp", "fmnist-mlp", "mnist-logreg", "quadratic-deep"), List.copyOf(Problems.names()));
    }

    @Test
    void parse_defaults() {
        Problem cnn = Problems.parse("mnist-cnn");
        assertEquals("mnist", cnn.dataset());
        assertEquals("cnn", cnn.model());
        assertEquals(50, cnn.batch());
        assertEquals(1000, cnn.steps());
        assertEquals(100, cnn.evalEvery());
        assertEquals(Validation.tf1(), cnn.validation());
        assertEquals(Metric.Kind.ACCURACY, cnn.targetMetric());
        assertTrue(cnn.hasAccuracy());
        Problem q = Problems.parse("quadratic-deep");
        assertTrue(q.synthetic());
        assertFalse(q.hasAccuracy());
        assertEquals(Metric.Kind.LOSS, q.targetMetric());
        assertEquals(Problems.QUADRATIC_TARGET, q.target());
        assertEquals(128, q.batch(), "DeepOBS's batch for quadratic_deep");
        assertEquals(Validation.parse("5000"), Problems.parse("FMNIST-MLP").validation(), "names are case-insensitive");
    }

    @Test
    void parse_overridesEveryKey() {
        Problem p = Problems.parse("mnist-logreg(steps=60, validation=1000, batch=10, eval_every=7, target=0.5)");
        assertEquals(60, p.steps());
        assertEquals(Validation.holdOut(1000), p.validation());
        assertEquals(10, p.batch());
        assertEquals(7, p.evalEvery());
        assertEquals(0.5, p.target());
        assertEquals("logreg", p.model());
        assertEquals(Validation.none(), Problems.parse("mnist-cnn(validation=none)").validation());
        assertEquals(Problems.parse("mnist-cnn"), Problems.parse("mnist-cnn(steps=1000)"), "the default written out is the default");
    }

    @Test
    void parse_unknownKey_listsTheAllowedKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Problems.parse("mnist-cnn(lr=1)"));
        assertEquals("mnist-cnn: unknown parameter 'lr'; allowed: steps, batch, eval_every, validation, target", e.getMessage());
    }

    @Test
    void parse_unknownProblem_listsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Problems.parse("cifar-cnn"));
        assertEquals("unknown problem 'cifar-cnn'; known: mnist-cnn, fmnist-cnn, mnist-mlp, fmnist-mlp, mnist-logreg, quadratic-deep", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "mnist-cnn(steps=0)           | mnist-cnn: steps must be >= 1, got 0",
            "mnist-cnn(steps=1.5)         | mnist-cnn: steps must be a whole number up to 2147483647, got 1.5",
            "mnist-cnn(steps=true)        | mnist-cnn: steps must be a whole number up to 2147483647, got true",
            "mnist-cnn(batch=-2)          | mnist-cnn: batch must be >= 1, got -2",
            "mnist-cnn(batch=3000000000)  | mnist-cnn: batch must be a whole number up to 2147483647, got 3000000000",
            "mnist-cnn(eval_every=0)      | mnist-cnn: eval_every must be >= 1, got 0",
            "mnist-cnn(target=1.5)        | mnist-cnn: target must be a validation accuracy in (0, 1], got 1.5",
            "mnist-cnn(target=0)          | mnist-cnn: target must be a validation accuracy in (0, 1], got 0.0",
            "mnist-cnn(target=x)          | mnist-cnn: target must be a number, got x",
            "quadratic-deep(target=-1)    | quadratic-deep: target must be a finite validation loss > 0 (no loss here is negative), got -1.0",
    })
    void parse_badValue_saysWhatIsAllowed(String spec, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Problems.parse(spec)).getMessage());
    }

    @Test
    void parse_badValidation_saysWhatIsAllowed() {
        String m = assertThrows(IllegalArgumentException.class, () -> Problems.parse("mnist-cnn(validation=abc)")).getMessage();
        assertTrue(m.startsWith("validation \"abc\" is not understood; allowed: none, tf1"), m);
    }

    @Test
    void registry_documentsEveryKeyWithItsDefault() {
        var entry = Problems.registry().entry("mnist-logreg");
        assertEquals(List.of("steps=500", "batch=100", "eval_every=50", "validation=tf1", "target=0.91"),
                entry.params().stream().map(p -> p.key() + "=" + p.defaultValue()).toList());
    }
}
