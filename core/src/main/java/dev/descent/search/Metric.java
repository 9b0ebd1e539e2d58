package dev.descent.search;

import java.util.Locale;

/**
 * What a trial is judged by: a validation {@code accuracy} (higher is better) or {@code loss} (lower is better),
 * taken at the end of the trial ({@link At#FINAL}) or as the best value of its evaluations ({@link At#BEST}).
 *
 * <p>Text form (sweep files, {@code summary.json}): {@code accuracy}, {@code loss}, {@code accuracy(at=best)},
 * {@code loss(at=final)}; read by {@link #parse}, printed by {@code toString()}.
 */
public record Metric(Kind kind, At at) {

    /** Which number. */
    public enum Kind {
        ACCURACY(Goal.MAXIMIZE), LOSS(Goal.MINIMIZE);

        private final Goal goal;

        Kind(Goal goal) {
            this.goal = goal;
        }

        public Goal goal() {
            return goal;
        }

        public String display() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which evaluation of a trial: its last one, or its best so far. */
    public enum At {
        FINAL, BEST;

        public String display() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Metric {
        java.util.Objects.requireNonNull(kind, "kind");
        java.util.Objects.requireNonNull(at, "at");
    }

    public static final Metric FINAL_ACCURACY = new Metric(Kind.ACCURACY, At.FINAL);
    public static final Metric FINAL_LOSS = new Metric(Kind.LOSS, At.FINAL);

    public Goal goal() {
        return kind.goal();
    }

    /**
     * @throws IllegalArgumentException {@code metric 'x' is not allowed; allowed: accuracy, loss, accuracy(at=best), ...}
     */
    public static Metric parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        for (Kind k : Kind.values()) {
            for (At a : At.values()) {
                Metric m = new Metric(k, a);
                if (t.equals(m.toString()) || t.equals(k.display() + "(at=" + a.display() + ")")) {   // at=final may be written out
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("metric '" + text + "' is not allowed; allowed: accuracy, loss, accuracy(at=best), loss(at=best)"
                + " (validation accuracy or loss, at the end of the trial or the best of its evaluations)");
    }

    /** {@code accuracy}, {@code loss(at=best)}: the final value prints without {@code at}. */
    @Override
    public String toString() {
        return at == At.FINAL ? kind.display() : kind.display() + "(at=" + at.display() + ")";
    }
}
