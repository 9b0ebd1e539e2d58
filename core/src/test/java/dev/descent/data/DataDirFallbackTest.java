package dev.descent.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.descent.data.IdxFixtures.writeDataset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A --data-dir that lacks the dataset is never passed over silently. */
class DataDirFallbackTest {
    @TempDir
    Path tmp;

    private final List<String> messages = new ArrayList<>();

    private Dataset.Split load(Path dataDir) throws DataException {
        Datasets d = new Datasets(Map.of("DESCENT_DATA", tmp.resolve("env").toString()), tmp.resolve("home"), tmp.resolve("debian"), null);
        return d.load("mnist", dataDir, messages::add, Progress.none());
    }

    @Test
    void incompleteDataDir_saysWhatIsMissingAndWhereItLooksNext() throws Exception {
        writeDataset(tmp.resolve("dir/mnist"), 1, true);
        Files.delete(tmp.resolve("dir/mnist/t10k-labels-idx1-ubyte.gz"));
        writeDataset(tmp.resolve("env/mnist"), 2, true);
        assertEquals(2, load(tmp.resolve("dir")).train().count());
        String warning = messages.stream().filter(m -> m.contains("warning")).findFirst().orElseThrow(() -> new AssertionError(messages));
        assertTrue(warning.startsWith("mnist: warning: --data-dir " + tmp.resolve("dir") + " has no complete mnist"), warning);
        assertTrue(warning.contains(tmp.resolve("dir/mnist") + " (missing t10k-labels-idx1-ubyte.gz)"), warning);
        assertTrue(warning.endsWith("looking next in " + tmp.resolve("env/mnist")), warning);
    }

    @Test
    void completeDataDir_isReadWithoutWarning() throws Exception {
        writeDataset(tmp.resolve("dir/mnist"), 1, true);
        assertEquals(1, load(tmp.resolve("dir")).train().count());
        assertTrue(messages.stream().noneMatch(m -> m.contains("warning")), messages.toString());
    }
}
