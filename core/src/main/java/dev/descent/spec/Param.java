package dev.descent.spec;

/**
 * One key a registry entry accepts: its type, default, allowed range and meaning, as the listings print them.
 *
 * <pre>{@code
 * Param p = new Param("beta1", Param.Type.NUMBER, "0.9", "[0, 1)", "decay of the first moment", null);
 * Param s = new Param("decay_steps", Param.Type.WHOLE, null, "> 0", "length of the decay", "decay_epochs");
 * }</pre>
 *
 * @param defaultValue the default as it is written, or {@code null} when the key is required
 * @param range        what values are allowed, in words or interval notation ({@code [0, 1)}, {@code true, false})
 * @param alias        another key that may be given instead (in other units, e.g. {@code decay_epochs}), or
 *                     {@code null}
 */
public record Param(String key, Type type, String defaultValue, String range, String doc, String alias) {

    /** What a key holds. */
    public enum Type {
        NUMBER, WHOLE, BOOLEAN, CHOICE, STRING, NUMBER_LIST, WHOLE_LIST, SPEC, SPEC_LIST;

        /** The name the listings print: number, whole, boolean, choice, ... */
        public String display() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    public Param {
        if (key == null || !Value.WORD.matcher(key).matches()) {
            throw new IllegalArgumentException("a parameter key is a word, got '" + key + "'");
        }
        if (type == null) {
            throw new IllegalArgumentException(key + ": type must not be null");
        }
        range = range == null ? "" : range;
        doc = doc == null ? "" : doc;
    }

    /** A key without an alias. */
    public Param(String key, Type type, String defaultValue, String range, String doc) {
        this(key, type, defaultValue, range, doc, null);
    }

    public boolean required() {
        return defaultValue == null;
    }

    /** The key as the listings and the "allowed" part of errors print it: {@code decay_steps (or decay_epochs)}. */
    public String display() {
        return alias == null ? key : key + " (or " + alias + ")";
    }
}
