package dev.descent.spec;

/**
 * A spec text that does not follow the syntax: says what was wrong, where (the text and the 1-based
 * character), and what is allowed.
 *
 * <pre>{@code
 * try { Spec.parse("adam(beta1)", "optimizer"); }
 * catch (SpecSyntaxException e) { e.problem(); e.position(); e.getMessage(); }
 * // cannot parse optimizer spec 'adam(beta1)': expected key=value, got 'beta1' (at character 6) ...
 * }</pre>
 */
public final class SpecSyntaxException extends IllegalArgumentException {

    /** What kind of mistake it is. */
    public enum Problem {
        EMPTY, MISSING_CLOSE, UNBALANCED, EXPECTED_PAIR, MISSING_KEY, DUPLICATE_KEY, MISSING_VALUE, BAD_NAME,
        UNTERMINATED_STRING, TRAILING
    }

    /** What a spec may look like, appended to every message. */
    static final String ALLOWED = "a spec is name or name(key=value, ...); a value is a number, true/false, a word, "
            + "a \"quoted string\", a [list, ...] or a nested spec";

    private final Problem problem;
    private final String kind;
    private final String text;
    private final int position;
    private final String detail;

    SpecSyntaxException(Problem problem, String kind, String text, int position, String detail) {
        super("cannot parse " + kind + " spec '" + text + "': " + detail + " (at character " + (position + 1) + "); "
                + ALLOWED);
        this.problem = problem;
        this.kind = kind;
        this.text = text;
        this.position = position;
        this.detail = detail;
    }

    public Problem problem() {
        return problem;
    }

    /** What the text was meant to be: optimizer, schedule, function, ... */
    public String kind() {
        return kind;
    }

    /** The whole text that was parsed. */
    public String text() {
        return text;
    }

    /** Where in {@link #text()} the problem is, 0-based. */
    public int position() {
        return position;
    }

    /** The problem in words, without the text and position, e.g. {@code beta1 given twice}. */
    public String detail() {
        return detail;
    }
}
