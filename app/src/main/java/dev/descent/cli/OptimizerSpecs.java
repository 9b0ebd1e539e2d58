package dev.descent.cli;

import dev.descent.optim.Adam;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Sgd;

/** Turns the --optimizer argument into an optimizer. */
final class OptimizerSpecs {
    private OptimizerSpecs() {
    }

    static Optimizer create(String spec) {
        return switch (spec) {
            case "sgd" -> new Sgd();
            case "adam" -> new Adam(Adam.Config.DEFAULTS);
            default -> throw new IllegalArgumentException("unknown optimizer '" + spec + "'; known: sgd, adam");
        };
    }
}
