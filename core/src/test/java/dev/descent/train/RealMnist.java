package dev.descent.train;

import dev.descent.data.Dataset;
import dev.descent.data.Datasets;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/** MNIST from {@code $DESCENT_DATA} for the training tests: the test is skipped without it, except on CI ({@code CI=true}), where it fails. */
final class RealMnist {
    private RealMnist() {
    }

    static Dataset.Split load() throws IOException {
        String dir = System.getenv("DESCENT_DATA");
        boolean present = dir != null && !dir.isBlank();
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("DESCENT_DATA must point at the data folder on CI");
        }
        Assumptions.assumeTrue(present, "DESCENT_DATA not set: real-data training skipped");
        return Datasets.standard().load("mnist", Path.of(dir), m -> { }, null);
    }
}
