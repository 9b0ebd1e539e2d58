package dev.descent.study;

import java.io.StringReader;

/**
 * A study file given as text, for tests outside this package: parsed by the same {@link StudyFile} code that
 * reads files and presets.
 *
 * <pre>{@code
 * StudySpec s = StudyText.parse("""
 *         name: tiny
 *         optimizers: [{name: sgd, optimizer: sgd, lr: 0.1}]
 *         """);
 * }</pre>
 */
public final class StudyText {
    private StudyText() {
    }

    public static StudySpec parse(String yaml) {
        return StudyFile.parse(new StringReader(yaml), "inline study");
    }
}
