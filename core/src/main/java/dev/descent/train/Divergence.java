package dev.descent.train;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * When a run has diverged: its minibatch loss is not finite (NaN or ±infinity), or it is above {@code factor}
 * times the run's initial loss. The initial loss is the loss of step 1 (before any update; the first finite
 * one if step 1 was skipped by {@code on_nonfinite=skip}). The trainer stops a diverged run at that step, so
 * divergence is a result: a step and a {@link Cause}, never a silently "finished" run at chance accuracy.
 *
 * <p><b>The default: 10 × the initial loss.</b> Benchmark tools agree on the non-finite rule (DeepOBS aborts
 * a run whose loss is NaN or infinite, Keras has {@code TerminateOnNaN}) and differ on the multiple. The
 * learning-rate range test (Smith 2017; fastai's and Lightning's {@code lr_find} stop above 4× the best loss,
 * torch-lr-finder above 5×) is deliberately eager: it only looks for where the loss turns. Benchopt calls a
 * solver diverging when its objective grows by more than 10⁵ times the initial one between two evaluations.
 * descent compares optimizers over whole runs, so an early spike that recovers must not end a run: the
 * reference CNN's Adam run peaks at about 2.5× its initial loss on step 2 and then trains normally. Ten times
 * sits well above such spikes and far below what a blown-up run reaches (an MLP at learning rate 10⁶:
 * 9.6·10²² at chance accuracy). For cross-entropy over 10 classes (initial loss ≈ ln 10 ≈ 2.3) the limit is
 * ≈ 23: the network then gives the right class a geometric-mean probability below e⁻²³, far worse than a guess. Only a
 * loss <em>above</em> the limit diverges; an initial loss ≤ 0 has no meaningful multiple, and then only the
 * non-finite rule applies.
 *
 * <pre>{@code
 * Divergence.DEFAULT                     // non-finite, or above 10 × the initial loss
 * Divergence.aboveInitial(100)           // a more tolerant multiple
 * Divergence.NON_FINITE_ONLY             // only NaN or ±infinity
 * Divergence.parse("off")                // the same, as written on the command line and in study files
 * Cause c = Divergence.DEFAULT.test(loss, initialLoss);   // null: not diverged
 * }</pre>
 */
public final class Divergence {
    /** The default multiple of the initial loss above which a run has diverged. */
    public static final double DEFAULT_FACTOR = 10;
    /** How the multiple is turned off in {@link #parse} and {@link #toString()}. */
    public static final String OFF = "off";

    /** Non-finite, or above {@value #DEFAULT_FACTOR} × the initial loss. */
    public static final Divergence DEFAULT = new Divergence(DEFAULT_FACTOR);
    /** Only a non-finite loss diverges. */
    public static final Divergence NON_FINITE_ONLY = new Divergence(Double.NaN);

    /** Why a run diverged. */
    public enum Cause {
        /** The loss became NaN or ±infinity. */
        NON_FINITE_LOSS("non-finite loss"),
        /** A gradient became NaN or ±infinity while the loss was finite (seen only by {@code on_nonfinite=stop}). */
        NON_FINITE_GRADIENT("non-finite gradient"),
        /** The loss rose above the stated multiple of the initial loss. */
        ABOVE_LIMIT("loss above the limit");

        private final String label;

        Cause(String label) {
            this.label = label;
        }

        /** A short label, e.g. {@code loss above the limit}. */
        public String label() {
            return label;
        }
    }

    /**
     * A diverged run: the step it stopped at (1-based), why, the loss of that step and the limit it was held to
     * ({@code NaN} when no multiple applied), and one line saying so for people.
     */
    public record Event(long step, Cause cause, double loss, double limit, String message) {
    }

    private final double factor;   // NaN: no multiple

    private Divergence(double factor) {
        this.factor = factor;
    }

    /**
     * Non-finite, or above {@code factor} × the initial loss.
     *
     * @throws IllegalArgumentException unless {@code factor} is finite and &gt; 1
     */
    public static Divergence aboveInitial(double factor) {
        if (!(factor > 1) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("divergence factor must be a finite number > 1 (or " + OFF
                    + " for non-finite losses only), got " + factor);
        }
        return factor == DEFAULT_FACTOR ? DEFAULT : new Divergence(factor);
    }

    /** {@code off}, or a factor as {@link #aboveInitial} takes it, e.g. {@code 10} or {@code 1e3}. */
    public static Divergence parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.equals(OFF)) {
            return NON_FINITE_ONLY;
        }
        double f;
        try {
            f = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("divergence factor must be a finite number > 1, or " + OFF
                    + " for non-finite losses only, got '" + text + "'");
        }
        return aboveInitial(f);
    }

    /** The multiple of the initial loss, empty when only non-finite losses diverge. */
    public OptionalDouble factor() {
        return Double.isNaN(factor) ? OptionalDouble.empty() : OptionalDouble.of(factor);
    }

    /** The largest loss that is not divergence, for a run that started at {@code initialLoss}; NaN when none applies. */
    public double limit(double initialLoss) {
        return Double.isNaN(factor) || !(initialLoss > 0) || !Double.isFinite(initialLoss) ? Double.NaN : factor * initialLoss;
    }

    /** Whether {@code loss} diverges for a run whose initial loss was {@code initialLoss}; null if it does not. */
    public Cause test(double loss, double initialLoss) {
        if (!Double.isFinite(loss)) {
            return Cause.NON_FINITE_LOSS;
        }
        return loss > limit(initialLoss) ? Cause.ABOVE_LIMIT : null;   // false for a NaN limit
    }

    /** The event for {@code loss} at {@code step} if it diverges, else null. */
    public Event check(long step, double loss, double initialLoss) {
        Cause cause = test(loss, initialLoss);
        if (cause == null) {
            return null;
        }
        double limit = limit(initialLoss);
        String message = cause == Cause.NON_FINITE_LOSS
                ? String.format(Locale.ROOT, "diverged at step %d: the loss became %s", step, loss)
                : String.format(Locale.ROOT, "diverged at step %d: the loss %.6g is above %s × the initial loss %.6g (limit %.6g)",
                        step, loss, this, initialLoss, limit);
        return new Event(step, cause, loss, limit, message);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Divergence d && Double.compare(d.factor, factor) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(factor);
    }

    /** The factor as {@link #parse} reads it ({@code 10}, {@code 2.5}) or {@code off}. */
    @Override
    public String toString() {
        if (Double.isNaN(factor)) {
            return OFF;
        }
        return factor == Math.rint(factor) && Math.abs(factor) < 1e15 ? String.valueOf((long) factor) : String.valueOf(factor);
    }
}
