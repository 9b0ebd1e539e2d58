package dev.descent.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Sweep files: YAML in, {@link SweepSpec} out, and back. Presets are sweep files shipped in the jar. (Being written.) */
public final class SweepFile {
    /** The shipped presets, in the order {@code descent presets} lists them. */
    public static final List<String> PRESETS = List.of("fair-quick", "fair", "deepobs-fmnist");

    private SweepFile() {
    }

    /** Reads and validates a sweep file; every error names the file, the key and what is allowed. */
    public static SweepSpec read(Path file) throws IOException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** A shipped preset. */
    public static SweepSpec preset(String name) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The sweep file text of {@code spec}: {@code read} of it gives an equal spec. */
    public static String write(SweepSpec spec) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
