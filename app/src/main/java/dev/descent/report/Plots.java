package dev.descent.report;

import dev.descent.study.RunResult;
import dev.descent.study.StudySpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The study's figures, drawn from run results. */
final class Plots {
    /** One figure written as {@code png} and {@code svg}. */
    record Figure(String id, String title, String caption, Path png, Path svg) {
    }

    private Plots() {
    }

    static List<Figure> render(Path dir, List<RunResult> results, StudySpec spec, double smoothing) throws IOException {
        return new ArrayList<>();
    }
}
