package dev.descent.study;

import dev.descent.optim.Optimizers;
import dev.descent.schedule.Schedules;
import dev.descent.train.Optimization;

import java.util.Collections;
import java.util.LinkedHashMap;
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
    /** The longest run or study name: with a seed and a date appended it still fits a file name (255 bytes). */
    public static final int MAX_NAME = 100;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0," + (MAX_NAME - 1) + "}");

    public RunSpec {
        checkName("run", name);
        Objects.requireNonNull(optimizer, "optimizer");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params)); // the file's order, the same in every run
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("lr of " + name + " must be finite and >= 0, got " + lr);
        }
    }

    /**
     * The one rule for the names that become file and folder names — runs ({@code runs/NAME__seedS.csv}, CSV rows)
     * and studies ({@code results/NAME-DATE-TIME}): 1 to {@value #MAX_NAME} letters, digits and {@code _ . + -},
     * starting with a letter or digit, so a name never holds a path separator and is never {@code .} or {@code ..}.
     *
     * @param kind what is named, for the message: {@code run}, {@code study}
     * @throws IllegalArgumentException {@code name 'a/b' is not allowed: a run name is 1 to 100 letters, ...}
     */
    public static String checkName(String kind, String name) {
        Objects.requireNonNull(name, kind + " name");
        if (!NAME.matcher(name).matches()) {
            String shown = name.length() > 40 ? name.substring(0, 40) + "... (" + name.length() + " characters)" : name;
            throw new IllegalArgumentException("name '" + shown + "' is not allowed: a " + kind + " name is 1 to " + MAX_NAME
                    + " letters, digits and _ . + -, starting with a letter or digit (it names files and folders)");
        }
        return name;
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
