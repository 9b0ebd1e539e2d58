package dev.descent.landscape;

import dev.descent.optim.Optimizer;
import dev.descent.optim.Optimizers;
import dev.descent.schedule.Schedule;
import dev.descent.schedule.Schedules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One optimizer of a landscape comparison: a registry spec extended by two keys that the registry itself does
 * not take, {@code lr} (the learning rate; absent = to be given elsewhere or tuned) and {@code schedule} (a
 * {@link Schedules} spec whose base rate is {@code lr}; one step is one "epoch").
 *
 * <pre>{@code
 * PathSpec a = PathSpec.parse("adam(beta1=0.8, lr=0.05)");     // optimizer "adam(beta1=0.8)", lr 0.05
 * PathSpec s = PathSpec.parse("sgd(lr=0.1, schedule=cosine(decay_steps=200))");
 * String again = a.withLr(0.1).toString();                     // "adam(beta1=0.8, lr=0.1)"
 * }</pre>
 *
 * <p>{@link #toString()} is the extended spec; it reproduces the path and is what the CSV's
 * {@code optimizer} column holds.
 */
public record PathSpec(String optimizer, Double lr, String schedule) {

    public PathSpec {
        Optimizers.parse(optimizer); // validates name and hyperparameters with the registry's messages
        if (lr != null && (!(lr > 0) || Double.isInfinite(lr))) {
            throw new IllegalArgumentException(optimizer + ": lr must be finite and > 0, got " + lr);
        }
        if (schedule != null) {
            Schedules.parse(schedule, 1, lr == null ? 1 : lr);
        }
    }

    /** Reads {@code name}, {@code name(k=v, ...)}, with optional {@code lr=} and {@code schedule=} keys. */
    public static PathSpec parse(String spec) {
        String s = spec.strip();
        int open = s.indexOf('(');
        if (open < 0) {
            return new PathSpec(s, null, null);
        }
        if (!s.endsWith(")")) {
            throw new IllegalArgumentException("cannot parse optimizer spec '" + spec + "': missing ')' at the end");
        }
        String name = s.substring(0, open).strip();
        Double lr = null;
        String schedule = null;
        List<String> rest = new ArrayList<>();
        for (String part : splitTopLevel(s.substring(open + 1, s.length() - 1))) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? "" : part.substring(0, eq).strip();
            String value = eq < 0 ? "" : part.substring(eq + 1).strip();
            if (key.equals("lr")) {
                try {
                    lr = Double.parseDouble(value);
                } catch (NumberFormatException x) {
                    throw new IllegalArgumentException(name + ": lr must be a number, got '" + value + "'");
                }
            } else if (key.equals("schedule")) {
                schedule = value;
            } else if (!part.isBlank()) {
                rest.add(part.strip());
            }
        }
        return new PathSpec(rest.isEmpty() ? name : name + "(" + String.join(", ", rest) + ")", lr, schedule);
    }

    /** Splits at commas outside parentheses and brackets. */
    public static List<String> splitTopLevel(String body) {
        List<String> out = new ArrayList<>();
        int depth = 0, from = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(body.substring(from, i));
                from = i + 1;
            }
        }
        out.add(body.substring(from));
        return out;
    }

    /** The registry name, e.g. {@code momentum} for {@code momentum(momentum=0.9)}. */
    public String name() {
        int open = optimizer.indexOf('(');
        return (open < 0 ? optimizer : optimizer.substring(0, open)).strip().toLowerCase(Locale.ROOT);
    }

    public PathSpec withLr(double newLr) {
        return new PathSpec(optimizer, newLr, schedule);
    }

    public PathSpec withSchedule(String newSchedule) {
        return new PathSpec(optimizer, lr, newSchedule);
    }

    /** A new optimizer instance. */
    public Optimizer newOptimizer() {
        return Optimizers.parse(optimizer);
    }

    /** The schedule at base rate {@code baseLr}: constant without a schedule spec. */
    public Schedule schedule(double baseLr) {
        return schedule == null ? Schedule.constant(baseLr) : Schedules.parse(schedule, 1, baseLr);
    }

    @Override
    public String toString() {
        List<String> extra = new ArrayList<>();
        if (lr != null) {
            extra.add("lr=" + formatLr(lr));
        }
        if (schedule != null) {
            extra.add("schedule=" + schedule);
        }
        if (extra.isEmpty()) {
            return optimizer;
        }
        String joined = String.join(", ", extra);
        return optimizer.endsWith(")") ? optimizer.substring(0, optimizer.length() - 1) + ", " + joined + ")"
                : optimizer + "(" + joined + ")";
    }

    /** Short, exact enough to reproduce a grid value: 0.001, 0.00316, 1. */
    public static String formatLr(double lr) {
        String s = String.format(Locale.ROOT, "%.3g", lr);
        if (s.contains("e")) {
            return s.replaceAll("\\.?0+e", "e");
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
