package dev.descent.data;

import java.util.Arrays;

/**
 * Which training examples are held out as a validation set: the rule that lets a tuner pick
 * hyperparameters without ever looking at the test set.
 *
 * <p>Three rules, each written in a sweep file as its {@link #toString() text form} and read back by
 * {@link #parse(String)}:
 * <ul>
 *   <li>{@code none}: nothing is held out; the training set is used whole.</li>
 *   <li>{@code tf1}: TensorFlow 1's {@code read_data_sets(train_dir, validation_size=5000)}, the split the
 *       article's notebook trained on: the <em>first</em> 5000 training images are the validation set, the
 *       remaining ones (55000 for MNIST) the training set. TF1 does exactly
 *       <pre>{@code
 * validation_images = train_images[:validation_size]
 * train_images = train_images[validation_size:]
 *       }</pre>
 *       (tensorflow/tensorflow, {@code tensorflow/contrib/learn/python/learn/datasets/mnist.py},
 *       {@code read_data_sets}, default {@code validation_size=5000}).</li>
 *   <li>{@code N} (a positive integer): {@code N} examples held out by a fixed stratified rule, below.</li>
 * </ul>
 *
 * <p><b>The rule for {@code N}</b> (systematic sampling within each class):
 * <ol>
 *   <li>Class {@code c}, with {@code n_c} of the {@code count} training examples, gets the quota
 *       {@code q_c = floor(N · n_c / count)}; the {@code N − Σ q_c} examples left over go one each to the
 *       classes with the largest remainders {@code N · n_c mod count}, the lower label first on a tie
 *       (Hamilton's largest-remainder apportionment). So every class is held out in its share of the
 *       training set, within one example, and the quotas add up to exactly {@code N}.</li>
 *   <li>Within class {@code c}, taking its examples in file order as members {@code 0 .. n_c − 1}, the
 *       members {@code floor((2k + 1) · n_c / (2 q_c))} for {@code k = 0 .. q_c − 1} are held out: evenly
 *       spaced, centred in their strides.</li>
 * </ol>
 * Why this rule: it depends on nothing but the labels (no run seed, so every run, optimizer and trial of
 * a sweep is selected on the very same examples, and a change of seed never moves an example between
 * training and validation); stratifying keeps each class's share, so a small validation set is not
 * skewed towards a few digits; spreading the picks over the whole file, rather than taking its first or
 * last examples, guards against any order in the file (writers, collection batches); and it is one pass
 * over the labels, {@code O(count)}.
 *
 * <p>Both parts keep the original order of their examples. A rule is checked against the training set
 * when applied: at least one example must remain on each side.
 *
 * <pre>{@code
 * Validation v = Validation.parse("tf1");          // or "none", or "5000"
 * Dataset.Split data = datasets.load("mnist", dir, log, progress).holdOut(v);
 * data.train();       // 55000 images
 * data.validation();  // 5000 images: the first 5000 of the training file
 * data.test();        // untouched
 * }</pre>
 */
public record Validation(Rule rule, int size) {
    /** The kind of rule; {@link #size} is the number of examples it holds out. */
    public enum Rule {
        /** Nothing held out. */
        NONE,
        /** TF1's {@code read_data_sets}: the first 5000 training examples. */
        TF1,
        /** {@code size} examples, stratified by class and evenly spaced in each class. */
        STRATIFIED
    }

    /** The validation size of TF1's {@code read_data_sets}. */
    public static final int TF1_SIZE = 5000;

    private static final String ALLOWED = "allowed: none, tf1 (the first " + TF1_SIZE
            + " training examples, as TF1's read_data_sets), or a whole number of examples >= 1";

    public Validation {
        if (rule == null) {
            throw new IllegalArgumentException("validation rule must be given; " + ALLOWED);
        }
        int expected = switch (rule) {
            case NONE -> 0;
            case TF1 -> TF1_SIZE;
            case STRATIFIED -> size;
        };
        if (size != expected || (rule == Rule.STRATIFIED && size < 1)) {
            throw new IllegalArgumentException("validation " + rule + " holds out "
                    + (rule == Rule.STRATIFIED ? "at least 1 example" : expected + " examples") + ", got " + size);
        }
    }

    /** Nothing held out. */
    public static Validation none() {
        return new Validation(Rule.NONE, 0);
    }

    /** TF1's {@code read_data_sets} split: the first 5000 training examples. */
    public static Validation tf1() {
        return new Validation(Rule.TF1, TF1_SIZE);
    }

    /** {@code n} examples held out by the stratified rule (see the class comment). */
    public static Validation holdOut(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("validation must hold out at least 1 example, got " + n + "; " + ALLOWED);
        }
        return new Validation(Rule.STRATIFIED, n);
    }

    /**
     * Reads the text form: {@code none}, {@code tf1}, or a whole number {@code N >= 1}.
     *
     * @throws IllegalArgumentException naming the text and what is allowed
     */
    public static Validation parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("validation must be given; " + ALLOWED);
        }
        String t = text.strip();
        switch (t) {
            case "none":
                return none();
            case "tf1":
                return tf1();
            default:
                break;
        }
        if (!t.isEmpty() && t.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            long n;
            try {
                n = Long.parseLong(t);
            } catch (NumberFormatException e) {
                n = Long.MAX_VALUE;
            }
            if (n >= 1 && n <= Integer.MAX_VALUE) {
                return holdOut((int) n);
            }
        }
        throw new IllegalArgumentException("validation \"" + text + "\" is not understood; " + ALLOWED);
    }

    /** The text form {@link #parse} reads back: {@code none}, {@code tf1} or the number of examples. */
    @Override
    public String toString() {
        return switch (rule) {
            case NONE -> "none";
            case TF1 -> "tf1";
            case STRATIFIED -> Integer.toString(size);
        };
    }

    /**
     * The indices of the examples of {@code train} this rule holds out, ascending; empty for {@code none}.
     *
     * @throws IllegalArgumentException unless the rule leaves at least one example on each side, saying
     *                                  which sizes are allowed for this training set
     */
    public int[] indices(Dataset train) {
        int count = train.count();
        if (rule == Rule.NONE) {
            return new int[0];
        }
        if (size > count - 1) {
            throw new IllegalArgumentException("validation " + this + " holds out " + size + " examples of "
                    + train.name() + "'s " + count + " training examples; it must be in [1, " + (count - 1)
                    + "] so that training keeps at least one");
        }
        if (rule == Rule.TF1) {
            int[] first = new int[size];
            Arrays.setAll(first, i -> i);
            return first;
        }
        return stratified(train.labels(), train.classes(), size);
    }

    /** The stratified, evenly spaced selection of the class comment; {@code 1 <= n < labels.length}. */
    static int[] stratified(int[] labels, int classes, int n) {
        int count = labels.length;
        int[] perClass = new int[classes];
        for (int label : labels) {
            perClass[label]++;
        }
        int[] quota = new int[classes];
        long[] remainder = new long[classes];
        int given = 0;
        for (int c = 0; c < classes; c++) {
            long share = (long) n * perClass[c];
            quota[c] = (int) (share / count);
            remainder[c] = share % count;
            given += quota[c];
        }
        // Largest remainders first, lower label on a tie. Each extra lands on a class with a nonzero
        // remainder (they sum to a multiple of count below count × their number), so quota[c] <= perClass[c].
        Integer[] byRemainder = new Integer[classes];
        Arrays.setAll(byRemainder, c -> c);
        Arrays.sort(byRemainder, (a, b) -> remainder[a] != remainder[b] ? Long.compare(remainder[b], remainder[a])
                : Integer.compare(a, b));
        for (int i = 0; given < n; i++, given++) {
            quota[byRemainder[i]]++;
        }
        boolean[] held = new boolean[count];
        int[] member = new int[classes];
        int[] next = new int[classes]; // k of the next member to hold out in each class
        for (int i = 0; i < count; i++) {
            int c = labels[i];
            int q = quota[c];
            if (next[c] < q && member[c] == (int) ((2L * next[c] + 1) * perClass[c] / (2L * q))) {
                held[i] = true;
                next[c]++;
            }
            member[c]++;
        }
        int[] out = new int[n];
        for (int i = 0, j = 0; i < count; i++) {
            if (held[i]) {
                out[j++] = i;
            }
        }
        return out;
    }
}
