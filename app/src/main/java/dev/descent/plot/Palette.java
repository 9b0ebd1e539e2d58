package dev.descent.plot;

import java.awt.Color;

/**
 * Colours: a categorical palette for series and a sequential colour map for contour fills.
 *
 * <p>The categorical palette is Okabe &amp; Ito's (2008, "Color Universal Design"), which stays
 * distinguishable under the common colour-vision deficiencies. Its yellow is last because it is hard to
 * see on white; after eight colours it repeats (vary dash or width if you need more).
 *
 * <p>The sequential map is viridis (van der Walt &amp; Smith, matplotlib), perceptually uniform and
 * readable in greyscale.
 */
public final class Palette {
    private Palette() {
    }

    private static final Color[] OKABE_ITO = {
            new Color(0x0072B2), // blue
            new Color(0xD55E00), // vermillion
            new Color(0x009E73), // bluish green
            new Color(0xE69F00), // orange
            new Color(0xCC79A7), // reddish purple
            new Color(0x56B4E9), // sky blue
            new Color(0x000000), // black
            new Color(0xF0E442), // yellow
    };

    private static final int[] VIRIDIS = {
            0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725};

    /** Number of distinct categorical colours before {@link #color(int)} repeats. */
    public static int size() {
        return OKABE_ITO.length;
    }

    /** The {@code i}-th categorical colour (cycling), for the {@code i}-th series. */
    public static Color color(int i) {
        if (i < 0) {
            throw new IllegalArgumentException("palette index must be >= 0, got " + i);
        }
        return OKABE_ITO[i % OKABE_ITO.length];
    }

    /** Viridis at {@code t} in [0, 1] (clamped), linearly interpolated between ten anchors. */
    public static Color viridis(double t) {
        t = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
        double p = t * (VIRIDIS.length - 1);
        int i = Math.min((int) p, VIRIDIS.length - 2);
        return mix(new Color(VIRIDIS[i]), new Color(VIRIDIS[i + 1]), p - i);
    }

    /** {@code (1 - t) * a + t * b} per channel. */
    public static Color mix(Color a, Color b, double t) {
        return new Color(
                (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }

    /** {@code #rrggbb}. */
    public static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
