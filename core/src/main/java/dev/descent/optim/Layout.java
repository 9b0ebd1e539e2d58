package dev.descent.optim;

import dev.descent.tensor.ParamView;

import java.util.List;

/**
 * The parameter views as rules that work on whole tensors see them (Muon, Adafactor, SOAP): each view's range
 * of the flat array and its shape as a matrix, {@code rows × cols} with {@code cols} the last dimension and
 * {@code rows} the product of the others. That is descent's fan-in × fan-out: a dense weight is stored
 * {@code in × out}, a convolution's {@code kh × kw × in × out} reads as {@code (kh·kw·in) × out}. PyTorch stores
 * the same weights transposed ({@code out × in}), which is why the rules' javadoc speaks of fan-in and fan-out.
 *
 * <pre>{@code
 * Layout layout = Layout.of(net.parameters().views());
 * for (int k = 0; k < layout.size(); k++) {
 *     if (layout.isMatrix(k)) { ... layout.from(k), layout.rows(k), layout.cols(k) ... }
 * }
 * }</pre>
 */
public final class Layout {

    /** No views: every parameter is part of one flat vector. */
    public static final Layout NONE = new Layout(List.of());

    private final ParamView[] views;
    private final int firstWeight;
    private final int lastWeight;

    private Layout(List<ParamView> views) {
        this.views = views.toArray(ParamView[]::new);
        int first = -1, last = -1;
        for (int k = 0; k < this.views.length; k++) {
            if (k > 0 && this.views[k].offset() < this.views[k - 1].end()) {
                throw new IllegalArgumentException("views must be in order and disjoint: " + this.views[k - 1] + " and " + this.views[k]);
            }
            if (this.views[k].kind() == ParamView.Kind.WEIGHT) {
                first = first < 0 ? k : first;
                last = k;
            }
        }
        this.firstWeight = first;
        this.lastWeight = last;
    }

    /** The layout of {@code views}, which must be in offset order and disjoint (as {@code Parameters} builds them). */
    public static Layout of(List<ParamView> views) {
        return views.isEmpty() ? NONE : new Layout(Checks.notNull("views", views));
    }

    public int size() {
        return views.length;
    }

    public ParamView view(int k) {
        return views[k];
    }

    public int from(int k) {
        return views[k].offset();
    }

    public int to(int k) {
        return views[k].end();
    }

    /** Dimensions of view {@code k}. */
    public int rank(int k) {
        return views[k].shape().length;
    }

    /** True for views of two or more dimensions. */
    public boolean isMatrix(int k) {
        return rank(k) >= 2;
    }

    /** Product of all dimensions but the last: the fan-in. */
    public int rows(int k) {
        return views[k].size() / cols(k);
    }

    /** The last dimension: the fan-out. */
    public int cols(int k) {
        int[] s = views[k].shape();
        return s[s.length - 1];
    }

    /** True for the first and the last weight: the input layer and the head. */
    public boolean isFirstOrLastWeight(int k) {
        return k == firstWeight || k == lastWeight;
    }

    /** The largest {@code rows × cols} over the matrices, 0 if none. */
    public long largestMatrix() {
        long m = 0;
        for (int k = 0; k < views.length; k++) {
            if (isMatrix(k)) {
                m = Math.max(m, (long) rows(k) * cols(k));
            }
        }
        return m;
    }

    @Override
    public String toString() {
        return "Layout" + java.util.Arrays.toString(views);
    }
}
