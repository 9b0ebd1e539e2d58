package dev.descent.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The metric's text form: the four metrics, their goals, and the message for anything else. */
class MetricTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "accuracy            | ACCURACY | FINAL | accuracy",
            "loss                | LOSS     | FINAL | loss",
            "accuracy(at=best)   | ACCURACY | BEST  | accuracy(at=best)",
            "loss(at=best)       | LOSS     | BEST  | loss(at=best)",
            "accuracy(at=final)  | ACCURACY | FINAL | accuracy",
            "loss(at=final)      | LOSS     | FINAL | loss",
            "' Loss ( at = Best ) ' | LOSS  | BEST  | loss(at=best)",
            "ACCURACY            | ACCURACY | FINAL | accuracy",
    })
    void parse_allowedForms(String text, Metric.Kind kind, Metric.At at, String printed) {
        Metric m = Metric.parse(text);
        assertEquals(new Metric(kind, at), m);
        assertEquals(printed, m.toString());
        assertEquals(m, Metric.parse(m.toString()), "what prints parses back");
    }

    @Test
    void goal_accuracyUpLossDown() {
        assertEquals(Goal.MAXIMIZE, Metric.parse("accuracy(at=best)").goal());
        assertEquals(Goal.MINIMIZE, Metric.FINAL_LOSS.goal());
        assertEquals(Metric.FINAL_ACCURACY, Metric.parse("accuracy"));
    }

    @ParameterizedTest(name = "''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {"acc", "accuracy(at=worst)", "loss(at=best", "accuracy(best)", "error", "loss(at=best, x=1)"})
    void parse_badMetric_listsTheAllowedOnes(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metric.parse(text));
        assertEquals("metric '" + text + "' is not allowed; allowed: accuracy, loss, accuracy(at=best), loss(at=best)"
                + " (validation accuracy or loss, at the end of the trial or the best of its evaluations)", e.getMessage());
    }
}
