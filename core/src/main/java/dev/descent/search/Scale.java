package dev.descent.search;

import java.util.Locale;

/** How a {@link Dimension.Range} is spaced: evenly in the value ({@code linear}) or in its logarithm ({@code log}). */
public enum Scale {
    LINEAR, LOG;

    /** The name the spec form uses: {@code linear}, {@code log}. */
    public String display() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scale of {@code text} (any case). */
    public static Scale parse(String text, String dimension) {
        for (Scale s : values()) {
            if (s.display().equalsIgnoreCase(text.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException(dimension + ": scale must be log or linear, got '" + text + "'");
    }
}
