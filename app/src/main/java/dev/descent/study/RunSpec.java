package dev.descent.study;

import dev.descent.optim.Optimizers;
import dev.descent.schedule.Schedules;
import dev.descent.train.Optimization;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One named optimizer configuration of a study: registry name, hyperparameters as strings (including
 * {@code convention}), base learning rate, and an optional schedule spec (e.g.
 * {@code step_decay(drop=0.5, epochs_drop=4)}); without one the learning rate is constant.
 */
public record RunSpec(String name, String optimizer, Map<String, String> params, double lr, String schedule) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]*");

    public RunSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(optimizer, "optimizer");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("run name '" + name + "' must be letters, digits and _ . + - (it names files and CSV rows)");
        }
        params = Map.copyOf(params);
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("lr of " + name + " must be finite and >= 0, got " + lr);
        }
    }

    /** The optimizer as one spec string, keys in alphabetical order, e.g. {@code adam(beta1=0.9, convention=tensorflow)}. */
    public String optimizerSpec() {
        return Optimizers.spec(optimizer, new TreeMap<>(params)).toString();
    }

    /** How this configuration is optimized: the one value every command builds ({@link Optimization#resolve}). */
    public Optimization optimization() {
        return Optimization.resolve(Optimizers.spec(optimizer, params), lr, schedule == null ? null : Schedules.parseSpec(schedule));
    }

    /** What a legend shows: the optimizer spec, learning rate and schedule. */
    public String label() {
        return name + ": " + optimizerSpec() + ", lr " + lr + (schedule == null ? "" : ", " + schedule);
    }
}
