package dev.descent.plot;

/** Makes AWT headless before anything in this package touches it: reports run on servers without a display. */
final class Awt {
    private Awt() {
    }

    static {
        // Respect an explicit choice (a desktop caller may want a window); otherwise never look for a display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Runs the static initializer; cheap to call again. */
    static void ensureHeadless() {
    }
}
