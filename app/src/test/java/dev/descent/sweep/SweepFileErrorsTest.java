package dev.descent.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every refusal of a sweep file: one line that names the file, the key, the value and what is allowed. */
class SweepFileErrorsTest {

    private static final String PROBLEMS = "problems: [mnist-logreg]\n";
    private static final String SGD = "optimizers:\n  - optimizer: sgd\n";
    private static final String LR = "search: {lr: [0.001, 0.01]}\n";

    static String refused(String yaml) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepFileTest.parse(yaml), yaml);
        assertTrue(e.getMessage().startsWith("s.yaml"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(PROBLEMS + LR + SGD + "foo: 1\n",
                        "s.yaml: unknown key 'foo'; allowed: description, divergence_factor, name, optimizers, problems, search, smoothing, tuning, validation"),
                Arguments.of(PROBLEMS + LR + SGD + "tuning: {methd: grid}\n",
                        "s.yaml: unknown key 'tuning.methd'; allowed: common_lr, early_stopping, eta, method, metric, min_steps, seed, seeds, trials"),
                Arguments.of(PROBLEMS + LR + SGD + "    rate: 0.1\n",
                        "s.yaml: unknown key 'optimizers[0].rate'; allowed: lr, name, optimizer, params, schedule, search"),
                Arguments.of(PROBLEMS + SGD + "    search: {foo: [1, 2]}\n",
                        "s.yaml: optimizers[0].search: cannot search 'foo': it is not lr, a key of sgd; allowed: lr, "),
                Arguments.of(PROBLEMS + "search: {momentum: [0.9]}\n" + SGD,
                        "s.yaml: search: cannot search 'momentum': it is not lr, a key of sgd; allowed: lr"),
                Arguments.of(PROBLEMS + "search: {momentum: [0.9]}\n" + SGD,
                        " (the search of optimizers[0] sgd, which has none of its own)"),
                Arguments.of(PROBLEMS + "optimizers:\n  - optimizer: momentum\n    schedule: \"exponential(rate=0.9, decay_steps=10)\"\n"
                                + "    search: {foo: [1]}\n",
                        "cannot search 'foo': it is not lr, a key of momentum nor of its schedule exponential; allowed: lr, momentum, "),
                Arguments.of(PROBLEMS + "optimizers:\n  - optimizer: momentum\n    schedule: \"exponential(rate=0.9, decay_steps=10)\"\n"
                                + "    search: {foo: [1]}\n",
                        ", rate, decay_steps (or decay_epochs), staircase, warmup_steps (or warmup_epochs), warmup_start"),
                Arguments.of("problems: [mnist-foo]\n" + LR + SGD,
                        "s.yaml: problems[0]: unknown problem 'mnist-foo'; known: mnist-cnn, fmnist-cnn, mnist-mlp, fmnist-mlp, mnist-logreg, quadratic-deep"),
                Arguments.of("problems: [\"mnist-logreg(epochs=3)\"]\n" + LR + SGD,
                        "s.yaml: problems[0]: mnist-logreg: unknown parameter 'epochs'; allowed: steps, batch, eval_every, validation, target"),
                Arguments.of("problems: []\n" + LR + SGD, "s.yaml: problems must be a non-empty list of problems"),
                Arguments.of("problems: [mnist-logreg, mnist-logreg]\n" + LR + SGD, "s.yaml: problem names must be distinct, got [mnist-logreg, mnist-logreg]"),
                Arguments.of(PROBLEMS + "search: {lr: []}\n" + SGD, "s.yaml: search.lr: a choice needs at least one value, got []"),
                Arguments.of(PROBLEMS + "search: {lr: {low: 1, high: 0.1, scale: log, points: 3}}\n" + SGD,
                        "s.yaml: search.lr: range needs low < high, got low=1.0, high=0.1"),
                Arguments.of(PROBLEMS + "search: {lr: {low: 0, high: 1, scale: log, points: 3}}\n" + SGD,
                        "s.yaml: search.lr: a log range needs low > 0, got low=0.0"),
                Arguments.of(PROBLEMS + "search: {lr: {low: abc, high: 1, points: 3}}\n" + SGD,
                        "s.yaml: search.lr: range needs a number low, got 'abc'"),
                Arguments.of(PROBLEMS + "search: {lr: {low: 0.1, high: 1, scale: cubic, points: 3}}\n" + SGD,
                        "s.yaml: search.lr: scale must be log or linear, got 'cubic'"),
                Arguments.of(PROBLEMS + "search: {lr: {low: 0.1, high: 1, step: 3}}\n" + SGD,
                        "s.yaml: search.lr: unknown range key 'step'; allowed: low, high, scale, points"),
                Arguments.of(PROBLEMS + "search: {lr: 0.1}\n" + SGD,
                        "s.yaml: search.lr: a search dimension is a list such as [0.9, 0.99] or range("),
                Arguments.of(PROBLEMS + "search: {lr: {low: 1e-5, high: 1, scale: log}}\n" + SGD,
                        "s.yaml: search.lr: method grid needs the number of points of a range, e.g. {low: 1.0e-5, high: 1, scale: log, points: 11}"),
                Arguments.of(PROBLEMS + LR + SGD + "tuning: {trials: 10}\n",
                        "s.yaml: tuning.trials is only for method random or quasi_random; grid runs every point of the grid once"),
                Arguments.of(PROBLEMS + LR + SGD + "tuning: {seed: 3}\n", "s.yaml: tuning.seed is only for method random or quasi_random"),
                Arguments.of(PROBLEMS + LR + SGD + "tuning: {method: random}\n",
                        "s.yaml: tuning.trials is required with method random: how many points to sample per optimizer and problem"),
                Arguments.of(PROBLEMS + LR + SGD + "tuning: {method: bayes}\n",
                        "s.yaml: tuning.method = bayes is not allowed; expected one of grid, random, quasi_random"),
                Arguments.of(PROBLEMS + LR + SGD + "tuning: {method: random, trials: 0}\n",
                        "s.yaml: tuning.trials = 0 is not allowed; expected a whole number between 1 and 1000000"),
                Arguments.of("problems: [\"mnist-logreg(steps=60)\", mnist-cnn]\n" + LR + SGD
                                + "tuning: {early_stopping: successive_halving, min_steps: 100}\n",
                        "s.yaml: tuning.min_steps = 100 is not allowed; expected at most 60, the smallest problem budget (mnist-logreg: 60 steps)"),
                Arguments.of(PROBLEMS + LR + SGD + "tuning: {early_stopping: successive_halving(eta=1)}\n",
                        "s.yaml: tuning.eta = 1 is not allowed; expected a whole number between 2 and 1000"),
                Arguments.of(PROBLEMS + LR + SGD + "tuning: {early_stopping: successive_halving(eta=2), eta: 3}\n",
                        "s.yaml: tuning.eta is given twice, in early_stopping and as tuning.eta; give it once"),
                Arguments.of(PROBLEMS + LR + SGD + "tuning: {eta: 3}\n",
                        "s.yaml: tuning.eta is only for early_stopping: successive_halving; early_stopping is none"),
                Arguments.of(PROBLEMS + LR + SGD + "tuning: {early_stopping: hyperband}\n",
                        "s.yaml: tuning.early_stopping = hyperband is not allowed; expected none, successive_halving or successive_halving(eta=3, min_steps=37)"),
                Arguments.of("problems: [mnist-logreg, quadratic-deep]\n" + LR + SGD,
                        "s.yaml: tuning.metric = accuracy is not allowed; expected loss or loss(at=best): problem quadratic-deep has no accuracy, only a validation loss"),
                Arguments.of(PROBLEMS + LR + SGD + "tuning: {metric: auc}\n", "s.yaml: tuning.metric: metric 'auc' is not allowed; allowed: accuracy, loss,"),
                Arguments.of(PROBLEMS + SGD, "s.yaml: optimizers[0].search is missing: give the optimizer a search"),
                Arguments.of(PROBLEMS + LR + SGD + "tuning: {seeds: 0}\n",
                        "s.yaml: tuning.seeds = 0 is not allowed; expected a whole number between 1 and 1000"),
                Arguments.of(PROBLEMS + LR + SGD + "tuning: {seeds: -2}\n", "s.yaml: tuning.seeds = -2 is not allowed"),
                Arguments.of(PROBLEMS + LR + SGD + "tuning: {seeds: [1, 7, 1]}\n", "s.yaml: tuning.seeds must be distinct, got [1, 7, 1]"),
                Arguments.of(PROBLEMS + LR + SGD + "tuning: {common_lr: 0}\n",
                        "s.yaml: tuning.common_lr = 0 is not allowed; expected a finite number > 0"),
                Arguments.of(PROBLEMS + LR + SGD + "validation: some\n", "s.yaml: validation: validation \"some\" is not understood; allowed: none, tf1"),
                Arguments.of("problems: [\"mnist-logreg(validation=500)\"]\nvalidation: tf1\n" + LR + SGD,
                        "s.yaml: problems[0] sets validation=500 and the top-level validation is tf1; give it in one place"),
                Arguments.of(PROBLEMS + "optimizers:\n  - optimizer: momentum\n    search: {momentum: [0.9, 1.5], lr: [0.1]}\n",
                        "s.yaml: optimizers[0].search: momentum at point(lr=0.1, momentum=1.5) is not a valid configuration: "),
                Arguments.of(PROBLEMS + "optimizers:\n  - optimizer: sgd\n    schedule: \"constant(lr=0.1)\"\n    search: {lr: [0.1, 1]}\n",
                        "s.yaml: optimizers[0].search.lr: sgd's rate is set elsewhere, so searching it would not change the runs"),
                Arguments.of(PROBLEMS + "optimizers:\n  - optimizer: sgd\n    search: {lr: {low: 1e-5, high: 1, scale: log, points: 100001}}\n",
                        "s.yaml: the sweep plans more than 100000 tuning trials (1 problems × more than 100000 points over 1 optimizers)"),
                Arguments.of("problems: [mnist-logreg, mnist-mlp]\n" + "search: {lr: {low: 1e-5, high: 1, scale: log, points: 50001}}\n" + SGD,
                        "s.yaml: the sweep plans more than 100000 tuning trials (2 problems × 50001 points over 1 optimizers)"),
                Arguments.of(PROBLEMS + LR + "optimizers:\n  - optimizer: sgd\n  - optimizer: sgd\n",
                        "s.yaml: optimizer names must be distinct, got [sgd, sgd]"),
                Arguments.of(PROBLEMS + LR + "optimizers:\n  - optimizer: sgdd\n", "s.yaml: optimizers[0].optimizer: unknown optimizer 'sgdd'"),
                Arguments.of(PROBLEMS + LR + "optimizers:\n  - optimizer: sgd\n    search: {lr: [1]}\n",
                        "s.yaml: search is not used: every optimizer has a search of its own"),
                Arguments.of("- a\n- b\n", "s.yaml: expected a mapping of sweep keys (description, divergence_factor, name, "));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refused_withTheKeyAndWhatIsAllowed(String yaml, String expected) {
        String m = refused(yaml);
        assertTrue(m.contains(expected), "expected '" + expected + "' in: " + m);
    }

    @Test
    void aBadPoint_namesTheOptimizersRange() {
        String m = refused(PROBLEMS + "optimizers:\n  - optimizer: momentum\n    search: {momentum: [0.9, 1.5], lr: [0.1]}\n");
        assertTrue(m.contains("momentum") && m.contains("1.5") && m.contains("[0, 1)"), m);
    }
}
