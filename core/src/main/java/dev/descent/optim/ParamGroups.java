package dev.descent.optim;

import dev.descent.tensor.ParamView;
import dev.descent.tensor.Parameters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Parameter groups: disjoint ranges of the flat parameter array, each with a learning-rate multiplier and
 * weight decay on or off (e.g. no weight decay on biases). An optimizer runs its fused loop once per
 * group, so groups cost nothing per element.
 *
 * <pre>{@code
 * ParamGroups groups = ParamGroups.byKind(params, Map.of(ParamView.Kind.BIAS, new ParamGroups.Options(1.0, false)));
 * Optimizer grouped = groups.bind(Optimizers.parse("adamw(weight_decay=0.05)"));
 * grouped.useWorkers(pool);                          // the loop of each group is split over the threads
 * grouped.step(params.data(), params.grad(), lr);   // biases: no decay
 * }</pre>
 */
public final class ParamGroups {

    /** One range {@code [from, to)} of the flat array. */
    public record Group(String name, int from, int to, double lrScale, boolean weightDecay) {
        public Group {
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("group " + name + ": range must satisfy 0 <= from <= to, got [" + from + ", " + to + ")");
            }
            Checks.nonNegative("group " + name + " lr_scale", lrScale);
        }
    }

    /** Per-kind choices for {@link #byKind}. */
    public record Options(double lrScale, boolean weightDecay) {
        public static final Options DEFAULT = new Options(1.0, true);

        public Options {
            Checks.nonNegative("lr_scale", lrScale);
        }
    }

    /** Everything as one group, with weight decay and the unscaled learning rate. */
    public static final ParamGroups ALL = new ParamGroups(new Group[0], true);

    private final Group[] groups;
    private final boolean all;

    private ParamGroups(Group[] groups, boolean all) {
        this.groups = groups;
        this.all = all;
    }

    /** Groups given explicitly; they must not overlap. */
    public static ParamGroups of(Group... groups) {
        Group[] sorted = groups.clone();
        Arrays.sort(sorted, (a, b) -> Integer.compare(a.from(), b.from()));
        for (int k = 1; k < sorted.length; k++) {
            if (sorted[k].from() < sorted[k - 1].to()) {
                throw new IllegalArgumentException("groups overlap: " + sorted[k - 1] + " and " + sorted[k]);
            }
        }
        return new ParamGroups(sorted, false);
    }

    /**
     * One group per run of consecutive views of the same kind, with the options of that kind
     * ({@link Options#DEFAULT} for kinds not in the map).
     */
    public static ParamGroups byKind(Parameters params, Map<ParamView.Kind, Options> options) {
        List<Group> out = new ArrayList<>();
        ParamView.Kind runKind = null;
        int runFrom = 0, runTo = 0;
        for (ParamView v : params.views()) {
            if (v.kind() != runKind || v.offset() != runTo) {
                if (runKind != null) {
                    out.add(group(runKind, runFrom, runTo, options));
                }
                runKind = v.kind();
                runFrom = v.offset();
            }
            runTo = v.end();
        }
        if (runKind != null) {
            out.add(group(runKind, runFrom, runTo, options));
        }
        return of(out.toArray(Group[]::new));
    }

    /**
     * The groups a layer-wise rule ({@link Optimizer#layerwise}: LAMB, LARS) steps by: one per view, biases without
     * weight decay and so without a trust ratio (the usual exclusion; TF Model Garden, timm).
     */
    public static ParamGroups layerwise(Parameters params) {
        return byView(params, Map.of(ParamView.Kind.BIAS, new Options(1, false)));
    }

    /**
     * One group per view (per weight matrix, per bias vector), with the options of its kind: the ranges
     * layer-wise update transforms such as a trust ratio work on (see {@link GradientTransform}).
     */
    public static ParamGroups byView(Parameters params, Map<ParamView.Kind, Options> options) {
        List<Group> out = new ArrayList<>();
        for (ParamView v : params.views()) {
            Options o = options.getOrDefault(v.kind(), Options.DEFAULT);
            out.add(new Group(v.name(), v.offset(), v.end(), o.lrScale(), o.weightDecay()));
        }
        return of(out.toArray(Group[]::new));
    }

    private static Group group(ParamView.Kind kind, int from, int to, Map<ParamView.Kind, Options> options) {
        Options o = options.getOrDefault(kind, Options.DEFAULT);
        return new Group(kind.name().toLowerCase() + "@" + from, from, to, o.lrScale(), o.weightDecay());
    }

    /** True for {@link #ALL}. */
    public boolean isAll() {
        return all;
    }

    public List<Group> groups() {
        return List.of(groups);
    }

    /** The number of groups (0 for {@link #ALL}); with {@link #get}, a walk over the groups that allocates nothing. */
    public int size() {
        return groups.length;
    }

    /** Group {@code k}, in order of {@code from}. */
    public Group get(int k) {
        return groups[k];
    }

    void checkFits(int length) {
        if (groups.length > 0 && groups[groups.length - 1].to() > length) {
            throw new IllegalArgumentException("group " + groups[groups.length - 1] + " ends past the " + length + " parameters");
        }
    }

    /**
     * {@code optimizer} with these groups bound: every step that is not given groups of its own
     * ({@link Optimizer#step(float[], float[], double)}, or {@link #ALL}) uses them; a step given other
     * groups is rejected. It is the same chain of links and state (see {@link GradientChain}), so it runs on
     * the worker threads {@link Optimizer#useWorkers} gives it and saves and restores its links' counters.
     */
    public GradientChain bind(Optimizer optimizer) {
        return GradientChain.of(optimizer).bind(this);
    }

    @Override
    public String toString() {
        return all ? "ParamGroups.ALL" : "ParamGroups" + Arrays.toString(groups);
    }
}
