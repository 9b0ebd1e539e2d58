package dev.descent.report;

import dev.descent.search.Goal;
import dev.descent.stats.SampleStats;
import dev.descent.sweep.SweepSummary;
import dev.descent.sweep.SweepSummary.ProblemEntry;
import dev.descent.sweep.SweepSummary.ProfileRow;
import dev.descent.sweep.SweepSummary.Result;
import dev.descent.sweep.SweepSummary.Runs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import static dev.descent.report.Report.number;

/**
 * A sweep's conclusion in sentences, computed from its summary's numbers only: per problem which optimizer wins
 * when each is tuned and whether its lead exceeds the seed spread, how that order differs from the untuned one at
 * the common learning rate, and which optimizer is the most sensitive to its learning rate; over problems, the
 * performance profile. Missing pieces (no untuned runs, an optimizer whose every trial diverged, re-runs not yet
 * made) are said, never skipped silently.
 *
 * <p>The rules, stated in the report as well:
 * <ul>
 *   <li>Winner: the best mean over the re-run seeds of the <em>test</em> metric (accuracy, or loss on a problem
 *       without accuracy); the validation set chose the configuration, so the test set is the unbiased judge.</li>
 *   <li>A lead exceeds the seed spread when the gap between the two best means is larger than the larger of their
 *       two sample standard deviations (the study report's rule); with one seed the spread is unknown.</li>
 *   <li>Sensitivity: {@link SweepSummary.Sensitivity}'s width in decades of the good learning rates; the narrowest
 *       is the most sensitive.</li>
 * </ul>
 *
 * <pre>{@code
 * String text = SweepConclusion.of(SweepSummary.measure(results));
 * }</pre>
 */
final class SweepConclusion {
    private SweepConclusion() {
    }

    /** The paragraphs, one per problem and one for the profile, separated by blank lines. */
    static String of(SweepSummary s) {
        return String.join("\n\n", paragraphs(s));
    }

    static List<String> paragraphs(SweepSummary s) {
        List<String> out = new ArrayList<>();
        for (ProblemEntry p : s.problems()) {
            List<Result> rs = s.resultsOf(p.name());
            List<String> sentences = new ArrayList<>();
            sentences.add(winner(p.name(), rs));
            sentences.addAll(missing(rs));
            String untuned = untuned(rs, s.settings().commonLr());
            if (!untuned.isEmpty()) {
                sentences.add(untuned);
            }
            String sensitivity = sensitivity(rs);
            if (!sensitivity.isEmpty()) {
                sentences.add(sensitivity);
            }
            out.add(String.join(" ", sentences));
        }
        if (s.problems().size() >= 2) {
            out.add(profile(s));
        }
        return out;
    }

    // ---------------------------------------------------------------- the winner

    /** Which optimizer wins on a problem when each is tuned, and whether the lead exceeds the seed spread. */
    static String winner(String problem, List<Result> rs) {
        List<Result> ranked = ranked(rs, r -> r.testStats(r.tuned()));
        if (ranked.isEmpty()) {
            return "On " + problem + " no tuned optimizer has a finished re-run, so there is no winner.";
        }
        Result first = ranked.get(0);
        String what = "test " + first.metric();
        if (ranked.size() == 1) {
            return "On " + problem + " only " + first.optimizer() + " has tuned re-runs: " + what + " " + stats(first.testStats(first.tuned())) + ".";
        }
        Result second = ranked.get(1);
        SampleStats a = first.testStats(first.tuned()), b = second.testStats(second.tuned());
        StringBuilder sb = new StringBuilder("On ").append(problem).append(", each optimizer tuned, ");
        double gap = Math.abs(a.mean() - b.mean());
        if (gap == 0) {
            sb.append(first.optimizer()).append(" and ").append(second.optimizer()).append(" tie at ").append(what).append(' ')
                    .append(number(a.mean(), 4)).append('.');
            return sb.toString();
        }
        sb.append(first.optimizer()).append(" wins with ").append(what).append(' ').append(stats(a)).append(", ahead of ")
                .append(second.optimizer()).append(" (").append(stats(b)).append(")");
        if (a.n() < 2 || b.n() < 2) {
            sb.append("; with one seed the seed spread is unknown, so the lead (").append(number(gap, 4)).append(") may be chance.");
        } else {
            double spread = Math.max(a.std(), b.std());
            sb.append("; the lead (").append(number(gap, 4)).append(gap > spread ? ") exceeds" : ") is within")
                    .append(" the seed spread (the larger std, ").append(number(spread, 4)).append(")")
                    .append(gap > spread ? "." : ", so the order may be chance.");
        }
        return sb.toString();
    }

    /** The results with a finite mean of {@code figure}, best first; equal means keep the sweep's order. */
    private static List<Result> ranked(List<Result> rs, Function<Result, SampleStats> figure) {
        List<Result> out = new ArrayList<>(rs.stream().filter(r -> figure.apply(r).n() > 0).toList());
        out.sort((x, y) -> x.goal().compare(figure.apply(x).mean(), figure.apply(y).mean()));
        return out;
    }

    /** Every optimizer with no tuned result to show, and re-runs that diverged. */
    static List<String> missing(List<Result> rs) {
        List<String> out = new ArrayList<>();
        List<String> untried = rs.stream().filter(r -> r.cost().trials() == 0).map(Result::optimizer).toList();
        if (!untried.isEmpty()) {
            out.add(list(untried) + (untried.size() == 1 ? " has" : " have") + " no tuning trials in the results.");
        }
        List<String> none = rs.stream().filter(r -> r.chosen() == null && r.cost().trials() > 0).map(Result::optimizer).toList();
        if (!none.isEmpty()) {
            out.add("Every tuning trial of " + list(none) + " diverged: " + (none.size() == 1 ? "it has" : "they have")
                    + " no configuration to re-run.");
        }
        List<String> notRun = rs.stream().filter(r -> r.chosen() != null && r.tuned().seeds() == 0).map(Result::optimizer).toList();
        if (!notRun.isEmpty()) {
            out.add(list(notRun) + (notRun.size() == 1 ? " has" : " have") + " no re-runs of the chosen configuration.");
        }
        for (Result r : rs) {
            Runs t = r.tuned();
            if (t.diverged() > 0) {
                out.add(r.optimizer() + "'s tuned re-runs diverged on " + t.diverged() + " of " + t.seeds() + (t.seeds() == 1 ? " seed." : " seeds."));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- tuned vs untuned

    /**
     * How the tuned order differs from the untuned one at the common learning rate: both orders by the mean test
     * metric, optimizers without a finite number (every seed diverged, or no runs) last in the sweep's order.
     * Empty when there are no untuned runs.
     */
    static String untuned(List<Result> rs, double commonLr) {
        if (rs.stream().noneMatch(r -> r.untuned() != null && r.untuned().seeds() > 0)) {
            return "";
        }
        String at = "the common learning rate" + (Double.isFinite(commonLr) ? " " + lr(commonLr) : "");
        List<String> before = order(rs, r -> r.untuned() == null ? SampleStats.of() : r.testStats(r.untuned()));
        List<String> after = order(rs, r -> r.testStats(r.tuned()));
        String untunedText = orderText(rs, before, r -> r.untuned() == null ? SampleStats.of() : r.testStats(r.untuned()));
        if (before.equals(after)) {
            return "Tuning leaves the order at " + at + " unchanged: " + untunedText + ".";
        }
        List<String> moves = new ArrayList<>();
        for (String o : after) {
            int from = before.indexOf(o), to = after.indexOf(o);
            if (from != to) {
                moves.add(o + (to < from ? " rose" : " fell") + " from " + ordinal(from + 1) + " to " + ordinal(to + 1));
            }
        }
        return "At " + at + " (untuned) the order was " + untunedText + "; tuned it is "
                + orderText(rs, after, r -> r.testStats(r.tuned())) + ": " + String.join(", ", moves) + ".";
    }

    private static List<String> order(List<Result> rs, Function<Result, SampleStats> figure) {
        List<String> out = new ArrayList<>(ranked(rs, figure).stream().map(Result::optimizer).toList());
        rs.stream().map(Result::optimizer).filter(o -> !out.contains(o)).forEach(out::add);
        return out;
    }

    private static String orderText(List<Result> rs, List<String> order, Function<Result, SampleStats> figure) {
        List<String> parts = new ArrayList<>();
        for (String o : order) {
            Result r = rs.stream().filter(x -> x.optimizer().equals(o)).findFirst().orElseThrow();
            SampleStats st = figure.apply(r);
            parts.add(o + " (" + (st.n() > 0 ? number(st.mean(), 4) : "no finite result") + ")");
        }
        return String.join(", ", parts);
    }

    // ---------------------------------------------------------------- sensitivity

    /**
     * Which optimizer is the most sensitive to its learning rate: the narrowest width in decades of the learning
     * rates within the tolerance of its best ({@link SweepSummary.Sensitivity}). Empty when no optimizer has one.
     */
    static String sensitivity(List<Result> rs) {
        List<Result> measured = new ArrayList<>(rs.stream().filter(r -> Double.isFinite(r.sensitivity().decades())).toList());
        if (measured.isEmpty()) {
            return "";
        }
        measured.sort(Comparator.comparingDouble(r -> r.sensitivity().decades()));
        Result first = measured.get(0);
        double narrowest = first.sensitivity().decades();
        List<String> most = measured.stream().filter(r -> r.sensitivity().decades() == narrowest).map(Result::optimizer).toList();
        String within = "within " + tolerance(first) + " of {who} best validation " + first.metric();
        String widths = "the width of the good learning rates: " + String.join(", ", measured.stream()
                .map(r -> r.optimizer() + " " + String.format(Locale.ROOT, "%.1f", r.sensitivity().decades())).toList())
                + " decades, measured at " + first.sensitivity().steps() + " steps, where every trial ran";
        String range = narrowest == 0 ? "at a single learning rate" : "over " + decades(narrowest) + " of learning rate";
        if (measured.size() == 1) {
            return first.optimizer() + "'s trials are " + within.replace("{who}", "its") + " " + range + " (" + widths + ").";
        }
        if (most.size() == measured.size()) {
            return "The optimizers are equally sensitive to their learning rate: each is " + within.replace("{who}", "its") + " " + range + " (" + widths + ").";
        }
        return "The most sensitive to its learning rate " + (most.size() == 1 ? "is " : "are ") + list(most) + ": "
                + (most.size() == 1 ? "its" : "their") + " trials are " + within.replace("{who}", most.size() == 1 ? "its" : "their") + " " + range + " only (" + widths + ").";
    }

    private static String tolerance(Result r) {
        return r.goal() == Goal.MAXIMIZE ? Report.number(SweepSummary.ACCURACY_TOLERANCE, 2)
                : Math.round(100 * SweepSummary.LOSS_TOLERANCE) + "%";
    }

    static String decades(double d) {
        return String.format(Locale.ROOT, "%.1f decade%s", d, d == 1 ? "" : "s");
    }

    // ---------------------------------------------------------------- profile

    /** The performance profile at τ = 1 (fastest) and who never reaches the target, over the problems. */
    static String profile(SweepSummary s) {
        int n = s.profile().problems().size();
        List<ProfileRow> rows = s.profile().rows();
        if (rows.stream().allMatch(r -> r.ratios().stream().allMatch(x -> x == null))) {
            return "No optimizer reached its problem's target on any of the " + n + " problems, so the performance profile is empty.";
        }
        List<String> fastest = new ArrayList<>(), never = new ArrayList<>();
        List<ProfileRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingDouble((ProfileRow r) -> -s.profile().fraction(r.optimizer(), 1)));
        for (ProfileRow r : sorted) {
            long first = Math.round(s.profile().fraction(r.optimizer(), 1) * n);
            if (first > 0) {
                fastest.add(r.optimizer() + " on " + first + " of " + n);
            }
            long missed = r.ratios().stream().filter(x -> x == null).count();
            if (missed > 0) {
                never.add(r.optimizer() + " on " + missed);
            }
        }
        String text = "Over the " + n + " problems (performance profile, steps to the target), the fastest to the target is "
                + String.join(", ", fastest) + ".";
        if (!never.isEmpty()) {
            text += " Not reaching the target (on more than half of the seeds): " + String.join(", ", never) + ".";
        }
        return text;
    }

    // ---------------------------------------------------------------- words

    /** "mean ± std" ({@link #pm}), with the number of seeds when there are several. */
    private static String stats(SampleStats st) {
        return pm(st, 4) + (st.n() > 1 ? " over " + st.n() + " seeds" : "");
    }

    /**
     * {@link Report#pm}, except that the std is written in the mean's format when the mean is written with
     * {@code decimals} decimals: seeds that agree to rounding show {@code 0.8000 ± 0.0000}, not {@code ± 1.36e-16}.
     */
    static String pm(SampleStats st, int decimals) {
        String mean = number(st.mean(), decimals);
        if (st.n() < 2 || mean.contains("e")) {
            return Report.pm(st, decimals);
        }
        return mean + " ± " + String.format(Locale.ROOT, "%." + decimals + "f", st.std());
    }

    static String list(List<String> names) {
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    static String ordinal(int k) {
        String suffix = k % 100 >= 11 && k % 100 <= 13 ? "th" : switch (k % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return k + suffix;
    }

    /** A learning rate with three significant digits and no trailing zeros: 0.001, 3.16e-05, 0.0316. */
    static String lr(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        String t = String.format(Locale.ROOT, "%.3g", v);
        if (t.contains("e")) {
            String[] parts = t.split("e");
            return parts[0].replaceAll("\\.?0+$", "") + "e" + parts[1];
        }
        return t.contains(".") ? t.replaceAll("\\.?0+$", "") : t;
    }
}
