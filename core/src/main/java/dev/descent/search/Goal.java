package dev.descent.search;

/** Which way a metric is better: {@code MAXIMIZE} for an accuracy, {@code MINIMIZE} for a loss. */
public enum Goal {
    MAXIMIZE, MINIMIZE;

    /**
     * Compares two finite metrics so that the better one comes first: negative when {@code a} is better.
     */
    public int compare(double a, double b) {
        return this == MAXIMIZE ? Double.compare(b, a) : Double.compare(a, b);
    }
}
